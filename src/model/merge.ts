import type { HcmAccountRecord, ScimAccountRecord } from './source-records.ts';
import type { Account, RoleAssignment, RoleInfo, SourceId } from './types.ts';

export interface MergeInput {
  hcm: readonly HcmAccountRecord[];
  scim: readonly ScimAccountRecord[];
  /** The role catalogue (/scim/Roles); may be empty. */
  catalogue: readonly RoleInfo[];
}

export interface MergeResult {
  /** Sorted by key; roles in each sorted by code. */
  accounts: Account[];
  /** The catalogue plus every assigned code it lacked, sorted by code. */
  roles: RoleInfo[];
}

/** Oracle compares usernames case-insensitively (CASEY.BROWN in SCIM, Casey.Brown in HCM). */
export const toAccountKey = (username: string): string => username.trim().toUpperCase();

const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
/**
 * The three possible source lists, shared by every account and role that has them (a million
 * role assignments need three arrays, not a million). Never mutated: adding returns another.
 */
const HCM_ONLY: SourceId[] = ['hcm'];
const SCIM_ONLY: SourceId[] = ['scim'];
const BOTH: SourceId[] = ['hcm', 'scim'];
const NONE: SourceId[] = [];

/** Sources stay sorted (hcm before scim), whatever the order they are added in. */
const addSource = (sources: SourceId[], source: SourceId): SourceId[] => {
  if (sources.includes(source)) return sources;
  if (sources.length > 0) return BOTH;
  return source === 'hcm' ? HCM_ONLY : SCIM_ONLY;
};

interface Draft {
  key: string;
  hcm: HcmAccountRecord[];
  scim: ScimAccountRecord[];
}

/**
 * Role codes in canonical form (trimmed, upper case). The sources hand over interned codes, a few
 * hundred distinct strings for a million assignments, so the answer is looked up, not rebuilt.
 */
const MAX_CANONICAL = 100_000;
const canonicalCodes = new Map<string, string>();
const toRoleKey = (code: string): string => {
  let key = canonicalCodes.get(code);
  if (key === undefined) {
    key = code.trim().toUpperCase();
    if (canonicalCodes.size < MAX_CANONICAL) canonicalCodes.set(code, key);
  }
  return key;
};

const getRole = (roles: Map<string, RoleAssignment>, code: string): RoleAssignment => {
  const key = toRoleKey(code);
  let role = roles.get(key);
  if (role === undefined) {
    role = { code: key, name: null, category: null, sources: NONE, hcmRoleId: null, hcmUserRoleId: null };
    roles.set(key, role);
  }
  return role;
};

/** The records of each account key, in input order. */
const groupByKey = (hcm: readonly HcmAccountRecord[], scim: readonly ScimAccountRecord[]): Draft[] => {
  const drafts = new Map<string, Draft>();
  const getDraft = (username: string): Draft => {
    const key = toAccountKey(username);
    let draft = drafts.get(key);
    if (draft === undefined) drafts.set(key, (draft = { key, hcm: [], scim: [] }));
    return draft;
  };
  for (const record of hcm) getDraft(record.username).hcm.push(record);
  for (const record of scim) getDraft(record.username).scim.push(record);
  return [...drafts.values()].sort((a, b) => compareText(a.key, b.key));
};

/** One account from its records; a source that listed the key twice is read in id order, so input order never matters. */
const toAccount = (draft: Draft): Account => {
  const hcm = draft.hcm.length > 1 ? [...draft.hcm].sort((a, b) => compareText(a.facts.guid, b.facts.guid)) : draft.hcm;
  const scim = draft.scim.length > 1 ? [...draft.scim].sort((a, b) => compareText(a.facts.id, b.facts.id)) : draft.scim;
  const roles = new Map<string, RoleAssignment>();
  for (const record of hcm) {
    for (const row of record.roles) {
      const role = getRole(roles, row.code);
      role.sources = HCM_ONLY;
      role.hcmRoleId ??= row.roleId;
      role.hcmUserRoleId ??= row.userRoleId;
    }
  }
  for (const record of scim) {
    for (const row of record.roles) {
      const role = getRole(roles, row.code);
      role.sources = addSource(role.sources, 'scim');
      role.name ??= row.name;
    }
  }
  const sources = hcm.length === 0 ? SCIM_ONLY : scim.length === 0 ? HCM_ONLY : BOTH;
  return {
    key: draft.key,
    // HCM's spelling wins.
    username: (hcm[0] ?? scim[0]!).username,
    sources,
    hcm: hcm[0]?.facts ?? null,
    scim: scim[0]?.facts ?? null,
    roles: [...roles.values()].sort((a, b) => compareText(a.code, b.code)),
  };
};

/**
 * Merges HCM userAccounts, SCIM Users and the role catalogue into one account list. Pure and
 * deterministic: the same input in any order gives the same output. An account seen by one
 * source only is kept, its `sources` saying which. When a source lists the same username
 * twice (differing in case), roles are unioned and the facts of the lowest id kept.
 */
export const mergeSources = (input: MergeInput): MergeResult => {
  const accounts = groupByKey(input.hcm, input.scim).map(toAccount);
  const catalogue = toCatalogue(input.catalogue, accounts);
  for (const account of accounts) {
    for (const role of account.roles) {
      const known = catalogue.get(role.code);
      role.name ??= known?.name ?? null;
      role.category = known?.category ?? null;
    }
  }
  return { accounts, roles: [...catalogue.values()].sort((a, b) => compareText(a.code, b.code)) };
};

/**
 * Catalogue by code; codes only seen on assignments are added with the first name SCIM gave
 * them, walking accounts and roles in sorted order so the result does not depend on input order.
 */
const toCatalogue = (entries: readonly RoleInfo[], sorted: readonly Account[]): Map<string, RoleInfo> => {
  const catalogue = new Map<string, RoleInfo>();
  for (const entry of [...entries].sort((a, b) => compareText(a.code, b.code))) {
    const code = entry.code.trim().toUpperCase();
    const known = catalogue.get(code);
    catalogue.set(code, { code, name: known?.name ?? entry.name, category: known?.category ?? entry.category });
  }
  for (const account of sorted) {
    for (const role of account.roles) {
      const known = catalogue.get(role.code);
      if (known === undefined) catalogue.set(role.code, { code: role.code, name: role.name, category: null });
      else if (known.name === null && role.name !== null) catalogue.set(role.code, { ...known, name: role.name });
    }
  }
  return catalogue;
};
