/** Entries kept at most: role codes, names and creators number in the thousands, not more. */
const MAX_ENTRIES = 200_000;
const pool = new Map<string, string>();

/**
 * One shared instance per distinct string. JSON.parse gives every occurrence its own copy, so
 * 100,000 accounts × 10 roles would keep a million copies of a few hundred role codes and names
 * alive until the snapshot is written; interned, they keep one each.
 */
export const intern = (value: string): string => {
  const known = pool.get(value);
  if (known !== undefined) return known;
  if (pool.size < MAX_ENTRIES) pool.set(value, value);
  return value;
};

export const internNullable = (value: string | null): string | null => (value === null ? null : intern(value));
