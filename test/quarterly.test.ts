import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluateTenant } from '../src/evaluate/engine.ts';
import type { LoadedRule } from '../src/evaluate/rule-types.ts';
import { runEvaluation } from '../src/run/evaluate-run.ts';
import { writeSnapshot } from '../src/snapshot/write.ts';
import { buildTenant, type TenantBuilder } from './builders.ts';
import { getPack } from './policy-tester.ts';

const AP = 'AP_CREATE_PAYABLES_INVOICE_PRIV';
const POZ = 'POZ_MAINTAIN_SUPPLIER_PRIV';

/** Q1: the seeded duty gives supplier inquiry only; AP clerks enter invoices through a custom role. */
const graph = (builder: TenantBuilder, quarter: 1 | 2): TenantBuilder => builder.addRoleMembers([
  ['ORA_POZ_SUPPLIER_INQUIRY_DUTY', 'POZ_VIEW_SUPPLIER_PRIV'],
  ...(quarter === 2 ? [['ORA_POZ_SUPPLIER_INQUIRY_DUTY', POZ] as [string, string]] : []),
  ['XX_AP_CLERK_JOB', 'ORA_POZ_SUPPLIER_INQUIRY_DUTY'], ['XX_AP_CLERK_JOB', 'XX_AP_ENTRY_DUTY'], ['XX_AP_ENTRY_DUTY', AP],
  ['XX_BUYER_JOB', 'ORA_POZ_SUPPLIER_INQUIRY_DUTY'],
  ['XX_INVOICE_JOB', 'XX_AP_ENTRY_DUTY'],
  ...(quarter === 2 ? [['XX_INVOICE_JOB', 'PO_CREATE_PURCHASE_ORDER_PRIV'] as [string, string]] : []),
], [{ code: 'ORA_POZ_SUPPLIER_INQUIRY_DUTY', name: 'Supplier Inquiry', type: 'Duty' }]);

const q1 = (name = 'acme-prod') => graph(buildTenant().tenant(name).at('2026-01-15T08:00:00.000Z'), 1)
  .addUser({ username: 'CLERK.ONE', person: true, roles: ['XX_AP_CLERK_JOB'] })
  .addUser({ username: 'CLERK.TWO', person: true, roles: ['XX_AP_CLERK_JOB'] })
  .addUser({ username: 'BUYER.ONE', person: true, roles: ['XX_BUYER_JOB'] })
  .build();

// Q2: Oracle's update adds Maintain Supplier to the seeded duty; a buyer is also given invoice entry
// (an ordinary assignment change); a new hire arrives holding both sides.
const q2 = (name = 'acme-prod') => graph(buildTenant().tenant(name).at('2026-04-15T08:00:00.000Z'), 2)
  .addUser({ username: 'CLERK.ONE', person: true, roles: ['XX_AP_CLERK_JOB'] })
  .addUser({ username: 'CLERK.TWO', person: true, roles: ['XX_AP_CLERK_JOB'] })
  .addUser({ username: 'BUYER.ONE', person: true, roles: ['XX_BUYER_JOB', 'XX_INVOICE_JOB'] })
  .addUser({ username: 'NEW.HIRE', person: true, roles: ['XX_AP_CLERK_JOB'] })
  .build();

const tool = { name: 't', version: '0' };

const sod = async (): Promise<LoadedRule[]> => (await getPack(null)).rules.filter((rule) => rule.info.id.startsWith('sod-'));

