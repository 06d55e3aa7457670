/**
 * The simulated tenant's role graph (what the bip/ report returns from the ASE views). Plain data,
 * generated deterministically; the SOAP route serialises it to the CSV contract.
 */

export interface SimGraphRole {
  code: string;
  name: string;
  /** ROLE_TYPE as a pod names it: Job, Abstract, Duty, Data, Aggregate Privilege. */
  type: string;
  seeded: boolean;
}

export interface SimGraphPrivilege {
  code: string;
  name: string;
}

/** `role` contains `member` (a role or a privilege). */
export interface SimGraphEdge {
  role: string;
  kind: 'role' | 'privilege';
  member: string;
}

/**
 * A case the graph plants on purpose, for the evaluation rules (effective access): the account,
 * the rule that should fire once a graph is judged, the offending code and the path to it.
 */
export interface SimGraphPlant {
  ruleId: string;
  /** The account the finding is on; null for a finding about a role (custom-role-wraps-seeded-role). */
  username: string | null;
  code: string;
  path: string[];
}

/**
 * A segregation-of-duties case the graph plants on purpose: the account (or, username null, the
 * role the conflict sits inside) and, per side of the rule, the code held and its path.
 */
export interface SimSodPlant {
  ruleId: string;
  /** null: the finding on the role itself (`insideRole`), with its holders counted. */
  username: string | null;
  /** The one custom role that holds every side; null when the sides come through two roles. */
  insideRole: string | null;
  sides: { code: string; path: string[] }[];
}

export interface SimRoleGraph {
  /** The catalog path the report answers at; any other path gets a SOAP fault. */
  reportPath: string;
  /** Sorted by code. */
  roles: SimGraphRole[];
  /** Sorted by code. */
  privileges: SimGraphPrivilege[];
  /** Sorted by role, kind, member. */
  edges: SimGraphEdge[];
  /** Role codes assigned to accounts that the graph deliberately leaves out (coverage < 100 %). */
  absent: string[];
  /** Cycles planted between custom roles, as role code lists. */
  cycles: string[][];
  plants: SimGraphPlant[];
  /** Segregation-of-duties cases (plants.ts SOD_PLANTS). */
  sod: SimSodPlant[];
}

/** How the SOAP route answers: the graph, a 200 with no rows, or the edges read the wrong way round. */
export type RoleGraphMode = 'normal' | 'empty' | 'inverted';
