import type { RoleGraphMode, SimGraphEdge, SimRoleGraph } from './types.ts';

/**
 * The graph as the bip/ report's CSV output: BOM, CRLF, RFC 4180 quoting, ordered by
 * ROLE_CODE, MEMBER_KIND, MEMBER_CODE like the SQL, plus the SQL's extra MEMBERSHIP_STAGED column
 * (readers ignore columns they do not know).
 */
const HEADER = ['ROLE_CODE', 'ROLE_NAME', 'ROLE_TYPE', 'IS_SEEDED', 'MEMBER_KIND', 'MEMBER_CODE', 'MEMBER_NAME', 'MEMBERSHIP_STAGED'];

const toCell = (value: string): string => (/[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);

const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Reading ASE_ROLE_ROLE_MBR backwards swaps every role → role edge (privilege edges have no direction to get wrong). */
const toServedEdges = (graph: SimRoleGraph, mode: RoleGraphMode): SimGraphEdge[] => {
  if (mode !== 'inverted') return graph.edges;
  return graph.edges
    .map((edge) => (edge.kind === 'role' ? { role: edge.member, kind: edge.kind, member: edge.role } : edge))
    .sort((a, b) => compareText(a.role, b.role) || compareText(a.kind, b.kind) || compareText(a.member, b.member));
};

export const toRoleGraphCsv = (graph: SimRoleGraph, mode: RoleGraphMode = 'normal'): string => {
  const lines = [HEADER.join(',')];
  if (mode !== 'empty') {
    const roles = new Map(graph.roles.map((role) => [role.code, role]));
    const privileges = new Map(graph.privileges.map((privilege) => [privilege.code, privilege]));
    const byRole = new Map<string, SimGraphEdge[]>();
    for (const edge of toServedEdges(graph, mode)) {
      const list = byRole.get(edge.role) ?? [];
      list.push(edge);
      byRole.set(edge.role, list);
    }
    for (const role of graph.roles) {
      const head = [role.code, role.name, role.type, role.seeded ? 'Y' : 'N'];
      const edges = byRole.get(role.code) ?? [];
      if (edges.length === 0) lines.push([...head, '', '', '', ''].map(toCell).join(','));
      for (const edge of edges) {
        const name = edge.kind === 'role' ? roles.get(edge.member)?.name : privileges.get(edge.member)?.name;
        lines.push([...head, edge.kind === 'role' ? 'ROLE' : 'PRIVILEGE', edge.member, name ?? '', 'N'].map(toCell).join(','));
      }
    }
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
};
