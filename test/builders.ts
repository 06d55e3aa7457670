/**
 * Test builders for the pure model (shared by the policy, evaluate and report tests):
 *   buildTenant().addUser({ username: 'INT_OIC_GL', roles: ['XX_GL_JOURNAL_IMPORT'] })
 *     .addIntegration('INT_OIC_GL').addProbe({ integration: 'INT_OIC_GL', path: '/x', outcome: 'empty' }).build()
 * Defaults describe a healthy account present in both HCM and SCIM.
 */
import { compareServiceAccounts } from '../src/model/services.ts';
import { compareEdges, computeCoverage, type GraphRole, type RoleGraph, type RoleMemberKind } from '../src/model/role-graph.ts';
import type {
  Account, IntegrationDefinition, ProbeDefinition, ProbeExpectation, ProbeOutcome, ProbeResult, RoleAssignment, RoleInfo, ServiceAccount, ServiceId, SourceId, TenantModel,
} from '../src/model/types.ts';

export interface UserSpec {
  username: string;
  /** Role codes, or assignments with a name/category. */
  roles?: (string | { code: string; name?: string | null; category?: string | null })[];
  /** A person's account: HCM PersonId and a SCIM worker record (default false). */
  person?: boolean;
  personId?: number | null;
  suspended?: boolean;
  scimActive?: boolean;
  inHcm?: boolean;
  inScim?: boolean;
  /** SCIM spelling of the username when it differs (HCM's wins in `username`). */
  displayName?: string;
  /** SCIM work email (default none). */
  email?: string;
}

/** An IAMS or CPQ account; defaults: active, no groups, no permission flags. */
export interface ServiceAccountSpec {
  service: ServiceId;
  username: string;
  active?: boolean;
  email?: string | null;
  displayName?: string | null;
  userType?: string | null;
  groups?: string[];
  permissions?: Record<string, boolean | null>;
  /** CX Sales only: the resource's Username (null: none; default the username) and window. */
  resource?: { username?: string | null; startDate?: string | null; endDate?: string | null; deleted?: boolean };
}

export interface ProbeSpec {
  integration: string;
  path: string;
  expect?: ProbeExpectation;
  outcome: ProbeOutcome;
  minCount?: number | null;
  totalResults?: number | null;
  count?: number | null;
  httpStatus?: number | null;
  detail?: string | null;
}

const STATUS: Record<ProbeOutcome, number | null> = { rows: 200, empty: 200, denied: 403, unauthenticated: 401, error: 500, skipped: null };

export const toRoleAssignment = (role: UserSpec['roles'] extends (infer R)[] | undefined ? R : never, sources: SourceId[], index: number): RoleAssignment => {
  const spec = typeof role === 'string' ? { code: role } : role;
  const category = spec.category !== undefined ? spec.category : spec.code.endsWith('_ABSTRACT') ? 'ABSTRACT' : null;
  return {
    code: spec.code,
    name: spec.name ?? null,
    category,
    sources,
    hcmRoleId: sources.includes('hcm') ? 1000 + index : null,
    hcmUserRoleId: sources.includes('hcm') ? 5000 + index : null,
  };
};

