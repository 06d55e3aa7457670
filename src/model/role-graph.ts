/**
 * The role graph (job → duty → privilege) as read from the tenant's BI Publisher report or a CSV
 * file (oracle-reference §9). Plain, serialisable data: it is stored in the snapshot
 * (role-graph.json) and read back offline by evaluate, gate, explain and report.
 *
 * Codes are the keys everywhere (never Oracle's numeric ids): a graph from one pod can be compared
 * with a graph from another.
 */

/** What a role's direct member is. */
export type RoleMemberKind = 'role' | 'privilege';

/** A role of the graph (a containing role, or a role that is only ever a member). */
export interface GraphRole {
  /** Role code, e.g. ORA_AP_ACCOUNTS_PAYABLE_SPECIALIST_JOB or XX_INT_GL (as the pod spells it). */
  code: string;
  name: string | null;
  /** Type as the pod names it (Job, Duty, Abstract, Data, …), kept as sent; null when unknown. */
  type: string | null;
  /** IS_SEEDED (Y/N, true/false); when the report left it empty: the code starts with ORA_. */
  seeded: boolean;
}

/** A privilege (function security) a role contains. */
export interface GraphPrivilege {
  code: string;
  name: string | null;
}

/** One currently effective direct membership: `role` contains `member`. */
export interface RoleEdge {
  role: string;
  kind: RoleMemberKind;
  member: string;
}

/** Where the graph came from. */
export interface RoleGraphSource {
  /** bip: run on the tenant through ExternalReportWSSService.runReport; file: a CSV exported by hand. */
  kind: 'bip' | 'file';
  /** The report's absolute catalog path, or the file path as configured. */
  location: string;
  /** When the tool read it (ISO date-time). */
  readAt: string;
}

export interface RoleGraph {
  source: RoleGraphSource;
  /** Sorted by code; each code once. Includes roles that appear only as members. */
  roles: GraphRole[];
  /** Sorted by code; each code once. */
  privileges: GraphPrivilege[];
  /** Sorted by role, kind (role before privilege), member; each edge once. */
  edges: RoleEdge[];
  /**
   * Data problems found in the graph that were tolerated (e.g. a cycle between two roles), one line
   * each, reported once in the manifest and the reports. Never a reason for an endless walk.
   */
  problems: string[];
}

/** How many of the role codes assigned to accounts the graph resolves ("312 of 315"). */
export interface RoleGraphCoverage {
  /** Distinct role codes assigned to at least one account. */
  assigned: number;
  /** Of those, how many the graph contains. */
  resolved: number;
  /** The assigned codes the graph does not contain (often generated data roles), sorted. */
  unresolved: string[];
}

const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

export const compareEdges = (a: RoleEdge, b: RoleEdge): number =>
  compareText(a.role, b.role) || compareText(a.kind, b.kind) || compareText(a.member, b.member);

/** Coverage of the accounts' assigned role codes by the graph (pure). */
export const computeCoverage = (graph: RoleGraph, assignedCodes: Iterable<string>): RoleGraphCoverage => {
  const known = new Set(graph.roles.map((role) => role.code.toUpperCase()));
  const assigned = new Set<string>();
  for (const code of assignedCodes) assigned.add(code);
  const unresolved = [...assigned].filter((code) => !known.has(code.toUpperCase())).sort(compareText);
  return { assigned: assigned.size, resolved: assigned.size - unresolved.length, unresolved };
};

/**
 * Coverage in words, e.g. "312 of 315 assigned role codes resolved (unresolved: XX_GL_US_DATA, …)":
 * at most `listed` codes are named (the manifest has them all).
 */
export const describeCoverage = (coverage: RoleGraphCoverage, listed = 5): string => {
  const names = coverage.unresolved.slice(0, listed).join(', ');
  const more = coverage.unresolved.length > listed ? `, +${coverage.unresolved.length - listed} more` : '';
  return `${coverage.resolved} of ${coverage.assigned} assigned role codes resolved${coverage.unresolved.length === 0 ? '' : ` (unresolved: ${names}${more})`}`;
};

/** One line for logs and the collect summary: where the graph came from, its size and coverage. */
export const describeRoleGraph = (graph: RoleGraph, coverage: RoleGraphCoverage | null): string => {
  const from = graph.source.kind === 'bip' ? `BI Publisher report ${graph.source.location}` : `file ${graph.source.location}`;
  const size = `${graph.roles.length} roles, ${graph.privileges.length} privileges, ${graph.edges.length} edges`;
  return `role graph from ${from}: ${size}${coverage === null ? '' : `; ${describeCoverage(coverage)}`}`;
};
