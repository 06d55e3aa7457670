import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUILTIN_CASES_DIR, readPolicyCases, runPolicyCase, type LoadedCase } from '../src/policy-test/run.ts';
import { writeSnapshot } from '../src/snapshot/write.ts';
import { buildTenant } from './builders.ts';
import { runCli } from './cli-helpers.ts';
import { getPack } from './policy-tester.ts';

// The bundled pack's own cases (policy-tests/, one file per policy file) run here: one test per case.
const bundled = await readPolicyCases([BUILTIN_CASES_DIR]);
const caseFile = (entry: LoadedCase): string => basename(entry.where.replace(/:\d+$/, ''));

describe('policy-tests/ (the bundled pack\'s cases)', () => {
  for (const entry of bundled) {
    it(`${caseFile(entry)}:${entry.where.split(':').at(-1)} ${entry.case.name}`, async () => {
      const result = runPolicyCase(entry, await getPack(null));
      expect(result.differences).toEqual([]);
      // Every finding a bundled rule produces is complete: the rule's own id, a message, a remediation and references.
      for (const finding of result.findings) {
        if (entry.case.rules !== undefined) expect(entry.case.rules).toContain(finding.ruleId);
        expect(finding.message.length).toBeGreaterThan(0);
        expect(finding.remediation.length).toBeGreaterThan(0);
        expect(finding.references.length).toBeGreaterThan(0);
      }
    });
  }

  it('every rule the pack ships has a case that finds it and one where it must not fire, in the case file named after its policy file', async () => {
    const pack = await getPack(null);
    const policyFiles = pack.files.map((file) => file.path.replace(/^builtin:/, ''));
    expect(policyFiles.length).toBeGreaterThan(0);
    expect([...new Set(bundled.map(caseFile))].sort()).toEqual([...policyFiles].sort());
    const runs = (entry: LoadedCase, id: string): boolean => entry.case.rules === undefined || entry.case.rules.includes(id);
    const missing: string[] = [];
    for (const rule of pack.rules) {
      const id = rule.info.id;
      const own = bundled.filter((entry) => caseFile(entry) === rule.info.source.replace(/^builtin:/, '') && runs(entry, id));
      const finds = own.some((entry) => entry.case.expect.some((e) => e.rule === id && e.count !== 0));
      // Must not fire: a forbid entry, an expect with count 0, or an exhaustive case that expects nothing of the rule.
      const silent = own.some((entry) => entry.case.forbid.some((m) => m.rule === id) || entry.case.expect.some((e) => e.rule === id && e.count === 0)
        || (entry.case.exhaustive && !entry.case.expect.some((e) => e.rule === id)));
      if (!finds) missing.push(`${id}: no case expects a finding`);
      if (!silent) missing.push(`${id}: no case where it must not fire`);
    }
    expect(missing).toEqual([]);
  });
});

describe('test/fixtures/policy-tests/ (cases for a test policy pack)', async () => {
  const fixtures = await readPolicyCases(['test/fixtures/policy-tests']);
  for (const entry of fixtures) {
    it(`${entry.where} ${entry.case.name}`, async () => {
      const result = runPolicyCase(entry, await getPack(['test/fixtures/policies/privileged-privilege-allow.yaml']));
      expect(result.differences).toEqual([]);
    });
  }
});

const FAILING = `cases:
  - name: expects the wrong account and forbids one that fires
    rules: [sod-supplier-vs-invoice]
    tenant:
      accounts: [{ username: JANE.DOE, person: true, roles: [XX_BOTH] }]
      graph: { members: { XX_BOTH: [POZ_MAINTAIN_SUPPLIER_PRIV, AP_CREATE_PAYABLES_INVOICE_PRIV] } }
    expect:
      - { rule: sod-supplier-vs-invoice, username: JOHN.DOE }
      - { rule: sod-supplier-vs-invoice, username: JANE.DOE, severity: low }
      - { rule: sod-supplier-vs-invoice, username: JANE.DOE, remediation: Delete the tenant, references: [SOX 404, ISO 9001], ruleVersion: 99 }
    forbid:
      - { rule: sod-supplier-vs-invoice, username: jane.doe }
`;

const PASSING = `cases:
  - name: nothing fires for a clean tenant
    exhaustive: true
    tenant:
      accounts: [{ username: JANE.DOE, person: true, roles: [XX_GL_READ] }]
`;

