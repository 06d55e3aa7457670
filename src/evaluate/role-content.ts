import { indexRoleGraph, type RoleGraphIndex } from '../model/effective-access.ts';
import type { RoleGraph } from '../model/role-graph.ts';
import type { Account, TenantModel } from '../model/types.ts';
import type { RoleContentChange, RoleMemberRef } from './types.ts';

/**
 * Quarterly re-validation of role content (pure): which roles' direct members changed between the
 * baseline's role graph and the current one, keyed by code (never by Oracle's ids, which differ
 * between pods), who holds each changed role now, and whose effective privileges grew through it.
 */

const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const compareRefs = (a: RoleMemberRef, b: RoleMemberRef): number => compareText(a.kind, b.kind) || compareText(a.code, b.code);

const toMemberSets = (graph: RoleGraph): Map<string, Map<string, RoleMemberRef>> => {
  const sets = new Map<string, Map<string, RoleMemberRef>>();
  for (const role of graph.roles) sets.set(role.code.toUpperCase(), new Map<string, RoleMemberRef>());
  for (const edge of graph.edges) {
    const role = edge.role.toUpperCase();
    let set = sets.get(role);
    if (set === undefined) sets.set(role, (set = new Map<string, RoleMemberRef>()));
    const ref: RoleMemberRef = { kind: edge.kind, code: edge.member.toUpperCase() };
    set.set(`${ref.kind}|${ref.code}`, ref);
  }
  return sets;
};

const directCodes = (account: Account): string[] => account.roles.map((role) => role.code);

/** The account's effective privilege codes under a graph (memoised by the index per role set). */
const privilegesOf = (index: RoleGraphIndex, account: Account | undefined): ReadonlySet<string> =>
  account === undefined || account.roles.length === 0 ? new Set() : new Set(index.accessOf(directCodes(account)).privileges.keys());

export interface RoleContentDiff {
  changes: RoleContentChange[];
  /** Upper-cased codes of the roles whose direct members changed. */
  changed: ReadonlySet<string>;
}

export const diffRoleContent = (current: TenantModel, previous: TenantModel, seededPrefix = 'ORA_'): RoleContentDiff => {
  if (current.roleGraph === null || previous.roleGraph === null) return { changes: [], changed: new Set() };
  const now = indexRoleGraph(current.roleGraph);
  const before = indexRoleGraph(previous.roleGraph);
  const nowSets = toMemberSets(current.roleGraph);
  const beforeSets = toMemberSets(previous.roleGraph);
  const codes = [...new Set([...nowSets.keys(), ...beforeSets.keys()])].sort(compareText);
  const previousAccounts = new Map(previous.accounts.map((account) => [account.key, account]));
  const changes: RoleContentChange[] = [];
  const gained = new Map<string, Set<string>>();
  for (const code of codes) {
    const is = nowSets.get(code) ?? new Map<string, RoleMemberRef>();
    const was = beforeSets.get(code) ?? new Map<string, RoleMemberRef>();
    const added = [...is].filter(([key]) => !was.has(key)).map(([, ref]) => ref).sort(compareRefs);
    const removed = [...was].filter(([key]) => !is.has(key)).map(([, ref]) => ref).sort(compareRefs);
    if (added.length === 0 && removed.length === 0) continue;
    const info = now.getRole(code) ?? before.getRole(code);
    const seeded = info?.seeded ?? code.startsWith(seededPrefix);
    const beforeClosure = before.closureOf(code).privileges;
    const gainedByRole = new Set([...now.closureOf(code).privileges.keys()].filter((privilege) => !beforeClosure.has(privilege)));
    gained.set(code, gainedByRole);
    changes.push({
      role: info?.code ?? code, name: info?.name ?? null, seeded, changedBy: seeded ? 'vendor-update' : 'tenant',
      added, removed, holders: 0, privilegesGained: [...gainedByRole].sort(compareText), accountsGained: [],
    });
  }
  // One pass over the accounts: each account's access is looked up once (memoised per role set).
  for (const account of current.accounts) {
    if (changes.length === 0) break;
    if (account.roles.length === 0) continue;
    const held = now.accessOf(directCodes(account)).roles;
    let had: ReadonlySet<string> | null = null;
    for (const change of changes) {
      const code = change.role.toUpperCase();
      if (!held.has(code)) continue;
      change.holders += 1;
      const byRole = gained.get(code) as Set<string>;
      if (byRole.size === 0) continue;
      had ??= privilegesOf(before, previousAccounts.get(account.key));
      const previously = had;
      if ([...byRole].some((privilege) => !previously.has(privilege))) change.accountsGained.push(account.username);
    }
  }
  for (const change of changes) change.accountsGained.sort(compareText);
  return { changes, changed: new Set(changes.map((change) => change.role.toUpperCase())) };
};
