import { describe, expect, it } from 'vitest';
import { parseConfig } from '../src/config/load.ts';
import { writtenConfigSchema } from '../src/config/schema.ts';
import { createDemoConfig } from '../src/simulator/demo-config.ts';
import { generateTenant, getSimPassword } from '../src/simulator/generate.ts';
import type { SimTenant } from '../src/simulator/types.ts';

const RULE_IDS = [
  'integration-seeded-role', 'integration-dedicated-account', 'integration-one-module', 'probe-data-security-missing',
  'probe-function-security-missing', 'probe-unauthenticated', 'probe-access-beyond-need', 'probe-count-regression',
  'probe-error', 'inactive-account-with-roles', 'privileged-role-assignment', 'sources-disagree',
  'cpq-privileged-permission', 'cpq-integration-not-web-services-only', 'service-account-without-fusion-account', 'iams-inactive-in-groups',
  'cx-resource-of-leaver', 'cx-resource-without-fusion-account',
  // The SoD plants' account findings (role-graph/plants.ts SOD_PLANTS).
  'sod-purchase-order-vs-invoice', 'sod-supplier-vs-invoice', 'sod-security-admin-vs-finance',
];
/** oracle-reference.md §4.4: codes that must never appear. */
const INVENTED = ['ORA_IT_SECURITY_MANAGER', 'ORA_FND_APPLICATION_IMPLEMENTATION_CONSULTANT', 'ORA_APPS_SUPER_USER',
  'ORA_FND_SYSTEM_ADMIN_JOB', 'ORA_FND_SYSTEM_ADMINISTRATOR_JOB', 'ORA_IDCS_ADMINISTRATOR'];

const findUser = (tenant: SimTenant, name: string) => tenant.users.find((user) => user.scimUsername === name)!;

