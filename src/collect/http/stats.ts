import type { SourceStats } from '../../model/types.ts';

export type Counters = Omit<SourceStats, 'source' | 'complete' | 'problem'>;

/** Per-source counters the client keeps while it works (SourceStats without the verdict). */
export interface StatsBook {
  /** Counts one event; `total` and `done` carry no count. */
  count(source: string, type: 'request' | 'page' | 'retry' | 'throttled' | 'error' | 'total' | 'done', items?: number): void;
  get(source: string): Counters;
}

export const createStatsBook = (): StatsBook => {
  const book = new Map<string, Counters>();
  const get = (source: string): Counters => {
    let counters = book.get(source);
    if (counters === undefined) {
      counters = { requests: 0, pages: 0, items: 0, retries: 0, throttled: 0, errors: 0 };
      book.set(source, counters);
    }
    return counters;
  };
  return {
    count: (source, type, items) => {
      const counters = get(source);
      if (type === 'request') counters.requests += 1;
      else if (type === 'page') {
        counters.pages += 1;
        counters.items += items ?? 0;
      } else if (type === 'retry') counters.retries += 1;
      else if (type === 'throttled') counters.throttled += 1;
      else if (type === 'error') counters.errors += 1;
    },
    get: (source) => ({ ...get(source) }),
  };
};
