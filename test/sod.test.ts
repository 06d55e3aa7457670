import { describe, expect, it } from 'vitest';
import { evaluateTenant } from '../src/evaluate/engine.ts';
import { parseWaivers } from '../src/policy/waivers.ts';
import { buildTenant, type TenantBuilder } from './builders.ts';
import { getPack, runRule } from './policy-tester.ts';

const PO = 'PO_CREATE_PURCHASE_ORDER_PRIV';
const AP = 'AP_CREATE_PAYABLES_INVOICE_PRIV';
const POZ = 'POZ_MAINTAIN_SUPPLIER_PRIV';

/** Two custom jobs, each through a seeded duty, plus one custom role holding both sides. */
const withGraph = (builder: TenantBuilder, left: string, right: string): TenantBuilder =>
  builder.addRoleMembers([
    ['XX_LEFT_JOB', 'ORA_LEFT_DUTY'], ['ORA_LEFT_DUTY', left],
    ['XX_RIGHT_JOB', 'ORA_RIGHT_DUTY'], ['ORA_RIGHT_DUTY', right],
    ['XX_BOTH_JOB', 'ORA_LEFT_DUTY'], ['XX_BOTH_JOB', right],
    ['XX_WRAPPER_JOB', 'XX_BOTH_JOB'],
  ]);

const PAIRS = [
  { rule: 'sod-purchase-order-vs-invoice', left: PO, right: AP },
  { rule: 'sod-supplier-vs-invoice', left: POZ, right: AP },
  { rule: 'sod-security-admin-vs-finance', left: 'ORA_PER_USER_ROLE_MANAGEMENT_DUTY', right: PO },
];