describe('generateTenant', () => {
  it('is deterministic for a seed and differs between seeds', () => {
    expect(generateTenant({ seed: 7, users: 300 })).toEqual(generateTenant({ seed: 7, users: 300 }));
    expect(JSON.stringify(generateTenant({ seed: 8, users: 300 }))).not.toBe(JSON.stringify(generateTenant({ seed: 7, users: 300 })));
    expect(generateTenant().seed).toBe(42);
    expect(generateTenant().users).toHaveLength(60);
  });

  it('uses only catalogue role codes, none of the invented ones', () => {
    const tenant = generateTenant({ users: 2000 });
    const known = new Set(tenant.roles.map((role) => role.code));
    for (const user of tenant.users) for (const code of user.roles) expect(known.has(code), code).toBe(true);
    for (const code of INVENTED) expect(known.has(code)).toBe(false);
    expect([...known].every((code) => code.startsWith('ORA_') || code.startsWith('XX_'))).toBe(true);
    expect(new Set(tenant.roles.map((role) => role.roleId)).size).toBe(tenant.roles.length);
    expect(new Set(tenant.roles.map((role) => role.id)).size).toBe(tenant.roles.length);
  });

  it('plants every agreed rule on accounts that exist, and keeps planted and clean apart', () => {
    const tenant = generateTenant();
    expect([...new Set(tenant.planted.map((p) => p.ruleId))].sort()).toEqual([...RULE_IDS].sort());
    const clean = new Set(tenant.clean);
    // IAMS/CPQ accounts and CX resources are checked in simulator-services.test.ts; these are Fusion accounts.
    const serviceNames = new Set([...tenant.services.iams.users, ...tenant.services.cpq.users].map((user) => user.userName)
      .concat(tenant.services.cx.resources.filter((r) => !tenant.users.some((u) => u.scimUsername === r.username)).map((r) => r.username ?? r.email)));
    for (const planted of tenant.planted) {
      expect(clean.has(planted.username)).toBe(false);
      if (serviceNames.has(planted.username) || planted.ruleId.startsWith('cx-')) continue;
      const user = findUser(tenant, planted.username);
      expect(user, planted.username).toBeDefined();
      expect(clean.has(planted.username)).toBe(false);
      if (planted.roleCode !== null) expect(user.roles).toContain(planted.roleCode);
      if (planted.ruleId.startsWith('probe-')) expect(planted.endpoint).not.toBeNull();
      else expect(planted.endpoint).toBeNull();
    }
    // Clean accounts carry nothing that a rule could hold against them.
    for (const name of tenant.clean) {
      if (serviceNames.has(name)) continue;
      const user = findUser(tenant, name);
      expect(user.inHcm && user.inScim && !user.suspended && user.scimActive, name).toBe(true);
      if (user.personId === null) expect(user.roles.every((code) => code.startsWith('XX_')), name).toBe(true);
    }
    expect(tenant.clean).toEqual(expect.arrayContaining(['AUDIT_SVC', 'INT_OIC_GL', 'INT_OIC_AP', 'INTERN.JOE']));
  });

  it('has the edge cases the collectors and reports need', () => {
    const tenant = generateTenant();
    const casey = findUser(tenant, 'CASEY.BROWN');
    expect(casey.hcmUsername).toBe('Casey.Brown');
    expect(tenant.users.filter((user) => user.roles.length > 25).length).toBeGreaterThanOrEqual(2);
    const names = tenant.users.map((user) => user.displayName);
    for (const hostile of ['=HYPERLINK("http://evil.example/x","click")', '<img src=http://127.0.0.1:9/x onerror=alert(1)>', '+SUM(1)', '@cmd', '-1+2']) {
      expect(names).toContain(hostile);
    }
    const audit = findUser(tenant, tenant.auditUser);
    expect(audit.personId).toBeNull();
    expect(audit.worker).toBeNull();
    expect(audit.password).toBe(getSimPassword('AUDIT_SVC'));
    expect(findUser(tenant, 'JOHN.SMITH').personId).not.toBeNull();
  });

  it('derives the planted probe findings from endpoint behaviour and the demo passwords', () => {
    const tenant = generateTenant();
    const { env, config } = createDemoConfig('http://127.0.0.1:1', tenant);
    const derived: string[] = [];
    config.integrations?.forEach((integration) => {
      const user = findUser(tenant, integration.username);
      const passwordEnv = integration.auth?.type === 'basic' ? integration.auth.passwordEnv : '';
      const signsIn = user.password !== null && env[passwordEnv] === user.password;
      for (const probe of integration.probes ?? []) {
        const endpoint = tenant.endpoints.find((e) => e.path === probe.path)!;
        const behaviour = endpoint.access[user.scimUsername.toUpperCase()] ?? 'denied';
        const expectRows = (probe.expect ?? 'rows') === 'rows';
        let rule: string | null = null;
        if (!signsIn) rule = 'probe-unauthenticated';
        else if (behaviour === 'error') rule = 'probe-error';
        else if (expectRows && behaviour === 'empty') rule = 'probe-data-security-missing';
        else if (expectRows && behaviour === 'denied') rule = 'probe-function-security-missing';
        else if (!expectRows && behaviour !== 'denied') rule = 'probe-access-beyond-need';
        else if (expectRows && probe.minCount !== undefined && endpoint.totalRows < probe.minCount) rule = 'probe-count-regression';
        if (rule !== null) derived.push(`${rule}|${integration.username}|${probe.path}`);
      }
    });
    const planted = tenant.planted.filter((p) => p.ruleId.startsWith('probe-')).map((p) => `${p.ruleId}|${p.username}|${p.endpoint}`);
    expect(derived.sort()).toEqual(planted.sort());
  });

  it('generates 100,000 accounts with about a million role rows', () => {
    const tenant = generateTenant({ users: 100_000 });
    expect(tenant.users).toHaveLength(100_000);
    const rows = tenant.users.reduce((sum, user) => sum + user.roles.length, 0);
    expect(rows).toBeGreaterThan(800_000);
    expect(rows).toBeLessThan(1_200_000);
    expect(new Set(tenant.users.map((user) => user.scimUsername.toUpperCase())).size).toBe(100_000);
    expect(new Set(tenant.users.map((user) => user.guid)).size).toBe(100_000);
    expect(tenant.users.filter((user) => /^INT_/.test(user.scimUsername)).length).toBeGreaterThan(400);
  });
});

describe('createDemoConfig', () => {
  it('writes a valid config that names env vars and never holds a password', () => {
    const tenant = generateTenant();
    const { config, env } = createDemoConfig('http://127.0.0.1:4567', tenant);
    expect(writtenConfigSchema.safeParse(config).success).toBe(true);
    const text = JSON.stringify(config);
    for (const value of Object.values(env)) expect(text).not.toContain(value);
    expect(env.FUSION_AUDIT_PASSWORD).toBe('sim-audit_svc');
    expect(env.JOHN_SMITH_PASSWORD).toBe('sim-john.smith');
    expect(env.INT_BI_EXTRACT_PASSWORD).not.toBe(findUser(tenant, 'INT_BI_EXTRACT').password);
    const parsed = parseConfig(config, '/tmp/demo.yaml', { env });
    expect(parsed.tenant.name).toBe('demo-tenant');
    expect(parsed.collect.concurrency).toBe(4);
    expect(parsed.integrations.map((i) => i.username)).toEqual(tenant.integrations.map((i) => i.username));
  });
});
