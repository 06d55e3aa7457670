import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectTenant } from '../src/collect/index.ts';
import { parseConfig } from '../src/config/load.ts';
import { PROBE_PATHS } from '../src/simulator/cast.ts';
import { startFixture, type Fixture } from './collect-fixture.ts';

let fixture: Fixture;
beforeAll(async () => {
  fixture = await startFixture({ users: 60 });
});
afterAll(async () => {
  await fixture.sim.close();
});

describe('data-security probes', () => {
  it('reports rows, empty, denied, unauthenticated and error as results, not failures', async () => {
    const model = await collectTenant(fixture.config);
    expect(model.complete).toBe(true);
    const outcome = (integration: string, path: string) => model.probes.find((p) => p.integration === integration && p.path === path);
    expect(outcome('INT_OIC_GL', PROBE_PATHS.journals)).toMatchObject({ outcome: 'rows', httpStatus: 200, count: 1, totalResults: 2500, minCount: 100 });
    expect(outcome('INT_OIC_GL', PROBE_PATHS.workers)).toMatchObject({ outcome: 'denied', httpStatus: 403, expect: 'denied' });
    expect(outcome('INT_OIC_PO', PROBE_PATHS.purchaseOrders)).toMatchObject({ outcome: 'empty', httpStatus: 200, count: 0, totalResults: 0 });
    expect(outcome('INT_OIC_PO', PROBE_PATHS.receivables)).toMatchObject({ outcome: 'error', httpStatus: 500 });
    expect(outcome('INT_OIC_PO', PROBE_PATHS.receivables)?.detail).toContain(PROBE_PATHS.receivables);
    expect(outcome('INT_BI_EXTRACT', PROBE_PATHS.ledgerBalances)).toMatchObject({ outcome: 'unauthenticated', httpStatus: 401 });
    const configured = fixture.config.integrations.reduce((sum, i) => sum + i.probes.length, 0);
    expect(model.probes).toHaveLength(configured);
    expect(model.integrations.map((i) => i.username)).toEqual(fixture.config.integrations.map((i) => i.username));
  });

  it('never retries a 401 and sends only GETs', async () => {
    fixture.sim.resetStats();
    await collectTenant(fixture.config, { http: { random: () => 0 } });
    // INT_BI_EXTRACT (wrong password) is the only caller of ledgerBalances: exactly one request.
    expect(fixture.sim.stats.byPath[`probe:${PROBE_PATHS.ledgerBalances}`]).toBe(1);
    expect(fixture.sim.stats.byStatus['405'] ?? 0).toBe(0);
  });

  it('marks every probe skipped with skipProbes and sends none', async () => {
    fixture.sim.resetStats();
    const config = parseConfig(fixture.written, '/virtual/access-audit.json', { env: fixture.env, skipProbeSecrets: true });
    const model = await collectTenant(config, { skipProbes: true });
    expect(model.probes.length).toBeGreaterThan(0);
    expect(new Set(model.probes.map((p) => p.outcome))).toEqual(new Set(['skipped']));
    expect(Object.keys(fixture.sim.stats.byPath).filter((key) => key.startsWith('probe:'))).toEqual([]);
  });
});