describe('sod-conflict on the bundled pairs', () => {
  for (const pair of PAIRS) {
    it(`${pair.rule}: through two roles, inside one role, and once on the role`, async () => {
      const tenant = withGraph(buildTenant(), pair.left, pair.right)
        .addUser({ username: 'TWO.ROLES', person: true, roles: ['XX_LEFT_JOB', 'XX_RIGHT_JOB'] })
        .addUser({ username: 'ONE.ROLE', person: true, roles: ['XX_BOTH_JOB'] })
        .addUser({ username: 'WRAPPED', person: true, roles: ['XX_WRAPPER_JOB'] })
        .addUser({ username: 'LEFT.ONLY', person: true, roles: ['XX_LEFT_JOB'] })
        .build();
      const findings = await runRule(pair.rule, tenant);
      expect(findings.map((f) => [f.username, f.roleCode])).toEqual([
        ['', 'XX_BOTH_JOB'], ['ONE.ROLE', null], ['TWO.ROLES', null], ['WRAPPED', null],
      ]);
      const two = findings.find((f) => f.username === 'TWO.ROLES')!;
      expect(two.evidence.sides).toEqual([
        expect.objectContaining({ code: pair.left, path: ['XX_LEFT_JOB', 'ORA_LEFT_DUTY', pair.left] }),
        expect.objectContaining({ code: pair.right, path: ['XX_RIGHT_JOB', 'ORA_RIGHT_DUTY', pair.right] }),
      ]);
      expect(two.evidence.insideOneRole).toBeNull();
      expect(two.message).toContain(pair.left);
      expect(two.message).toContain(pair.right);
      const one = findings.find((f) => f.username === 'ONE.ROLE')!;
      expect(one.evidence.sides).toEqual([
        expect.objectContaining({ code: pair.left, path: ['XX_BOTH_JOB', 'ORA_LEFT_DUTY', pair.left] }),
        expect.objectContaining({ code: pair.right, path: ['XX_BOTH_JOB', pair.right] }),
      ]);
      expect(one.evidence.insideOneRole).toBe('XX_BOTH_JOB');
      expect(one.message).toMatch(/all inside XX_BOTH_JOB$/);
      // The conflict combines in XX_BOTH_JOB: reported there once, not again on its wrapper.
      const role = findings.find((f) => f.username === '')!;
      expect(role.evidence).toMatchObject({ subject: 'role', roleCode: 'XX_BOTH_JOB', seeded: false, holders: 2, holderSample: ['ONE.ROLE', 'WRAPPED'], containedIn: ['XX_WRAPPER_JOB'] });
      expect(role.message).toContain('held by 2 accounts');
    });
  }

  it('one finding per account and rule, however many combinations it holds', async () => {
    const tenant = buildTenant().addRoleMembers([
      ['XX_A', 'ORA_FND_IT_SECURITY_MANAGER_JOB'], ['XX_A', 'ORA_PER_USER_ROLE_MANAGEMENT_DUTY'], ['XX_B', PO], ['XX_B', AP],
    ]).addUser({ username: 'ADMIN.X', person: true, roles: ['XX_A', 'XX_B'] }).build();
    const findings = await runRule('sod-security-admin-vs-finance', tenant);
    expect(findings.filter((f) => f.username === 'ADMIN.X')).toHaveLength(1);
    // Shortest path, then the smallest code: the duty is reached through XX_A, the privilege AP first.
    expect(findings[0]!.evidence.sides).toEqual([
      { side: 'security administration', code: 'ORA_FND_IT_SECURITY_MANAGER_JOB', kind: 'role', path: ['XX_A', 'ORA_FND_IT_SECURITY_MANAGER_JOB'] },
      { side: 'finance transactions', code: AP, kind: 'privilege', path: ['XX_B', AP] },
    ]);
  });

  it('a seeded role that combines both sides is labelled inherent in the seeded role', async () => {
    const tenant = buildTenant().addRoleMembers([
      ['ORA_AP_ACCOUNTS_PAYABLE_SUPERVISOR_JOB', 'ORA_AP_INVOICE_DUTY'], ['ORA_AP_INVOICE_DUTY', AP],
      ['ORA_AP_ACCOUNTS_PAYABLE_SUPERVISOR_JOB', 'ORA_PO_BUYER_DUTY'], ['ORA_PO_BUYER_DUTY', PO],
    ]).addUser({ username: 'SUPER.VISOR', person: true, roles: ['ORA_AP_ACCOUNTS_PAYABLE_SUPERVISOR_JOB'] }).build();
    const findings = await runRule('sod-purchase-order-vs-invoice', tenant);
    expect(findings.map((f) => f.message)).toEqual([
      expect.stringMatching(/^the role ORA_AP_ACCOUNTS_PAYABLE_SUPERVISOR_JOB alone grants both .* inherent in the seeded role; held by 1 account$/),
      expect.stringMatching(/SUPER\.VISOR can do both .* all inside ORA_AP_ACCOUNTS_PAYABLE_SUPERVISOR_JOB, inherent in the seeded role$/),
    ]);
  });

  it('without a role graph only directly assigned roles count, and no role-level finding', async () => {
    const tenant = buildTenant().addUser({ username: 'ADMIN.Y', person: true, roles: ['ORA_FND_IT_SECURITY_MANAGER_JOB'] }).build();
    expect(await runRule('sod-security-admin-vs-finance', tenant)).toEqual([]);
  });

  it('inactive accounts are not judged; holders count the selected accounts only', async () => {
    const tenant = withGraph(buildTenant(), PO, AP)
      .addUser({ username: 'GONE', person: true, suspended: true, roles: ['XX_BOTH_JOB'] })
      .addUser({ username: 'HERE', person: true, roles: ['XX_BOTH_JOB'] }).build();
    const findings = await runRule('sod-purchase-order-vs-invoice', tenant);
    expect(findings.map((f) => f.username)).toEqual(['', 'HERE']);
    expect(findings[0]!.evidence.holders).toBe(1);
  });

  it('is deterministic and every finding id is stable', async () => {
    const build = () => withGraph(buildTenant(), POZ, AP).addUser({ username: 'A', roles: ['XX_LEFT_JOB', 'XX_RIGHT_JOB'] }).build();
    const pack = await getPack(null);
    const run = () => JSON.stringify(evaluateTenant(build(), pack.rules, { asOf: '2025-06-30', waivers: [], tool: { name: 't', version: '0' }, identity: pack.identity }).document);
    expect(run()).toBe(run());
  });

  it('a waiver with a mitigating control covers the account finding, and one on the role covers the role finding', async () => {
    const tenant = withGraph(buildTenant(), PO, AP)
      .addUser({ username: 'TWO.ROLES', person: true, roles: ['XX_LEFT_JOB', 'XX_RIGHT_JOB'] })
      .addUser({ username: 'ONE.ROLE', person: true, roles: ['XX_BOTH_JOB'] }).build();
    const waivers = parseWaivers([
      'waivers:',
      '  - ruleId: sod-purchase-order-vs-invoice',
      '    username: two.roles',
      '    justification: Small site, one buyer',
      '    mitigatingControl: Monthly review of invoices matched to POs created by the same user (control FIN-07)',
      '    approvedBy: CFO',
      '    expires: 2099-12-31',
      '  - { ruleId: sod-purchase-order-vs-invoice, roleCode: XX_BOTH_JOB, justification: Role split in Q3, approvedBy: CISO, expires: 2099-12-31 }',
    ].join('\n'), 'waivers.yaml');
    const pack = await getPack(null);
    const rules = pack.rules.filter((rule) => rule.info.id === 'sod-purchase-order-vs-invoice');
    const { document } = evaluateTenant(tenant, rules, { asOf: '2025-06-30', waivers, tool: { name: 't', version: '0' }, identity: pack.identity });
    expect(document.findings.map((f) => [f.username, f.roleCode, f.status, f.waiver?.mitigatingControl ?? null])).toEqual([
      ['', 'XX_BOTH_JOB', 'waived', null],
      ['ONE.ROLE', null, 'open', null],
      ['TWO.ROLES', null, 'waived', 'Monthly review of invoices matched to POs created by the same user (control FIN-07)'],
    ]);
    expect(document.summary.high).toBe(1);
  });
});
