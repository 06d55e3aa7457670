import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChangesDocument, Finding } from '../src/evaluate/types.ts';
import { toMarkdownText } from '../src/report/markdown.ts';
import { generateTenant } from '../src/simulator/generate.ts';
import { applyQuarter, QUARTER_DELTAS } from '../src/simulator/quarters.ts';
import type { SimTenant } from '../src/simulator/types.ts';
import { createTempDir, expectOneErrorLine, readFindings, readJson, runMain, startTenant, type TenantFixture } from './cli-helpers.ts';

/**
 * The quarter-over-quarter routine against the simulator over loopback: quarter 1 collected and
 * audited, then quarter 2 (Oracle's update of a seeded duty plus one ordinary assignment change)
 * audited with the quarter-1 run as --baseline, on the same pod and across pods.
 */

const POZ = 'POZ_MAINTAIN_SUPPLIER_PRIV';
const SUPPLIER_RULE = 'sod-supplier-vs-invoice';

const q1Tenant = generateTenant();
const q2Tenant = generateTenant({ quarter: 2 });
const change = q2Tenant.quarterChanges[0]!.roleContent[0]!;
const assignment = q2Tenant.quarterChanges[0]!.assignments[0]!;

const isActive = (tenant: SimTenant, username: string): boolean => {
  const user = tenant.users.find((candidate) => candidate.scimUsername === username)!;
  return !(user.inHcm && user.suspended) && !(user.inScim && !user.scimActive);
};

describe('simulator quarters (pure)', () => {
  it('quarter 1 is the default tenant; quarter 2 is quarter 1 with the delta applied, deterministically', () => {
    expect(generateTenant({ quarter: 1 })).toEqual(q1Tenant);
    expect(q1Tenant.quarter).toBe(1);
    expect(q1Tenant.quarterChanges).toEqual([]);
    expect(generateTenant({ quarter: 2 })).toEqual(q2Tenant);
    expect(applyQuarter(q1Tenant, 2)).toEqual(q2Tenant);
    expect(applyQuarter(q2Tenant, 2)).toBe(q2Tenant);
    expect(() => applyQuarter(q2Tenant, 1)).toThrow(/already in quarter 2/);
    expect(() => generateTenant({ quarter: 3 })).toThrow(/quarter must be one of 1, 2, got 3/);
  });

  it('quarter 2 differs from quarter 1 only by the delta: one seeded duty gains a privilege, one account gains a role', () => {
    const [delta] = QUARTER_DELTAS;
    expect(delta!.roleMembers).toEqual([{ role: 'ORA_AP_PAYABLES_INVOICE_CREATION_DUTY', add: [POZ], ruleId: SUPPLIER_RULE }]);
    const key = (edge: { role: string; kind: string; member: string }) => `${edge.role}|${edge.kind}|${edge.member}`;
    const before = new Set(q1Tenant.roleGraph.edges.map(key));
    expect(q2Tenant.roleGraph.edges.filter((edge) => !before.has(key(edge)))).toEqual([{ role: 'ORA_AP_PAYABLES_INVOICE_CREATION_DUTY', kind: 'privilege', member: POZ }]);
    expect(q2Tenant.roleGraph.edges.length).toBe(q1Tenant.roleGraph.edges.length + 1);
    expect(q2Tenant.roleGraph.roles).toEqual(q1Tenant.roleGraph.roles);
    const changedUsers = q2Tenant.users.filter((user, index) => JSON.stringify(user) !== JSON.stringify(q1Tenant.users[index]));
    expect(changedUsers.map((user) => [user.scimUsername, user.roles.filter((code) => !q1Tenant.users.find((u) => u.scimUsername === user.scimUsername)!.roles.includes(code))]))
      .toEqual([[assignment.username, assignment.add]]);
    expect({ ...q2Tenant, users: q1Tenant.users, roleGraph: q1Tenant.roleGraph, planted: q1Tenant.planted, clean: q1Tenant.clean, quarter: 1, quarterChanges: [] }).toEqual(q1Tenant);
    // The accounts whose access grew are no longer promised clean, and their new findings are planted.
    for (const username of [...change.accountsGained, assignment.username]) expect(q2Tenant.clean).not.toContain(username);
    expect(q2Tenant.planted.slice(0, q1Tenant.planted.length)).toEqual(q1Tenant.planted);
    expect(q2Tenant.planted.slice(q1Tenant.planted.length)).toEqual([
      ...change.newFindings.map((username) => ({ ruleId: SUPPLIER_RULE, username, roleCode: null, endpoint: null })),
      ...assignment.ruleIds.map((ruleId) => ({ ruleId, username: assignment.username, roleCode: null, endpoint: null })),
    ]);
    // Everyone holding the duty through AP Specialist, Supervisor or Manager (or a copy) is a holder; the
    // SoD account that already maintained suppliers gained nothing; the suspended holder gets no finding.
    expect(change.holders).toEqual(expect.arrayContaining(['INTERN.JOE', 'INT_OIC_ALL', 'MAYA.ROSS', 'GRACE.HOLT', 'IVY.MORENO', 'LEE.WONG', assignment.username]));
    expect(change.accountsGained).not.toContain('IVY.MORENO');
    expect(change.newFindings).not.toContain('LEE.WONG');
    expect(change.newFindings).not.toContain(assignment.username);
  });
});

