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
      'collected hcm: 2 pages, 511 items, 3 requests, 1 retries, 1 throttled, 0 errors',
      'collected scim: 0 pages, 0 items, 1 requests, 0 retries, 0 throttled, 1 errors',
    ]);
  });

  it('prints periodic status lines when not on a terminal', async () => {
    const { lines, logger } = capture();
    const progress = createProgressReporter({ logger, interactive: false, quiet: false, intervalMs: 20 });
    progress.onEvent({ source: 'hcm', type: 'page', items: 5 });
    await new Promise((resolve) => setTimeout(resolve, 70));
    progress.stop();
    expect(lines.filter((line) => line.startsWith('progress hcm: 1 pages, 5 items')).length).toBeGreaterThanOrEqual(1);
  });

  it('prints nothing with --quiet', () => {
    const { lines, logger } = capture();
    const progress = createProgressReporter({ logger, interactive: false, quiet: true });
    progress.onEvent({ source: 'hcm', type: 'page', items: 5 });
    progress.stop();
    expect(lines).toEqual([]);
  });
});
