import cliProgress from 'cli-progress';
import type { HttpEvent } from '../collect/http/client.ts';
import { createStatsBook, type Counters } from '../collect/http/stats.ts';
import type { Logger } from '../util/logger.ts';

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
}

const describe = (name: string, c: Counters): string =>
  `${name}: ${c.pages} pages, ${c.items} items, ${c.requests} requests, ${c.retries} retries, ${c.throttled} throttled, ${c.errors} errors`;

/**
 * Progress on stderr: a bar line per source on a TTY, a plain status line every few seconds
 * otherwise (CI logs), nothing with --quiet.
 */
export const createProgressReporter = (options: ProgressOptions): ProgressReporter => {
  // The same per-source counters the HTTP client keeps, rebuilt from its events.
  const book = createStatsBook();
  const seen = new Set<string>();
  const count = (event: ProgressEvent): Counters => {
    seen.add(event.source);
    book.count(event.source, event.type, event.items);
    return book.get(event.source);
  };
  if (options.quiet) return { onEvent: () => undefined, stop: () => undefined };

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
    for (const source of seen) options.logger.info(`progress ${describe(source, book.get(source))}`);
  }, options.intervalMs ?? 5000);
  timer.unref();
  return {
    onEvent: (event) => void count(event),
    stop: () => {
      clearInterval(timer);
      for (const source of seen) options.logger.info(`collected ${describe(source, book.get(source))}`);
    },
  };
};

/** Bars need a terminal; CI logs get plain lines. */
export const isInteractive = (): boolean => process.stderr.isTTY && process.env.CI === undefined;
