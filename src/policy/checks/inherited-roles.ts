import { z } from 'zod';
import { comparePaths, type AccessEntry, type RoleGraphIndex } from '../../model/effective-access.ts';
import type { GraphRole } from '../../model/role-graph.ts';

/**
 * Shared by the rules that judge roles reached through the role graph (seeded-roles,
 * privileged-roles, custom-role-wraps-seeded-role): what counts as a job or abstract role, and
 * which roles an account reaches THROUGH a custom role.
 */

export const roleTypesSchema = z.array(z.string().min(1)).default(['job', 'abstract'])
  .describe('Graph role types (ROLE_TYPE, case-insensitive, "Job" matches "Job Role") that count; a role without a type counts when its code ends in _JOB or _ABSTRACT.');

/** Whether a graph role is of one of the given types (lower case), read defensively: types are as the pod names them. */
export const createTypeTest = (types: readonly string[]): ((role: GraphRole) => boolean) => {
  const wanted = types.map((type) => type.toLowerCase());
  return (role) => {
    if (role.type === null || role.type.trim() === '') {
      const code = role.code.toUpperCase();
      return wanted.some((type) => code.endsWith(`_${type.toUpperCase()}`));
    }
    const type = role.type.toLowerCase();
    return wanted.some((name) => type === name || type.startsWith(`${name} `) || type.startsWith(`${name}_`));
  };
};

const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

export interface InheritedRoleFinder {
  /**
   * The roles `directCodes` reach through a custom (non-seeded) direct role that `match` accepts,
   * each once with its best path (shortest, then smallest codes), in code order. A path stops at
   * the first role `stop` accepts: the role beneath it is that role's content, not a second
   * finding. Direct roles themselves are never returned (the rules judge them as before).
   */
  find: (directCodes: readonly string[]) => AccessEntry[];
}

/** Memoised per direct role for one evaluation: 100,000 accounts share a few hundred direct roles. */
export const createInheritedRoleFinder = (
  graph: RoleGraphIndex,
  match: (role: GraphRole) => boolean,
  stop: (role: GraphRole) => boolean,
): InheritedRoleFinder => {
  const perRole = new Map<string, AccessEntry[]>();
  const reachedFrom = (code: string): AccessEntry[] => {
    const upper = code.toUpperCase();
    const cached = perRole.get(upper);
    if (cached !== undefined) return cached;
    const start = graph.getRole(upper);
    const entries: AccessEntry[] = [];
    if (start !== undefined && !start.seeded) {
      for (const entry of graph.closureOf(upper).roles.values()) {
        // Match first: a path is only built for the few roles that match.
        const role = graph.getRole(entry.code);
        if (role === undefined || !match(role) || entry.path.length < 2) continue;
        const between = entry.path.slice(1, -1);
        if (between.some((step) => { const on = graph.getRole(step); return on !== undefined && stop(on); })) continue;
        entries.push(entry);
      }
    }
    perRole.set(upper, entries);
    return entries;
  };
  return {
    find: (directCodes) => {
      const best = new Map<string, AccessEntry>();
      for (const code of directCodes) {
        for (const entry of reachedFrom(code)) {
          const held = best.get(entry.code);
          if (held === undefined || comparePaths(entry.path, held.path) < 0) best.set(entry.code, entry);
        }
      }
      return [...best.values()].sort((a, b) => compareText(a.code, b.code));
    },
  };
};
