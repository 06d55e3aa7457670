import { z } from 'zod';
import { AuditError } from '../errors.ts';
import { registerSecret } from '../util/logger.ts';
import { toDisplayUrl } from '../util/url.ts';
import type { IssuedToken } from './token-cache.ts';
import type { ProviderContext } from './types.ts';

/** RFC 6749 §5.1 (OCI's ClientCredentialsResponse); expires_in is sometimes sent as a string. */
const tokenSchema = z.object({
  access_token: z.string().min(1),
  token_type: z.string().optional(),
  expires_in: z.coerce.number().positive().optional(),
});
/** RFC 6749 §5.2 error body; IAM's exact body is undocumented (oracle-reference §11.10), so read it loosely. */
const errorSchema = z.object({ error: z.string(), error_description: z.string().optional() });

/** Without expires_in, assume the identity domain's common default of one hour. */
const DEFAULT_LIFETIME_S = 3600;

/** The token endpoint refused or failed: one line, exit 2, never retried into a lockout, never caught as "incomplete". */
export class TokenEndpointError extends AuditError {
  constructor(message: string, cause?: unknown) {
    super('config', message, { hint: 'check the client id, the secret in its env var, the scope and the app\'s allowed grants in the identity domain', cause });
  }
}

export const isTokenEndpointError = (error: unknown): boolean => error instanceof TokenEndpointError;

const describeRefusal = (status: number, text: string): string => {
  let body: unknown = null;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON: the status says it all
  }
  const parsed = errorSchema.safeParse(body);
  if (!parsed.success) return `HTTP ${status}`;
  return `HTTP ${status} ${parsed.data.error}${parsed.data.error_description === undefined ? '' : `: ${parsed.data.error_description}`}`;
};

/**
 * POSTs one grant to the token endpoint and returns the bearer header. The token is registered
 * with the logger before anyone can see it, so no log line or error can print it.
 */
export const requestToken = async (context: ProviderContext, url: string, headers: Record<string, string>, form: URLSearchParams): Promise<IssuedToken> => {
  const target = new URL(url);
  const where = `${context.where}: token endpoint POST ${toDisplayUrl(target)}`;
  let reply;
  try {
    reply = await context.transport(target, { 'content-type': 'application/x-www-form-urlencoded;charset=UTF-8', accept: 'application/json', ...headers }, form);
  } catch (error) {
    // No colon after the URL: the logger's redaction would read `…/token: x` as a secret.
    throw new TokenEndpointError(`${where} failed (${(error as Error).name === 'TimeoutError' ? 'timed out' : (error as Error).message})`, error);
  }
  if (reply.status < 200 || reply.status >= 300) throw new TokenEndpointError(`${where} answered ${describeRefusal(reply.status, reply.text)}`);
  let json: unknown = null;
  try {
    json = JSON.parse(reply.text);
  } catch {
    // reported below
  }
  const token = tokenSchema.safeParse(json);
  if (!token.success) throw new TokenEndpointError(`${where} answered HTTP ${reply.status} without an access_token`);
  if (token.data.token_type !== undefined && token.data.token_type.toLowerCase() !== 'bearer') {
    throw new TokenEndpointError(`${where} answered token_type ${token.data.token_type}, expected Bearer`);
  }
  registerSecret(token.data.access_token);
  return { header: `Bearer ${token.data.access_token}`, lifetimeMs: (token.data.expires_in ?? DEFAULT_LIFETIME_S) * 1000 };
};

/** The confidential app's client authentication (OCI IAM documents HTTP Basic). */
export const toClientBasic = (clientId: string, clientSecret: string): Record<string, string> => ({
  authorization: `Basic ${Buffer.from(`${encodeURIComponent(clientId)}:${encodeURIComponent(clientSecret)}`).toString('base64')}`,
});
