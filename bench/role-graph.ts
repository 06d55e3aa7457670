/**
 * Role-graph collection benchmark (issue 8): a graph of 5,000 roles and 100,000 edges (~10 MB of
 * CSV, base64 in one SOAP answer) read through BI Publisher's runReport from the simulator in its
 * own process. Target: it adds ≤ 2 s to a collection. Printed: the call alone, the same
 * collection with and without the graph, and where the time goes in-process.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { availableParallelism, loadavg } from 'node:os';
import { collectTenant } from '../src/collect/index.ts';
import { createHttpClient } from '../src/collect/http/client.ts';
import { buildRoleGraph, checkDirection } from '../src/collect/role-graph/build.ts';
import { collectRoleGraph } from '../src/collect/role-graph/index.ts';
import { parseRoleGraphCsv } from '../src/collect/role-graph/rows.ts';
import { parseRunReportAnswer } from '../src/collect/role-graph/soap.ts';
import { parseConfig } from '../src/config/load.ts';
import type { Config } from '../src/config/types.ts';
import { getBipReply } from '../src/simulator/bip-routes.ts';
import { createDemoConfig } from '../src/simulator/demo-config.ts';
import { generateTenant } from '../src/simulator/generate.ts';
import { toRoleGraphCsv } from '../src/simulator/role-graph/csv.ts';
import { generateBulkRoleGraph } from '../src/simulator/role-graph/generate.ts';
import { toRunReportEnvelope } from '../src/collect/role-graph/soap.ts';

const GRAPH = { roles: 5_000, edges: 100_000, seed: 7 };
const USERS = 5_000;
const SEED = 42;
const LATENCY_MS = 100;
const RUNS = 3;
const TARGET_SECONDS = 2;

const fmt = (value: number, digits = 2): string => value.toFixed(digits);
const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;

const startRemoteSimulator = async (): Promise<{ url: string; close(): Promise<void> }> => {
  const script = fileURLToPath(new URL('./collect-simulator.ts', import.meta.url));
  const start = { users: USERS, seed: SEED, options: { latencyMs: LATENCY_MS }, bulkGraph: GRAPH };
  const child: ChildProcess = fork(script, [JSON.stringify(start)], { execArgv: ['--import', 'tsx'] });
  const [ready] = (await once(child, 'message')) as [{ url: string }];
  return {
    url: ready.url,
    close: async () => {
      child.send({ type: 'close' });
      await once(child, 'exit');
    },
  };
};

const createConfig = (url: string, withGraph: boolean): Config => {
  const tenant = generateTenant({ seed: SEED, users: USERS });
  const { config, env } = createDemoConfig(url, tenant);
  delete config.services;
  if (!withGraph) delete config.roleGraph;
  return parseConfig(config, '<bench>', { env });
};

/** Wall time, and CPU time of this process (the collector): on a shared, loaded machine the wall time also counts the others' work. */
const time = async <T>(work: () => Promise<T> | T): Promise<{ value: T; seconds: number; cpu: number }> => {
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  const value = await work();
  const cpu = process.cpuUsage(cpuBefore);
  return { value, seconds: (performance.now() - started) / 1000, cpu: (cpu.user + cpu.system) / 1e6 };
};

