import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createProgressReporter } from '../src/cli-support/progress.ts';
import { createLogger } from '../src/util/logger.ts';

const capture = () => {
  const lines: string[] = [];
  return { lines, logger: createLogger({ write: (line) => lines.push(line) }) };
};

describe('progress on stderr', () => {
  it('counts pages, items, requests, retries and throttling per source and prints a closing line each', () => {
    const { lines, logger } = capture();
    const progress = createProgressReporter({ logger, interactive: false, quiet: false, intervalMs: 60_000 });
    for (const type of ['request', 'request', 'throttled', 'retry', 'request'] as const) progress.onEvent({ source: 'hcm', type });
    progress.onEvent({ source: 'hcm', type: 'page', items: 499 });
    progress.onEvent({ source: 'hcm', type: 'page', items: 12 });
    progress.onEvent({ source: 'scim', type: 'request' });
    progress.onEvent({ source: 'scim', type: 'error' });
    progress.stop();
    expect(lines).toEqual([
      'collected hcm: 2 pages, 511 items, 3 requests, 1 retry, 1 throttled, 0 errors',
      'collected scim: 0 pages, 0 items, 1 request, 0 retries, 0 throttled, 1 error',
    ]);
  });

  it('prints periodic status lines when not on a terminal', async () => {
    const { lines, logger } = capture();
    const progress = createProgressReporter({ logger, interactive: false, quiet: false, intervalMs: 20 });
    progress.onEvent({ source: 'hcm', type: 'page', items: 5 });
    await new Promise((resolve) => setTimeout(resolve, 70));
    progress.stop();
    expect(lines.filter((line) => line.startsWith('progress hcm: 1 page, 5 items')).length).toBeGreaterThanOrEqual(1);
  });

  it('prints nothing with --quiet', () => {
    const { lines, logger } = capture();
    const progress = createProgressReporter({ logger, interactive: false, quiet: true });
    progress.onEvent({ source: 'hcm', type: 'page', items: 5 });
    progress.stop();
    expect(lines).toEqual([]);
  });
});

describe('progress with totals and finished sources', () => {
  it('plain lines: a source with totalResults shows listed/total; a finished source is printed once and not reprinted', async () => {
    const { lines, logger } = capture();
    const progress = createProgressReporter({ logger, interactive: false, quiet: false, intervalMs: 15 });
    progress.onEvent({ source: 'hcm', type: 'total', items: 1000 });
    progress.onEvent({ source: 'hcm', type: 'page', items: 500 });
    progress.onEvent({ source: 'hcm', type: 'page', items: 30, detail: true });
    progress.onEvent({ source: 'scim', type: 'page', items: 7 });
    progress.onEvent({ source: 'scim', type: 'done' });
    await new Promise((resolve) => setTimeout(resolve, 60));
    progress.stop();
    expect(lines.filter((line) => line.startsWith('collected scim:'))).toEqual(['collected scim: 1 page, 7 items, 0 requests, 0 retries, 0 throttled, 0 errors']);
    expect(lines.some((line) => line.startsWith('progress scim'))).toBe(false);
    expect(lines.find((line) => line.startsWith('progress hcm'))).toMatch(/530 items.*\(500\/1000 listed\)$/);
    expect(lines.at(-1)).toBe('collected hcm: 2 pages, 530 items, 0 requests, 0 retries, 0 throttled, 0 errors');
  });

  it('bars on a terminal: a total and an ETA once totalResults is known; a finished bar is printed once and dropped', () => {
    const { logger } = capture();
    let drawn = '';
    const stream = new Writable({ write: (chunk: Buffer, _encoding, done) => { drawn += chunk.toString(); done(); } });
    Object.assign(stream, { isTTY: true, columns: 200, cursorTo: () => true, clearLine: () => true, moveCursor: () => true });
    const progress = createProgressReporter({ logger, interactive: true, quiet: false, stream });
    progress.onEvent({ source: 'hcm', type: 'page', items: 500 });
    progress.onEvent({ source: 'hcm', type: 'total', items: 2000 });
    progress.onEvent({ source: 'hcm', type: 'page', items: 500 });
    progress.onEvent({ source: 'scim', type: 'page', items: 40 });
    progress.onEvent({ source: 'scim', type: 'done' });
    progress.onEvent({ source: 'scim', type: 'page', items: 1 });
    progress.stop();
    expect(drawn).toMatch(/hcm\s+\S+ 50% \| 1000\/2000 items \| ETA/);
    expect(drawn.match(/collected scim: 1 page, 40 items/g)).toHaveLength(1);
    // Once printed, the finished source is never redrawn (the later page event is ignored).
    expect(drawn.slice(drawn.indexOf('collected scim') + 'collected scim'.length)).not.toMatch(/scim/);
  });
});
