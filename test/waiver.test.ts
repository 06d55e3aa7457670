import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluateTenant } from '../src/evaluate/engine.ts';
import type { Waiver } from '../src/evaluate/types.ts';
import { parseWaivers, readWaivers } from '../src/policy/waivers.ts';
import { ValidationError } from '../src/errors.ts';
import { buildTenant } from './builders.ts';
import { getPack } from './policy-tester.ts';

const waiver = (overrides: Partial<Waiver>): Waiver => ({
  ruleId: 'integration-seeded-role', username: 'int_oic_all', roleCode: 'ORA_GL_GENERAL_ACCOUNTANT_JOB', endpoint: null,
  justification: 'Month-end close until the custom role ships', approvedBy: 'CISO', ticket: 'RISK-1', mitigatingControl: null, expires: '2025-12-31', ...overrides,
});

const tenant = buildTenant().at('2025-06-30T12:00:00.000Z')
  .addUser({ username: 'INT_OIC_ALL', roles: ['ORA_GL_GENERAL_ACCOUNTANT_JOB', 'ORA_AP_ACCOUNTS_PAYABLE_MANAGER_JOB'] }).build();

const evaluate = async (waivers: Waiver[], asOf = tenant.finishedAt) => {
  const pack = await getPack(null);
  return evaluateTenant(tenant, pack.rules, { asOf, waivers, tool: { name: 't', version: '0' }, identity: pack.identity }).document;
};

describe('waivers', () => {
  it('waives the matching finding (username case-insensitive); it stays listed and leaves the summary', async () => {
    const before = await evaluate([]);
    const doc = await evaluate([waiver({})]);
    const waived = doc.findings.filter((finding) => finding.status === 'waived');
    expect(waived).toHaveLength(1);
    expect(waived[0]).toMatchObject({ roleCode: 'ORA_GL_GENERAL_ACCOUNTANT_JOB', waiver: { approvedBy: 'CISO', ticket: 'RISK-1' } });
    expect(doc.findings).toHaveLength(before.findings.length);
    expect(doc.summary.high).toBe(before.summary.high - 1);
    expect(doc.waivers).toEqual({ expired: [], stale: [], expiringSoon: [] });
  });

  it('a waiver without roleCode does not cover role findings (exact match) and is stale', async () => {
    const doc = await evaluate([waiver({ roleCode: null })]);
    expect(doc.findings.every((finding) => finding.status === 'open')).toBe(true);
    expect(doc.waivers.stale).toHaveLength(1);
  });

  it('an expired waiver no longer waives and is listed as expired; the last day still counts', async () => {
    const onLastDay = await evaluate([waiver({ expires: '2025-06-30' })]);
    expect(onLastDay.findings.some((finding) => finding.status === 'waived')).toBe(true);
    expect(onLastDay.waivers.expiringSoon).toHaveLength(1);
    const dayAfter = await evaluate([waiver({ expires: '2025-06-29' })]);
    expect(dayAfter.findings.every((finding) => finding.status === 'open')).toBe(true);
    expect(dayAfter.waivers.expired.map((entry) => entry.expires)).toEqual(['2025-06-29']);
    expect(dayAfter.waivers.stale).toEqual([]);
  });

  it('--as-of moves the day waivers are judged on', async () => {
    const doc = await evaluate([waiver({ expires: '2025-12-31' })], '2026-01-01');
    expect(doc.waivers.expired).toHaveLength(1);
    expect(doc.generatedAt).toBe('2026-01-01T00:00:00.000Z');
  });

  it('a waiver that matches nothing is stale', async () => {
    const doc = await evaluate([waiver({ username: 'INT_GONE' }), waiver({ ruleId: 'integration-one-module', roleCode: null })]);
    expect(doc.waivers.stale.map((entry) => entry.username)).toEqual(['INT_GONE']);
  });

  it('expiring within 30 days (or the configured window) is listed as expiring soon', async () => {
    expect((await evaluate([waiver({ expires: '2025-07-30' })])).waivers.expiringSoon).toHaveLength(1);
    expect((await evaluate([waiver({ expires: '2025-07-31' })])).waivers.expiringSoon).toHaveLength(0);
    const pack = await getPack(null);
    const wide = evaluateTenant(tenant, pack.rules, { asOf: tenant.finishedAt, waivers: [waiver({ expires: '2025-08-15' })], expiringSoonDays: 60, tool: { name: 't', version: '0' } });
    expect(wide.document.waivers.expiringSoon).toHaveLength(1);
  });
});

describe('waivers file', () => {
  it('reads YAML with optional fields normalised to null', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'faa-waivers-'));
    const file = join(dir, 'waivers.yaml');
    await writeFile(file, 'waivers:\n  - ruleId: integration-one-module\n    username: INT_OIC_ALL\n    justification: Legacy\n    approvedBy: CISO\n    expires: 2025-09-30\n');
    expect(await readWaivers(file)).toEqual([{ ruleId: 'integration-one-module', username: 'INT_OIC_ALL', roleCode: null, endpoint: null, justification: 'Legacy', approvedBy: 'CISO', ticket: null, mitigatingControl: null, expires: '2025-09-30' }]);
  });

  it('reports every problem with its line: date format, missing fields, unknown keys', () => {
    const text = [
      'waivers:',
      '  - ruleId: a',
      '    username: B',
      '    justification: ""',
      '    expires: 30/09/2025',
      '  - ruleId: a',
      '    username: B',
      '    justification: ok',
      '    approvedBy: me',
      '    expires: 2025-02-30',
      '    aproved: me',
    ].join('\n');
    let problems: string[] = [];
    try {
      parseWaivers(text, 'w.yaml');
    } catch (error) {
      expect(error).toBeInstanceOf(ValidationError);
      problems = (error as ValidationError).problems;
    }
    expect(problems).toEqual(expect.arrayContaining([
      'w.yaml:4: waivers[0].justification: must not be empty: say why the risk is accepted',
      'w.yaml:2: waivers[0].approvedBy: missing (required)',
      'w.yaml:5: waivers[0].expires: must be a date written YYYY-MM-DD',
      'w.yaml:10: waivers[1].expires: is not a calendar date',
      'w.yaml:11: waivers[1].aproved: unknown key',
    ]));
    expect(problems).toHaveLength(5);
  });
});

describe('waivers for role findings', () => {
  it('a waiver with only roleCode targets the finding about that role (username "")', () => {
    const [entry] = parseWaivers([
      'waivers:',
      '  - ruleId: custom-role-wraps-seeded-role',
      '    roleCode: XX_INT_GL',
      '    justification: Rebuilt from duty roles in Q3',
      '    approvedBy: CISO',
      '    expires: 2030-01-01',
    ].join('\n'), 'w.yaml');
    expect(entry).toMatchObject({ username: '', roleCode: 'XX_INT_GL' });
  });

  it('a waiver with neither username nor roleCode is one clear problem', () => {
    expect(() => parseWaivers('waivers:\n  - ruleId: x\n    justification: j\n    approvedBy: a\n    expires: 2030-01-01\n', 'w.yaml'))
      .toThrow(/waivers\[0\]\.username: name the username of the finding, or only the roleCode/);
  });
});
