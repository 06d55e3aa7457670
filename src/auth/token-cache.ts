import type { AuthProvider } from './types.ts';

export interface IssuedToken {
  /** The full Authorization header value. */
  header: string;
  /** Lifetime from the moment of issue, in milliseconds. */
  lifetimeMs: number;
}

/** Renew this long before expiry: a minute, or a fifth of a short lifetime (so a 2-second token still refreshes in time). */
const getMarginMs = (lifetimeMs: number): number => Math.min(60_000, lifetimeMs / 5);

/**
 * A credential that expires: kept until shortly before its lifetime ends, one fetch shared by
 * every request that asks meanwhile, and one renewal after a 401 (the caller's 401 is final after it).
 */
export const createTokenCache = (issue: () => Promise<IssuedToken>, now: () => number): AuthProvider => {
  let current: { header: string; renewAt: number } | null = null;
  let pending: Promise<string> | null = null;
  const fetchNew = (): Promise<string> => {
    pending ??= (async () => {
      try {
        const started = now();
        const token = await issue();
        current = { header: token.header, renewAt: started + token.lifetimeMs - getMarginMs(token.lifetimeMs) };
        return token.header;
      } finally {
        pending = null;
      }
    })();
    return pending;
  };
  return {
    getAuthorization: () => (current !== null && now() < current.renewAt ? Promise.resolve(current.header) : fetchNew()),
    renew: async (rejected) => {
      // Another request may already have replaced the refused token: use that one.
      if (current !== null && current.header !== rejected && now() < current.renewAt) return true;
      current = null;
      await fetchNew();
      return true;
    },
  };
};
