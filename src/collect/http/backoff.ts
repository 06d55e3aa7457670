/**
 * Retry policy: which failures are worth another attempt, and how long to wait before it.
 * Pure functions so the timing rules are unit-tested without a clock.
 */

/** HTTP statuses retried: throttling and gateway/availability errors. 500 is not (a v4 500 is a real error). */
export const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([429, 502, 503, 504]);

/** Statuses counted as throttling in the source statistics. */
export const THROTTLE_STATUSES: ReadonlySet<number> = new Set([429, 503]);

/** Transport error codes that mean "try again": resets, closed sockets, timeouts. */
const RETRYABLE_CODES = new Set([
  'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'ECONNABORTED', 'UND_ERR_SOCKET', 'UND_ERR_CLOSED',
  'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'UND_ERR_ABORTED',
]);

export const isRetryableStatus = (status: number): boolean => RETRYABLE_STATUSES.has(status);

/** True for connection resets and timeouts (our own per-request timeout aborts with TimeoutError). */
export const isRetryableError = (error: unknown): boolean => {
  if (!(error instanceof Error)) return false;
  if (error.name === 'TimeoutError' || error.name === 'AbortError') return true;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && RETRYABLE_CODES.has(code)) return true;
  const cause = (error as { cause?: unknown }).cause;
  return cause !== undefined && cause !== error && isRetryableError(cause);
};

/**
 * Exponential backoff with FULL jitter (AWS architecture blog): a uniform wait in
 * [0, min(max, base·2^attempt)). Spreads retries of many parallel pages so they do not
 * hit a throttled pod again in lock-step. `attempt` is 0 for the first retry.
 */
export const getBackoffDelay = (attempt: number, baseMs: number, maxMs: number, random: () => number = Math.random): number => {
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.min(attempt, 30));
  return Math.floor(random() * ceiling);
};

/**
 * Parses a Retry-After header (delta seconds or an HTTP-date) into milliseconds from `now`.
 * Returns null when absent or unreadable; a date in the past means "now" (0).
 */
export const parseRetryAfter = (value: string | string[] | undefined, now: Date = new Date()): number | null => {
  const text = (Array.isArray(value) ? value[0] : value)?.trim();
  if (text === undefined || text === '') return null;
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  if (/^\d+\.\d+$/.test(text)) return Math.round(Number(text) * 1000);
  // HTTP-date (IMF-fixdate, RFC 850 or asctime): Date.parse reads all three.
  if (!/[a-z]/i.test(text)) return null;
  const at = Date.parse(text);
  if (Number.isNaN(at)) return null;
  return Math.max(0, at - now.getTime());
};

/**
 * The wait before retry number `attempt`: the server's Retry-After when it sent one (capped at
 * maxMs so a hostile or broken header cannot stall the audit for hours), else full-jitter backoff.
 */
export const getRetryDelay = (
  attempt: number,
  retryAfterMs: number | null,
  options: { baseMs: number; maxMs: number; random?: () => number },
): number => (retryAfterMs !== null ? Math.min(retryAfterMs, options.maxMs) : getBackoffDelay(attempt, options.baseMs, options.maxMs, options.random));
