import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { collectTenant } from '../src/collect/index.ts';
import { parseConfig } from '../src/config/load.ts';
import type { TenantModel } from '../src/model/types.ts';
import { CPQ_EXTENSION } from '../src/simulator/services.ts';
import type { SimTenant } from '../src/simulator/types.ts';
import { createTempDir, expectNoSecrets, readJson, runCli, startTenant } from './cli-helpers.ts';
import { startFixture, type Fixture } from './collect-fixture.ts';

let fixture: Fixture | undefined;
afterEach(async () => {
  await fixture?.sim.close();
  fixture = undefined;
});

const collect = (f: Fixture, env: Record<string, string> = {}, edit: (written: Fixture['written']) => void = () => undefined): Promise<TenantModel> => {
  const written = structuredClone(f.written);
  edit(written);
  return collectTenant(parseConfig(written, '/virtual/access-audit.json', { env: { ...f.env, ...env } }), { skipProbes: true });
};

/** Every IAMS user in a group and every CPQ user, once each, with the simulator's facts. */
const expectExactServices = (model: TenantModel, tenant: SimTenant): void => {
  const { iams, cpq } = tenant.services;
  const iamsAccounts = model.serviceAccounts.filter((a) => a.service === 'iams');
  const members = new Set(iams.groups.flatMap((group) => group.members));
  expect(iamsAccounts.map((a) => a.id).sort()).toEqual([...members].sort());
  for (const account of iamsAccounts) {
    const user = iams.users.find((u) => u.id === account.id)!;
    expect(account).toMatchObject({ username: user.userName, key: user.userName.toUpperCase(), active: user.active, userType: 'LIVE', email: user.email, permissions: {} });
    expect(account.groups).toEqual(iams.groups.filter((g) => g.members.includes(user.id)).map((g) => g.id).sort());
  }
  const cpqAccounts = model.serviceAccounts.filter((a) => a.service === 'cpq');
  expect(cpqAccounts.map((a) => a.id).sort()).toEqual(cpq.users.map((u) => u.id).sort());
  // Sorted by service, then key.
  const keys = model.serviceAccounts.map((a) => `${['iams', 'cpq', 'cx'].indexOf(a.service)}|${a.key}`);
  expect(keys).toEqual([...keys].sort());
};

