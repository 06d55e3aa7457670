import { afterEach, describe, expect, it } from 'vitest';
import { collectTenant, type HttpEvent } from '../src/collect/index.ts';
import { expectExactTenant, startFixture, type Fixture } from './collect-fixture.ts';

let fixture: Fixture | undefined;
afterEach(async () => {
  await fixture?.sim.close();
  fixture = undefined;
});

const countLongRoleLists = (f: Fixture): number => f.tenant.users.filter((user) => user.inHcm && user.roles.length > 25).length;

describe('collectTenant against the simulator', () => {
  it('collects every account and role exactly once with REST framework 4 (nested collections, child paging)', async () => {
    fixture = await startFixture({ users: 400 });
    expect(countLongRoleLists(fixture)).toBeGreaterThan(0); // the nested child must be paged
    const events: HttpEvent[] = [];
    const model = await collectTenant(fixture.config, { restFrameworkVersion: '4', onEvent: (event) => events.push(event) });
    expect(model.incompleteReasons).toEqual([]);
    expect(model.complete).toBe(true);
    expectExactTenant(model, fixture.tenant);
    expect(fixture.sim.stats.byPath['hcm:userAccountRoles'] ?? 0).toBeGreaterThanOrEqual(countLongRoleLists(fixture));
    const hcm = model.sources.find((s) => s.source === 'hcm');
    expect(hcm?.pages).toBeGreaterThan(400 / 40);
    expect(events.filter((e) => e.type === 'page' && e.source === 'hcm')).toHaveLength(hcm?.pages ?? -1);
    expect(model.roles.find((r) => r.code === 'ORA_PER_EMPLOYEE_ABSTRACT')).toMatchObject({ name: expect.any(String), category: 'ABSTRACT' });
  });

  it('collects the same data with REST framework 1 (bare arrays)', async () => {
    fixture = await startFixture({ users: 400, sim: { defaultFrameworkVersion: 1 } });
    const v1 = await collectTenant(fixture.config, { restFrameworkVersion: '1' });
    expectExactTenant(v1, fixture.tenant);
    const v4 = await collectTenant(fixture.config, { restFrameworkVersion: '4' });
    const strip = (m: typeof v1) => JSON.stringify(m.accounts);
    expect(strip(v1)).toBe(strip(v4));
  });

  it('trusts the echoed page size when the server lowers limit/count', async () => {
    fixture = await startFixture({ users: 150, sim: { maxLimit: 17 }, collect: { pageSize: 500 } });
    const model = await collectTenant(fixture.config);
    expect(model.complete).toBe(true);
    expectExactTenant(model, fixture.tenant);
  });

  it('loses nothing at 10 % throttling plus resets, and never exceeds the concurrency cap', async () => {
    fixture = await startFixture({ users: 300, sim: { rate429: 0.05, rate503: 0.05, resetRate: 0.02, latencyMs: 5 }, collect: { concurrency: 3, pageSize: 25 } });
    const model = await collectTenant(fixture.config);
    expect(model.incompleteReasons).toEqual([]);
    expectExactTenant(model, fixture.tenant);
    const { faults, maxInFlight } = fixture.sim.stats;
    expect(faults.throttled429 + faults.unavailable503).toBeGreaterThan(0);
    expect(maxInFlight).toBeLessThanOrEqual(3);
    expect(maxInFlight).toBeGreaterThan(1);
    const retries = model.sources.reduce((sum, s) => sum + s.retries, 0);
    const throttled = model.sources.reduce((sum, s) => sum + s.throttled, 0);
    expect(retries).toBeGreaterThanOrEqual(faults.throttled429 + faults.unavailable503);
    expect(throttled).toBe(faults.throttled429 + faults.unavailable503);
  });

  it('marks accounts present in one source only', async () => {
    fixture = await startFixture({ users: 120 });
    const model = await collectTenant(fixture.config, { skipProbes: true });
    const onlyOne = fixture.tenant.users.filter((u) => u.inHcm !== u.inScim);
    expect(onlyOne.length).toBeGreaterThan(0);
    for (const user of onlyOne) {
      expect(model.accounts.find((a) => a.key === user.scimUsername.toUpperCase())?.sources).toEqual([user.inHcm ? 'hcm' : 'scim']);
    }
  });
});
