import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluateTenant } from '../src/evaluate/engine.ts';
import { runEvaluation } from '../src/run/evaluate-run.ts';
import { readEvaluation } from '../src/run/read.ts';
import { writeSnapshot } from '../src/snapshot/write.ts';
import { buildTenant } from './builders.ts';
import { getPack } from './policy-tester.ts';

const JOURNALS = '/fscmRestApi/resources/11.13.18.05/journals';
const INVOICES = '/fscmRestApi/resources/11.13.18.05/invoices';

const before = buildTenant().at('2025-03-31T12:00:00.000Z')
  .addUser({ username: 'INT_OIC_ALL', roles: ['ORA_GL_GENERAL_ACCOUNTANT_JOB', 'ORA_AP_ACCOUNTS_PAYABLE_MANAGER_JOB'] })
  .addUser({ username: 'LEAVER.ONE', person: true, suspended: true, roles: ['ORA_PO_BUYER_JOB'] })
  .addProbe({ integration: 'INT_OIC_ALL', path: JOURNALS, outcome: 'rows', minCount: 100, totalResults: 2500 })
  .addProbe({ integration: 'INT_OIC_ALL', path: INVOICES, outcome: 'rows', totalResults: 10 })
  .build();

// After the quarterly update: one role removed, one added, the leaver gone, a new hire, journals now empty.
const after = buildTenant().at('2025-06-30T12:00:00.000Z')
  .addUser({ username: 'INT_OIC_ALL', roles: ['ORA_GL_GENERAL_ACCOUNTANT_JOB', 'ORA_FND_IT_SECURITY_MANAGER_JOB'] })
  .addUser({ username: 'NEW.HIRE', person: true, roles: ['ORA_PER_EMPLOYEE_ABSTRACT'] })
  .addProbe({ integration: 'INT_OIC_ALL', path: JOURNALS, outcome: 'empty', minCount: 100, totalResults: 0 })
  .addProbe({ integration: 'INT_OIC_ALL', path: INVOICES, outcome: 'rows', totalResults: 10 })
  .build();

const tool = { name: 't', version: '0' };

describe('baseline (quarterly re-validation)', () => {
  it('marks findings new or existing, lists resolved ones, role, account and probe drift', async () => {
    const pack = await getPack(null);
    const base = evaluateTenant(before, pack.rules, { asOf: before.finishedAt, waivers: [], tool, identity: pack.identity }).document;
    const { document, changes } = evaluateTenant(after, pack.rules, {
      asOf: after.finishedAt, waivers: [], tool, identity: pack.identity, baseline: { findings: base, model: before, path: 'runs/q1' },
    });
    const state = (ruleId: string, roleCode: string | null = null) => document.findings.find((f) => f.ruleId === ruleId && f.roleCode === roleCode)?.baseline;
    expect(state('integration-seeded-role', 'ORA_GL_GENERAL_ACCOUNTANT_JOB')).toBe('existing');
    expect(state('integration-seeded-role', 'ORA_FND_IT_SECURITY_MANAGER_JOB')).toBe('new');
    expect(document.findings.find((f) => f.ruleId === 'probe-data-security-missing')?.baseline).toBe('new');
    expect(document.resolved.map((f) => `${f.ruleId}:${f.username}:${f.roleCode ?? ''}`)).toEqual([
      'integration-one-module:INT_OIC_ALL:',
      'integration-seeded-role:INT_OIC_ALL:ORA_AP_ACCOUNTS_PAYABLE_MANAGER_JOB',
      'inactive-account-with-roles:LEAVER.ONE:',
      'sources-disagree:LEAVER.ONE:',
    ]);
    expect(changes).not.toBeNull();
    expect(changes!.baseline).toEqual({ tenant: 'acme-test', generatedAt: '2025-03-31T12:00:00.000Z', path: 'runs/q1' });
    expect(changes!.resolvedFindings).toBe(4);
    expect(changes!.newFindings + changes!.existingFindings).toBe(document.findings.length);
    expect(changes!.accountsAdded).toEqual(['NEW.HIRE']);
    expect(changes!.accountsRemoved).toEqual(['LEAVER.ONE']);
    expect(changes!.roles).toEqual([{ username: 'INT_OIC_ALL', added: ['ORA_FND_IT_SECURITY_MANAGER_JOB'], removed: ['ORA_AP_ACCOUNTS_PAYABLE_MANAGER_JOB'] }]);
    expect(changes!.probes).toEqual([{ integration: 'INT_OIC_ALL', path: JOURNALS, before: { outcome: 'rows', totalResults: 2500 }, after: { outcome: 'empty', totalResults: 0 } }]);
  });

  it('without a baseline every finding has baseline null and there is no changes document', async () => {
    const pack = await getPack(null);
    const result = evaluateTenant(after, pack.rules, { asOf: after.finishedAt, waivers: [], tool });
    expect(result.changes).toBeNull();
    expect(result.document.findings.every((f) => f.baseline === null)).toBe(true);
  });

  it('reads the baseline from a run folder (findings.json + snapshot/) and writes changes.json', async () => {
    const root = await mkdtemp(join(tmpdir(), 'faa-baseline-'));
    await writeSnapshot(join(root, 'snap-q1'), before);
    await writeSnapshot(join(root, 'snap-q2'), after);
    await runEvaluation({ snapshotDir: join(root, 'snap-q1'), outDir: join(root, 'run-q1'), policies: null, waivers: null, baseline: null, asOf: null, failOn: 'high' });
    const q2 = await runEvaluation({
      snapshotDir: join(root, 'snap-q2'), outDir: join(root, 'run-q2'), policies: null, waivers: null, baseline: join(root, 'run-q1'), asOf: null, failOn: 'high', newOnly: true,
    });
    expect(q2.changes?.roles).toHaveLength(1);
    // Only new findings at high or above count with --new-only: IT Security Manager (critical, high) and the empty journals probe.
    expect(q2.failing).toBe(q2.document.findings.filter((f) => f.baseline === 'new' && ['critical', 'high'].includes(f.severity)).length);
    expect(q2.failing).toBeGreaterThan(0);
    const read = await readEvaluation(join(root, 'run-q2'));
    expect(read.changes).toEqual(q2.changes);
    expect(read.record.baseline).toEqual({ path: join(root, 'run-q1') });
    expect(JSON.parse(await readFile(join(root, 'run-q2', 'changes.json'), 'utf8'))).toEqual(q2.changes);
  });
});