describe('IAMS and CPQ collectors against the simulator', () => {
  it('enumerates IAMS users through group members and reads CPQ flags, unknown ones as null', async () => {
    fixture = await startFixture({ users: 200 });
    const model = await collect(fixture);
    expect(model.complete).toBe(true);
    expect(model.sources.map((s) => s.source)).toEqual(['hcm', 'scim', 'iams', 'cpq', 'cx', 'probes', 'role-graph']);
    expectExactServices(model, fixture.tenant);
    const byKey = new Map(model.serviceAccounts.map((a) => [`${a.service}|${a.key}`, a]));
    expect(byKey.get('iams|NINA.PATEL@EXAMPLE.COM')).toMatchObject({ active: false, groups: ['demo-pharma.clinical', 'demo-pharma.lshdme.admin'] });
    expect(byKey.get('cpq|INT_CPQ_ADMIN')?.permissions).toEqual({
      isAccessAdminPermEnabled: true, isProxyPermEnabled: false, isSuperUserPermEnabled: true, isUserAdminPermEnabled: false, isWebServicesOnly: false,
    });
    expect(byKey.get('cpq|INT_CPQ_ADMIN')?.userType).toBe('FULL_ACCESS');
    // No CPQ extension at all: every flag unknown, never false.
    expect(Object.values(byKey.get('cpq|INT_CPQ_LEGACY')!.permissions)).toEqual([null, null, null, null, null]);
    // The empty group is read, and no user outside a group is invented.
    expect(fixture.sim.stats.byPath['iams:Groups/{id}']).toBe(fixture.tenant.services.iams.groups.length);
    expect(fixture.sim.stats.byPath['iams:Users']).toBeUndefined();
  });

  it('pages IAMS /Groups when the server pages, and CPQ Users until a short page (no totalResults)', async () => {
    fixture = await startFixture({ users: 200, sim: { iamsGroupPageSize: 1 }, collect: { pageSize: 3 } });
    const model = await collect(fixture);
    expect(model.complete).toBe(true);
    expectExactServices(model, fixture.tenant);
    // One group per page; totalResults ends the walk without an extra empty page.
    expect(fixture.sim.stats.byPath['iams:Groups']).toBe(fixture.tenant.services.iams.groups.length);
    const cpqUsers = fixture.tenant.services.cpq.users.length;
    expect(fixture.sim.stats.byPath['cpq:Users']).toBeGreaterThanOrEqual(Math.ceil(cpqUsers / 3));
    expect(model.sources.find((s) => s.source === 'cpq')).toMatchObject({ items: cpqUsers, complete: true });
  });

  it('a server that lowers count: CPQ follows the page size it returns', async () => {
    fixture = await startFixture({ users: 120, sim: { maxLimit: 4 }, collect: { pageSize: 50 } });
    const model = await collect(fixture);
    expect(model.complete).toBe(true);
    expectExactServices(model, fixture.tenant);
  });

  it('a failing service leaves the collection incomplete with one reason; Fusion and the other service are kept', async () => {
    fixture = await startFixture({ users: 60, sim: { failSource: { source: 'cpq', status: 503 } }, collect: { retries: 2 } });
    const model = await collect(fixture);
    expect(model.complete).toBe(false);
    expect(model.incompleteReasons).toHaveLength(1);
    expect(model.incompleteReasons[0]).toMatch(/^cpq: GET http:\/\/127\.0\.0\.1:\d+\/rest\/v19\/scim\/Users\?startIndex=1&count=40: HTTP 503 .*after 2 retries$/);
    expect(model.sources.find((s) => s.source === 'cpq')).toMatchObject({ complete: false, retries: 2 });
    expect(model.sources.filter((s) => s.source !== 'cpq').every((s) => s.complete)).toBe(true);
    expect(model.serviceAccounts.every((a) => a.service !== 'cpq')).toBe(true);
    expect(model.accounts.length).toBeGreaterThan(50);
  });

  it('rejected IAMS credentials: one 401 line, never retried, no secret in it', async () => {
    fixture = await startFixture({ users: 60 });
    const model = await collect(fixture, { IAMS_AUDIT_PASSWORD: 'wrong-iams-secret' });
    expect(model.incompleteReasons).toHaveLength(1);
    expect(model.incompleteReasons[0]).toMatch(/^iams: GET http:\/\/127\.0\.0\.1:\d+\/scim\/v1\/demo-pharma\/Groups\?startIndex=1&count=40: HTTP 401/);
    expect(model.incompleteReasons[0]).not.toContain('wrong-iams-secret');
    expect(model.sources.find((s) => s.source === 'iams')?.retries).toBe(0);
  });

  it('a malformed CPQ page: one line naming source, URL and field path', async () => {
    fixture = await startFixture({ users: 60, sim: { malformedPage: { source: 'cpq', page: 2 } }, collect: { pageSize: 5 } });
    const model = await collect(fixture);
    expect(model.incompleteReasons).toEqual([expect.stringMatching(/^cpq http:\/\/127\.0\.0\.1:\d+\/rest\/v19\/scim\/Users\?startIndex=6&count=5: Resources\[0\]\.userName: expected string/)]);
  });

  it('without services in the config: no iams/cpq rows and no service accounts', async () => {
    fixture = await startFixture({ users: 60 });
    const model = await collect(fixture, {}, (written) => { delete written.services; });
    expect(model.sources.map((s) => s.source)).toEqual(['hcm', 'scim', 'probes', 'role-graph']);
    expect(model.serviceAccounts).toEqual([]);
    expect(fixture.sim.stats.byPath['iams:Groups']).toBeUndefined();
  });

  it('the CLI collects services into services.json and prints no service secret', async () => {
    const dir = await createTempDir('faa-services-cli-');
    const tenant = await startTenant(dir);
    try {
      const out = join(dir, 'snap');
      const result = await runCli(['collect', '--config', tenant.configFile, '--out', out, '--skip-probes', '--verbose'], tenant.env);
      expect(result.code, result.stderr).toBe(0);
      expect(result.stdout).toMatch(/service accounts: iams \d+, cpq \d+/);
      const services = await readJson<{ service: string; permissions: Record<string, unknown> }[]>(join(out, 'services.json'));
      expect(services.some((s) => s.service === 'cpq' && s.permissions.isSuperUserPermEnabled === true)).toBe(true);
      expectNoSecrets(result, tenant.env);
      expect(JSON.stringify(services)).not.toContain(tenant.env.CPQ_AUDIT_PASSWORD);
      expect(CPQ_EXTENSION).toContain(':CPQ:');
    } finally {
      await tenant.sim.close();
    }
  });
});
