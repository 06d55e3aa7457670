import { describe, expect, it } from 'vitest';
import { evaluateTenant } from '../src/evaluate/engine.ts';
import { isRoleFinding } from '../src/evaluate/subject.ts';
import { buildTenant } from './builders.ts';
import { createGraphTenant, withGraph } from './fixtures/graph-tenant.ts';

const tenant = createGraphTenant();
import { getPack, runRule, testRule } from './policy-tester.ts';

testRule('integration-seeded-role', [
  {
    name: 'finds a seeded job reached through a custom role, with the path; stops at the first seeded role; never a seeded duty',
    tenant,
    findings: [
      { username: 'INT_OIC_BOTH', severity: 'high', roleCode: 'ORA_GL_GENERAL_ACCOUNTANT_JOB' },
      { username: 'INT_OIC_GL', severity: 'high', roleCode: 'ORA_GL_GENERAL_ACCOUNTANT_JOB' },
      { username: 'INT_OIC_PO', severity: 'high', roleCode: 'ORA_PO_BUYER_JOB' },
    ],
    check: (findings) => {
      const gl = findings.find((f) => f.username === 'INT_OIC_GL');
      expect(gl?.evidence).toMatchObject({ path: ['XX_INT_GL', 'ORA_GL_GENERAL_ACCOUNTANT_JOB'], via: 'XX_INT_GL', roleName: 'General Accountant' });
      expect(gl?.message).toContain('through the custom role XX_INT_GL (XX_INT_GL → ORA_GL_GENERAL_ACCOUNTANT_JOB)');
      expect(gl?.ruleVersion).toBe(2);
      // Held directly too: the direct finding wins (path of one code).
      expect(findings.find((f) => f.username === 'INT_OIC_BOTH')?.evidence).toMatchObject({ path: ['ORA_GL_GENERAL_ACCOUNTANT_JOB'], via: null });
      // The cycle terminates, and the path goes round it once.
      expect(findings.find((f) => f.username === 'INT_OIC_PO')?.evidence.path).toEqual(['XX_CYCLE_A', 'XX_CYCLE_B', 'ORA_PO_BUYER_JOB']);
    },
  },
]);

testRule('privileged-role-assignment', [
  {
    name: 'finds a privileged role reached through a custom role, naming the role it came through',
    tenant,
    findings: [{ username: 'HELEN.HR', severity: 'low', roleCode: 'ORA_FND_IT_SECURITY_MANAGER_JOB' }],
    check: (findings) => {
      expect(findings[0]?.evidence).toMatchObject({ path: ['XX_HR_ADMIN', 'ORA_FND_IT_SECURITY_MANAGER_JOB'], via: 'XX_HR_ADMIN' });
      expect(findings[0]?.message).toContain('through the custom role XX_HR_ADMIN');
    },
  },
]);

testRule('privileged-privilege', [
  {
    name: 'finds a privileged duty and privilege four levels deep, with the shortest path',
    tenant,
    findings: [
      { username: 'INT_OIC_AP', severity: 'critical', roleCode: 'ORA_PER_USER_ROLE_MANAGEMENT_DUTY' },
      { username: 'INT_OIC_AP', severity: 'critical', roleCode: 'PER_MANAGE_HCM_DATA_ROLE_PRIV' },
      { username: 'HELEN.HR', severity: 'medium', roleCode: 'ORA_PER_USER_ROLE_MANAGEMENT_DUTY' },
      { username: 'HELEN.HR', severity: 'medium', roleCode: 'PER_MANAGE_HCM_DATA_ROLE_PRIV' },
    ],
    check: (findings) => {
      const priv = findings.find((f) => f.username === 'INT_OIC_AP' && f.roleCode === 'PER_MANAGE_HCM_DATA_ROLE_PRIV');
      expect(priv?.evidence).toMatchObject({
        path: ['XX_INT_AP', 'XX_AP_LAYER1', 'XX_AP_LAYER2', 'XX_AP_LAYER3', 'ORA_PER_USER_ROLE_MANAGEMENT_DUTY', 'PER_MANAGE_HCM_DATA_ROLE_PRIV'],
        memberKind: 'privilege', via: 'XX_INT_AP',
      });
      expect(priv?.message).toContain('through XX_INT_AP (XX_INT_AP → XX_AP_LAYER1 →');
    },
  },
  {
    name: 'the allow-list silences a named administrator',
    tenant,
    policies: ['test/fixtures/policies/privileged-privilege-allow.yaml'],
    findings: [
      { username: 'INT_OIC_AP', severity: 'critical', roleCode: 'ORA_PER_USER_ROLE_MANAGEMENT_DUTY' },
    ],
  },
  { name: 'gives nothing without a role graph', tenant: buildTenant().addUser({ username: 'INT_X_Y', roles: ['ORA_PER_USER_ROLE_MANAGEMENT_DUTY'] }).build(), findings: [] },
]);

testRule('custom-role-wraps-seeded-role', [
  {
    name: 'one role finding per custom role directly inheriting a seeded job or abstract role, with its holders',
    tenant,
    findings: [
      { username: '', severity: 'high', roleCode: 'XX_CYCLE_B' },
      { username: '', severity: 'high', roleCode: 'XX_HR_ADMIN' },
      { username: '', severity: 'high', roleCode: 'XX_INT_GL' },
      { username: '', severity: 'low', roleCode: 'XX_UNUSED_WRAPPER' },
    ],
    check: (findings) => {
      expect(findings.every(isRoleFinding)).toBe(true);
      const gl = findings.find((f) => f.roleCode === 'XX_INT_GL');
      expect(gl?.evidence).toMatchObject({ subject: 'role', holders: 2, directHolders: 2, wraps: ['ORA_GL_GENERAL_ACCOUNTANT_JOB'], paths: [['XX_INT_GL', 'ORA_GL_GENERAL_ACCOUNTANT_JOB']] });
      expect(gl?.message).toContain('2 accounts hold it');
      // Held through the cycle: INT_OIC_PO holds XX_CYCLE_A, which inherits XX_CYCLE_B.
      expect(findings.find((f) => f.roleCode === 'XX_CYCLE_B')?.evidence).toMatchObject({ holders: 1, directHolders: 0 });
    },
  },
  { name: 'gives nothing without a role graph', tenant: buildTenant().addUser({ username: 'INT_X_Y', roles: ['XX_INT_GL'] }).build(), findings: [] },
]);

describe('role findings through the engine', () => {
  it('get a stable id from rule and role, and a waiver naming only the role code waives them', async () => {
    const pack = await getPack(null);
    const rules = pack.rules.filter((rule) => rule.info.id === 'custom-role-wraps-seeded-role');
    const waiver = { ruleId: 'custom-role-wraps-seeded-role', username: '', roleCode: 'XX_INT_GL', endpoint: null, justification: 'Replaced in Q3', approvedBy: 'CISO', ticket: null, mitigatingControl: null, expires: '2099-01-01' };
    const { document } = evaluateTenant(tenant, rules, { asOf: tenant.finishedAt, waivers: [waiver], tool: { name: 't', version: '0' } });
    const gl = document.findings.find((f) => f.roleCode === 'XX_INT_GL');
    expect(gl?.status).toBe('waived');
    expect(document.waivers.stale).toEqual([]);
    const again = await runRule('custom-role-wraps-seeded-role', withGraph().addUser({ username: 'SOMEONE.ELSE', roles: ['XX_INT_GL'] }).build());
    // Holders change, the id does not: the finding is the role's, whoever holds it.
    expect(again.find((f) => f.roleCode === 'XX_INT_GL')?.id).toBe(gl?.id);
  });
});
