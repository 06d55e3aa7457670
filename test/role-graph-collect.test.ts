import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { collectTenant } from '../src/collect/index.ts';
import { createHttpClient } from '../src/collect/http/client.ts';
import { collectRoleGraph, ROLE_GRAPH_SOURCE } from '../src/collect/role-graph/index.ts';
import { parseConfig } from '../src/config/load.ts';
import type { WrittenConfig } from '../src/config/schema.ts';
import { ValidationError } from '../src/errors.ts';
import { indexRoleGraph } from '../src/model/effective-access.ts';
import { toRoleGraphCsv } from '../src/simulator/role-graph/csv.ts';
import { startSimulator } from '../src/simulator/server.ts';
import type { RunningSimulator } from '../src/simulator/types.ts';
import { readSnapshot } from '../src/snapshot/read.ts';
import { writeSnapshot } from '../src/snapshot/write.ts';
import { runCli } from './cli-helpers.ts';
import { startFixture, TEST_COLLECT, type Fixture } from './collect-fixture.ts';

const NOW = (): Date => new Date('2026-03-31T08:00:00.000Z');

let fixture: Fixture;
let dir: string;
const extra: RunningSimulator[] = [];

beforeAll(async () => {
  fixture = await startFixture({ users: 80 });
  dir = await mkdtemp(join(tmpdir(), 'role-graph-'));
});
afterEach(async () => {
  await Promise.all(extra.splice(0).map((sim) => sim.close()));
});
afterAll(async () => {
  await fixture.sim.close();
  await rm(dir, { recursive: true, force: true });
});

const configWith = (written: WrittenConfig, roleGraph: WrittenConfig['roleGraph'], file = join(dir, 'access-audit.json')) =>
  parseConfig({ ...written, roleGraph }, file, { env: fixture.env });

const withoutSource = (text: string): string => {
  const { source: _source, ...rest } = JSON.parse(text) as Record<string, unknown>;
  return JSON.stringify(rest);
};

