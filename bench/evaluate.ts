/**
 * Evaluation benchmark (issue 3): 100,000 accounts / 1,000,000 role assignments evaluated with the
 * default pack. Prints evaluation time as a ratio to the time it takes just to read and parse the
 * snapshot (target ≤ 2×) and the process's peak RSS (target ≤ 1.5 GB).
 * Issue 8: the same accounts again over a synthetic role graph of 5,000 roles and 100,000 edges,
 * so every rule judges effective access (same targets, against that snapshot's parse).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { evaluateTenant } from '../src/evaluate/engine.ts';
import type { Account, ProbeResult, RoleAssignment, TenantModel } from '../src/model/types.ts';
import { readPolicies } from '../src/policy/load.ts';
import { readSnapshot } from '../src/snapshot/read.ts';
import { writeSnapshot } from '../src/snapshot/write.ts';
import { toJsonText } from '../src/util/stable-json.ts';
import { TOOL } from '../src/version.ts';
import { computeCoverage } from '../src/model/role-graph.ts';
import { createSyntheticGraph } from './synthetic-graph.ts';

const ACCOUNTS = 100_000;
const ROLES_PER_ACCOUNT = 10;
const SEEDED = ['ORA_GL_GENERAL_ACCOUNTANT_JOB', 'ORA_AP_ACCOUNTS_PAYABLE_SPECIALIST_JOB', 'ORA_PO_BUYER_JOB', 'ORA_CST_COST_ACCOUNTANT_JOB', 'ORA_GL_FINANCIAL_ANALYST_JOB'];
const MODULES = ['GL', 'AP', 'PO', 'AR', 'CST', 'DOO', 'PER'];
const UNITS = ['US', 'UK', 'DE', 'FR', 'JP', 'AU', 'CA', 'IN', 'BR', 'MX'];

/** Small deterministic PRNG (mulberry32) so every run measures the same tenant. */
const createRandom = (seed: number): (() => number) => {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
};

const toRole = (code: string, sources: ('hcm' | 'scim')[], id: number): RoleAssignment =>
  ({ code, name: null, category: code.endsWith('_ABSTRACT') ? 'ABSTRACT' : null, sources, hcmRoleId: id, hcmUserRoleId: id });

const createAccount = (index: number, random: () => number): Account => {
  const integration = index % 100 === 0;
  const username = integration ? `INT_SYS${index}_${MODULES[index % MODULES.length]}` : `USER${index}.PERSON`;
  const inScim = random() > 0.002;
  const inHcm = random() > 0.002;
  const sources: ('hcm' | 'scim')[] = [...(inHcm || !inScim ? ['hcm' as const] : []), ...(inScim ? ['scim' as const] : [])];
  const codes = new Set<string>(integration ? [] : ['ORA_PER_EMPLOYEE_ABSTRACT']);
  if (integration && random() < 0.3) codes.add(SEEDED[index % SEEDED.length]!);
  if (!integration) codes.add(SEEDED[Math.floor(random() * SEEDED.length)]!);
  if (random() < 0.001) codes.add('ORA_FND_IT_SECURITY_MANAGER_JOB');
  while (codes.size < ROLES_PER_ACCOUNT) codes.add(`XX_${MODULES[Math.floor(random() * MODULES.length)]}_${UNITS[Math.floor(random() * UNITS.length)]}_${Math.floor(random() * 4)}_DATA`);
  const roles = [...codes].sort().map((code, n) => toRole(code, sources, index * 20 + n));
  const guid = index.toString(16).toUpperCase().padStart(32, '0');
  return {
    key: username.toUpperCase(),
    username,
    sources,
    hcm: sources.includes('hcm') ? { userId: index, guid, personId: integration ? null : 300_000 + index, personNumber: integration ? null : String(index), suspended: random() < 0.01, createdBy: 'SETUP', creationDate: '2024-01-01T00:00:00Z', lastUpdateDate: '2025-01-01T00:00:00Z' } : null,
    scim: inScim ? { id: guid, active: random() > 0.01, displayName: username, givenName: null, familyName: null, emails: [`${username.toLowerCase()}@example.invalid`], userCategory: 'DEFAULT', accountType: null, worker: null } : null,
    roles,
  };
};

