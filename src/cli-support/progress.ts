import cliProgress from 'cli-progress';
import type { Logger } from '../util/logger.ts';

/** What the collectors report while they work (one event per request, page, retry, …). */
export interface ProgressEvent {
  source: string;
  type: 'request' | 'page' | 'retry' | 'throttled' | 'error';
  items?: number;
}

interface SourceCounters { requests: number; pages: number; items: number; retries: number; throttled: number; errors: number }

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
}

const describe = (name: string, c: SourceCounters): string =>
  `${name}: ${c.pages} pages, ${c.items} items, ${c.requests} requests, ${c.retries} retries, ${c.throttled} throttled, ${c.errors} errors`;

/**
 * Progress on stderr: a bar line per source on a TTY, a plain status line every few seconds
 * otherwise (CI logs), nothing with --quiet.
 */
export const createProgressReporter = (options: ProgressOptions): ProgressReporter => {
  const counters = new Map<string, SourceCounters>();
  const get = (source: string): SourceCounters => {
    let c = counters.get(source);
    if (c === undefined) {
      c = { requests: 0, pages: 0, items: 0, retries: 0, throttled: 0, errors: 0 };
      counters.set(source, c);
    }
    return c;
  };
  const count = (event: ProgressEvent): SourceCounters => {
    const c = get(event.source);
    if (event.type === 'request') c.requests += 1;
    if (event.type === 'page') { c.pages += 1; c.items += event.items ?? 0; }
    if (event.type === 'retry') c.retries += 1;
    if (event.type === 'throttled') c.throttled += 1;
    if (event.type === 'error') c.errors += 1;
    return c;
  };
  if (options.quiet) return { onEvent: (event) => void count(event), stop: () => undefined };

  if (options.interactive) {
    const multi = new cliProgress.MultiBar({
      stream: process.stderr,
      clearOnComplete: false,
      hideCursor: true,
      format: '{source} | {pages} pages | {value} items | {requests} req | {retries} retries | {throttled} throttled',
      noTTYOutput: false,
    }, cliProgress.Presets.shades_classic);
    const bars = new Map<string, cliProgress.SingleBar>();
    return {
      onEvent: (event) => {
        const c = count(event);
        let bar = bars.get(event.source);
        if (bar === undefined) {
          bar = multi.create(0, 0, { source: event.source.padEnd(14) });
          bars.set(event.source, bar);
        }
        bar.setTotal(Math.max(c.items, 1));
        bar.update(c.items, { source: event.source.padEnd(14), ...c });
      },
      stop: () => multi.stop(),
    };
  }

  const timer = setInterval(() => {
    for (const [source, c] of counters) options.logger.info(`progress ${describe(source, c)}`);
  }, options.intervalMs ?? 5000);
  timer.unref();
  return {
    onEvent: (event) => void count(event),
    stop: () => {
      clearInterval(timer);
      for (const [source, c] of counters) options.logger.info(`collected ${describe(source, c)}`);
    },
  };
};

/** Bars need a terminal; CI logs get plain lines. */
export const isInteractive = (): boolean => process.stderr.isTTY && process.env.CI === undefined;