describe('role graph through BI Publisher SOAP', () => {
  it('collects the simulated graph: plants with their paths, the cycle once, coverage with the absent role', async () => {
    const model = await collectTenant(fixture.config, { skipProbes: true, now: NOW });
    expect(model.complete).toBe(true);
    const graph = model.roleGraph!;
    expect(graph.source).toEqual({ kind: 'bip', location: '/Custom/Security/Access Audit/Role Graph.xdo', readAt: '2026-03-31T08:00:00.000Z' });
    expect(graph.edges).toEqual(fixture.tenant.roleGraph.edges);
    expect(graph.roles.map((role) => role.code)).toEqual(fixture.tenant.roleGraph.roles.map((role) => role.code));
    expect(graph.roles.find((role) => role.code === 'XX_INT_GL')).toEqual({ code: 'XX_INT_GL', name: 'INT GL, "copy" of General Accountant', type: 'Job', seeded: false });
    expect(graph.problems).toEqual(['cycle XX_REPORTING_A → XX_REPORTING_B → XX_REPORTING_A: tolerated, each role is walked once']);
    const index = indexRoleGraph(graph);
    for (const plant of fixture.tenant.roleGraph.plants) {
      const holder = plant.username === null ? [plant.path[0] as string] : model.accounts.find((a) => a.key === plant.username)!.roles.map((r) => r.code);
      expect(index.findHeld(holder, plant.path[plant.path.length - 1] as string)?.path, `${plant.ruleId} ${plant.code}`).toEqual(plant.path);
    }
    expect(model.roleGraphCoverage?.unresolved).toEqual(['XX_PO_MX_DATA']);
    expect(model.roleGraphCoverage?.resolved).toBe((model.roleGraphCoverage?.assigned ?? 0) - 1);
    const stats = model.sources.find((source) => source.source === ROLE_GRAPH_SOURCE);
    expect(stats).toMatchObject({ requests: 1, complete: true, problem: null, items: graph.edges.length });
    expect(fixture.sim.stats.byPath['bip:runReport']).toBeGreaterThanOrEqual(1);
  });

  it('the SOAP report and the same CSV as a file give the same graph in the snapshot (role-graph.json equal but for its source)', async () => {
    const csvFile = join(dir, 'exported', 'role-graph.csv');
    await rm(join(dir, 'exported'), { recursive: true, force: true });
    await import('node:fs/promises').then((fs) => fs.mkdir(join(dir, 'exported')));
    await writeFile(csvFile, toRoleGraphCsv(fixture.tenant.roleGraph));
    const viaSoap = await collectTenant(fixture.config, { skipProbes: true, now: NOW });
    // Relative to the config file.
    const viaFile = await collectTenant(configWith(fixture.written, { file: './exported/role-graph.csv' }), { skipProbes: true, now: NOW });
    expect(viaFile.roleGraph?.source).toEqual({ kind: 'file', location: './exported/role-graph.csv', readAt: '2026-03-31T08:00:00.000Z' });
    await writeSnapshot(join(dir, 'snap-soap'), viaSoap);
    await writeSnapshot(join(dir, 'snap-file'), viaFile);
    const [soapText, fileText] = await Promise.all(['snap-soap', 'snap-file'].map((name) => readFile(join(dir, name, 'role-graph.json'), 'utf8')));
    expect(withoutSource(fileText!)).toBe(withoutSource(soapText!));
    const [soap, file] = await Promise.all([readSnapshot(join(dir, 'snap-soap')), readSnapshot(join(dir, 'snap-file'))]);
    expect(file.manifest.roleGraph?.coverage).toEqual(soap.manifest.roleGraph?.coverage);
    expect(soap.manifest.roleGraph?.problems).toHaveLength(1);
    expect(soap.model.roleGraph).toEqual(viaSoap.roleGraph);
  });

  it('an unknown report path is a SOAP fault: the role-graph source is incomplete with the fault class and reason', async () => {
    const model = await collectTenant(configWith(fixture.written, { report: '/Custom/Nowhere/Role Graph.xdo' }), { skipProbes: true });
    expect(model.complete).toBe(false);
    expect(model.roleGraph).toBeNull();
    expect(model.incompleteReasons).toEqual([
      'role-graph: BI Publisher report /Custom/Nowhere/Role Graph.xdo: SOAP fault oracle.xdo.webservice.exception.InvalidParametersException: '
      + 'oracle.xdo.webservice.exception.InvalidParametersException: PublicReportService::executeReport Failure: Report /Custom/Nowhere/Role Graph.xdo is not found or the user lacks access to it '
      + '(no report at this path, or the path is cased differently: check roleGraph.report against the BI catalog)',
    ]);
    // The identity sources are unaffected.
    expect(model.accounts.length).toBeGreaterThan(50);
  });

  it('an empty report (200, no rows) is missing data security, never an empty graph: incomplete', async () => {
    const sim = await startSimulator({ tenant: fixture.tenant, roleGraphMode: 'empty' });
    extra.push(sim);
    const config = parseConfig({ ...fixture.written, tenant: { ...fixture.written.tenant, baseUrl: sim.url } }, join(dir, 'c.json'), { env: fixture.env });
    const client = createHttpClient({ ...config.collect, credentials: config.tenant.credentials });
    const result = await collectRoleGraph(client, sim.url, fixture.tenant.roleGraph.reportPath, NOW);
    await client.close();
    expect(result).toEqual({
      graph: null,
      problems: ['role-graph: BI Publisher report /Custom/Security/Access Audit/Role Graph.xdo: returned no rows: a 200 with no rows means the audit account lacks data security on the ASE views, never an empty graph (bip/README.md)'],
    });
  });

  it('429/503/resets are retried for the POST like every GET', async () => {
    const sim = await startSimulator({ tenant: fixture.tenant, rate503: 0.4, resetRate: 0.2, faultSeed: 3 });
    extra.push(sim);
    const client = createHttpClient({ ...TEST_COLLECT, credentials: fixture.config.tenant.credentials });
    const results = [];
    for (let i = 0; i < 4; i += 1) results.push(await collectRoleGraph(client, sim.url, fixture.tenant.roleGraph.reportPath, NOW));
    await client.close();
    expect(results.every((result) => result.problems.length === 0 && result.graph?.edges.length === fixture.tenant.roleGraph.edges.length)).toBe(true);
    expect(client.stats.get(ROLE_GRAPH_SOURCE).retries).toBeGreaterThan(0);
    expect(sim.stats.faults.unavailable503 + sim.stats.faults.resets).toBeGreaterThan(0);
  });

  it('a bad role-graph file is one error before any request is sent', async () => {
    const file = join(dir, 'bad.csv');
    await writeFile(file, 'ROLE,MEMBER\nA,B\n');
    fixture.sim.resetStats();
    const error = await collectTenant(configWith(fixture.written, { file: './bad.csv' }), { skipProbes: true }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as Error).message).toBe(`${file}: the header lacks the required columns ROLE_CODE, MEMBER_KIND, MEMBER_CODE (found ROLE, MEMBER); expected ROLE_CODE, ROLE_NAME, ROLE_TYPE, IS_SEEDED, MEMBER_KIND, MEMBER_CODE, MEMBER_NAME`);
    expect(fixture.sim.stats.requests).toBe(0);
    const missing = await collectTenant(configWith(fixture.written, { file: './none.csv' }), { skipProbes: true }).catch((caught: unknown) => caught);
    expect((missing as Error).message).toBe(`roleGraph.file: cannot read ${join(dir, 'none.csv')} (ENOENT)`);
  });

  it('without roleGraph in the config the snapshot is what it was: no role-graph.json, no manifest.roleGraph, no role-graph source', async () => {
    const { roleGraph: _omitted, ...written } = fixture.written;
    const model = await collectTenant(parseConfig(written, join(dir, 'plain.json'), { env: fixture.env }), { skipProbes: true });
    expect(model.roleGraph).toBeNull();
    expect(model.roleGraphCoverage).toBeNull();
    expect(model.sources.map((source) => source.source)).not.toContain(ROLE_GRAPH_SOURCE);
    const out = join(dir, 'snap-plain');
    await writeSnapshot(out, model);
    expect((await readdir(out)).sort()).toEqual(['accounts.ndjson', 'probes.json', 'roles.json', 'services.json', 'snapshot-manifest.json']);
    const manifest = JSON.parse(await readFile(join(out, 'snapshot-manifest.json'), 'utf8')) as Record<string, unknown>;
    expect(manifest).not.toHaveProperty('roleGraph');
    expect(Object.keys(manifest.counts as object)).toEqual(['accounts', 'roleAssignments', 'roles', 'probes', 'serviceAccounts']);
  });
});