/** `id` seeds the numeric ids and GUIDs, so the same build gives the same model. */
export const toAccount = (spec: UserSpec, id: number): Account => {
  const inHcm = spec.inHcm ?? true;
  const inScim = spec.inScim ?? true;
  const sources: SourceId[] = [...(inHcm ? ['hcm' as const] : []), ...(inScim ? ['scim' as const] : [])];
  const person = spec.person ?? false;
  const personId = spec.personId !== undefined ? spec.personId : person ? 300_000 + id : null;
  const roles = (spec.roles ?? []).map((role, index) => toRoleAssignment(role, sources, index))
    .sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  return {
    key: spec.username.toUpperCase(),
    username: spec.username,
    sources,
    hcm: inHcm ? {
      userId: id, guid: id.toString(16).toUpperCase().padStart(32, '0'), personId, personNumber: personId === null ? null : `P${personId}`,
      suspended: spec.suspended ?? false, createdBy: 'SETUP', creationDate: '2024-01-01T00:00:00Z', lastUpdateDate: '2024-06-01T00:00:00Z',
    } : null,
    scim: inScim ? {
      id: id.toString(16).toUpperCase().padStart(32, 'A'), active: spec.scimActive ?? true, displayName: spec.displayName ?? spec.username,
      givenName: null, familyName: null, emails: spec.email === undefined ? [] : [spec.email], userCategory: 'DEFAULT', accountType: null,
      worker: person ? { personNumber: personId === null ? null : `P${personId}`, manager: null, job: null, department: null, businessUnit: null } : null,
    } : null,
    roles,
  };
};

export class TenantBuilder {
  private readonly accounts = new Map<string, Account>();
  private readonly roles: RoleInfo[] = [];
  private readonly integrations: IntegrationDefinition[] = [];
  private readonly probes: ProbeResult[] = [];
  private readonly reasons: string[] = [];
  private readonly serviceAccounts: ServiceAccount[] = [];
  private name = 'acme-test';
  private auditUser: string | null = 'AUDIT_SVC';
  private finishedAt = '2025-06-30T12:00:00.000Z';
  private graph: RoleGraph | null = null;

  addUser(spec: UserSpec): this {
    this.accounts.set(spec.username.toUpperCase(), toAccount(spec, this.accounts.size + 1));
    return this;
  }

  addServiceAccount(spec: ServiceAccountSpec): this {
    const id = `${spec.service}-${this.serviceAccounts.length + 1}`;
    this.serviceAccounts.push({
      service: spec.service, key: spec.username.toUpperCase(), id, username: spec.username, active: spec.active ?? true,
      displayName: spec.displayName ?? null, email: spec.email ?? null, externalId: null, userType: spec.userType ?? null,
      groups: [...(spec.groups ?? [])].sort(), permissions: { ...spec.permissions },
      ...(spec.service !== 'cx' ? {} : {
        resource: {
          username: spec.resource?.username === undefined ? spec.username : spec.resource.username, profileId: id, partyId: null, partyNumber: `CDRM_${id}`,
          startDate: spec.resource?.startDate ?? '2020-01-01', endDate: spec.resource?.endDate ?? null, organizationId: null,
          orgRoleCode: 'SALES_REPRESENTATIVE', deleted: spec.resource?.deleted ?? false, lastUpdateDate: null, activeOn: '2026-01-01',
        },
      }),
    });
    return this;
  }

  addRole(role: { code: string; name?: string | null; category?: string | null }): this {
    this.roles.push({ code: role.code, name: role.name ?? null, category: role.category ?? null });
    return this;
  }

  /** Lists the account under `integrations` (as the config does), with its probe definitions. */
  addIntegration(username: string, probes: ProbeDefinition[] = []): this {
    this.integrations.push({ username, probes });
    return this;
  }

  addProbe(spec: ProbeSpec): this {
    const rows = spec.outcome === 'rows';
    this.probes.push({
      integration: spec.integration,
      path: spec.path,
      expect: spec.expect ?? 'rows',
      minCount: spec.minCount ?? null,
      outcome: spec.outcome,
      httpStatus: spec.httpStatus !== undefined ? spec.httpStatus : STATUS[spec.outcome],
      count: spec.count !== undefined ? spec.count : rows ? 1 : spec.outcome === 'empty' ? 0 : null,
      totalResults: spec.totalResults !== undefined ? spec.totalResults : null,
      detail: spec.detail ?? (spec.outcome === 'error' ? 'HTTP 500' : null),
    });
    const integration = this.integrations.find((entry) => entry.username.toUpperCase() === spec.integration.toUpperCase());
    const definition: ProbeDefinition = { path: spec.path, expect: spec.expect ?? 'rows', minCount: spec.minCount ?? null };
    if (integration === undefined) this.integrations.push({ username: spec.integration, probes: [definition] });
    else if (!integration.probes.some((probe) => probe.path === spec.path)) integration.probes.push(definition);
    return this;
  }

