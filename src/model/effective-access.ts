import type { GraphPrivilege, GraphRole, RoleGraph, RoleMemberKind } from './role-graph.ts';

/**
 * Effective access: what an account holds through the roles assigned to it directly, walked down
 * the role graph to privileges. Pure and deterministic:
 *  - each role's closure is computed once (memoised) by a breadth-first walk whose members are
 *    visited in code order, so every reached code gets one shortest path, ties broken by code
 *    (the lexicographically smallest sequence of codes among the shortest paths);
 *  - an account's access is the union of its direct roles' closures (shortest path wins, then the
 *    smaller sequence of codes), memoised per distinct set of direct roles: 100,000 accounts do
 *    not mean 100,000 graph walks;
 *  - cycles terminate (a code is visited once per walk).
 */

/** One code an account (or a role) effectively holds, with the path it is held through. */
export interface AccessEntry {
  code: string;
  kind: RoleMemberKind;
  /** Codes from the directly assigned role (first) down to `code` (last); [code] for a direct role. */
  path: readonly string[];
}

export interface EffectiveAccess {
  /** Every role held, directly or inherited, by upper-cased code; includes direct roles the graph does not know. */
  roles: ReadonlyMap<string, AccessEntry>;
  /** Every privilege held through the graph, by upper-cased code. */
  privileges: ReadonlyMap<string, AccessEntry>;
}

export interface RoleGraphIndex {
  graph: RoleGraph;
  /** A role of the graph by code (case-insensitive). */
  getRole: (code: string) => GraphRole | undefined;
  getPrivilege: (code: string) => GraphPrivilege | undefined;
  /** Whether the graph contains this role or privilege code (case-insensitive). */
  has: (code: string) => boolean;
  /** Direct members of a role, sorted by kind then code ([] for an unknown role). */
  membersOf: (code: string) => readonly { kind: RoleMemberKind; code: string }[];
  /** Roles that directly contain this role or privilege, sorted by code. */
  containersOf: (code: string) => readonly string[];
  /** What one role gives, itself included (path starts at the role). Memoised. */
  closureOf: (code: string) => EffectiveAccess;
  /** What a set of directly assigned roles gives. Memoised per distinct set (bounded cache). */
  accessOf: (directRoleCodes: readonly string[]) => EffectiveAccess;
  /**
   * The best path (shortest, then smallest code sequence) by which a set of direct roles holds one
   * role or privilege code, or undefined. Cheap: looks the code up in each direct role's closure,
   * without building the union (what rules that look for a few codes should use).
   */
  findHeld: (directRoleCodes: readonly string[], code: string) => AccessEntry | undefined;
}

const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Path order: shorter first, then the smaller sequence of codes (how ties between paths are broken). */
export const comparePaths = (a: readonly string[], b: readonly string[]): number => {
  if (a.length !== b.length) return a.length - b.length;
  for (let i = 0; i < a.length; i += 1) {
    const order = compareText(a[i] as string, b[i] as string);
    if (order !== 0) return order;
  }
  return 0;
};

const UNION_CACHE_LIMIT = 4096;

/**
 * A code reached by a closure walk. Its path is kept as a link to the entry it was reached from
 * and built only when read (then kept): a closure of 10,000 codes allocates no path arrays for
 * the codes nobody asks about, which keeps the garbage collector out of large evaluations.
 */
class ReachedEntry implements AccessEntry {
  readonly code: string;
  readonly kind: RoleMemberKind;
  readonly #from: ReachedEntry | null;
  readonly #depth: number;
  #path: readonly string[] | null = null;

  constructor(code: string, kind: RoleMemberKind, from: ReachedEntry | null) {
    this.code = code;
    this.kind = kind;
    this.#from = from;
    this.#depth = from === null ? 0 : from.#depth + 1;
  }

