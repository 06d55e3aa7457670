/**
 * Collection benchmark (issue 2): 50,000 accounts at 300 ms simulated latency, concurrency 10.
 * Wall time against the ideal ceil(pages / concurrency) × latency and against a plain
 * sequential pager; then again with 5 % 429 + 3 % 503 injected (nothing may be lost).
 */
import { fork, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { request } from 'undici';
import { collectTenant } from '../src/collect/index.ts';
import { parseConfig } from '../src/config/load.ts';
import type { Config } from '../src/config/types.ts';
import type { TenantModel } from '../src/model/types.ts';
import { createDemoConfig } from '../src/simulator/demo-config.ts';
import { generateTenant } from '../src/simulator/generate.ts';
import type { SimTenant, SimulatorOptions, SimulatorStats } from '../src/simulator/types.ts';

const USERS = 50_000;
const SEED = 42;
const LATENCY_MS = 300;
export const CONCURRENCY = 10;
export const PAGE_SIZE = 500;
const SEQUENTIAL_SAMPLE = 8;

/** Requests any correct collector needs: list pages, nested-child pages past 25 roles, SCIM users and roles, the self lookup. */
export const getNeededPages = (tenant: SimTenant): number => {
  const pages = (n: number): number => Math.max(1, Math.ceil(n / PAGE_SIZE));
  const hcm = tenant.users.filter((u) => u.inHcm);
  const scim = tenant.users.filter((u) => u.inScim);
  const child = hcm.reduce((sum, u) => sum + (u.roles.length > 25 ? pages(u.roles.length - 25) : 0), 0);
  return pages(hcm.length) + child + pages(scim.length) + pages(tenant.roles.length) + 1;
};

const createConfig = (url: string, tenant: SimTenant): Config => {
  const { config, env } = createDemoConfig(url, tenant);
  config.collect = { concurrency: CONCURRENCY, pageSize: PAGE_SIZE };
  // The target is the Fusion collection (HCM + SCIM pages counted above); IAMS and CPQ are other
  // hosts with their own request budget, so they stay out of this figure.
  delete config.services;
  return parseConfig(config, '<bench>', { env });
};

interface RemoteSimulator {
  url: string;
  readStats(): Promise<SimulatorStats>;
  /** CPU seconds the simulator process has used so far (it shares the machine's cores with the tool). */
  readCpuSeconds(): Promise<number>;
  close(): Promise<void>;
}

/** Starts the simulator in a child process (same tenant: the generator is deterministic). */
export const startRemoteSimulator = async (options: Omit<SimulatorOptions, 'tenant'>, users: number = USERS): Promise<RemoteSimulator> => {
  const script = fileURLToPath(new URL('./collect-simulator.ts', import.meta.url));
  const child: ChildProcess = fork(script, [JSON.stringify({ users, seed: SEED, options })], { execArgv: ['--import', 'tsx'] });
  const [ready] = (await once(child, 'message')) as [{ url: string }];
  return {
    url: ready.url,
    readStats: async () => {
      child.send({ type: 'stats' });
      const [message] = (await once(child, 'message')) as [{ stats: SimulatorStats }];
      return message.stats;
    },
    readCpuSeconds: async () => {
      child.send({ type: 'cpu' });
      const [message] = (await once(child, 'message')) as [{ seconds: number }];
      return message.seconds;
    },
    close: async () => {
      child.send({ type: 'close' });
      await once(child, 'exit');
    },
  };
};

const timeCollection = async (tenant: SimTenant, faults: Partial<SimulatorOptions>) => {
  const sim = await startRemoteSimulator({ latencyMs: LATENCY_MS, ...faults });
  try {
    const config = createConfig(sim.url, tenant);
    const started = performance.now();
    const model = await collectTenant(config, { skipProbes: true });
    return { model, seconds: (performance.now() - started) / 1000, stats: await sim.readStats(), config };
  } finally {
    await sim.close();
  }
};

/** A plain pager: one userAccounts page after the other, no parallelism (timed on a sample). */
export const timeSequentialPage = async (tenant: SimTenant, latencyMs: number = LATENCY_MS): Promise<number> => {
  const sim = await startRemoteSimulator({ latencyMs });
  try {
    const config = createConfig(sim.url, tenant);
    const auth = config.tenant.credentials.type === 'basic'
      ? `Basic ${Buffer.from(`${config.tenant.credentials.username}:${config.tenant.credentials.password}`).toString('base64')}` : '';
    const started = performance.now();
    for (let page = 0; page < SEQUENTIAL_SAMPLE; page += 1) {
      const url = `${sim.url}/hcmRestApi/resources/11.13.18.05/userAccounts?expand=userAccountRoles&onlyData=true&limit=${PAGE_SIZE}&offset=${page * PAGE_SIZE}`;
      const response = await request(url, { headers: { authorization: auth, 'rest-framework-version': '4' } });
      await response.body.json();
    }
    return (performance.now() - started) / 1000 / SEQUENTIAL_SAMPLE;
  } finally {
    await sim.close();
  }
};

const countAssignments = (model: TenantModel): number => model.accounts.reduce((sum, a) => sum + a.roles.length, 0);
const fmt = (n: number, digits = 2): string => n.toFixed(digits);

export const run = async (): Promise<void> => {
  const tenant = generateTenant({ seed: SEED, users: USERS });
  const needed = getNeededPages(tenant);
  const ideal = (Math.ceil(needed / CONCURRENCY) * LATENCY_MS) / 1000;
  const expectedAccounts = tenant.users.filter((u) => u.inHcm || u.inScim).length;
  console.log(`tenant: ${USERS} accounts (${expectedAccounts} visible), ${needed} pages needed, latency ${LATENCY_MS} ms, concurrency ${CONCURRENCY}, page size ${PAGE_SIZE}`);
  console.log(`ideal: ceil(${needed} / ${CONCURRENCY}) × ${LATENCY_MS} ms = ${fmt(ideal)} s`);

  const clean = await timeCollection(tenant, {});
  const perPage = await timeSequentialPage(tenant);
  const sequential = perPage * needed;
  console.log(`clean:  ${fmt(clean.seconds)} s = ${fmt(clean.seconds / ideal)} × ideal (target ≤ 1.20); ${clean.stats.requests} requests, max in flight ${clean.stats.maxInFlight}`);
  console.log(`sequential pager: ${fmt(perPage * 1000, 0)} ms/page measured on ${SEQUENTIAL_SAMPLE} pages, extrapolated to ${needed} pages = ${fmt(sequential)} s; `
    + `collector is ${fmt(sequential / clean.seconds, 1)} × faster (target ≥ 8)`);
  console.log(`        accounts ${clean.model.accounts.length}/${expectedAccounts}, role assignments ${countAssignments(clean.model)}, complete ${clean.model.complete}`);

  const faulty = await timeCollection(tenant, { rate429: 0.05, rate503: 0.03, faultSeed: 7 });
  const same = JSON.stringify(faulty.model.accounts) === JSON.stringify(clean.model.accounts);
  const { throttled429, unavailable503 } = faulty.stats.faults;
  console.log(`faults: ${fmt(faulty.seconds)} s = ${fmt(faulty.seconds / ideal)} × ideal (target ≤ 1.60); injected ${throttled429} × 429 + ${unavailable503} × 503, `
    + `retries ${faulty.model.sources.reduce((s, x) => s + x.retries, 0)}, max in flight ${faulty.stats.maxInFlight}`);
  console.log(`        accounts ${faulty.model.accounts.length}/${expectedAccounts}, role assignments ${countAssignments(faulty.model)}, `
    + `identical to the clean run: ${same ? 'yes (nothing lost)' : 'NO'}, complete ${faulty.model.complete}`);
};