  /**
   * Adds role-graph edges (the graph exists from the first call): `[role, member]` pairs, a member
   * ending in _PRIV is a privilege unless `kind` says otherwise. Roles are seeded when their code
   * starts with ORA_; pass `roles` to set names, types or seeded explicitly.
   */
  addRoleMembers(edges: [role: string, member: string, kind?: RoleMemberKind][], roles: Partial<GraphRole>[] = []): this {
    const graph = this.graph ?? { source: { kind: 'file', location: 'role-graph.csv', readAt: this.finishedAt }, roles: [], privileges: [], edges: [], problems: [] };
    const roleMap = new Map(graph.roles.map((role) => [role.code, role]));
    const privileges = new Map(graph.privileges.map((privilege) => [privilege.code, privilege]));
    const ensureRole = (code: string): void => {
      if (!roleMap.has(code)) roleMap.set(code, { code, name: null, type: null, seeded: code.startsWith('ORA_') });
    };
    for (const [role, member, given] of edges) {
      const kind: RoleMemberKind = given ?? (member.endsWith('_PRIV') ? 'privilege' : 'role');
      ensureRole(role);
      if (kind === 'role') ensureRole(member);
      else if (!privileges.has(member)) privileges.set(member, { code: member, name: null });
      if (!graph.edges.some((edge) => edge.role === role && edge.member === member && edge.kind === kind)) graph.edges.push({ role, kind, member });
    }
    for (const role of roles) {
      if (role.code === undefined) continue;
      ensureRole(role.code);
      roleMap.set(role.code, { ...(roleMap.get(role.code) as GraphRole), ...role });
    }
    const byCode = <T extends { code: string }>(a: T, b: T): number => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);
    this.graph = {
      ...graph,
      roles: [...roleMap.values()].sort(byCode),
      privileges: [...privileges.values()].sort(byCode),
      edges: [...graph.edges].sort(compareEdges),
    };
    return this;
  }

  tenant(name: string): this {
    this.name = name;
    return this;
  }

  withAuditUser(username: string | null): this {
    this.auditUser = username;
    return this;
  }

  at(finishedAt: string): this {
    this.finishedAt = finishedAt;
    return this;
  }

  incomplete(reason: string): this {
    this.reasons.push(reason);
    return this;
  }

  build(): TenantModel {
    const accounts = [...this.accounts.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    return {
      tenant: { name: this.name, baseUrl: 'https://acme-test.fa.example.invalid', restVersion: '11.13.18.05', auditUser: this.auditUser },
      startedAt: new Date(Date.parse(this.finishedAt) - 60_000).toISOString(),
      finishedAt: this.finishedAt,
      complete: this.reasons.length === 0,
      incompleteReasons: [...this.reasons],
      sources: [
        { source: 'hcm', requests: 1, pages: 1, items: accounts.length, retries: 0, throttled: 0, errors: 0, complete: this.reasons.length === 0, problem: this.reasons[0] ?? null },
        { source: 'scim', requests: 1, pages: 1, items: accounts.length, retries: 0, throttled: 0, errors: 0, complete: true, problem: null },
      ],
      accounts,
      roles: [...this.roles],
      integrations: this.integrations.map((entry) => ({ username: entry.username, probes: [...entry.probes] })),
      probes: [...this.probes],
      serviceAccounts: [...this.serviceAccounts].sort(compareServiceAccounts),
      roleGraph: this.graph,
      roleGraphCoverage: this.graph === null ? null : computeCoverage(this.graph, accounts.flatMap((account) => account.roles.map((role) => role.code))),
    };
  }
}

export const buildTenant = (): TenantBuilder => new TenantBuilder();