  get path(): readonly string[] {
    if (this.#path === null) {
      const path = new Array<string>(this.#depth + 1);
      path[this.#depth] = this.code;
      for (let at = this.#from, i = this.#depth - 1; at !== null; at = at.#from, i -= 1) path[i] = at.code;
      this.#path = path;
    }
    return this.#path;
  }

  toJSON(): { code: string; kind: RoleMemberKind; path: readonly string[] } {
    return { code: this.code, kind: this.kind, path: this.path };
  }
}

const toDirect = (codes: readonly string[]): string[] => [...new Set(codes.map((code) => code.toUpperCase()))].sort(compareText);

const EMPTY: readonly { kind: RoleMemberKind; code: string }[] = [];

export const indexRoleGraph = (graph: RoleGraph): RoleGraphIndex => {
  const roles = new Map(graph.roles.map((role) => [role.code.toUpperCase(), role]));
  const privileges = new Map(graph.privileges.map((privilege) => [privilege.code.toUpperCase(), privilege]));
  const members = new Map<string, { kind: RoleMemberKind; code: string }[]>();
  const containers = new Map<string, Set<string>>();
  for (const edge of graph.edges) {
    const role = edge.role.toUpperCase();
    const member = edge.member.toUpperCase();
    let list = members.get(role);
    if (list === undefined) members.set(role, (list = []));
    list.push({ kind: edge.kind, code: member });
    let set = containers.get(member);
    if (set === undefined) containers.set(member, (set = new Set()));
    set.add(role);
  }
  for (const list of members.values()) {
    list.sort((a, b) => compareText(a.kind, b.kind) || compareText(a.code, b.code));
  }
  // Privileges listed before roles at the same depth do not change the result: a code's path is
  // chosen by length first and by the code sequence second, and a privilege is never walked into.
  const closures = new Map<string, EffectiveAccess>();
  const closureOf = (raw: string): EffectiveAccess => {
    // Codes arrive upper-cased almost always (the merge and the snapshot store them so): the
    // lookup as given comes first, so a million lookups do not each build an upper-case copy.
    const exact = closures.get(raw);
    if (exact !== undefined) return exact;
    const start = raw.toUpperCase();
    const cached = closures.get(start);
    if (cached !== undefined) return cached;
    const root = new ReachedEntry(start, 'role', null);
    const roleEntries = new Map<string, AccessEntry>([[start, root]]);
    const privilegeEntries = new Map<string, AccessEntry>();
    // Breadth-first with members in code order: the first time a code is reached is along its
    // shortest path with the smallest code sequence (the queue stays in path order level by level).
    const queue: ReachedEntry[] = [root];
    for (let head = 0; head < queue.length; head += 1) {
      const entry = queue[head] as ReachedEntry;
      for (const child of members.get(entry.code) ?? EMPTY) {
        const target = child.kind === 'role' ? roleEntries : privilegeEntries;
        if (target.has(child.code)) continue;
        const next = new ReachedEntry(child.code, child.kind, entry);
        target.set(child.code, next);
        if (child.kind === 'role') queue.push(next);
      }
    }
    const result: EffectiveAccess = { roles: roleEntries, privileges: privilegeEntries };
    closures.set(start, result);
    return result;
  };
  // Accounts share role sets (the same job roles over and over), so unions are memoised; the cache
  // is bounded so 100,000 accounts with distinct sets never hold 100,000 unions at once.
  const unions = new Map<string, EffectiveAccess>();
  const accessOf = (directRoleCodes: readonly string[]): EffectiveAccess => {
    const direct = toDirect(directRoleCodes);
    if (direct.length === 1) return closureOf(direct[0] as string);
    const key = direct.join('\n');
    const cached = unions.get(key);
    if (cached !== undefined) return cached;
    const roleEntries = new Map<string, AccessEntry>();
    const privilegeEntries = new Map<string, AccessEntry>();
    const mergeInto = (target: Map<string, AccessEntry>, from: ReadonlyMap<string, AccessEntry>): void => {
      for (const [code, entry] of from) {
        const held = target.get(code);
        if (held === undefined || comparePaths(entry.path, held.path) < 0) target.set(code, entry);
      }
    };
    for (const code of direct) {
      const closure = closureOf(code);
      mergeInto(roleEntries, closure.roles);
      mergeInto(privilegeEntries, closure.privileges);
    }
    const result: EffectiveAccess = { roles: roleEntries, privileges: privilegeEntries };
    if (unions.size >= UNION_CACHE_LIMIT) unions.clear();
    unions.set(key, result);
    return result;
  };
  const findHeld = (directRoleCodes: readonly string[], code: string): AccessEntry | undefined => {
    const upper = code.toUpperCase();
    let best: AccessEntry | undefined;
    for (const role of toDirect(directRoleCodes)) {
      const closure = closureOf(role);
      const entry = closure.roles.get(upper) ?? closure.privileges.get(upper);
      if (entry !== undefined && (best === undefined || comparePaths(entry.path, best.path) < 0)) best = entry;
    }
    return best;
  };
  const containerLists = new Map<string, readonly string[]>();
  return {
    graph,
    getRole: (code) => roles.get(code.toUpperCase()),
    getPrivilege: (code) => privileges.get(code.toUpperCase()),
    has: (code) => roles.has(code.toUpperCase()) || privileges.has(code.toUpperCase()),
    membersOf: (code) => members.get(code.toUpperCase()) ?? EMPTY,
    containersOf: (code) => {
      const upper = code.toUpperCase();
      let list = containerLists.get(upper);
      if (list === undefined) containerLists.set(upper, (list = [...(containers.get(upper) ?? [])].sort(compareText)));
      return list;
    },
    closureOf,
    accessOf,
    findHeld,
  };
};

/** Entries of an access map in code order (for deterministic output). */
export const sortedEntries = (map: ReadonlyMap<string, AccessEntry>): AccessEntry[] =>
  [...map.values()].sort((a, b) => compareText(a.code, b.code));

/** "XX_INT_GL → ORA_GL_GENERAL_ACCOUNTANT_JOB": how messages and reports draw a path. */
export const toPathText = (path: readonly string[]): string => path.join(' → ');