describe('q1 → q2 over loopback: access-audit run --baseline', () => {
  let dir: string;
  const fixtures: TenantFixture[] = [];
  const saved = new Map<string, string | undefined>();
  let q1Run: string;
  let q2Run: string;
  let changes: ChangesDocument;
  let findings: Finding[];

  const run = async (fixture: TenantFixture, out: string, extra: string[] = []) => {
    for (const [name, value] of Object.entries(fixture.env)) {
      if (!saved.has(name)) saved.set(name, process.env[name]);
      process.env[name] = value;
    }
    return runMain(['run', '--config', fixture.configFile, '--out', out, '--format', 'json,md', '--quiet', ...extra]);
  };

  beforeAll(async () => {
    dir = await createTempDir('quarterly-sim-');
    const q1 = await startTenant(dir, { tenant: q1Tenant, name: 'q1' });
    // The same generated tenant served as quarter 2 (startSimulator's quarter option).
    const q2 = await startTenant(dir, { tenant: q1Tenant, name: 'q2', sim: { quarter: 2 } });
    fixtures.push(q1, q2);
    q1Run = join(dir, 'runs', 'q1');
    q2Run = join(dir, 'runs', 'q2');
    const first = await run(q1, q1Run);
    expect(first.code, first.stderr).toBe(1);
    const second = await run(q2, q2Run, ['--baseline', q1Run]);
    expect(second.code, second.stderr).toBe(1);
    changes = await readJson<ChangesDocument>(join(q2Run, 'changes.json'));
    findings = (await readFindings(q2Run)).findings;
  }, 120_000);

  afterAll(async () => {
    await Promise.all(fixtures.map((fixture) => fixture.sim.close()));
    for (const [name, value] of saved) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    await rm(dir, { recursive: true, force: true });
  });

  it('changes.json roleContent: the seeded duty, its added privilege, its holders and the accounts whose privileges grew', () => {
    expect(changes).toMatchObject({ tenant: 'demo-tenant', crossPod: false, roleGraphCompared: true, baseline: { tenant: 'demo-tenant' } });
    const sortedUpper = (names: readonly string[]) => names.map((name) => name.toUpperCase()).sort();
    expect(changes.roleContent.map((entry) => ({ ...entry, accountsGained: sortedUpper(entry.accountsGained) }))).toEqual([{
      role: 'ORA_AP_PAYABLES_INVOICE_CREATION_DUTY', name: 'Payables Invoice Creation', seeded: true, changedBy: 'vendor-update',
      added: [{ kind: 'privilege', code: POZ }], removed: [], holders: change.holders.length, privilegesGained: [POZ],
      accountsGained: sortedUpper(change.accountsGained),
    }]);
    expect(changes.roles).toEqual([{ username: assignment.username, added: assignment.add, removed: [] }]);
    expect(changes.accountsAdded).toEqual([]);
    expect(changes.resolvedFindings).toBe(0);
  });

  it('every new finding is explained: role-content for the duty\'s holders and the duty itself, assignment for the account that gained a role', () => {
    const duty = change.role;
    const activeHolders = change.holders.filter((username) => isActive(q2Tenant, username));
    const fresh = findings.filter((finding) => finding.baseline === 'new')
      .map((finding) => [finding.ruleId, finding.username.toUpperCase(), finding.roleCode, finding.cause, finding.causeDetail]);
    const expected = [
      ...change.newFindings.map((username) => [SUPPLIER_RULE, username, null, 'role-content', duty]),
      ...assignment.ruleIds.map((ruleId) => [ruleId, assignment.username, null, 'assignment', assignment.add[0]]),
      // The conflict now sits inside the seeded duty: once on the role, with its active holders counted.
      [SUPPLIER_RULE, '', duty, 'role-content', duty],
    ];
    const order = (rows: unknown[][]) => rows.map((row) => JSON.stringify(row)).sort();
    expect(order(fresh)).toEqual(order(expected));
    expect(change.newFindings.length).toBeGreaterThanOrEqual(4);
    const onRole = findings.find((finding) => finding.ruleId === SUPPLIER_RULE && finding.roleCode === duty && finding.username === '')!;
    expect(onRole.evidence.holders).toBe(activeHolders.length);
    // The SoD plants of quarter 1 are still there, and not new.
    for (const plant of q1Tenant.roleGraph.sod) {
      const found = findings.find((finding) => finding.ruleId === plant.ruleId && finding.username === (plant.username ?? '') && (plant.username !== null || finding.roleCode === plant.insideRole));
      expect(found?.baseline, `${plant.ruleId} ${plant.username ?? plant.insideRole}`).toBe('existing');
    }
  });

  it('the cause summary names the duty and counts the accounts, in changes.json and summary.md', async () => {
    const line = changes.causes.find((group) => group.cause === 'role-content' && group.ruleId === SUPPLIER_RULE && group.detail === change.role && group.count > 1)!;
    const expected = `Oracle's update added ${POZ} to the seeded role ${change.role} (Payables Invoice Creation): `
      + `${change.newFindings.length} accounts now have “SoD: supplier maintenance and payables invoice entry”`;
    expect(line.summary).toBe(expected);
    expect(changes.causes.find((group) => group.cause === 'assignment' && group.ruleId === SUPPLIER_RULE)?.summary)
      .toBe(`1 account newly assigned ${assignment.add[0]}: “SoD: supplier maintenance and payables invoice entry”`);
    const markdown = await readFile(join(q2Run, 'summary.md'), 'utf8');
    expect(markdown).toContain(`- **role-content** (high): ${toMarkdownText(expected)}`);
    // The README's simulator walkthrough quotes this run (the default tenant): it must stay true.
    const readme = (await readFile(new URL('../README.md', import.meta.url), 'utf8')).replace(/\s+/g, ' ');
    expect(readme).toContain(`"${expected}"`);
    expect(readme).toContain(`its ${change.holders.length} holders`);
  });

  it('a baseline from another pod (production, not yet updated) needs --cross-pod, names both tenants and gives the same roleContent', async () => {
    const prod = await startTenant(dir, { tenant: q1Tenant, name: 'prod', edit: (config) => { config.tenant.name = 'demo-prod'; } });
    fixtures.push(prod);
    const prodRun = join(dir, 'runs', 'prod-q1');
    expect((await run(prod, prodRun)).code).toBe(1);
    const q2 = fixtures[1]!;
    const refused = await run(q2, join(dir, 'runs', 'refused'), ['--baseline', prodRun]);
    expect(refused.code).toBe(2);
    expect(expectOneErrorLine(refused.stderr)).toMatch(/baseline is for tenant demo-prod, the snapshot is demo-tenant/);
    const testPodRun = join(dir, 'runs', 'test-pod-q2');
    const compared = await run(q2, testPodRun, ['--baseline', prodRun, '--cross-pod']);
    expect(compared.code, compared.stderr).toBe(1);
    const crossPod = await readJson<ChangesDocument>(join(testPodRun, 'changes.json'));
    expect(crossPod).toMatchObject({ tenant: 'demo-tenant', crossPod: true, baseline: { tenant: 'demo-prod' } });
    expect(crossPod.roleContent).toEqual(changes.roleContent);
    const causesOf = (list: Finding[]) => list.filter((finding) => finding.baseline === 'new').map((finding) => `${finding.id} ${finding.cause} ${finding.causeDetail}`).sort();
    expect(causesOf((await readFindings(testPodRun)).findings)).toEqual(causesOf(findings));
  }, 60_000);

  it('the README\'s one-command rehearsal: demo, then demo --quarter 2 with it as baseline, gives the same roleContent', async () => {
    const q1Demo = join(dir, 'demo');
    const first = await runMain(['demo', '--out', q1Demo, '--format', 'json', '--quiet']);
    expect(first.code, first.stderr).toBe(0);
    const q2Demo = join(dir, 'demo-q2');
    const second = await runMain(['demo', '--quarter', '2', '--out', q2Demo, '--baseline', q1Demo, '--format', 'json', '--quiet']);
    expect(second.code, second.stderr).toBe(0);
    const demoChanges = await readJson<ChangesDocument>(join(q2Demo, 'changes.json'));
    // The demo's simulator listens on another port, but the tenant is the same one: by code, nothing else differs.
    expect(demoChanges.roleContent).toEqual(changes.roleContent);
    expect(demoChanges.causes.map((group) => group.summary)).toEqual(changes.causes.map((group) => group.summary));
  }, 60_000);
});
