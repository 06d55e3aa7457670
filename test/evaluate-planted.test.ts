import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectTenant } from '../src/collect/index.ts';
import { evaluateTenant } from '../src/evaluate/engine.ts';
import { meetsThreshold } from '../src/evaluate/severity.ts';
import type { FindingsDocument } from '../src/evaluate/types.ts';
import { silentLogger } from '../src/util/logger.ts';
import { startFixture, type Fixture } from './collect-fixture.ts';
import { getPack } from './policy-tester.ts';

/** The default pack against the simulator's planted tenant (both quarters), collected over loopback by the real collectors. */
describe.each([1, 2])('default pack against the simulated tenant, quarter %i', (quarter) => {
  let fixture: Fixture;
  let document: FindingsDocument;
  let pack: Awaited<ReturnType<typeof getPack>>;

  beforeAll(async () => {
    fixture = await startFixture({ seed: 11, users: 300, quarter });
    const model = await collectTenant(fixture.config, { logger: silentLogger });
    pack = await getPack(null);
    document = evaluateTenant(model, pack.rules, { asOf: model.finishedAt, waivers: [], tool: { name: 't', version: '0' }, identity: pack.identity }).document;
  });

  afterAll(async () => {
    await fixture?.sim.close();
  });

  it('finds every planted violation', () => {
    const found = new Set(document.findings.map((f) => `${f.ruleId}|${f.username.toUpperCase()}|${f.roleCode ?? ''}|${f.endpoint ?? ''}`));
    const missing = fixture.tenant.planted
      .map((p) => `${p.ruleId}|${p.username.toUpperCase()}|${p.roleCode ?? ''}|${p.endpoint ?? ''}`)
      .filter((key) => !found.has(key));
    expect(missing).toEqual([]);
    expect(fixture.tenant.planted.length).toBeGreaterThan(20);
  });

  it('collected the role graph through SOAP and finds every planted inheritance case with its path', () => {
    expect(fixture.tenant.roleGraph.plants.length).toBeGreaterThanOrEqual(4);
    for (const plant of fixture.tenant.roleGraph.plants) {
      const username = plant.username ?? '';
      const finding = document.findings.find((f) => f.ruleId === plant.ruleId && f.username.toUpperCase() === username.toUpperCase() && f.roleCode === plant.code);
      const label = `${plant.ruleId} ${plant.username ?? `role ${plant.code}`}`;
      expect(finding, label).toBeDefined();
      if (plant.username === null) {
        // A role finding: once on the role, its wrapped seeded role's edge in the evidence.
        expect(finding?.evidence.paths, label).toContainEqual(plant.path);
        expect(typeof finding?.evidence.holders, label).toBe('number');
      } else {
        expect(finding?.evidence.path, label).toEqual(plant.path);
        expect(finding?.message, label).toContain(plant.path.join(' → '));
      }
    }
  });

  it('finds every planted segregation-of-duties case, through two roles and inside one role, with both paths', () => {
    const sod = fixture.tenant.roleGraph.sod;
    // Every rule of the SoD pack, each both ways, and the role finding of each one-role case.
    const rules = pack.rules.filter((rule) => rule.check.name === 'sod-conflict').map((rule) => rule.info.id).sort();
    for (const ruleId of rules) {
      const plants = sod.filter((plant) => plant.ruleId === ruleId);
      expect(plants.filter((plant) => plant.username !== null).map((plant) => plant.insideRole === null).sort(), ruleId).toEqual([false, true]);
      expect(plants.filter((plant) => plant.username === null).length, ruleId).toBe(1);
    }
    for (const plant of sod) {
      const label = `${plant.ruleId} ${plant.username ?? `role ${plant.insideRole}`}`;
      const finding = document.findings.find((f) => f.ruleId === plant.ruleId
        && (plant.username === null ? f.username === '' && f.roleCode === plant.insideRole : f.username.toUpperCase() === plant.username));
      expect(finding, label).toBeDefined();
      const sides: unknown = finding?.evidence.sides;
      expect((sides as { code: string; path: string[] }[]).map((held) => ({ code: held.code, path: held.path })), label).toEqual(plant.sides);
      if (plant.username === null) {
        const holders = fixture.tenant.users.filter((user) => user.roles.includes(plant.insideRole as string)).length;
        expect(finding?.evidence.holders, label).toBe(holders);
      } else {
        expect(finding?.evidence.insideOneRole, label).toBe(plant.insideRole);
        for (const side of plant.sides) expect(finding?.message, label).toContain(side.code);
      }
    }
  });

  it('gives no clean account a finding of medium or above', () => {
    const clean = new Set(fixture.tenant.clean.map((name) => name.toUpperCase()));
    const noisy = document.findings.filter((f) => clean.has(f.username.toUpperCase()) && meetsThreshold(f.severity, 'medium'));
    expect(noisy.map((f) => `${f.ruleId} ${f.username}`)).toEqual([]);
    expect(clean.size).toBeGreaterThan(5);
  });
});
