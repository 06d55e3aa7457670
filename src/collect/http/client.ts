import pLimit from 'p-limit';
import { EnvHttpProxyAgent, request, type Dispatcher } from 'undici';
import { createAuthProviders, isTokenEndpointError, type AuthProviders } from '../../auth/index.ts';
import { createTokenTransport } from '../../auth/transport.ts';
import type { Credentials } from '../../config/types.ts';
import { AuditError } from '../../errors.ts';
import { silentLogger, type Logger } from '../../util/logger.ts';
import { toDisplayUrl } from '../../util/url.ts';
import { TOOL } from '../../version.ts';
import { getRetryDelay, isRetryableError, isRetryableStatus, parseRetryAfter, THROTTLE_STATUSES } from './backoff.ts';
import { getStatusHint, HttpFailure, SkippedRequest } from './errors.ts';
import { createPriorityGate } from './priority-gate.ts';
import { createStatsBook, type StatsBook } from './stats.ts';

export type HttpEventType = 'request' | 'page' | 'retry' | 'throttled' | 'error' | 'total' | 'done';
/** Progress hook payload (the CLI draws progress bars from it). */
export interface HttpEvent {
  source: string;
  /** `total`: the server said how many list items there are; `done`: the source finished. */
  type: HttpEventType;
  items?: number;
  /** On `page`: a detail page (an account's remaining roles), not a page of the source's list. */
  detail?: boolean;
}

/** What a pager knows about the page it read, beyond its item count. */
export interface PageInfo {
  /** The list's totalResults, when the server sent it (first page). */
  total?: number | null;
  /** A detail page (nested child rows), not a page of the source's main list. */
  detail?: boolean;
}

