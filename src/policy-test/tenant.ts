import { compareEdges, computeCoverage, type GraphPrivilege, type GraphRole, type RoleEdge, type RoleGraph } from '../model/role-graph.ts';
import { compareServiceAccounts } from '../model/services.ts';
import type { Account, IntegrationDefinition, ProbeResult, RoleAssignment, ServiceAccount, SourceId, TenantModel } from '../model/types.ts';
import type { CaseTenant } from './schema.ts';

/**
 * Builds the identity model of a policy test case (pure, deterministic): the same case gives the
 * same model, so findings and ids are reproducible. Ids and GUIDs are derived from the position.
 */

const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const byCode = <T extends { code: string }>(a: T, b: T): number => compareText(a.code, b.code);

const STATUS: Record<ProbeResult['outcome'], number | null> = { rows: 200, empty: 200, denied: 403, unauthenticated: 401, error: 500, skipped: null };

const toAccount = (spec: CaseTenant['accounts'][number], index: number, catalogue: ReadonlyMap<string, CaseTenant['roles'][number]>): Account => {
  const id = index + 1;
  const sources: SourceId[] = [...(spec.inHcm ? ['hcm' as const] : []), ...(spec.inScim ? ['scim' as const] : [])];
  const personId = spec.personId !== undefined ? spec.personId : spec.person ? 300_000 + id : null;
  const roles: RoleAssignment[] = [...new Set(spec.roles.map((code) => code.toUpperCase()))].sort(compareText).map((code, position) => ({
    code,
    name: catalogue.get(code)?.name ?? null,
    category: catalogue.get(code)?.category ?? null,
    sources,
    hcmRoleId: spec.inHcm ? 1000 + position : null,
    hcmUserRoleId: spec.inHcm ? 5000 + position : null,
  }));
  return {
    key: spec.username.toUpperCase(),
    username: spec.username,
    sources,
    hcm: spec.inHcm ? {
      userId: id, guid: id.toString(16).toUpperCase().padStart(32, '0'), personId, personNumber: personId === null ? null : `P${personId}`,
      suspended: spec.suspended, createdBy: 'SETUP', creationDate: '2024-01-01T00:00:00Z', lastUpdateDate: '2024-06-01T00:00:00Z',
    } : null,
    scim: spec.inScim ? {
      id: id.toString(16).toUpperCase().padStart(32, 'A'), active: spec.active, displayName: spec.username, givenName: null, familyName: null,
      emails: spec.email === undefined ? [] : [spec.email], userCategory: 'DEFAULT', accountType: null,
      worker: spec.person ? { personNumber: personId === null ? null : `P${personId}`, manager: null, job: null, department: null, businessUnit: null } : null,
    } : null,
    roles,
  };
};

const toGraph = (spec: NonNullable<CaseTenant['graph']>, readAt: string): RoleGraph => {
  const roles = new Map<string, GraphRole>();
  const privileges = new Map<string, GraphPrivilege>();
  const ensureRole = (code: string): void => {
    if (!roles.has(code)) roles.set(code, { code, name: null, type: null, seeded: code.startsWith('ORA_') });
  };
  const edges = new Map<string, RoleEdge>();
  for (const [rawRole, members] of Object.entries(spec.members)) {
    const role = rawRole.toUpperCase();
    ensureRole(role);
    for (const member of members) {
      const edge: RoleEdge = typeof member === 'string'
        ? { role, kind: member.toUpperCase().endsWith('_PRIV') ? 'privilege' : 'role', member: member.toUpperCase() }
        : 'privilege' in member ? { role, kind: 'privilege', member: member.privilege.toUpperCase() } : { role, kind: 'role', member: member.role.toUpperCase() };
      if (edge.kind === 'role') ensureRole(edge.member);
      else if (!privileges.has(edge.member)) privileges.set(edge.member, { code: edge.member, name: null });
      edges.set(`${edge.role}|${edge.kind}|${edge.member}`, edge);
    }
  }
  for (const role of spec.roles) {
    const code = role.code.toUpperCase();
    ensureRole(code);
    const known = roles.get(code) as GraphRole;
    roles.set(code, { code, name: role.name ?? known.name, type: role.type ?? known.type, seeded: role.seeded ?? known.seeded });
  }
  for (const privilege of spec.privileges) privileges.set(privilege.code.toUpperCase(), { code: privilege.code.toUpperCase(), name: privilege.name ?? null });
  return {
    source: { kind: 'file', location: 'policy-test', readAt },
    roles: [...roles.values()].sort(byCode),
    privileges: [...privileges.values()].sort(byCode),
    edges: [...edges.values()].sort(compareEdges),
    problems: [],
  };
};

