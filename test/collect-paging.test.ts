import { describe, expect, it } from 'vitest';
import { isLastAdfPage, isLastScimPage, walkPages, type Page } from '../src/collect/http/paging.ts';

/** An in-memory collection that behaves like the wire formats (the HTTP path is covered by the e2e tests). */
const createAdf = (total: number, options: { serverLimit?: number; withTotal?: boolean; growAfter?: number } = {}) => {
  let rows = Array.from({ length: total }, (_, i) => `id-${String(i).padStart(5, '0')}`);
  const fetched: number[] = [];
  const fetch = async (offset: number): Promise<Page<string>> => {
    await Promise.resolve();
    fetched.push(offset);
    if (options.growAfter !== undefined && fetched.length === options.growAfter) rows = [...rows, 'id-late-1', 'id-late-2'];
    const limit = Math.min(options.serverLimit ?? 100, 100);
    const items = rows.slice(offset, offset + limit);
    return { items, hasMore: offset + items.length < rows.length, totalResults: offset === 0 && options.withTotal !== false ? rows.length : null };
  };
  return { fetch, fetched, get rows() { return rows; } };
};

describe('walkPages over ADF collections', () => {
  it('reads every row exactly once with totalResults (parallel plan)', async () => {
    const adf = createAdf(1234);
    const result = await walkPages({ start: 0, fetch: adf.fetch, isLast: isLastAdfPage, window: 4, getId: (x) => x });
    expect(result.items).toEqual(adf.rows);
    expect(result.duplicates).toBe(0);
    expect(adf.fetched.sort((a, b) => a - b)).toEqual([0, 100, 200, 300, 400, 500, 600, 700, 800, 900, 1000, 1100, 1200]);
  });
  it('advances by what the page holds when the server lowers the limit', async () => {
    const adf = createAdf(1000, { serverLimit: 37, withTotal: false });
    const result = await walkPages({ start: 0, fetch: adf.fetch, isLast: isLastAdfPage, window: 3, getId: (x) => x });
    expect(result.items).toEqual(adf.rows);
  });
  it('keeps going past totalResults when hasMore says the collection grew', async () => {
    const adf = createAdf(300, { growAfter: 2 });
    const result = await walkPages({ start: 0, fetch: adf.fetch, isLast: isLastAdfPage, window: 2, getId: (x) => x });
    expect(result.items).toHaveLength(302);
    expect(result.items.slice(-2)).toEqual(['id-late-1', 'id-late-2']);
  });
  it('stops on an empty first page', async () => {
    const adf = createAdf(0);
    const result = await walkPages({ start: 0, fetch: adf.fetch, isLast: isLastAdfPage, window: 2, getId: (x) => x });
    expect(result.items).toEqual([]);
    expect(adf.fetched).toEqual([0]);
  });
  it('drops an id seen twice (overlapping pages)', async () => {
    const fetch = async (offset: number): Promise<Page<string>> => {
      await Promise.resolve();
      return offset === 0 ? { items: ['a', 'b'], hasMore: true, totalResults: null } : { items: ['b', 'c'], hasMore: false, totalResults: null };
    };
    const result = await walkPages({ start: 0, fetch, isLast: isLastAdfPage, window: 1, getId: (x) => x });
    expect(result.items).toEqual(['a', 'b', 'c']);
    expect(result.duplicates).toBe(1);
  });
  it('returns only once the prefetches past the end have left the wire (no request outlives the walk)', async () => {
    const adf = createAdf(150, { withTotal: false });
    const open = new Set<number>();
    let openAtReturn = -1;
    const fetch = async (offset: number): Promise<Page<string>> => {
      open.add(offset);
      // Pages past the end answer late, after the walk has what it needs.
      await new Promise((resolve) => setTimeout(resolve, offset >= 200 ? 30 : 1));
      open.delete(offset);
      return adf.fetch(offset);
    };
    await walkPages({ start: 0, fetch, isLast: isLastAdfPage, window: 4, getId: (x) => x }).then(() => (openAtReturn = open.size));
    expect(adf.fetched).toContain(300);
    expect(openAtReturn).toBe(0);
  });
  it('surfaces a failing page the walk needs', async () => {
    const fetch = async (offset: number): Promise<Page<string>> => {
      await Promise.resolve();
      if (offset === 2) throw new Error('page 2 broke');
      return { items: ['a', 'b'], hasMore: true, totalResults: 6 };
    };
    await expect(walkPages({ start: 0, fetch, isLast: isLastAdfPage, window: 1, getId: (x) => `${x}` })).rejects.toThrow('page 2 broke');
  });
});

describe('walkPages over SCIM lists (no totalResults)', () => {
  const createScim = (total: number, cap: number) => {
    const fetched: number[] = [];
    const fetch = async (startIndex: number): Promise<Page<number>> => {
      await Promise.resolve();
      fetched.push(startIndex);
      const items = Array.from({ length: Math.max(0, Math.min(cap, total - (startIndex - 1))) }, (_, i) => startIndex + i);
      return { items, hasMore: null, totalResults: null };
    };
    return { fetch, fetched };
  };
  it('reads all when the server caps count below what was asked', async () => {
    const scim = createScim(1050, 100);
    const result = await walkPages({ start: 1, fetch: scim.fetch, isLast: isLastScimPage, window: 3, getId: String });
    expect(result.items).toEqual(Array.from({ length: 1050 }, (_, i) => i + 1));
  });
  it('confirms a short first page with one more request', async () => {
    const scim = createScim(7, 100);
    const result = await walkPages({ start: 1, fetch: scim.fetch, isLast: isLastScimPage, window: 1, getId: String });
    expect(result.items).toHaveLength(7);
    expect(scim.fetched).toEqual([1, 8]);
  });
  it('reads an exact multiple of the page size and stops on the empty page', async () => {
    const scim = createScim(300, 100);
    const result = await walkPages({ start: 1, fetch: scim.fetch, isLast: isLastScimPage, window: 1, getId: String });
    expect(result.items).toHaveLength(300);
  });
});
