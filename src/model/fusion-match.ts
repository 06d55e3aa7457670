import type { Account, TenantModel } from './types.ts';

/**
 * Matching accounts of other services to Fusion accounts, and the one leaver definition every
 * cross-service rule uses. Pure: the rules and the workbook call it on the snapshot.
 */

/**
 * A Fusion leaver: HCM says suspended OR SCIM says inactive. The two sources disagreeing must
 * never hide a leaver (sources-disagree reports the disagreement itself).
 */
export const isFusionLeaver = (account: Account): boolean => account.hcm?.suspended === true || account.scim?.active === false;

export type MatchKey = 'username' | 'email';

export interface FusionIndex {
  /** Upper-cased username → account. */
  byUsername: Map<string, Account>;
  /** Upper-cased SCIM email → accounts (an email may be shared). */
  byEmail: Map<string, Account[]>;
}

export const toMatchKey = (value: string): string => value.trim().toUpperCase();

export const createFusionIndex = (accounts: readonly Account[]): FusionIndex => {
  const byUsername = new Map<string, Account>();
  const byEmail = new Map<string, Account[]>();
  for (const account of accounts) {
    byUsername.set(account.key, account);
    for (const email of account.scim?.emails ?? []) {
      const list = byEmail.get(toMatchKey(email)) ?? [];
      if (!list.includes(account)) list.push(account);
      byEmail.set(toMatchKey(email), list);
    }
  }
  return { byUsername, byEmail };
};

export interface FusionMatch {
  accounts: Account[];
  /** Which key found them; null when nothing matched. */
  matchedBy: MatchKey | null;
}

/**
 * Username first (case-insensitive), then the email against the SCIM work emails; the first key
 * that finds an account wins and is recorded. `loose` (IAMS, CPQ, whose usernames are often
 * emails) also tries each key against the other kind: any hit on either counts.
 */
export const matchFusionAccounts = (index: FusionIndex, username: string | null, email: string | null, loose = false): FusionMatch => {
  const byName = username === null ? undefined : index.byUsername.get(toMatchKey(username));
  if (byName !== undefined && !loose) return { accounts: [byName], matchedBy: 'username' };
  const keys = [username, email].filter((key): key is string => key !== null).map(toMatchKey);
  const found = loose
    ? keys.flatMap((key) => [...(index.byUsername.has(key) ? [index.byUsername.get(key)!] : []), ...(index.byEmail.get(key) ?? [])])
    : email === null ? [] : (index.byEmail.get(toMatchKey(email)) ?? []);
  const accounts = [...new Set(found)];
  if (accounts.length === 0) return { accounts: [], matchedBy: null };
  return { accounts, matchedBy: byName !== undefined ? 'username' : 'email' };
};

/** When HCM or SCIM is incomplete, "no Fusion account" cannot be told from "not read". */
export const isFusionComplete = (model: TenantModel): boolean =>
  model.sources.every((source) => (source.source !== 'hcm' && source.source !== 'scim') || source.complete);
