/**
 * A small seeded PRNG (mulberry32). The simulator owns its randomness so a seed alone fixes
 * the tenant and the fault sequence: Math.random would make tests and benchmarks drift.
 */
export interface Prng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Integer in [min, max] (both inclusive). */
  int(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
  /** `count` upper-case hex digits. */
  hex(count: number): string;
}

export const createPrng = (seed: number): Prng => {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number): number => min + Math.floor(next() * (max - min + 1));
  return {
    next,
    int,
    pick: <T>(items: readonly T[]): T => items[int(0, items.length - 1)] as T,
    hex: (count: number): string => {
      let out = '';
      while (out.length < count) out += (Math.floor(next() * 0x10000)).toString(16).toUpperCase().padStart(4, '0');
      return out.slice(0, count);
    },
  };
};

/** FNV-1a, 32 bit: stable ids derived from a code (role SCIM ids) without any state. */
export const getStableHash = (text: string): number => {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
};
