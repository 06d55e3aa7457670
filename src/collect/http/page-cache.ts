import { SkippedRequest } from './errors.ts';

export type FetchAt<P> = (position: number, shouldRun: () => boolean) => Promise<P>;

export interface PageCache<P> {
  /** The page at `position`: the prefetched one when there is one, else fetched now. */
  get(position: number): Promise<P>;
  /** Starts fetching `position` in the background (queued behind the concurrency cap). */
  prefetch(position: number): void;
  /** Queued prefetches that have not started yet are skipped from now on. */
  cancel(): void;
  /** Resolves when every prefetch has ended (answered, failed or skipped); never rejects. */
  settle(): Promise<void>;
}

/**
 * Pages fetched ahead of the walk, keyed by position (offset or startIndex). The walk decides
 * what the collection holds; the cache only saves waiting. A prefetch that fails is kept and
 * surfaces only if the walk asks for that page (a page past the end may fail harmlessly).
 */
export const createPageCache = <P>(fetchAt: FetchAt<P>): PageCache<P> => {
  const pending = new Map<number, Promise<P>>();
  let cancelled = false;
  const start = (position: number): Promise<P> => {
    const promise = fetchAt(position, () => !cancelled);
    promise.catch(() => undefined); // observed here; rethrown by get() when the page is needed
    pending.set(position, promise);
    return promise;
  };
  return {
    get: async (position) => {
      const known = pending.get(position);
      if (known === undefined) return fetchAt(position, () => true);
      try {
        return await known;
      } catch (error) {
        if (error instanceof SkippedRequest) return fetchAt(position, () => true);
        throw error;
      }
    },
    prefetch: (position) => {
      if (!cancelled && !pending.has(position)) void start(position);
    },
    cancel: () => {
      cancelled = true;
    },
    settle: async () => {
      await Promise.allSettled(pending.values());
    },
  };
};
