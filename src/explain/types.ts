import type { Finding } from '../evaluate/types.ts';
import type { RoleMemberKind } from '../model/role-graph.ts';

/**
 * What `access-audit explain` prints (and `--json` writes, as is). Plain data built by the pure
 * functions of this folder; the command only reads the snapshot or run folder and prints.
 */

/** One node of an account's inherited tree, from a direct role down to privileges. */
export interface AccessTreeNode {
  code: string;
  kind: RoleMemberKind;
  name: string | null;
  /** Graph role type as the pod names it (roles only). */
  type: string | null;
  seeded: boolean | null;
  /**
   * `cycle`: the code is already on the way down to here (the graph loops; not walked again);
   * `repeat`: expanded earlier in this tree (not expanded twice); `unresolved`: a direct role the
   * graph does not contain (e.g. a generated data role); null otherwise.
   */
  mark: 'cycle' | 'repeat' | 'unresolved' | null;
  children: AccessTreeNode[];
}

export interface GraphStatus {
  collected: boolean;
  source: { kind: 'bip' | 'file'; location: string; readAt: string } | null;
  coverage: { assigned: number; resolved: number; unresolved: string[] } | null;
}

export interface AccountExplanation {
  kind: 'account';
  username: string;
  integration: boolean;
  person: boolean;
  active: boolean;
  sources: string[];
  graph: GraphStatus;
  directRoles: AccessTreeNode[];
  /** Everything held through the graph (direct roles included); null without a graph. */
  effective: { roles: number; privileges: number } | null;
  findings: Finding[];
}

export interface Holder {
  username: string;
  /** From the directly assigned role (first) down to the code (last). */
  path: string[];
  direct: boolean;
}

export interface CodeExplanation {
  kind: 'role' | 'privilege';
  code: string;
  name: string | null;
  type: string | null;
  seeded: boolean | null;
  /** Whether the graph contains the code (always false without a graph). */
  inGraph: boolean;
  graph: GraphStatus;
  /** Roles that directly contain the code, sorted. */
  containedBy: string[];
  /** Direct members (roles only), sorted by kind then code. */
  members: { kind: RoleMemberKind; code: string }[];
  holders: Holder[];
  /** Findings naming the code as their role code (account findings and the role's own). */
  findings: Finding[];
}
