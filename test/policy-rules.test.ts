import { expect } from 'vitest';
import { buildTenant } from './builders.ts';
import { testRule } from './policy-tester.ts';

const JOURNALS = '/fscmRestApi/resources/11.13.18.05/journals';
const WORKERS = '/hcmRestApi/resources/11.13.18.05/workers';

testRule('integration-seeded-role', [
  { name: 'custom roles only: no finding', tenant: buildTenant().addUser({ username: 'INT_OIC_GL', roles: ['XX_GL_JOURNAL_IMPORT'] }).build(), findings: [] },
  { name: 'a person with seeded roles is not an integration user', tenant: buildTenant().addUser({ username: 'CASEY.BROWN', person: true, roles: ['ORA_GL_GENERAL_ACCOUNTANT_JOB'] }).build(), findings: [] },
  { name: 'INTERN.JOE does not match the naming pattern', tenant: buildTenant().addUser({ username: 'INTERN.JOE', roles: ['ORA_AP_ACCOUNTS_PAYABLE_SPECIALIST_JOB'] }).build(), findings: [] },
  {
    name: 'one finding per role, tiered severities',
    tenant: buildTenant().addUser({
      username: 'INT_OIC_ALL',
      roles: ['ORA_GL_GENERAL_ACCOUNTANT_JOB', 'ORA_FND_IT_SECURITY_MANAGER_JOB', 'ORA_FND_INTEGRATION_SPECIALIST_JOB', 'ORA_CST_COST_ACCOUNTANT_JOB', 'XX_GL_JOURNAL_IMPORT'],
    }).build(),
    findings: [
      { username: 'INT_OIC_ALL', severity: 'critical', roleCode: 'ORA_FND_IT_SECURITY_MANAGER_JOB' },
      { username: 'INT_OIC_ALL', severity: 'high', roleCode: 'ORA_GL_GENERAL_ACCOUNTANT_JOB' },
      { username: 'INT_OIC_ALL', severity: 'medium', roleCode: 'ORA_CST_COST_ACCOUNTANT_JOB' },
      { username: 'INT_OIC_ALL', severity: 'medium', roleCode: 'ORA_FND_INTEGRATION_SPECIALIST_JOB' },
    ],
    check: (findings) => {
      const specialist = findings.find((finding) => finding.roleCode === 'ORA_FND_INTEGRATION_SPECIALIST_JOB')!;
      expect(specialist.remediation).toMatch(/Copy the predefined role into a custom role/);
      expect(specialist.evidence.integrationReason).toBe('naming-pattern');
    },
  },
  {
    name: 'application administrator pattern is critical, names come from the catalogue',
    tenant: buildTenant().addRole({ code: 'ORA_HRC_HUMAN_CAPITAL_MANAGEMENT_APPLICATION_ADMINISTRATOR_JOB', name: 'Human Capital Management Application Administrator' })
      .addUser({ username: 'int_hcm_load', roles: ['ORA_HRC_HUMAN_CAPITAL_MANAGEMENT_APPLICATION_ADMINISTRATOR_JOB'] }).build(),
    findings: [{ username: 'int_hcm_load', severity: 'critical', roleCode: 'ORA_HRC_HUMAN_CAPITAL_MANAGEMENT_APPLICATION_ADMINISTRATOR_JOB' }],
    check: ([finding]) => expect(finding!.message).toContain('(Human Capital Management Application Administrator)'),
  },
  {
    name: 'a configured person account used as an integration holds Employee',
    tenant: buildTenant().addUser({ username: 'JOHN.SMITH', person: true, roles: ['ORA_PER_EMPLOYEE_ABSTRACT', 'XX_GL_JOURNAL_IMPORT'] }).addIntegration('JOHN.SMITH').build(),
    findings: [{ username: 'JOHN.SMITH', severity: 'medium', roleCode: 'ORA_PER_EMPLOYEE_ABSTRACT' }],
    check: ([finding]) => expect(finding!.evidence.integrationReason).toBe('configured'),
  },
]);

