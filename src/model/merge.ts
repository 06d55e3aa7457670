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
  account: Account;
  roles: Map<string, RoleAssignment>;
}

const getDraft = (drafts: Map<string, Draft>, username: string): Draft => {
  const key = toAccountKey(username);
  let draft = drafts.get(key);
  if (draft === undefined) {
    draft = { account: { key, username, sources: NONE, hcm: null, scim: null, roles: [] }, roles: new Map() };
    drafts.set(key, draft);
  }
  return draft;
};

const getRole = (draft: Draft, code: string): RoleAssignment => {
  const key = code.trim().toUpperCase();
  let role = draft.roles.get(key);
  if (role === undefined) {
    role = { code: key, name: null, category: null, sources: NONE, hcmRoleId: null, hcmUserRoleId: null };
    draft.roles.set(key, role);
  }
  return role;
};

/**
 * Merges HCM userAccounts, SCIM Users and the role catalogue into one account list. Pure and
 * deterministic: the same input in any order gives the same output. An account seen by one
 * source only is kept, its `sources` saying which. When a source lists the same username
 * twice (differing in case), roles are unioned and the first facts kept.
 */
export const mergeSources = (input: MergeInput): MergeResult => {
  const drafts = new Map<string, Draft>();
  const hcm = [...input.hcm].sort((a, b) => compareText(a.facts.guid, b.facts.guid));
  const scim = [...input.scim].sort((a, b) => compareText(a.facts.id, b.facts.id));
  for (const record of hcm) {
    const draft = getDraft(drafts, record.username);
    draft.account.username = draft.account.hcm === null ? record.username : draft.account.username;
    draft.account.hcm ??= record.facts;
    draft.account.sources = addSource(draft.account.sources, 'hcm');
    for (const row of record.roles) {
      const role = getRole(draft, row.code);
      role.sources = addSource(role.sources, 'hcm');
      role.hcmRoleId ??= row.roleId;
      role.hcmUserRoleId ??= row.userRoleId;
    }
  }
  for (const record of scim) {
    const draft = getDraft(drafts, record.username);
    if (draft.account.sources.length === 0) draft.account.username = record.username; // HCM's spelling wins
    draft.account.scim ??= record.facts;
    draft.account.sources = addSource(draft.account.sources, 'scim');
    for (const row of record.roles) {
      const role = getRole(draft, row.code);
      role.sources = addSource(role.sources, 'scim');
      role.name ??= row.name;
    }
  }
  const sorted = [...drafts.values()].sort((a, b) => compareText(a.account.key, b.account.key));
  for (const draft of sorted) draft.account.roles = [...draft.roles.values()].sort((a, b) => compareText(a.code, b.code));
  const catalogue = toCatalogue(input.catalogue, sorted);
  for (const { account } of sorted) {
    for (const role of account.roles) {
      const known = catalogue.get(role.code);
      role.name ??= known?.name ?? null;
      role.category = known?.category ?? null;
    }
  }
  return { accounts: sorted.map((draft) => draft.account), roles: [...catalogue.values()].sort((a, b) => compareText(a.code, b.code)) };
};

/**
 * Catalogue by code; codes only seen on assignments are added with the first name SCIM gave
 * them, walking accounts and roles in sorted order so the result does not depend on input order.
 */
const toCatalogue = (entries: readonly RoleInfo[], sorted: readonly Draft[]): Map<string, RoleInfo> => {
  const catalogue = new Map<string, RoleInfo>();
  for (const entry of [...entries].sort((a, b) => compareText(a.code, b.code))) {
    const code = entry.code.trim().toUpperCase();
    const known = catalogue.get(code);
    catalogue.set(code, { code, name: known?.name ?? entry.name, category: known?.category ?? entry.category });
  }
  for (const { account } of sorted) {
    for (const role of account.roles) {
      const known = catalogue.get(role.code);
      if (known === undefined) catalogue.set(role.code, { code: role.code, name: role.name, category: null });
      else if (known.name === null && role.name !== null) catalogue.set(role.code, { ...known, name: role.name });
    }
  }
  return catalogue;
};
