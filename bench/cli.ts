/**
 * The tool as a process (issue 12), all in one run: start-up of the compiled CLI against bare
 * node; `access-audit collect` of 50,000 accounts at 150 ms latency and concurrency 10 against
 * the ideal ceil(pages / concurrency) × latency (process start included) and against a
 * sequential pager timed in the same run; its CPU seconds and wall time at 0 ms latency; and
 * its peak RSS collecting 100,000 accounts. The simulator runs in its own process, so only the
 * tool's own CPU and memory are counted (read from the tool process through a preload hook).
 */
import { execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stringify } from 'yaml';
import { createDemoConfig } from '../src/simulator/demo-config.ts';
import { generateTenant } from '../src/simulator/generate.ts';
import type { SimTenant } from '../src/simulator/types.ts';
import { fetchCollectionPages, measureFloor } from './wire-floor.ts';
import { CONCURRENCY, getNeededPages, PAGE_SIZE, startRemoteSimulator, timeSequentialPage } from './collect.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BIN = join(ROOT, 'bin', 'access-audit.js');
const USAGE_HOOK = fileURLToPath(new URL('./report-usage.mjs', import.meta.url));
const LATENCY_MS = 150;
const USERS = 50_000;
const BIG_USERS = 100_000;
const SEED = 42;
const STARTS = 7;

interface ProcessRun { wallMs: number; cpuSeconds: number; maxRssBytes: number; code: number | null }

