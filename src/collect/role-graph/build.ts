import { compareEdges, type GraphPrivilege, type GraphRole, type RoleEdge, type RoleGraph, type RoleGraphSource } from '../../model/role-graph.ts';
import type { RoleGraphRow } from './rows.ts';
import { describeCycles } from './cycles.ts';

const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const byCode = <T extends { code: string }>(a: T, b: T): number => compareText(a.code, b.code);

/**
 * Builds the graph from the report's rows (pure, deterministic): each role, privilege and edge
 * once, sorted by code. A role's name, type and seeded flag come from its first row as a
 * containing role; a role that is only ever a member gets MEMBER_NAME, no type, and seeded by
 * its ORA_ prefix. Cycles are tolerated and described once in `problems`.
 */
export const buildRoleGraph = (rows: readonly RoleGraphRow[], source: RoleGraphSource): RoleGraph => {
  const roles = new Map<string, GraphRole>();
  for (const row of rows) {
    if (!roles.has(row.roleCode)) roles.set(row.roleCode, { code: row.roleCode, name: row.roleName, type: row.roleType, seeded: row.seeded });
  }
  const privileges = new Map<string, GraphPrivilege>();
  const edges = new Map<string, RoleEdge>();
  for (const row of rows) {
    if (row.memberKind === null || row.memberCode === null) continue;
    const member = row.memberCode;
    if (row.memberKind === 'role' && !roles.has(member)) {
      roles.set(member, { code: member, name: row.memberName, type: null, seeded: member.toUpperCase().startsWith('ORA_') });
    }
    if (row.memberKind === 'privilege' && !privileges.has(member)) privileges.set(member, { code: member, name: row.memberName });
    const key = `${row.roleCode}\u0000${row.memberKind}\u0000${member}`;
    if (!edges.has(key)) edges.set(key, { role: row.roleCode, kind: row.memberKind, member });
  }
  const sortedEdges = [...edges.values()].sort(compareEdges);
  return {
    source,
    roles: [...roles.values()].sort(byCode),
    privileges: [...privileges.values()].sort(byCode),
    edges: sortedEdges,
    problems: describeCycles(sortedEdges),
  };
};

type TypeClass = 'job' | 'duty' | 'other';

/** Job and abstract roles are "top" roles; duties sit below them. Types as the pod names them. */
const toTypeClass = (type: string | null | undefined): TypeClass => {
  if (type === null || type === undefined) return 'other';
  if (/job|abstract/i.test(type)) return 'job';
  return /duty/i.test(type) ? 'duty' : 'other';
};

/**
 * The direction check (oracle-reference §9.3): in Oracle's model job and abstract roles contain
 * duties, never the reverse. When more edges have a duty containing a job or abstract role than
 * the other way round, the SQL read ASE_ROLE_ROLE_MBR backwards on this pod: one line, or null.
 */
export const checkDirection = (graph: RoleGraph, location: string): string | null => {
  const types = new Map(graph.roles.map((role) => [role.code, toTypeClass(role.type)]));
  let downward = 0;
  const upward: RoleEdge[] = [];
  for (const edge of graph.edges) {
    if (edge.kind !== 'role') continue;
    const [from, to] = [types.get(edge.role), types.get(edge.member)];
    if (from === 'job' && to === 'duty') downward += 1;
    if (from === 'duty' && to === 'job') upward.push(edge);
  }
  if (upward.length === 0 || upward.length <= downward) return null;
  const example = upward[0] as RoleEdge;
  return `${location}: the role graph points the wrong way: ${upward.length} edge${upward.length === 1 ? '' : 's'} have a duty role containing a job or abstract role `
    + `(e.g. ${example.role} contains ${example.member}), ${downward} the other way: ASE_ROLE_ROLE_MBR's direction is inverted on this pod; `
    + 'swap PARENT_ROLE_ID and CHILD_ROLE_ID in bip/role-graph.sql (bip/README.md shows the query that confirms it)';
};
