import { addGraphMembers, createGraphReach } from './role-graph/generate.ts';
import type { PlantedViolation, SimQuarterChange, SimTenant, SimUser } from './types.ts';

/**
 * The simulated tenant quarter by quarter: quarter 1 is the generated tenant, each later quarter
 * applies one delta — Oracle's quarterly update of seeded role content plus ordinary tenant
 * changes — so a run of quarter 2 against a baseline of quarter 1 shows role-content changes and
 * why each new finding is new. The deltas are data; applying them is pure and deterministic.
 */
export const QUARTERS = [1, 2] as const;
export type Quarter = (typeof QUARTERS)[number];
export const DEFAULT_QUARTER: Quarter = 1;

export interface QuarterDelta {
  quarter: Quarter;
  /** The vendor update: members a seeded role gains, and the rule the addition completes for the role's holders. */
  roleMembers: { role: string; add: string[]; ruleId: string }[];
  /** Tenant changes: an account gains roles, and the rules that then fire on it. */
  assignments: { username: string; add: string[]; ruleIds: string[] }[];
}

export const QUARTER_DELTAS: QuarterDelta[] = [
  {
    quarter: 2,
    // The duty already grants invoice entry (AP_CREATE_PAYABLES_INVOICE_PRIV); with Maintain
    // Supplier added, every holder of AP Specialist, Supervisor or Manager (or of a custom copy)
    // can set up a supplier and enter its invoices. (The pairing is the example; the duty
    // code is a STAND-IN, role-graph/catalogue.ts.)
    roleMembers: [{ role: 'ORA_AP_PAYABLES_INVOICE_CREATION_DUTY', add: ['POZ_MAINTAIN_SUPPLIER_PRIV'], ruleId: 'sod-supplier-vs-invoice' }],
    // A buyer is also given the AP Specialist job: purchase orders and invoices (and, with the
    // update, suppliers) in one hand.
    assignments: [{ username: 'DANA.WHITE', add: ['ORA_AP_ACCOUNTS_PAYABLE_SPECIALIST_JOB'], ruleIds: ['sod-purchase-order-vs-invoice', 'sod-supplier-vs-invoice'] }],
  },
];

export const isQuarter = (value: unknown): value is Quarter => (QUARTERS as readonly unknown[]).includes(value);

/** As the model judges it: not suspended in HCM, not inactive in SCIM (where the account is in each). */
const isActive = (user: SimUser): boolean => !(user.inHcm && user.suspended) && !(user.inScim && !user.scimActive);

const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

const applyDelta = (tenant: SimTenant, delta: QuarterDelta): SimTenant => {
  const known = new Set(tenant.roles.map((role) => role.code));
  const adding = new Map(delta.assignments.map((change) => [change.username, change.add]));
  for (const change of delta.assignments) {
    if (!tenant.users.some((user) => user.scimUsername === change.username)) throw new Error(`simulator quarter ${delta.quarter}: no account ${change.username}`);
    const unknown = change.add.find((code) => !known.has(code));
    if (unknown !== undefined) throw new Error(`simulator quarter ${delta.quarter}: ${change.username} cannot gain ${unknown}, not in the role catalogue`);
  }
  const roleGraph = addGraphMembers(tenant.roleGraph, delta.roleMembers.map((change) => [change.role, change.add] as const));
  const users = tenant.users.map((user) => {
    const add = adding.get(user.scimUsername);
    return add === undefined ? user : { ...user, roles: [...user.roles, ...add.filter((code) => !user.roles.includes(code))] };
  });
  const reachBefore = createGraphReach(tenant.roleGraph);
  const reachNow = createGraphReach(roleGraph);
  const rolesBefore = new Map(tenant.users.map((user) => [user.scimUsername, user.roles]));
  const assigned = new Set(delta.assignments.map((change) => change.username));
  const roleContent: SimQuarterChange['roleContent'] = delta.roleMembers.map((change) => {
    const had = reachBefore([change.role]);
    const gained = [...reachNow([change.role])].filter((code) => code.endsWith('_PRIV') && !had.has(code));
    const holders = users.filter((user) => reachNow(user.roles).has(change.role));
    const grew = holders.filter((user) => {
      const before = reachBefore(rolesBefore.get(user.scimUsername) ?? []);
      return gained.some((code) => !before.has(code));
    });
    return {
      role: change.role,
      added: change.add.map((code) => ({ kind: code.endsWith('_PRIV') ? 'privilege' as const : 'role' as const, code })).sort((a, b) => compareText(a.kind, b.kind) || compareText(a.code, b.code)),
      ruleId: change.ruleId,
      holders: holders.map((user) => user.scimUsername).sort(compareText),
      accountsGained: grew.map((user) => user.scimUsername).sort(compareText),
      // The accounts the addition alone gives the rule (an account that also gained a role this quarter is the assignment's).
      newFindings: grew.filter((user) => isActive(user) && !assigned.has(user.scimUsername)).map((user) => user.scimUsername).sort(compareText),
    };
  });
  const planted: PlantedViolation[] = [
    ...roleContent.flatMap((change) => change.newFindings.map((username) => ({ ruleId: change.ruleId, username, roleCode: null, endpoint: null }))),
    ...delta.assignments.flatMap((change) => change.ruleIds.map((ruleId) => ({ ruleId, username: change.username, roleCode: null, endpoint: null }))),
  ];
  // An account whose access grew this quarter is no longer promised clean (nor, as the clean list
  // is read case-insensitively, a service account or CX resource spelled like it).
  const changed = new Set([...assigned, ...roleContent.flatMap((change) => change.accountsGained)].map((username) => username.toUpperCase()));
  return {
    ...tenant,
    quarter: delta.quarter,
    users,
    roleGraph,
    planted: [...tenant.planted, ...planted],
    clean: tenant.clean.filter((username) => !changed.has(username.toUpperCase())),
    quarterChanges: [...tenant.quarterChanges, { quarter: delta.quarter, roleContent, assignments: delta.assignments.map((change) => ({ ...change, add: [...change.add], ruleIds: [...change.ruleIds] })) }],
  };
};

/**
 * The tenant as it is in `quarter`: the deltas after the tenant's own quarter applied in order.
 * A tenant already in that quarter is returned as it is; an earlier quarter cannot be recovered.
 */
export const applyQuarter = (tenant: SimTenant, quarter: number): SimTenant => {
  if (!isQuarter(quarter)) throw new Error(`simulator: quarter must be one of ${QUARTERS.join(', ')}, got ${String(quarter)}`);
  if (quarter < tenant.quarter) throw new Error(`simulator: the tenant is already in quarter ${tenant.quarter}; generate quarter ${quarter} from the seed instead`);
  return QUARTER_DELTAS.filter((delta) => delta.quarter > tenant.quarter && delta.quarter <= quarter).reduce(applyDelta, tenant);
};