/** Runs `node [hook] file args…`, timing it from spawn to exit; CPU and peak RSS come from the child itself. */
const runProcess = async (args: string[], env: NodeJS.ProcessEnv = {}): Promise<ProcessRun> => {
  const dir = await mkdtemp(join(tmpdir(), 'bench-cli-usage-'));
  const usageFile = join(dir, 'usage.json');
  try {
    const started = performance.now();
    const child = spawn(process.execPath, ['--import', USAGE_HOOK, ...args], { env: { ...process.env, ...env, BENCH_USAGE_FILE: usageFile }, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
    const [code] = (await once(child, 'exit')) as [number | null];
    const wallMs = performance.now() - started;
    if (code !== 0) throw new Error(`${args.join(' ')} exited ${code}: ${stderr.slice(0, 500)}`);
    const usage = JSON.parse(await readFile(usageFile, 'utf8')) as { userUs: number; systemUs: number; maxRssKb: number };
    return { wallMs, cpuSeconds: (usage.userUs + usage.systemUs) / 1e6, maxRssBytes: usage.maxRssKb * 1024, code };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
};

/** Median wall time of `runs` starts of `node args…` (no hook: what a user measures). */
const timeStart = (args: string[], runs: number): number => {
  const times: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const started = performance.now();
    execFileSync(process.execPath, args, { stdio: 'ignore' });
    times.push(performance.now() - started);
  }
  return times.sort((a, b) => a - b)[Math.floor(times.length / 2)]!;
};

/** Writes the Fusion-only config (no IAMS/CPQ hosts) the collect runs use; passwords stay in env. */
const writeConfig = async (dir: string, url: string, tenant: SimTenant): Promise<{ file: string; env: Record<string, string>; username: string; password: string }> => {
  const { config, env } = createDemoConfig(url, tenant);
  config.collect = { concurrency: CONCURRENCY, pageSize: PAGE_SIZE };
  // The pages counted are HCM and SCIM (getNeededPages); other hosts and the BI Publisher role
  // graph report have their own request budgets (the role-graph bench part measures the latter).
  delete config.services;
  delete config.roleGraph;
  const file = join(dir, 'bench.yaml');
  await writeFile(file, stringify(config));
  const auth = config.tenant.auth as { username: string; passwordEnv: string };
  return { file, env, username: auth.username, password: env[auth.passwordEnv] ?? '' };
};

interface Floor { parseSeconds: number; stringifySeconds: number; snapshotBytes: number; wireBytes: number; simulatorCpuSeconds: number }

/**
 * One `access-audit collect` as a process. With `floor`, the simulator's CPU during the run is
 * read, then the same pages are fetched again and the parse and write floor measured on them.
 */
const collectAsProcess = async (users: number, latencyMs: number, tenant: SimTenant, floor = false): Promise<ProcessRun & { floor?: Floor }> => {
  const sim = await startRemoteSimulator({ latencyMs }, users);
  const dir = await mkdtemp(join(tmpdir(), 'bench-cli-'));
  try {
    const { file, env, username, password } = await writeConfig(dir, sim.url, tenant);
    const cpuBefore = await sim.readCpuSeconds();
    const run = await runProcess([BIN, 'collect', '--config', file, '--out', join(dir, 'snapshot'), '--skip-probes', '--quiet'], env);
    if (!floor) return run;
    const simulatorCpuSeconds = (await sim.readCpuSeconds()) - cpuBefore;
    const wire = await fetchCollectionPages(sim.url, '11.13.18.05', username, password);
    const measured = await measureFloor(wire, join(dir, 'snapshot', 'accounts.ndjson'));
    return { ...run, floor: { ...measured, wireBytes: wire.bytes, simulatorCpuSeconds } };
  } finally {
    await sim.close();
    await rm(dir, { recursive: true, force: true });
  }
};

const fmt = (n: number, digits = 2): string => n.toFixed(digits);
const verdict = (ok: boolean): string => (ok ? 'OK' : 'OVER');

export const run = async (): Promise<void> => {
  console.log('building dist/ (npm run build) so the installed entry point is what is measured');
  execFileSync(process.execPath, [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(ROOT, 'tsconfig.build.json')], { stdio: 'inherit' });

  const bare = timeStart(['-e', '0'], STARTS);
  const help = timeStart([BIN, '--help'], STARTS);
  const version = timeStart([BIN, '--version'], STARTS);
  console.log(`start-up (median of ${STARTS}): bare node ${fmt(bare, 0)} ms; --help ${fmt(help, 0)} ms = ${fmt(help / bare, 1)} × bare node (target ≤ 250 ms) ${verdict(help <= 250)}; `
    + `--version ${fmt(version, 0)} ms = ${fmt(version / bare, 1)} × bare node ${verdict(version <= 250)}`);

  const tenant = generateTenant({ seed: SEED, users: USERS });
  const needed = getNeededPages(tenant);
  const ideal = Math.ceil(needed / CONCURRENCY) * LATENCY_MS;
  const slow = await collectAsProcess(USERS, LATENCY_MS, tenant);
  const perPage = await timeSequentialPage(tenant, LATENCY_MS);
  const sequential = perPage * needed * 1000;
  console.log(`collect ${USERS} accounts at ${LATENCY_MS} ms, concurrency ${CONCURRENCY}: ${needed} pages, ideal ceil(${needed} / ${CONCURRENCY}) × ${LATENCY_MS} ms = ${fmt(ideal / 1000)} s`);
  console.log(`  access-audit collect (whole process): ${fmt(slow.wallMs / 1000)} s = ${fmt(slow.wallMs / ideal)} × ideal (target ≤ 1.30) ${verdict(slow.wallMs / ideal <= 1.3)}`);
  console.log(`  sequential pager: ${fmt(perPage * 1000, 0)} ms/page → ${fmt(sequential / 1000)} s for ${needed} pages; the tool is ${fmt(sequential / slow.wallMs, 1)} × faster (target ≥ 8) ${verdict(sequential / slow.wallMs >= 8)}`);

  const fast = await collectAsProcess(USERS, 0, tenant, true);
  console.log(`collect ${USERS} accounts at 0 ms latency (whole process): ${fmt(fast.wallMs / 1000)} s wall (target ≤ 2 s) ${verdict(fast.wallMs <= 2000)}, `
    + `${fmt(fast.cpuSeconds)} CPU s = ${fmt(fast.cpuSeconds / (fast.wallMs / 1000))} of a core; peak RSS ${fmt(fast.maxRssBytes / 1024 ** 2, 0)} MB`);
  if (fast.floor !== undefined) {
    const f = fast.floor;
    const floorSeconds = f.parseSeconds + f.stringifySeconds;
    console.log(`  floor on this machine: JSON.parse of the ${fmt(f.wireBytes / 1024 ** 2, 0)} MB the pages carry ${fmt(f.parseSeconds)} s + JSON.stringify of the ${fmt(f.snapshotBytes / 1024 ** 2, 0)} MB of accounts ${fmt(f.stringifySeconds)} s `
      + `= ${fmt(floorSeconds)} s = ${fmt(floorSeconds / 2)} × the 2 s target; the tool's CPU is ${fmt(fast.cpuSeconds / floorSeconds)} × that floor`);
    console.log(`  the simulator used ${fmt(f.simulatorCpuSeconds)} CPU s serving it, on the same ${availableParallelism()} cores`);
  }

  const big = await collectAsProcess(BIG_USERS, 0, generateTenant({ seed: SEED, users: BIG_USERS }));
  console.log(`collect ${BIG_USERS} accounts at 0 ms latency: peak RSS ${fmt(big.maxRssBytes / 1024 ** 2, 0)} MB = ${fmt(big.maxRssBytes / 1024 ** 3)} of 1 GB (target ≤ 1) ${verdict(big.maxRssBytes <= 1024 ** 3)}; `
    + `${fmt(big.wallMs / 1000)} s wall, ${fmt(big.cpuSeconds)} CPU s`);
};