testRule('integration-dedicated-account', [
  { name: 'INT_ account without a person: no finding', tenant: buildTenant().addUser({ username: 'INT_OIC_GL' }).addIntegration('INT_OIC_GL').build(), findings: [] },
  { name: 'unlisted person accounts are not checked', tenant: buildTenant().addUser({ username: 'JANE.DOE', person: true }).build(), findings: [] },
  { name: 'name off the pattern', tenant: buildTenant().addUser({ username: 'OIC_INTEGRATION' }).addIntegration('OIC_INTEGRATION').build(), findings: [{ username: 'OIC_INTEGRATION', severity: 'high' }] },
  {
    name: 'person account used as an integration',
    tenant: buildTenant().addUser({ username: 'John.Smith', person: true }).addIntegration('JOHN.SMITH').build(),
    findings: [{ username: 'John.Smith', severity: 'high' }],
    check: ([finding]) => {
      expect(finding!.message).toMatch(/naming pattern .* and is a person's account \(HCM PersonId \d+\)/);
      expect(finding!.evidence.workerRecord).toBe(true);
    },
  },
  {
    name: 'INT_-named account that belongs to a person',
    tenant: buildTenant().addUser({ username: 'INT_OIC_HR', personId: 42 }).addIntegration('INT_OIC_HR').build(),
    findings: [{ username: 'INT_OIC_HR', severity: 'high' }],
  },
]);

testRule('integration-one-module', [
  { name: 'one module, custom roles', tenant: buildTenant().addUser({ username: 'INT_OIC_GL', roles: ['XX_GL_JOURNAL_IMPORT', 'XX_GL_BALANCES_READ'] }).build(), findings: [] },
  {
    name: 'shared families and abstract roles are ignored',
    tenant: buildTenant().addUser({ username: 'INT_OIC_GL', roles: ['XX_GL_JOURNAL_IMPORT', 'ORA_FND_INTEGRATION_SPECIALIST_JOB', 'ORA_PER_EMPLOYEE_ABSTRACT', 'XX_HRC_X'] }).build(),
    findings: [],
  },
  { name: 'people are not checked', tenant: buildTenant().addUser({ username: 'MORGAN.LEE', person: true, roles: ['XX_GL_US_DATA', 'XX_AP_US_DATA'] }).build(), findings: [] },
  {
    name: 'custom roles of three modules',
    tenant: buildTenant().addUser({ username: 'INT_OIC_SPAN', roles: ['XX_GL_JOURNAL_IMPORT', 'XX_AP_INVOICE_IMPORT', 'XX_PO_PURCHASE_ORDER_READ'] }).build(),
    findings: [{ username: 'INT_OIC_SPAN', severity: 'high' }],
    check: ([finding]) => expect(finding!.evidence.modules).toEqual({ AP: ['XX_AP_INVOICE_IMPORT'], GL: ['XX_GL_JOURNAL_IMPORT'], PO: ['XX_PO_PURCHASE_ORDER_READ'] }),
  },
  {
    name: 'seeded roles of two modules',
    tenant: buildTenant().addUser({ username: 'INT_OIC_ALL', roles: ['ORA_GL_GENERAL_ACCOUNTANT_JOB', 'ORA_AP_ACCOUNTS_PAYABLE_MANAGER_JOB'] }).build(),
    findings: [{ username: 'INT_OIC_ALL', severity: 'high' }],
  },
]);

testRule('probe-data-security-missing', [
  { name: 'rows: no finding', tenant: buildTenant().addProbe({ integration: 'INT_OIC_GL', path: JOURNALS, outcome: 'rows', totalResults: 10 }).build(), findings: [] },
  { name: 'expect denied and denied: no finding', tenant: buildTenant().addProbe({ integration: 'INT_OIC_GL', path: WORKERS, expect: 'denied', outcome: 'denied' }).build(), findings: [] },
  {
    name: 'empty 200',
    tenant: buildTenant().addProbe({ integration: 'INT_OIC_PO', path: JOURNALS, outcome: 'empty', totalResults: 0 }).build(),
    findings: [{ username: 'INT_OIC_PO', severity: 'high', endpoint: JOURNALS }],
    check: ([finding]) => expect(finding!.message).toBe(`data security missing: ${JOURNALS} answers 200 with no rows for INT_OIC_PO`),
  },
]);

testRule('probe-function-security-missing', [
  { name: 'expect denied and denied: no finding', tenant: buildTenant().addProbe({ integration: 'INT_OIC_GL', path: WORKERS, expect: 'denied', outcome: 'denied' }).build(), findings: [] },
  { name: '403 on a needed endpoint', tenant: buildTenant().addProbe({ integration: 'INT_OIC_PO', path: JOURNALS, outcome: 'denied' }).build(), findings: [{ username: 'INT_OIC_PO', severity: 'high', endpoint: JOURNALS }] },
]);

testRule('probe-unauthenticated', [
  { name: 'signed in: no finding', tenant: buildTenant().addProbe({ integration: 'INT_OIC_GL', path: JOURNALS, outcome: 'rows' }).build(), findings: [] },
  { name: '401', tenant: buildTenant().addProbe({ integration: 'INT_BI_EXTRACT', path: JOURNALS, outcome: 'unauthenticated' }).build(), findings: [{ username: 'INT_BI_EXTRACT', severity: 'high', endpoint: JOURNALS }] },
]);

testRule('probe-access-beyond-need', [
  { name: 'denied as expected', tenant: buildTenant().addProbe({ integration: 'INT_OIC_GL', path: WORKERS, expect: 'denied', outcome: 'denied' }).build(), findings: [] },
  { name: 'rows where denied is expected', tenant: buildTenant().addProbe({ integration: 'INT_OIC_PO', path: WORKERS, expect: 'denied', outcome: 'rows' }).build(), findings: [{ username: 'INT_OIC_PO', severity: 'high', endpoint: WORKERS }] },
]);

testRule('probe-count-regression', [
  { name: 'at or above minCount', tenant: buildTenant().addProbe({ integration: 'INT_OIC_GL', path: JOURNALS, outcome: 'rows', minCount: 100, totalResults: 100 }).build(), findings: [] },
  { name: 'no totalResults reported: cannot judge', tenant: buildTenant().addProbe({ integration: 'INT_OIC_GL', path: JOURNALS, outcome: 'rows', minCount: 100, totalResults: null }).build(), findings: [] },
  {
    name: 'below minCount',
    tenant: buildTenant().addProbe({ integration: 'INT_OIC_PO', path: JOURNALS, outcome: 'rows', minCount: 5000, totalResults: 1200 }).build(),
    findings: [{ username: 'INT_OIC_PO', severity: 'medium', endpoint: JOURNALS }],
    check: ([finding]) => expect(finding!.evidence).toMatchObject({ minCount: 5000, totalResults: 1200 }),
  },
]);

testRule('probe-error', [
  { name: 'skipped probes are not errors', tenant: buildTenant().addProbe({ integration: 'INT_OIC_GL', path: JOURNALS, outcome: 'skipped' }).build(), findings: [] },
  { name: 'error outcome', tenant: buildTenant().addProbe({ integration: 'INT_OIC_PO', path: JOURNALS, outcome: 'error', detail: 'HTTP 500 from the server' }).build(), findings: [{ username: 'INT_OIC_PO', severity: 'medium', endpoint: JOURNALS }] },
]);

testRule('inactive-account-with-roles', [
  { name: 'active with roles', tenant: buildTenant().addUser({ username: 'A.B', person: true, roles: ['ORA_PER_EMPLOYEE_ABSTRACT'] }).build(), findings: [] },
  { name: 'suspended without roles', tenant: buildTenant().addUser({ username: 'A.B', person: true, suspended: true, scimActive: false }).build(), findings: [] },
  { name: 'suspended in HCM', tenant: buildTenant().addUser({ username: 'OMAR.HADDAD', suspended: true, roles: ['ORA_PO_BUYER_JOB'] }).build(), findings: [{ username: 'OMAR.HADDAD', severity: 'medium' }] },
  {
    name: 'inactive in SCIM only (not in HCM)',
    tenant: buildTenant().addUser({ username: 'SARA.NGUYEN', inHcm: false, scimActive: false, roles: ['ORA_ZBS_SALES_ADMINISTRATOR_JOB'] }).build(),
    findings: [{ username: 'SARA.NGUYEN', severity: 'medium' }],
    check: ([finding]) => expect(finding!.message).toBe('SARA.NGUYEN is inactive in SCIM but still holds 1 role'),
  },
]);

testRule('privileged-role-assignment', [
  { name: 'ordinary roles', tenant: buildTenant().addUser({ username: 'CASEY.BROWN', person: true, roles: ['ORA_GL_GENERAL_ACCOUNTANT_JOB'] }).build(), findings: [] },
  { name: 'person: low', tenant: buildTenant().addUser({ username: 'PAT.SECADMIN', person: true, roles: ['ORA_FND_IT_SECURITY_MANAGER_JOB'] }).build(), findings: [{ username: 'PAT.SECADMIN', severity: 'low', roleCode: 'ORA_FND_IT_SECURITY_MANAGER_JOB' }] },
  { name: 'integration user: high', tenant: buildTenant().addUser({ username: 'INT_SCIM_SYNC', roles: ['ORA_FUN_FINANCIAL_APPLICATION_ADMINISTRATOR_JOB'] }).build(), findings: [{ username: 'INT_SCIM_SYNC', severity: 'high', roleCode: 'ORA_FUN_FINANCIAL_APPLICATION_ADMINISTRATOR_JOB' }] },
  {
    name: 'the audit account is labelled',
    tenant: buildTenant().withAuditUser('audit_svc').addUser({ username: 'AUDIT_SVC', roles: ['ORA_FND_IT_SECURITY_MANAGER_JOB'] }).build(),
    findings: [{ username: 'AUDIT_SVC', severity: 'low', roleCode: 'ORA_FND_IT_SECURITY_MANAGER_JOB' }],
    check: ([finding]) => {
      expect(finding!.message).toMatch(/^the audit account AUDIT_SVC holds/);
      expect(finding!.evidence.auditAccount).toBe(true);
    },
  },
]);

testRule('sources-disagree', [
  { name: 'both sources agree', tenant: buildTenant().addUser({ username: 'A.B' }).addUser({ username: 'LEE.WONG', suspended: true, scimActive: false }).build(), findings: [] },
  { name: 'suspended in HCM, active in SCIM', tenant: buildTenant().addUser({ username: 'A.B' }).addUser({ username: 'OMAR.HADDAD', suspended: true }).build(), findings: [{ username: 'OMAR.HADDAD', severity: 'low' }] },
  {
    name: 'present in one source only',
    tenant: buildTenant().addUser({ username: 'A.B' }).addUser({ username: 'TOM.BAKER', inScim: false }).addUser({ username: 'KEVIN.OBRIEN', inHcm: false }).build(),
    findings: [{ username: 'KEVIN.OBRIEN', severity: 'low' }, { username: 'TOM.BAKER', severity: 'low' }],
  },
  { name: 'a snapshot without SCIM at all flags nobody', tenant: buildTenant().addUser({ username: 'TOM.BAKER', inScim: false }).build(), findings: [] },
]);