describe('quarterly re-validation of role content', () => {
  it('lists the roles whose content changed, who holds them, whose privileges grew, and why each new finding is new', async () => {
    const rules = await sod();
    const base = evaluateTenant(q1(), rules, { asOf: '2026-01-15', waivers: [], tool }).document;
    const rulesInBaseline = rules.map((rule) => ({ id: rule.info.id, version: rule.info.version }));
    const { document, changes } = evaluateTenant(q2(), rules, {
      asOf: '2026-04-15', waivers: [], tool, baseline: { findings: base, model: q1(), path: 'runs/q1', rules: rulesInBaseline },
    });
    expect(changes!.roleGraphCompared).toBe(true);
    expect(changes!.crossPod).toBe(false);
    expect(changes!.roleContent).toEqual([
      {
        role: 'ORA_POZ_SUPPLIER_INQUIRY_DUTY', name: 'Supplier Inquiry', seeded: true, changedBy: 'vendor-update',
        added: [{ kind: 'privilege', code: POZ }], removed: [], holders: 4, privilegesGained: [POZ],
        accountsGained: ['BUYER.ONE', 'CLERK.ONE', 'CLERK.TWO', 'NEW.HIRE'],
      },
      {
        role: 'XX_INVOICE_JOB', name: null, seeded: false, changedBy: 'tenant',
        added: [{ kind: 'privilege', code: 'PO_CREATE_PURCHASE_ORDER_PRIV' }], removed: [], holders: 1, privilegesGained: ['PO_CREATE_PURCHASE_ORDER_PRIV'],
        accountsGained: ['BUYER.ONE'],
      },
    ]);
    const why = Object.fromEntries(document.findings.filter((f) => f.ruleId === 'sod-supplier-vs-invoice').map((f) => [f.username || f.roleCode, [f.baseline, f.cause, f.causeDetail]]));
    expect(why).toEqual({
      'CLERK.ONE': ['new', 'role-content', 'ORA_POZ_SUPPLIER_INQUIRY_DUTY'],
      'CLERK.TWO': ['new', 'role-content', 'ORA_POZ_SUPPLIER_INQUIRY_DUTY'],
      'NEW.HIRE': ['new', 'account', 'new account'],
      'BUYER.ONE': ['new', 'assignment', 'XX_INVOICE_JOB'],
      // The conflict now combines inside the custom clerk job: reported once on the role.
      XX_AP_CLERK_JOB: ['new', 'role-content', 'ORA_POZ_SUPPLIER_INQUIRY_DUTY'],
    });
    const line = changes!.causes.find((group) => group.cause === 'role-content' && group.ruleId === 'sod-supplier-vs-invoice' && group.count === 2)!;
    expect(line.summary).toBe('Oracle\'s update added POZ_MAINTAIN_SUPPLIER_PRIV to the seeded role ORA_POZ_SUPPLIER_INQUIRY_DUTY (Supplier Inquiry): '
      + '2 accounts now have “SoD: supplier maintenance and payables invoice entry”');
    expect(changes!.causes.map((group) => [group.cause, group.ruleId, group.count])).toEqual([
      ['role-content', 'sod-supplier-vs-invoice', 2],
      ['role-content', 'sod-supplier-vs-invoice', 1],
      ['role-content', 'sod-purchase-order-vs-invoice', 1],
      ['assignment', 'sod-purchase-order-vs-invoice', 1],
      ['assignment', 'sod-supplier-vs-invoice', 1],
      ['account', 'sod-supplier-vs-invoice', 1],
    ]);
    expect(changes!.causes[1]!.summary).toMatch(/: 1 role now has “SoD: supplier maintenance/);
    expect(changes!.causes[2]!.summary).toMatch(/^A tenant change added PO_CREATE_PURCHASE_ORDER_PRIV to the custom role XX_INVOICE_JOB: 1 role now has/);
  });

  it('a new rule or a new rule version is the cause "policy"', async () => {
    const rules = await sod();
    const base = evaluateTenant(q2(), [], { asOf: '2026-04-15', waivers: [], tool }).document;
    const { document } = evaluateTenant(q2(), rules, {
      asOf: '2026-04-15', waivers: [], tool, baseline: { findings: base, model: q2(), path: 'runs/q2', rules: [{ id: 'sod-supplier-vs-invoice', version: 0 }] },
    });
    const causes = new Set(document.findings.map((f) => `${f.ruleId}:${f.cause}:${f.causeDetail}`));
    expect(causes).toContain('sod-supplier-vs-invoice:policy:sod-supplier-vs-invoice v0 → v1');
    expect(causes).toContain('sod-purchase-order-vs-invoice:policy:new rule sod-purchase-order-vs-invoice v1');
  });

  it('compares an updated test pod with production (cross-pod), by code, naming both tenants', async () => {
    const root = await mkdtemp(join(tmpdir(), 'faa-crosspod-'));
    await writeSnapshot(join(root, 'prod-snap'), q1('acme-prod'));
    await writeSnapshot(join(root, 'test-snap'), q2('acme-test'));
    const common = { policies: null, waivers: null, asOf: null, failOn: 'high' as const };
    await runEvaluation({ ...common, snapshotDir: join(root, 'prod-snap'), outDir: join(root, 'prod-run'), baseline: null });
    await expect(runEvaluation({ ...common, snapshotDir: join(root, 'test-snap'), outDir: join(root, 'refused'), baseline: join(root, 'prod-run') }))
      .rejects.toThrow(/baseline is for tenant acme-prod, the snapshot is acme-test/);
    const result = await runEvaluation({ ...common, snapshotDir: join(root, 'test-snap'), outDir: join(root, 'test-run'), baseline: join(root, 'prod-run'), crossPod: true });
    const changes = JSON.parse(await readFile(join(root, 'test-run', 'changes.json'), 'utf8'));
    expect(changes).toMatchObject({ tenant: 'acme-test', crossPod: true, baseline: { tenant: 'acme-prod' } });
    expect(changes.roleContent.map((change: { role: string }) => change.role)).toEqual(['ORA_POZ_SUPPLIER_INQUIRY_DUTY', 'XX_INVOICE_JOB']);
    const clerk = result.document.findings.find((f) => f.ruleId === 'sod-supplier-vs-invoice' && f.username === 'CLERK.ONE')!;
    expect([clerk.baseline, clerk.cause]).toEqual(['new', 'role-content']);
    // The policy pack is the same on both runs, so no finding is blamed on the rules.
    expect(result.document.findings.some((f) => f.cause === 'policy')).toBe(false);
  });
});
