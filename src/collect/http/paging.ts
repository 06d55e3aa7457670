import { createPageCache } from './page-cache.ts';

/** What a pager needs from one page, whatever the wire format. */
export interface Page<T> {
  items: T[];
  /** ADF `hasMore`; null when the format has none (SCIM). */
  hasMore: boolean | null;
  /** `totalResults` when the server sent it; only used to plan prefetching, never to stop. */
  totalResults: number | null;
}

export interface PageWalk<T> {
  /** First position: offset 0 (ADF) or startIndex 1 (SCIM). */
  start: number;
  fetch(position: number, shouldRun: () => boolean): Promise<Page<T>>;
  /** True when `page` (read at `position`) is the last one. `fullPage` is the largest page seen. */
  isLast(page: Page<T>, position: number, fullPage: number): boolean;
  /** Pages kept in flight ahead of the walk when the total is unknown (about the concurrency). */
  window: number;
  /** Key for duplicate detection (ids), so an overlap from a shifting collection never double counts. */
  getId(item: T): string;
}

export interface WalkResult<T> {
  items: T[];
  /** Items dropped because an earlier page already held the same id. */
  duplicates: number;
  /** totalResults the first page reported (for a sanity warning), null when absent. */
  totalResults: number | null;
}

/**
 * Reads a whole collection. The walk itself is sequential and authoritative: position 0/1,
 * then advance by the number of items each page actually holds, until `isLast`. Speed comes
 * from prefetching: with totalResults every remaining page is queued at once; without it a
 * window of pages ahead is. A prefetched page the walk never lands on is simply unused, so a
 * server that lowers `limit` mid-way or a collection that grows cannot cause a skip. The walk
 * returns only when no prefetch of its own is still on the wire (queued ones are skipped), so
 * no request outlives the collection and its statistics are final.
 */
export const walkPages = async <T>(walk: PageWalk<T>): Promise<WalkResult<T>> => {
  const cache = createPageCache((position, shouldRun) => walk.fetch(position, shouldRun));
  const seen = new Set<string>();
  const items: T[] = [];
  let duplicates = 0;
  try {
    const first = await cache.get(walk.start);
    const step = first.items.length;
    const planned = first.totalResults !== null && step > 0;
    if (planned) {
      for (let position = walk.start + step; position - walk.start < (first.totalResults ?? 0); position += step) cache.prefetch(position);
    }
    let position = walk.start;
    let fullPage = 0;
    let page = first;
    for (;;) {
      fullPage = Math.max(fullPage, page.items.length);
      for (const item of page.items) {
        const id = walk.getId(item);
        if (seen.has(id)) duplicates += 1;
        else {
          seen.add(id);
          items.push(item);
        }
      }
      if (page.items.length === 0 || walk.isLast(page, position, fullPage)) break;
      position += page.items.length;
      if (!planned) for (let ahead = 1; ahead < walk.window; ahead += 1) cache.prefetch(position + ahead * page.items.length);
      page = await cache.get(position);
    }
    return { items, duplicates, totalResults: first.totalResults };
  } finally {
    cache.cancel();
    await cache.settle();
  }
};

/** ADF collections: last when hasMore is false (or absent and the page came back short). */
export const isLastAdfPage = <T>(page: Page<T>, _position: number, fullPage: number): boolean =>
  page.hasMore === null ? page.items.length < fullPage : !page.hasMore;

/**
 * SCIM lists: totalResults is optional, so last when the page is shorter than the largest page
 * the server has returned (its real page size, which may be below what we asked for), or when
 * totalResults says we have everything. A first page shorter than requested proves nothing
 * (the server may cap `count`), so the walk asks once more and stops on the empty page.
 */
export const isLastScimPage = <T>(page: Page<T>, position: number, fullPage: number): boolean =>
  (page.totalResults !== null && position - 1 + page.items.length >= page.totalResults) || page.items.length < fullPage;
