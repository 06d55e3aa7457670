import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { evaluateTenant } from '../src/evaluate/engine.ts';
import { toJsonText } from '../src/util/stable-json.ts';
import { createGoldenTenant } from './fixtures/golden-tenant.ts';
import { getPack } from './policy-tester.ts';

/** Rules whose meaning changed with the role graph carry a new version; nothing else may differ. */
const BUMPED = new Map([['integration-seeded-role', 2], ['privileged-role-assignment', 2]]);

describe('without a role graph', () => {
  it('every rule gives the findings recorded before the graph existed, byte for byte (rule versions aside)', async () => {
    const recorded = JSON.parse(await readFile(new URL('./fixtures/no-graph-findings.json', import.meta.url), 'utf8')) as { findings: { ruleId: string; ruleVersion: number }[] };
    for (const finding of recorded.findings) finding.ruleVersion = BUMPED.get(finding.ruleId) ?? finding.ruleVersion;
    // findings.json later gained `cause` and `causeDetail` beside `baseline` (null without a baseline).
    recorded.findings = recorded.findings.map((finding) => Object.fromEntries(Object.entries(finding)
      .flatMap(([key, value]) => (key === 'baseline' ? [[key, value], ['cause', null], ['causeDetail', null]] : [[key, value]]))) as typeof finding);
    const pack = await getPack(null);
    const tenant = createGoldenTenant();
    expect(tenant.roleGraph).toBeNull();
    const { document } = evaluateTenant(tenant, pack.rules, { asOf: tenant.finishedAt, waivers: [], tool: { name: 'fusion-access-audit', version: 'golden' }, identity: pack.identity });
    expect(toJsonText(document)).toBe(toJsonText(recorded));
    expect(document.findings.length).toBeGreaterThan(10);
  });
});
