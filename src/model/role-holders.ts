import type { RoleGraphIndex } from './effective-access.ts';
import type { Account } from './types.ts';

/**
 * Who holds a role or privilege, directly or through the role graph. Built once per evaluation
 * or report; pure. Counting walks UP the graph from the code (the roles that contain it,
 * memoised), then unions the accounts assigned one of those roles directly: no per-account walk,
 * so asking for a few codes over 100,000 accounts stays cheap.
 */
export interface RoleHolders {
  /** Accounts assigned this role directly (upper-cased code). */
  countDirect: (code: string) => number;
  /** Accounts holding this role or privilege directly or inherited (= direct without a graph). */
  countEffective: (code: string) => number;
  /** Indexes (into the accounts given) of the accounts holding the code, in account order. */
  listEffective: (code: string) => number[];
}

export const createRoleHolders = (accounts: readonly Account[], graph: RoleGraphIndex | null): RoleHolders => {
  const direct = new Map<string, number[]>();
  accounts.forEach((account, index) => {
    for (const role of account.roles) {
      const code = role.code.toUpperCase();
      let list = direct.get(code);
      if (list === undefined) direct.set(code, (list = []));
      if (list[list.length - 1] !== index) list.push(index);
    }
  });
  // Every role whose closure holds the code (the code itself included); cycles end at a seen code.
  const getContainers = (code: string): Set<string> => {
    const seen = new Set<string>([code]);
    const queue = [code];
    for (let head = 0; head < queue.length; head += 1) {
      for (const container of graph?.containersOf(queue[head] as string) ?? []) {
        if (!seen.has(container)) {
          seen.add(container);
          queue.push(container);
        }
      }
    }
    return seen;
  };
  const collect = (code: string): Set<number> => {
    const holders = new Set<number>();
    for (const container of getContainers(code)) for (const index of direct.get(container) ?? []) holders.add(index);
    return holders;
  };
  // Counts are memoised (a report asks for every role); lists are not (they would hold 100,000s of indexes each).
  const counts = new Map<string, number>();
  return {
    countDirect: (code) => direct.get(code.toUpperCase())?.length ?? 0,
    countEffective: (raw) => {
      const code = raw.toUpperCase();
      let count = counts.get(code);
      if (count === undefined) counts.set(code, (count = collect(code).size));
      return count;
    },
    listEffective: (code) => [...collect(code.toUpperCase())].sort((a, b) => a - b),
  };
};

/**
 * How many accounts hold each role and privilege effectively, for every code at once (a report's
 * Roles sheet): accounts are grouped by their set of direct roles, and each distinct set's union
 * is read once (memoised in the index). Codes upper-cased.
 */
export const countEffectiveHolders = (accounts: readonly Account[], graph: RoleGraphIndex): Map<string, number> => {
  const groups = new Map<string, { direct: string[]; size: number }>();
  for (const account of accounts) {
    const direct = account.roles.map((role) => role.code.toUpperCase()).sort();
    const key = direct.join('\n');
    const group = groups.get(key);
    if (group === undefined) groups.set(key, { direct, size: 1 });
    else group.size += 1;
  }
  const counts = new Map<string, number>();
  for (const { direct, size } of groups.values()) {
    if (direct.length === 0) continue;
    const access = graph.accessOf(direct);
    for (const code of access.roles.keys()) counts.set(code, (counts.get(code) ?? 0) + size);
    for (const code of access.privileges.keys()) counts.set(code, (counts.get(code) ?? 0) + size);
  }
  return counts;
};
