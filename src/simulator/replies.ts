/**
 * What a route answers, as data: the server applies latency and writes it. Error bodies follow
 * oracle-reference.md §5: ADF JSON from framework 4, plain text below it, an empty body for a
 * 500 under v4, plain text for 401, and an HTML page for 503 (as a web tier would send).
 */
export interface Reply {
  status: number;
  body: string;
  contentType: string;
  headers?: Record<string, string>;
}

export const ADF_ERROR_TYPE = 'application/vnd.oracle.adf.error+json';
const JSON_TYPE = 'application/json';

const TITLES: Record<number, string> = {
  400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 405: 'Method Not Allowed',
  429: 'Too Many Requests', 500: 'Internal Server Error', 502: 'Bad Gateway', 503: 'Service Unavailable', 504: 'Gateway Timeout',
};

export const toJsonReply = (body: string, status = 200): Reply => ({ status, body, contentType: JSON_TYPE });

export const toTextReply = (status: number, text: string): Reply => ({ status, body: `${text}\n`, contentType: 'text/plain; charset=utf-8' });

export const toUnauthorizedReply = (): Reply => ({
  ...toTextReply(401, 'Unauthorized: the user name or password is not valid, or the account is locked.'),
  headers: { 'www-authenticate': 'Basic realm="Fusion Tenant Simulator"' },
});

export const toUnavailableReply = (): Reply => ({
  status: 503,
  contentType: 'text/html; charset=utf-8',
  body: '<!DOCTYPE html><html><head><title>503 Service Unavailable</title></head><body><h1>Service Unavailable</h1><p>The server is temporarily unable to service your request.</p></body></html>\n',
});

/** A REST (ADF) error shaped by the caller's REST-Framework-Version. */
export const toAdfErrorReply = (status: number, version: number, detail: string, code = `SIM-${status}`): Reply => {
  if (status === 401) return toUnauthorizedReply();
  if (status === 503) return toUnavailableReply();
  const title = TITLES[status] ?? 'Error';
  if (version < 4) return toTextReply(status, detail);
  // MOS 2877145.1: framework 4 sends no details on a 500.
  if (status === 500) return { status, body: '', contentType: ADF_ERROR_TYPE };
  const body = JSON.stringify({ title, status: String(status), 'o:errorDetails': [{ detail, 'o:errorCode': code }] });
  return { status, body, contentType: ADF_ERROR_TYPE };
};

/** SCIM-style error (SCIM is not ADF: JSON whatever the framework header says). */
export const toScimErrorReply = (status: number, detail: string): Reply => {
  if (status === 401) return toUnauthorizedReply();
  if (status === 503) return toUnavailableReply();
  return toJsonReply(JSON.stringify({ schemas: ['urn:scim:api:messages:2.0:Error'], status: String(status), detail }), status);
};

/** Parses a non-negative integer query value; null when absent, NaN when invalid. */
export const parseIntParam = (value: string | null): number | null => {
  if (value === null || value === '') return null;
  return /^\d{1,9}$/.test(value) ? Number(value) : Number.NaN;
};