export const createModel = (): TenantModel => {
  const random = createRandom(42);
  const accounts = Array.from({ length: ACCOUNTS }, (_, index) => createAccount(index, random)).sort((a, b) => (a.key < b.key ? -1 : 1));
  const integrations = accounts.filter((account) => account.username.startsWith('INT_')).slice(0, 200);
  const probes: ProbeResult[] = integrations.map((account, n) => ({
    integration: account.username, path: `/fscmRestApi/resources/11.13.18.05/r${n % 7}`, expect: 'rows', minCount: 100,
    outcome: (['rows', 'empty', 'denied', 'rows', 'error'] as const)[n % 5]!, httpStatus: 200, count: 1, totalResults: n * 3, detail: null,
  }));
  return {
    tenant: { name: 'bench', baseUrl: 'https://bench.example.invalid', restVersion: '11.13.18.05', auditUser: 'AUDIT_SVC' },
    startedAt: '2025-06-30T00:00:00.000Z', finishedAt: '2025-06-30T01:00:00.000Z', complete: true, incompleteReasons: [], sources: [],
    accounts, roles: [], integrations: integrations.map((account) => ({ username: account.username, probes: [] })), probes, serviceAccounts: [], roleGraph: null, roleGraphCoverage: null,
  };
};

/** The accounts' custom roles become the graph's top layer (wrapping seeded jobs); their seeded jobs are in it too. */
const addRoleGraph = (model: TenantModel): TenantModel => {
  const held = new Set(model.accounts.flatMap((account) => account.roles.map((role) => role.code)));
  const custom = [...held].filter((code) => code.startsWith('XX_')).sort();
  const seeded = [...held].filter((code) => code.startsWith('ORA_')).sort();
  const graph = createSyntheticGraph(createRandom(7), custom, seeded);
  return { ...model, roleGraph: graph, roleGraphCoverage: computeCoverage(graph, held) };
};

const seconds = (start: bigint): number => Number(process.hrtime.bigint() - start) / 1e9;
const cpuSeconds = (since: NodeJS.CpuUsage): number => {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1e6;
};

export const run = async (): Promise<void> => {
  await measure('without a role graph', createModel);
  (globalThis as { gc?: () => void }).gc?.();
  await measure('with a role graph (effective access)', () => addRoleGraph(createModel()));
};

const measure = async (label: string, create: () => TenantModel): Promise<void> => {
  const dir = await mkdtemp(join(tmpdir(), 'faa-bench-evaluate-'));
  try {
    console.log(`-- ${label}`);
    let model: TenantModel | null = create();
    const graph = model.roleGraph === null ? '' : `, graph ${model.roleGraph.roles.length} roles / ${model.roleGraph.edges.length} edges / ${model.roleGraph.privileges.length} privileges`;
    const assignments = model.accounts.reduce((sum, account) => sum + account.roles.length, 0);
    await writeSnapshot(dir, model);
    model = null;
    (globalThis as { gc?: () => void }).gc?.();

    // CPU time beside wall time: on a shared machine wall time mostly measures waiting for a core.
    let start = process.hrtime.bigint();
    let cpu = process.cpuUsage();
    const { model: read } = await readSnapshot(dir);
    const readSeconds = seconds(start);
    const readCpu = cpuSeconds(cpu);

    start = process.hrtime.bigint();
    cpu = process.cpuUsage();
    const pack = await readPolicies(null);
    const { document } = evaluateTenant(read, pack.rules, { asOf: read.finishedAt, waivers: [], tool: TOOL, identity: pack.identity });
    const evaluateSeconds = seconds(start);
    const evaluateCpu = cpuSeconds(cpu);

    start = process.hrtime.bigint();
    const text = toJsonText(document);
    const serialiseSeconds = seconds(start);

    const ratio = evaluateSeconds / readSeconds;
    const peakMb = process.resourceUsage().maxRSS / 1024;
    const byRule = ['integration-seeded-role', 'privileged-privilege', 'custom-role-wraps-seeded-role'].map((id) => `${id} ${document.findings.filter((f) => f.ruleId === id).length}`).join(', ');
    console.log(`accounts ${read.accounts.length}, role assignments ${assignments}${graph}, rules ${pack.rules.length}, findings ${document.findings.length} (${(text.length / 1e6).toFixed(1)} MB JSON; ${byRule})`);
    const cpuRatio = evaluateCpu / readCpu;
    console.log(`read+parse snapshot  ${readSeconds.toFixed(2)} s (CPU ${readCpu.toFixed(2)} s)`);
    console.log(`evaluate (default)   ${evaluateSeconds.toFixed(2)} s (CPU ${evaluateCpu.toFixed(2)} s)  → ratio ${ratio.toFixed(2)}× wall, ${cpuRatio.toFixed(2)}× CPU (target ≤ 2×) ${ratio <= 2 ? 'OK' : 'OVER'}`);
    console.log(`serialise findings   ${serialiseSeconds.toFixed(2)} s`);
    console.log(`peak RSS so far      ${peakMb.toFixed(0)} MB (target ≤ 1536 MB) ${peakMb <= 1536 ? 'OK' : 'OVER'}`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
};
