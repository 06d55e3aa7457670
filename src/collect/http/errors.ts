import { AuditError } from '../../errors.ts';

/**
 * A request that finally failed: an HTTP status we do not accept, or a transport error after
 * the retries ran out. The message is the one line the user sees: source, URL without
 * credentials, status.
 */
export class HttpFailure extends AuditError {
  /** HTTP status, or null for a transport failure (reset, timeout, refused). */
  readonly status: number | null;
  readonly source: string;
  readonly url: string;
  constructor(source: string, url: string, status: number | null, message: string, cause?: unknown) {
    super('collection', message, { cause });
    this.status = status;
    this.source = source;
    this.url = url;
  }
}

/** Thrown (and swallowed by the pager) when a queued request is no longer needed. */
export class SkippedRequest extends Error {
  constructor() {
    super('request skipped: no longer needed');
    this.name = 'SkippedRequest';
  }
}

export const isHttpFailure = (error: unknown): error is HttpFailure => error instanceof HttpFailure;

/** A short reason for a status, so the error line says what it usually means. */
export const getStatusHint = (status: number): string => {
  if (status === 401) return ' (credentials rejected, or the account is locked)';
  if (status === 403) return ' (the account lacks the privilege for this resource)';
  if (status === 404) return ' (no such resource: check baseUrl and restVersion)';
  if (status === 429 || status === 503) return ' (throttled; still failing after retries)';
  return '';
};
