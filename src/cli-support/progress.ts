import cliProgress from 'cli-progress';
import type { HttpEvent } from '../collect/http/client.ts';
import { createStatsBook, type Counters } from '../collect/http/stats.ts';
import type { Logger } from '../util/logger.ts';
import { toCountText } from '../util/plural.ts';

/** What the collectors report while they work (one event per request, page, retry, …). */
export type ProgressEvent = HttpEvent;

export interface ProgressReporter {
  onEvent(event: ProgressEvent): void;
  stop(): void;
}

export interface ProgressOptions {
  logger: Logger;
  /** Bars only on an interactive terminal and outside CI; otherwise periodic plain lines. */
  interactive: boolean;
  quiet: boolean;
  intervalMs?: number;
  /** Where bars are drawn (default stderr; tests pass their own). */
  stream?: NodeJS.WritableStream;
}

const describe = (name: string, c: Counters): string =>
  `${name}: ${toCountText(c.pages, 'page')}, ${toCountText(c.items, 'item')}, ${toCountText(c.requests, 'request')}, ${toCountText(c.retries, 'retry', 'retries')}, ${c.throttled} throttled, ${toCountText(c.errors, 'error')}`;

/** Per source: the counters, plus the list items against the server's totalResults. */
interface SourceProgress {
  listed: number;
  total: number | null;
  done: boolean;
}

/** One bar line: with a total (totalResults) it shows the share and an ETA, without it counts only. */
const formatBar = (options: cliProgress.Options, params: cliProgress.Params, payload: Record<string, unknown>): string => {
  const counts = `${String(payload.pages)} pages | ${String(payload.requests)} req | ${String(payload.retries)} retries | ${String(payload.throttled)} throttled`;
  const name = String(payload.source).padEnd(8);
  if (payload.hasTotal !== true) return `${name} ${String(params.value)} items | ${counts}`;
  const size = options.barsize ?? 30;
  const filled = Math.round(Math.min(1, params.progress) * size);
  const bar = `${(options.barCompleteString ?? '█').slice(0, filled)}${(options.barIncompleteString ?? '░').slice(0, size - filled)}`;
  const eta = payload.finished === true ? 'done' : Number.isFinite(params.eta) && params.eta > 0 ? `ETA ${params.eta}s` : 'ETA …';
  return `${name} ${bar} ${Math.floor(Math.min(1, params.progress) * 100)}% | ${String(params.value)}/${String(params.total)} items | ${eta} | ${counts}`;
};

/**
 * Progress on stderr: a bar line per source on a TTY, a plain status line every few seconds
 * otherwise (CI logs), nothing with --quiet. A source's bar gets a total (and an ETA) once the
 * server reported totalResults; counted are the items of its main list (an account's extra role
 * pages are detail). A finished source is printed once and never redrawn or reprinted.
 */
export const createProgressReporter = (options: ProgressOptions): ProgressReporter => {
  // The same per-source counters the HTTP client keeps, rebuilt from its events.
  const book = createStatsBook();
  const sources = new Map<string, SourceProgress>();
  const count = (event: ProgressEvent): SourceProgress => {
    let state = sources.get(event.source);
    if (state === undefined) {
      state = { listed: 0, total: null, done: false };
      sources.set(event.source, state);
    }
    book.count(event.source, event.type, event.items);
    if (event.type === 'page' && event.detail !== true) state.listed += event.items ?? 0;
    if (event.type === 'total' && event.items !== undefined) state.total = Math.max(state.total ?? 0, event.items);
    if (event.type === 'done') state.done = true;
    return state;
  };
  if (options.quiet) return { onEvent: () => undefined, stop: () => undefined };

  if (options.interactive) {
    const multi = new cliProgress.MultiBar({
      stream: options.stream ?? process.stderr,
      clearOnComplete: false,
      hideCursor: true,
      format: formatBar,
      noTTYOutput: options.stream !== undefined,
      etaBuffer: 50,
    }, cliProgress.Presets.shades_classic);
    const bars = new Map<string, cliProgress.SingleBar>();
    const finished = new Set<string>();
    return {
      onEvent: (event) => {
        const state = count(event);
        if (finished.has(event.source)) return;
        let bar = bars.get(event.source);
        if (bar === undefined) {
          bar = multi.create(1, 0, { source: event.source });
          bars.set(event.source, bar);
        }
        const c = book.get(event.source);
        const total = state.total ?? Math.max(state.listed, 1);
        if (bar.getTotal() !== total) bar.setTotal(total);
        bar.update(state.listed, { source: event.source, hasTotal: state.total !== null, finished: state.done, ...c });
        if (state.done) {
          // Printed once above the live bars, then no longer redrawn.
          multi.remove(bar);
          finished.add(event.source);
          multi.log(`${describe(`collected ${event.source}`, c)}\n`);
        }
      },
      stop: () => {
        multi.update(); // flushes the lines of sources that finished since the last redraw
        multi.stop();
      },
    };
  }

  const timer = setInterval(() => {
    for (const [source, state] of sources) {
      if (state.done) continue;
      const share = state.total === null ? '' : ` (${state.listed}/${state.total} listed)`;
      options.logger.info(`progress ${describe(source, book.get(source))}${share}`);
    }
  }, options.intervalMs ?? 5000);
  timer.unref();
  const printed = new Set<string>();
  const finish = (source: string): void => {
    if (printed.has(source)) return;
    printed.add(source);
    options.logger.info(`collected ${describe(source, book.get(source))}`);
  };
  return {
    onEvent: (event) => {
      const state = count(event);
      if (state.done) finish(event.source);
    },
    stop: () => {
      clearInterval(timer);
      for (const source of sources.keys()) finish(source);
    },
  };
};

/** Bars need a terminal; CI logs get plain lines. */
export const isInteractive = (): boolean => process.stderr.isTTY && process.env.CI === undefined;
