import { mkdtemp, readFile, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluateTenant } from '../src/evaluate/engine.ts';
import { runEvaluation } from '../src/run/evaluate-run.ts';
import { readEvaluation } from '../src/run/read.ts';
import { writeSnapshot } from '../src/snapshot/write.ts';
import { buildTenant } from './builders.ts';
import { getPack } from './policy-tester.ts';

const createTenant = () => buildTenant()
  .addUser({ username: 'INT_OIC_ALL', roles: ['ORA_GL_GENERAL_ACCOUNTANT_JOB', 'ORA_AP_ACCOUNTS_PAYABLE_MANAGER_JOB', 'ORA_FND_INTEGRATION_SPECIALIST_JOB'] })
  .addUser({ username: 'PAT.SECADMIN', person: true, roles: ['ORA_FND_IT_SECURITY_MANAGER_JOB'] })
  .addUser({ username: 'OMAR.HADDAD', person: true, suspended: true, roles: ['ORA_PO_BUYER_JOB'] })
  .addUser({ username: 'OIC_INTEGRATION', roles: ['XX_GL_JOURNAL_IMPORT'] })
  .addIntegration('OIC_INTEGRATION')
  .addProbe({ integration: 'INT_OIC_PO', path: '/x/purchaseOrders', outcome: 'empty', totalResults: 0 })
  .addProbe({ integration: 'INT_OIC_PO', path: '/x/invoices', outcome: 'rows', minCount: 5000, totalResults: 1200 })
  .build();

describe('evaluation engine', () => {
  it('is deterministic: two evaluations give byte-identical findings.json', async () => {
    const root = await mkdtemp(join(tmpdir(), 'faa-determinism-'));
    await writeSnapshot(join(root, 'snap'), createTenant());
    const options = { snapshotDir: join(root, 'snap'), policies: null, waivers: null, baseline: null, asOf: null, failOn: 'high' as const };
    await runEvaluation({ ...options, outDir: join(root, 'a') });
    await runEvaluation({ ...options, outDir: join(root, 'b') });
    const a = await readFile(join(root, 'a', 'findings.json'), 'utf8');
    expect(await readFile(join(root, 'b', 'findings.json'), 'utf8')).toBe(a);
    expect(await readFile(join(root, 'b', 'evaluation.json'), 'utf8')).toBe(await readFile(join(root, 'a', 'evaluation.json'), 'utf8'));
  });

  it('orders by severity, rule id, username, role code; ids are stable and prefixed; summary counts open findings', async () => {
    const pack = await getPack(null);
    const { document } = evaluateTenant(createTenant(), pack.rules, { asOf: '2025-06-30', waivers: [], tool: { name: 't', version: '0' }, identity: pack.identity });
    const order = ['critical', 'high', 'medium', 'low', 'info'];
    const keys = document.findings.map((f) => [order.indexOf(f.severity), f.ruleId, f.username, f.roleCode ?? '', f.endpoint ?? '']);
    expect(keys).toEqual([...keys].sort((x, y) => JSON.stringify(x) < JSON.stringify(y) ? -1 : 1));
    expect(new Set(document.findings.map((f) => f.id)).size).toBe(document.findings.length);
    for (const finding of document.findings) expect(finding.id).toMatch(/^FAA-[0-9a-f]{16}$/);
    const again = evaluateTenant(createTenant(), [...pack.rules].reverse(), { asOf: '2025-06-30', waivers: [], tool: { name: 't', version: '0' }, identity: pack.identity });
    expect(again.document.findings.map((f) => f.id)).toEqual(document.findings.map((f) => f.id));
    expect(document.summary).toEqual({ critical: 0, high: 5, medium: 3, low: 2, info: 0 });
    expect(document.generatedAt).toBe('2025-06-30T00:00:00.000Z');
  });

  it('writes an evaluation folder that readEvaluation reads back, with hashes of its inputs', async () => {
    const root = await mkdtemp(join(tmpdir(), 'faa-run-'));
    const model = createTenant();
    await writeSnapshot(join(root, 'snap'), model);
    const waivers = join(root, 'waivers.yaml');
    await writeFile(waivers, 'waivers:\n  - { ruleId: probe-data-security-missing, username: INT_OIC_PO, endpoint: /x/purchaseOrders, justification: Go-live next week, approvedBy: CISO, expires: 2025-07-05 }\n');
    const result = await runEvaluation({ snapshotDir: join(root, 'snap'), outDir: join(root, 'out'), policies: null, waivers, baseline: null, asOf: null, failOn: 'critical' });
    expect(result.exitCode).toBe(0);
    expect((await readdir(join(root, 'out'))).sort()).toEqual(['evaluation.json', 'findings.json', 'snapshot']);
    const read = await readEvaluation(join(root, 'out'));
    expect(read.document).toEqual(result.document);
    expect(read.changes).toBeNull();
    expect(read.model).toEqual(model);
    expect(read.record.policies.map((p) => p.path)).toEqual(['builtin:account-hygiene.yaml', 'builtin:adjacent-services.yaml', 'builtin:cx-sales.yaml', 'builtin:data-security-probes.yaml', 'builtin:integration-users.yaml', 'builtin:privileged-access.yaml', 'builtin:role-definitions.yaml', 'builtin:segregation-of-duties.yaml']);
    expect(read.record.waivers?.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(read.record.rules).toHaveLength(23);
    expect(read.document.waivers.expiringSoon).toHaveLength(1);
    expect(read.document.findings.find((f) => f.endpoint === '/x/purchaseOrders')?.status).toBe('waived');
  });

  it('an incomplete snapshot still writes the files and exits 2', async () => {
    const root = await mkdtemp(join(tmpdir(), 'faa-incomplete-'));
    await writeSnapshot(join(root, 'snap'), buildTenant().incomplete('hcm: HTTP 403 from userAccounts').build());
    const result = await runEvaluation({ snapshotDir: join(root, 'snap'), outDir: join(root, 'out'), policies: null, waivers: null, baseline: null, asOf: null, failOn: 'high' });
    expect(result.exitCode).toBe(2);
    expect((await readEvaluation(join(root, 'out'))).document.complete).toBe(false);
  });

  it('readEvaluation names the file and field of a damaged findings.json', async () => {
    const root = await mkdtemp(join(tmpdir(), 'faa-damaged-'));
    await writeSnapshot(join(root, 'snap'), createTenant());
    await runEvaluation({ snapshotDir: join(root, 'snap'), outDir: join(root, 'out'), policies: null, waivers: null, baseline: null, asOf: null, failOn: 'high' });
    const file = join(root, 'out', 'findings.json');
    const doc = JSON.parse(await readFile(file, 'utf8'));
    doc.findings[0].severity = 'severe';
    await writeFile(file, JSON.stringify(doc));
    await expect(readEvaluation(join(root, 'out'))).rejects.toThrow(/findings\.json: findings\[0\]\.severity: /);
  });
});