const toServiceAccount = (spec: CaseTenant['services'][number], id: string, activeOn: string): ServiceAccount => {
  const account: ServiceAccount = {
    service: spec.service, key: spec.username.toUpperCase(), id, username: spec.username, active: spec.active,
    displayName: spec.displayName, email: spec.email, externalId: spec.externalId, userType: spec.userType,
    groups: [...spec.groups].sort(compareText), permissions: { ...spec.permissions },
  };
  if (spec.service !== 'cx') return account;
  const resource = spec.resource;
  return {
    ...account,
    resource: {
      username: resource?.username === undefined ? spec.username : resource.username, profileId: id, partyId: null, partyNumber: `CDRM_${id}`,
      startDate: resource?.startDate ?? null, endDate: resource?.endDate ?? null, organizationId: null, orgRoleCode: resource?.orgRoleCode ?? null,
      deleted: resource?.deleted ?? false, lastUpdateDate: null, activeOn,
    },
  };
};

export const buildCaseTenant = (spec: CaseTenant): TenantModel => {
  const catalogue = new Map(spec.roles.map((role) => [role.code.toUpperCase(), role]));
  const accounts = spec.accounts.map((account, index) => toAccount(account, index, catalogue)).sort((a, b) => compareText(a.key, b.key));
  const integrations: IntegrationDefinition[] = spec.integrations.map((entry) => ({ username: entry.username, probes: entry.probes.map((probe) => ({ ...probe })) }));
  const probes: ProbeResult[] = spec.probes.map((probe) => {
    if (!integrations.some((entry) => entry.username.toUpperCase() === probe.integration.toUpperCase())) {
      integrations.push({ username: probe.integration, probes: [{ path: probe.path, expect: probe.expect, minCount: probe.minCount }] });
    }
    return {
      integration: probe.integration, path: probe.path, expect: probe.expect, minCount: probe.minCount, outcome: probe.outcome,
      httpStatus: probe.httpStatus !== undefined ? probe.httpStatus : STATUS[probe.outcome],
      count: probe.count !== undefined ? probe.count : probe.outcome === 'rows' ? 1 : probe.outcome === 'empty' ? 0 : null,
      totalResults: probe.totalResults,
      detail: probe.detail ?? (probe.outcome === 'error' ? 'HTTP 500' : null),
    };
  });
  const activeOn = new Date(Date.parse(spec.collectedAt) - 60_000).toISOString().slice(0, 10);
  const serviceAccounts: ServiceAccount[] = spec.services.map((service, index) => toServiceAccount(service, `${service.service}-${index + 1}`, activeOn))
    .sort(compareServiceAccounts);
  const roleGraph = spec.graph === undefined ? null : toGraph(spec.graph, spec.collectedAt);
  const complete = spec.incomplete.length === 0;
  const finishedAt = new Date(spec.collectedAt).toISOString();
  return {
    tenant: { name: spec.name, baseUrl: `https://${spec.name}.fa.example.invalid`, restVersion: '11.13.18.05', auditUser: spec.auditUser },
    startedAt: new Date(Date.parse(finishedAt) - 60_000).toISOString(),
    finishedAt,
    complete,
    incompleteReasons: [...spec.incomplete],
    sources: [
      { source: 'hcm', requests: 1, pages: 1, items: accounts.length, retries: 0, throttled: 0, errors: 0, complete, problem: spec.incomplete[0] ?? null },
      { source: 'scim', requests: 1, pages: 1, items: accounts.length, retries: 0, throttled: 0, errors: 0, complete: true, problem: null },
    ],
    accounts,
    roles: spec.roles.map((role) => ({ code: role.code.toUpperCase(), name: role.name, category: role.category })).sort(byCode),
    integrations,
    probes,
    serviceAccounts,
    roleGraph,
    roleGraphCoverage: roleGraph === null ? null : computeCoverage(roleGraph, accounts.flatMap((account) => account.roles.map((role) => role.code))),
  };
};