export interface HttpClientOptions {
  /** Requests in flight across every source of this tenant: never exceeded. */
  concurrency: number;
  timeoutMs: number;
  retries: number;
  backoffBaseMs: number;
  backoffMaxMs: number;
  /** Credentials used unless a request names its own (probes). */
  credentials: Credentials;
  /** Sign-in providers shared between clients (one token per credentials); default: the client's own. */
  auth?: AuthProviders;
  onEvent?: (event: HttpEvent) => void;
  logger?: Logger;
  /** Defaults to undici's EnvHttpProxyAgent (HTTPS_PROXY / HTTP_PROXY / NO_PROXY). */
  dispatcher?: Dispatcher;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

export interface GetOptions {
  source: string;
  credentials?: Credentials;
  headers?: Record<string, string>;
  /** Non-2xx statuses returned to the caller as results (probes: 401, 403) instead of thrown. */
  acceptStatuses?: readonly number[];
  /** Checked when a concurrency slot frees up; false skips the request (throws SkippedRequest). */
  shouldRun?: () => boolean;
  /**
   * `low` waits until no normal request is queued: per-account detail (nested role pages) must
   * not starve the list walks, whose next pages depend on the previous ones.
   */
  priority?: 'normal' | 'low';
}

/**
 * The audit's one POST: running the role-graph report through BI Publisher's SOAP service
 * (read-only on the tenant). Same credentials, cap, retries and counters as every GET.
 */
export interface PostOptions extends GetOptions {
  body: string;
  contentType: string;
}

export interface HttpResponse {
  status: number;
  /** GET: parsed JSON for 2xx, the first 200 characters of the text otherwise. POST: the whole text. */
  body: unknown;
  /** The URL without credentials, for messages. */
  displayUrl: string;
}

export interface HttpClient {
  getJson(url: URL, options: GetOptions): Promise<HttpResponse>;
  postText(url: URL, options: PostOptions): Promise<HttpResponse>;
  /** Pagers call this once per page they read, for stats and progress. */
  recordPage(source: string, items: number, info?: PageInfo): void;
  readonly stats: StatsBook;
  close(): Promise<void>;
}

const defaultSleep = (ms: number): Promise<void> => new Promise((done) => setTimeout(done, ms));
/** Lets pending I/O callbacks (other sockets' data) run before the next block of work. */
const yieldToIo = (): Promise<void> => new Promise((done) => setImmediate(done));

interface Attempt {
  status: number;
  retryAfter: string | string[] | undefined;
  text: string;
}

/**
 * The one HTTP client: undici `request` over one dispatcher, a p-limit cap shared by every
 * source of the tenant, per-request timeout, and retries with full-jitter backoff. The slot is
 * held only while a request is on the wire, never during a backoff sleep, so one throttled
 * page does not stall the others. A 401 is never retried (a retry could lock the account), except
 * once for a sign-in that can renew its token (OAuth, JWT).
 */
export const createHttpClient = (options: HttpClientOptions): HttpClient => {
  const limit = pLimit(options.concurrency);
  const schedule = createPriorityGate(limit, options.concurrency);
  const dispatcher = options.dispatcher ?? new EnvHttpProxyAgent({ keepAliveTimeout: 10_000, connections: options.concurrency + 2 });
  const ownsDispatcher = options.dispatcher === undefined;
  const sleep = options.sleep ?? defaultSleep;
  const logger = options.logger ?? silentLogger;
  const stats = createStatsBook();
  const auth = options.auth ?? createAuthProviders(createTokenTransport(dispatcher, options.timeoutMs));
  const emit = (source: string, type: HttpEventType, items?: number, detail?: boolean): void => {
    stats.count(source, type, items);
    options.onEvent?.({ source, type, ...(items === undefined ? {} : { items }), ...(detail === true ? { detail } : {}) });
  };
  const verbose = logger.level === 'debug';

  const sendOnce = async (url: URL, headers: Record<string, string>, payload: string | null): Promise<Attempt> => {
    const response = await request(url, {
      method: payload === null ? 'GET' : 'POST',
      dispatcher,
      headers,
      ...(payload === null ? {} : { body: payload }),
      signal: AbortSignal.timeout(options.timeoutMs),
    });
    // Read the whole body inside the timeout and the concurrency slot: a slow body is still "in flight".
    const text = await response.body.text();
    return { status: response.statusCode, retryAfter: response.headers['retry-after'], text };
  };

  /** One request with retries; `post` null for a GET. */
  const send = async (url: URL, get: GetOptions, post: PostOptions | null): Promise<HttpResponse> => {
    const displayUrl = toDisplayUrl(url);
    const method = post === null ? 'GET' : 'POST';
    const headers: Record<string, string> = {
      accept: post === null ? 'application/json' : post.contentType.split(';')[0] ?? '*/*',
      ...(post === null ? {} : { 'content-type': post.contentType }),
      'user-agent': `${TOOL.name}/${TOOL.version}`,
      ...get.headers,
    };
    // The sign-in method supplies the header for every request; after a 401 it may renew once
    // (a token that expired early), then a 401 is final like any other.
    const signIn = auth.get(get.credentials ?? options.credentials);
    let renewed = false;
    for (let attempt = 0; ; attempt += 1) {
      let result: Attempt | undefined;
      let failure: unknown;
      let started = 0;
      try {
        result = await schedule(get.priority ?? 'normal', async () => {
          if (get.shouldRun !== undefined && !get.shouldRun()) throw new SkippedRequest();
          // Asked inside the slot, right before sending: a token must not age in the queue.
          headers.authorization = await signIn.getAuthorization();
          emit(get.source, 'request');
          started = performance.now();
          return sendOnce(url, headers, post?.body ?? null);
        });
      } catch (error) {
        if (error instanceof SkippedRequest || isTokenEndpointError(error)) throw error;
        failure = error;
      }
      if (result?.status === 401 && !renewed && await signIn.renew(headers.authorization ?? '')) {
        renewed = true;
        attempt -= 1;
        if (verbose) logger.debug(`${toRequestLine(get.source, displayUrl, 401, performance.now() - started, attempt, null, method)} → signing in again once`);
        continue;
      }
      const retryable = result === undefined ? isRetryableError(failure) : isRetryableStatus(result.status);
      if (result !== undefined && THROTTLE_STATUSES.has(result.status)) emit(get.source, 'throttled');
      const retry = retryable && attempt < options.retries;
      const delay = retry ? getRetryDelay(attempt, result === undefined ? null : parseRetryAfter(result.retryAfter), {
        baseMs: options.backoffBaseMs, maxMs: options.backoffMaxMs, random: options.random,
      }) : null;
      // --verbose: one line per request on the wire, so throttling can be diagnosed (never a header).
      if (verbose && started > 0) logger.debug(toRequestLine(get.source, displayUrl, result?.status ?? describeError(failure), performance.now() - started, attempt, delay, method));
      if (delay !== null) {
        emit(get.source, 'retry');
        await sleep(delay);
        continue;
      }
      if (result === undefined) {
        emit(get.source, 'error');
        const tries = attempt === 0 ? '' : ` after ${attempt} retries`;
        throw new HttpFailure(get.source, displayUrl, null, `${get.source}: ${method} ${displayUrl}: ${describeError(failure)}${tries}`, failure);
      }
      // A page's parse, and the validation and normalising its caller does next, each run as one
      // block on the event loop; yielding around the parse lets the responses that arrived in the
      // meantime be read first. Without it the other nine slots' replies waited for the whole
      // block, about 20 ms a request at 150 ms latency, a seventh of the run.
      await yieldToIo();
      const response = toResponse(result, displayUrl, get, attempt, method);
      await yieldToIo();
      return response;
    }
  };

  const toResponse = (result: Attempt, displayUrl: string, get: GetOptions, attempt: number, method: 'GET' | 'POST'): HttpResponse => {
    const ok = result.status >= 200 && result.status < 300;
    if (!ok && !(get.acceptStatuses ?? []).includes(result.status)) {
      emit(get.source, 'error');
      const tries = attempt === 0 ? '' : ` after ${attempt} retries`;
      throw new HttpFailure(get.source, displayUrl, result.status, `${get.source}: ${method} ${displayUrl}: HTTP ${result.status}${getStatusHint(result.status)}${tries}`);
    }
    if (method === 'POST') return { status: result.status, body: result.text, displayUrl };
    if (!ok) return { status: result.status, body: result.text.slice(0, 200), displayUrl };
    try {
      return { status: result.status, body: JSON.parse(result.text) as unknown, displayUrl };
    } catch {
      emit(get.source, 'error');
      throw new AuditError('payload', `${get.source} ${displayUrl}: HTTP ${result.status} body is not JSON (${JSON.stringify(result.text.slice(0, 60))})`);
    }
  };

  return {
    getJson: (url, get) => send(url, get, null),
    postText: (url, post) => send(url, post, post),
    recordPage: (source, items, info) => {
      emit(source, 'page', items, info?.detail);
      if (info?.total !== undefined && info.total !== null) options.onEvent?.({ source, type: 'total', items: info.total });
    },
    stats,
    close: async () => {
      if (ownsDispatcher) await dispatcher.close();
    },
  };
};

/**
 * `hcm GET https://…/userAccounts?offset=500 429 153 ms retry 1 backoff 820 ms`: method, URL
 * without credentials, status (or the transport error), time on the wire, and for a retried
 * attempt its number and the backoff chosen.
 */
export const toRequestLine = (source: string, displayUrl: string, status: number | string, ms: number, attempt: number, delay: number | null, method: 'GET' | 'POST' = 'GET'): string =>
  `${source} ${method} ${displayUrl} ${status} ${Math.round(ms)} ms${attempt > 0 ? ` (retry ${attempt})` : ''}${delay === null ? '' : ` → retry ${attempt + 1} after backoff ${delay} ms`}`;

/** A transport error in a few words: code and message, never a header. */
const describeError = (error: unknown): string => {
  if (!(error instanceof Error)) return String(error);
  if (error.name === 'TimeoutError') return 'timed out';
  const code = (error as { code?: unknown }).code;
  const cause = (error as { cause?: unknown }).cause;
  const inner = cause instanceof Error && cause !== error ? `: ${describeError(cause)}` : '';
  return `${typeof code === 'string' ? `${code} ` : ''}${error.message}${inner}`.trim();
};