describe('access-audit policies test', () => {
  it('prints PASS and exits 0 when every case passes', { timeout: 60_000 }, async () => {
    const dir = await mkdtemp(join(tmpdir(), 'faa-cases-'));
    await writeFile(join(dir, 'clean.yaml'), PASSING);
    const result = await runCli(['policies', 'test', dir]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^PASS .*clean\.yaml:2 nothing fires for a clean tenant$/m);
    expect(result.stdout).toContain('1 case: 1 passed, 0 failed');
  });

  it('prints FAIL with the difference and what fired, and exits 1', { timeout: 60_000 }, async () => {
    const dir = await mkdtemp(join(tmpdir(), 'faa-cases-'));
    await writeFile(join(dir, 'bad.yaml'), FAILING);
    const result = await runCli(['policies', 'test', dir]);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^FAIL .*bad\.yaml:2 expects the wrong account/m);
    expect(result.stdout).toContain('expected at least 1 finding: sod-supplier-vs-invoice for JOHN.DOE; got 0');
    expect(result.stdout).toContain('expected at least 1 finding: sod-supplier-vs-invoice for JANE.DOE, severity low; got 0');
    expect(result.stdout).toMatch(/closest: sod-supplier-vs-invoice JANE\.DOE \(high\)/);
    expect(result.stdout).toContain('expected at least 1 finding: sod-supplier-vs-invoice for JANE.DOE, remediation containing "Delete the tenant", references including "SOX 404", "ISO 9001", rule version 99; got 0');
    expect(result.stdout).toMatch(/forbidden \(sod-supplier-vs-invoice for jane\.doe\) but found: sod-supplier-vs-invoice JANE\.DOE/);
    expect(result.stdout).toContain('1 case: 0 passed, 1 failed');
  });

  it('runs the bundled cases by default, and a bad case file is one line per problem with exit 2', { timeout: 60_000 }, async () => {
    const ok = await runCli(['policies', 'test']);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(new RegExp(`${bundled.length} cases: ${bundled.length} passed, 0 failed`));
    const dir = await mkdtemp(join(tmpdir(), 'faa-cases-'));
    await writeFile(join(dir, 'typo.yaml'), 'cases:\n  - name: x\n    tenant: { acounts: [] }\n');
    await writeFile(join(dir, 'services.yaml'), [
      'cases:',
      '  - name: y',
      '    tenant:',
      '      services:',
      '        - { service: cpq, username: a, resource: { startDate: 2020-01-01 } }',
      '        - { service: cx, username: b, resource: { endDate: 30/06/2020 } }',
      '',
    ].join('\n'));
    const bad = await runCli(['policies', 'test', dir]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/typo\.yaml:3: cases\[0\]\.tenant\.acounts: unknown key/);
    expect(bad.stderr).toMatch(/services\.yaml:5: cases\[0\]\.tenant\.services\[0\]\.resource: only a cx account has resource facts/);
    expect(bad.stderr).toMatch(/services\.yaml:6: cases\[0\]\.tenant\.services\[1\]\.resource\.endDate: /);
  });
});

describe('access-audit policies validate --snapshot', () => {
  it('warns about every code a policy names that the snapshot\'s role graph lacks', { timeout: 60_000 }, async () => {
    const root = await mkdtemp(join(tmpdir(), 'faa-codes-'));
    // The pod's graph knows the supplier and PO privileges but spells the invoice privilege differently.
    await writeSnapshot(join(root, 'snap'), buildTenant().addRoleMembers([
      ['XX_AP', 'AP_CREATE_INVOICE_PRIV'], ['XX_AP', 'POZ_MAINTAIN_SUPPLIER_PRIV'], ['XX_AP', 'PO_CREATE_PURCHASE_ORDER_PRIV'],
      ['XX_SEC', 'ORA_FND_IT_SECURITY_MANAGER_JOB'], ['XX_SEC', 'ORA_PER_USER_ROLE_MANAGEMENT_DUTY'],
    ]).addUser({ username: 'A', roles: ['XX_AP'] }).build());
    const result = await runCli(['policies', 'validate', 'builtin:segregation-of-duties.yaml'.replace('builtin:', 'policies/'), '--snapshot', join(root, 'snap')]);
    expect(result.code).toBe(0);
    const warnings = result.stderr.split('\n').filter((line) => line.startsWith('warning: '));
    expect(warnings).toHaveLength(3);
    expect(warnings[0]).toMatch(/^warning: policies\/segregation-of-duties\.yaml:\d+: rules\[0\]\.check\.options\.sides\[1\]\.privileges\[0\]: privilege AP_CREATE_PAYABLES_INVOICE_PRIV is not in the role graph of acme-test \(a typo, or a code that differs on this pod\): rule sod-purchase-order-vs-invoice can never match it$/);
    expect(result.stdout.trim()).toBe('3 rules in 1 file: OK, 3 warnings');
  });
});