describe('access-audit collect with a role graph', () => {
  const writeConfig = async (name: string, written: WrittenConfig): Promise<string> => {
    const file = join(dir, name);
    await writeFile(file, JSON.stringify(written));
    return file;
  };

  it('prints where the graph came from, its size, coverage and its data problem', async () => {
    const file = await writeConfig('ok.json', fixture.written);
    const result = await runCli(['collect', '--config', file, '--out', join(dir, 'cli-ok'), '--skip-probes'], fixture.env);
    expect(result.code).toBe(0);
    const { roles, privileges, edges } = fixture.tenant.roleGraph;
    expect(result.stdout).toContain(`  role graph from BI Publisher report /Custom/Security/Access Audit/Role Graph.xdo: ${roles.length} roles, ${privileges.length} privileges, ${edges.length} edges; `);
    expect(result.stdout).toMatch(/; (\d+) of \d+ assigned role codes resolved \(unresolved: XX_PO_MX_DATA\)\n/);
    expect(result.stdout).toContain('  role graph data problem: cycle XX_REPORTING_A → XX_REPORTING_B → XX_REPORTING_A: tolerated, each role is walked once\n');
    // evaluate copies the snapshot with its role-graph.json, so report --run stays offline.
    const evaluated = await runCli(['evaluate', '--snapshot', join(dir, 'cli-ok'), '--out', join(dir, 'cli-ok-eval')]);
    expect([0, 1]).toContain(evaluated.code);
    const copied = await readSnapshot(join(dir, 'cli-ok-eval', 'snapshot'));
    expect(copied.model.roleGraph?.edges).toEqual(fixture.tenant.roleGraph.edges);
  });

  for (const [mode, pattern] of [
    ['inverted', /^access-audit: collection incomplete: role-graph: BI Publisher report \/Custom\/Security\/Access Audit\/Role Graph\.xdo: the role graph points the wrong way: \d+ edges have a duty role containing a job or abstract role .*ASE_ROLE_ROLE_MBR's direction is inverted/],
    ['empty', /^access-audit: collection incomplete: role-graph: BI Publisher report \/Custom\/Security\/Access Audit\/Role Graph\.xdo: returned no rows: a 200 with no rows means the audit account lacks data security/],
  ] as const) {
    it(`an ${mode} report ends collect with one clear line and exit 2`, async () => {
      const sim = await startSimulator({ tenant: fixture.tenant, roleGraphMode: mode });
      extra.push(sim);
      const file = await writeConfig(`${mode}.json`, { ...fixture.written, tenant: { ...fixture.written.tenant, baseUrl: sim.url } });
      // --quiet: stderr holds only warnings and errors (no progress lines).
      const result = await runCli(['collect', '--config', file, '--out', join(dir, `cli-${mode}`), '--skip-probes', '--quiet'], fixture.env);
      expect(result.code).toBe(2);
      const lines = result.stderr.trim().split('\n');
      expect(lines).toHaveLength(2);
      expect(lines[0]).toMatch(pattern);
      expect(lines[1]).toMatch(/^hint: /);
    });
  }

  it('an inverted file ends collect with one clear line and exit 2, before collecting, and writes nothing', async () => {
    const inverted = toRoleGraphCsv(fixture.tenant.roleGraph, 'inverted');
    await writeFile(join(dir, 'inverted.csv'), inverted);
    const file = await writeConfig('inverted-file.json', { ...fixture.written, roleGraph: { file: 'inverted.csv' } });
    const out = join(dir, 'cli-inverted-file');
    const result = await runCli(['collect', '--config', file, '--out', out], fixture.env);
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/^access-audit: .*inverted\.csv: the role graph points the wrong way: /);
    await expect(readdir(out)).rejects.toThrow(/ENOENT/);
  });
});
