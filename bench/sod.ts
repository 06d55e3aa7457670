/**
 * Segregation-of-duties benchmark (issue 10): the bundled SoD rules over 100,000 accounts /
 * 1,000,000 role assignments with a role graph, against the evaluation budget of the
 * effective-access issue (evaluation ≤ 2× the time to read and parse the snapshot). Prints the
 * SoD rules alone and the whole pack, each as a ratio measured in this run.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { evaluateTenant } from '../src/evaluate/engine.ts';
import { compareEdges, computeCoverage, type RoleEdge, type RoleGraph } from '../src/model/role-graph.ts';
import type { TenantModel } from '../src/model/types.ts';
import { readPolicies } from '../src/policy/load.ts';
import { readSnapshot } from '../src/snapshot/read.ts';
import { writeSnapshot } from '../src/snapshot/write.ts';
import { TOOL } from '../src/version.ts';
import { createModel } from './evaluate.ts';

const DUTIES: Record<string, string[]> = {
  ORA_AP_INVOICE_ENTRY_DUTY: ['AP_CREATE_PAYABLES_INVOICE_PRIV', 'AP_VIEW_PAYABLES_INVOICE_PRIV'],
  ORA_PO_BUYER_DUTY: ['PO_CREATE_PURCHASE_ORDER_PRIV', 'PO_VIEW_PURCHASE_ORDER_PRIV'],
  ORA_POZ_SUPPLIER_DUTY: ['POZ_MAINTAIN_SUPPLIER_PRIV'],
  ORA_GL_JOURNAL_DUTY: ['GL_RUN_TRIAL_BALANCE_REPORT_PRIV'],
};
const MODULE_DUTY: Record<string, string> = { AP: 'ORA_AP_INVOICE_ENTRY_DUTY', PO: 'ORA_PO_BUYER_DUTY', DOO: 'ORA_POZ_SUPPLIER_DUTY', GL: 'ORA_GL_JOURNAL_DUTY' };

/** A graph over the bench tenant's roles: custom data roles inherit their module's duty, seeded jobs two duties. */
const withGraph = (model: TenantModel): TenantModel => {
  const edges: RoleEdge[] = [];
  for (const [duty, privileges] of Object.entries(DUTIES)) for (const privilege of privileges) edges.push({ role: duty, kind: 'privilege', member: privilege });
  const codes = new Set(model.accounts.flatMap((account) => account.roles.map((role) => role.code)));
  for (const code of codes) {
    const module = /^XX_([A-Z]+)_/.exec(code)?.[1];
    if (module !== undefined && MODULE_DUTY[module] !== undefined) edges.push({ role: code, kind: 'role', member: MODULE_DUTY[module] });
  }
  edges.push({ role: 'ORA_AP_ACCOUNTS_PAYABLE_SPECIALIST_JOB', kind: 'role', member: 'ORA_AP_INVOICE_ENTRY_DUTY' });
  edges.push({ role: 'ORA_PO_BUYER_JOB', kind: 'role', member: 'ORA_PO_BUYER_DUTY' });
  edges.push({ role: 'ORA_PO_BUYER_JOB', kind: 'role', member: 'ORA_POZ_SUPPLIER_DUTY' });
  edges.push({ role: 'ORA_GL_GENERAL_ACCOUNTANT_JOB', kind: 'role', member: 'ORA_GL_JOURNAL_DUTY' });
  const roleCodes = new Set([...codes, ...edges.map((edge) => edge.role), ...edges.filter((edge) => edge.kind === 'role').map((edge) => edge.member)]);
  const graph: RoleGraph = {
    source: { kind: 'file', location: 'bench', readAt: model.finishedAt },
    roles: [...roleCodes].sort().map((code) => ({ code, name: null, type: null, seeded: code.startsWith('ORA_') })),
    privileges: [...new Set(Object.values(DUTIES).flat())].sort().map((code) => ({ code, name: null })),
    edges: edges.sort(compareEdges),
    problems: [],
  };
  return { ...model, roleGraph: graph, roleGraphCoverage: computeCoverage(graph, codes) };
};

const seconds = (start: bigint): number => Number(process.hrtime.bigint() - start) / 1e9;

export const run = async (): Promise<void> => {
  const dir = await mkdtemp(join(tmpdir(), 'faa-bench-sod-'));
  try {
    await writeSnapshot(dir, withGraph(createModel()));
    (globalThis as { gc?: () => void }).gc?.();
    let start = process.hrtime.bigint();
    const { model } = await readSnapshot(dir);
    const readSeconds = seconds(start);
    const pack = await readPolicies(null);
    const sod = pack.rules.filter((rule) => rule.check.name === 'sod-conflict');
    const options = { asOf: model.finishedAt, waivers: [], tool: TOOL, identity: pack.identity };
    start = process.hrtime.bigint();
    const sodResult = evaluateTenant(model, sod, options);
    const sodSeconds = seconds(start);
    start = process.hrtime.bigint();
    const all = evaluateTenant(model, pack.rules, options);
    const allSeconds = seconds(start);
    const roleFindings = sodResult.document.findings.filter((finding) => finding.username === '').length;
    const peakMb = process.resourceUsage().maxRSS / 1024;
    console.log(`accounts ${model.accounts.length}, graph ${model.roleGraph?.roles.length ?? 0} roles / ${model.roleGraph?.edges.length ?? 0} edges, SoD rules ${sod.length}: ${sodResult.document.findings.length - roleFindings} account findings, ${roleFindings} role findings`);
    console.log(`read+parse snapshot     ${readSeconds.toFixed(2)} s`);
    console.log(`evaluate SoD rules      ${sodSeconds.toFixed(2)} s  → ratio ${(sodSeconds / readSeconds).toFixed(2)}× (target ≤ 2×) ${sodSeconds / readSeconds <= 2 ? 'OK' : 'OVER'}`);
    console.log(`evaluate whole pack     ${allSeconds.toFixed(2)} s  → ratio ${(allSeconds / readSeconds).toFixed(2)}× (target ≤ 2×) ${allSeconds / readSeconds <= 2 ? 'OK' : 'OVER'} (${pack.rules.length} rules, ${all.document.findings.length} findings)`);
    console.log(`peak RSS                ${peakMb.toFixed(0)} MB (target ≤ 1536 MB) ${peakMb <= 1536 ? 'OK' : 'OVER'}`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
};