export const run = async (): Promise<void> => {
  const graph = generateBulkRoleGraph(GRAPH);
  const csv = toRoleGraphCsv(graph);
  const reply = getBipReply({ graph, mode: 'normal', contentType: 'application/soap+xml', body: toRunReportEnvelope(graph.reportPath), signedIn: true, mayRunReports: true });
  console.log(`graph: ${graph.roles.length} roles, ${graph.privileges.length} privileges, ${graph.edges.length} edges; CSV ${fmt(Buffer.byteLength(csv) / 1e6, 1)} MB, SOAP answer ${fmt(Buffer.byteLength(reply.body) / 1e6, 1)} MB`);

  // In-process stages (no network): where the collector's CPU time goes.
  const soap = await time(() => parseRunReportAnswer(reply.body));
  if (soap.value.kind !== 'report') throw new Error('bench: the SOAP answer did not parse as a report');
  const bytes = soap.value.bytes;
  const rows = await time(() => parseRoleGraphCsv(bytes.toString('utf8'), 'bench', 'collection'));
  const built = await time(() => buildRoleGraph(rows.value, { kind: 'bip', location: graph.reportPath, readAt: new Date(0).toISOString() }));
  const checked = await time(() => checkDirection(built.value, 'bench'));
  console.log(`stages (CPU): SOAP parse + base64 ${fmt(soap.cpu)} s, CSV parse (csv-parse) + row checks ${fmt(rows.cpu)} s, build + cycle check ${fmt(built.cpu)} s, direction check ${fmt(checked.cpu, 3)} s`);

  const sim = await startRemoteSimulator();
  try {
    const alone: number[] = [];
    const aloneCpu: number[] = [];
    for (let i = 0; i < RUNS; i += 1) {
      const config = createConfig(sim.url, true);
      const client = createHttpClient({ ...config.collect, credentials: config.tenant.credentials });
      const result = await time(() => collectRoleGraph(client, sim.url, graph.reportPath, () => new Date()));
      await client.close();
      if (result.value.graph?.edges.length !== GRAPH.edges) throw new Error(`bench: expected ${GRAPH.edges} edges, got ${result.value.graph?.edges.length ?? 0} (${result.value.problems[0] ?? ''})`);
      alone.push(result.seconds);
      aloneCpu.push(result.cpu);
    }
    const aloneSeconds = median(alone);
    console.log(`runReport call alone (POST, ${LATENCY_MS} ms latency, transfer, parse, build, checks): median of ${RUNS} wall ${fmt(aloneSeconds)} s = ${fmt(aloneSeconds / TARGET_SECONDS)} × the 2 s budget; `
      + `collector CPU ${fmt(median(aloneCpu))} s = ${fmt(median(aloneCpu) / TARGET_SECONDS)} × the budget`);
    const without: { seconds: number; cpu: number }[] = [];
    const withGraph: { seconds: number; cpu: number }[] = [];
    for (let i = 0; i < RUNS; i += 1) {
      without.push(await time(() => collectTenant(createConfig(sim.url, false), { skipProbes: true })));
      const collected = await time(() => collectTenant(createConfig(sim.url, true), { skipProbes: true }));
      if (collected.value.roleGraph?.edges.length !== GRAPH.edges || !collected.value.complete) throw new Error('bench: the collection with the graph is incomplete');
      withGraph.push(collected);
    }
    const wall = (runs: { seconds: number }[]): number => median(runs.map((run) => run.seconds));
    const cpu = (runs: { cpu: number }[]): number => median(runs.map((run) => run.cpu));
    const added = wall(withGraph) - wall(without);
    const addedCpu = cpu(withGraph) - cpu(without);
    console.log(`collection of ${USERS} accounts at ${LATENCY_MS} ms latency (medians of ${RUNS}): without graph wall ${fmt(wall(without))} s / CPU ${fmt(cpu(without))} s, `
      + `with graph wall ${fmt(wall(withGraph))} s / CPU ${fmt(cpu(withGraph))} s`);
    console.log(`the graph adds wall ${fmt(added)} s = ${fmt(Math.max(0, added) / TARGET_SECONDS)} × the 2 s budget, collector CPU ${fmt(addedCpu)} s = ${fmt(Math.max(0, addedCpu) / TARGET_SECONDS)} × (target ≤ 1.00); `
      + `load average during the run ${loadavg().map((value) => fmt(value, 1)).join(' ')} on ${availableParallelism()} cores`);
    console.log(`peak RSS ${fmt(process.resourceUsage().maxRSS / 1024, 0)} MB`);
  } finally {
    await sim.close();
  }
};
