import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluateTenant } from '../src/evaluate/engine.ts';
import { readPolicies } from '../src/policy/load.ts';
import { buildTenant, type ServiceAccountSpec } from './builders.ts';
import { getPack, testRule } from './policy-tester.ts';

const NO_ADMIN = { isSuperUserPermEnabled: false, isAccessAdminPermEnabled: false, isUserAdminPermEnabled: false, isProxyPermEnabled: false };

testRule('cpq-privileged-permission', [
  { name: 'no flags enabled: no finding', tenant: buildTenant().addServiceAccount({ service: 'cpq', username: 'casey.brown', permissions: { ...NO_ADMIN } }).build(), findings: [] },
  { name: 'unknown flags never fire', tenant: buildTenant().addServiceAccount({ service: 'cpq', username: 'INT_CPQ_X', permissions: { isSuperUserPermEnabled: null } }).build(), findings: [] },
  {
    name: 'integration account: high, one finding per flag with roleCode CPQ:<flag>',
    tenant: buildTenant().addServiceAccount({ service: 'cpq', username: 'INT_CPQ_ADMIN', permissions: { ...NO_ADMIN, isSuperUserPermEnabled: true, isAccessAdminPermEnabled: true } }).build(),
    findings: [
      { username: 'INT_CPQ_ADMIN', severity: 'high', roleCode: 'CPQ:isAccessAdminPermEnabled' },
      { username: 'INT_CPQ_ADMIN', severity: 'high', roleCode: 'CPQ:isSuperUserPermEnabled' },
    ],
    check: (findings) => {
      expect(findings[0]!.evidence).toMatchObject({ service: 'cpq', flag: 'isAccessAdminPermEnabled', integrationReason: 'naming-pattern' });
      expect(findings[0]!.references).toContain('NIST 800-53 AC-6');
    },
  },
  {
    name: 'a person: low for review; a configured integration is high whatever its name',
    tenant: buildTenant().addServiceAccount({ service: 'cpq', username: 'pat.admin', permissions: { isProxyPermEnabled: true } })
      .addServiceAccount({ service: 'cpq', username: 'sync.account', permissions: { isUserAdminPermEnabled: true } }).addIntegration('sync.account').build(),
    findings: [
      { username: 'sync.account', severity: 'high', roleCode: 'CPQ:isUserAdminPermEnabled' },
      { username: 'pat.admin', severity: 'low', roleCode: 'CPQ:isProxyPermEnabled' },
    ],
  },
  {
    name: 'inactive CPQ accounts and IAMS accounts are out of scope',
    tenant: buildTenant().addServiceAccount({ service: 'cpq', username: 'INT_CPQ_OLD', active: false, permissions: { isSuperUserPermEnabled: true } })
      .addServiceAccount({ service: 'iams', username: 'INT_IAMS_X', permissions: { isSuperUserPermEnabled: true } }).build(),
    findings: [],
  },
  {
    name: 'the finding keeps the CPQ spelling even when a Fusion account has the same name',
    tenant: buildTenant().addUser({ username: 'PAT.ADMIN', person: true }).addServiceAccount({ service: 'cpq', username: 'pat.admin', permissions: { isProxyPermEnabled: true } }).build(),
    findings: [{ username: 'pat.admin', severity: 'low', roleCode: 'CPQ:isProxyPermEnabled' }],
  },
]);

testRule('cpq-integration-not-web-services-only', [
  { name: 'web services only: no finding', tenant: buildTenant().addServiceAccount({ service: 'cpq', username: 'INT_CPQ_SYNC', permissions: { isWebServicesOnly: true } }).build(), findings: [] },
  { name: 'people are not checked', tenant: buildTenant().addServiceAccount({ service: 'cpq', username: 'casey.brown', permissions: { isWebServicesOnly: false } }).build(), findings: [] },
  {
    name: 'false: medium; unknown: info (could not verify)',
    tenant: buildTenant().addServiceAccount({ service: 'cpq', username: 'INT_CPQ_UI', permissions: { isWebServicesOnly: false } })
      .addServiceAccount({ service: 'cpq', username: 'INT_CPQ_LEGACY', permissions: {} }).build(),
    findings: [
      { username: 'INT_CPQ_UI', severity: 'medium', roleCode: 'CPQ:isWebServicesOnly' },
      { username: 'INT_CPQ_LEGACY', severity: 'info', roleCode: 'CPQ:isWebServicesOnly' },
    ],
    check: (findings) => expect(findings[1]!.message).toMatch(/could not be verified/),
  },
]);

testRule('service-account-without-fusion-account', [
  {
    name: 'active in Fusion (by username or email): no finding',
    tenant: buildTenant().addUser({ username: 'CASEY.BROWN', person: true }).addUser({ username: 'MORGAN.LEE', person: true })
      .addServiceAccount({ service: 'cpq', username: 'casey.brown' })
      .addServiceAccount({ service: 'iams', username: 'm.lee@example.com', email: 'MORGAN.LEE' }).build(),
    findings: [],
  },
  {
    name: 'a Fusion leaver still active in IAMS and CPQ: medium, roleCode IAMS / CPQ',
    tenant: buildTenant().addUser({ username: 'LEE.WONG', person: true, suspended: true, scimActive: false })
      .addServiceAccount({ service: 'iams', username: 'lee.wong' })
      .addServiceAccount({ service: 'cpq', username: 'LEE.WONG' }).build(),
    findings: [
      { username: 'LEE.WONG', severity: 'medium', roleCode: 'CPQ' },
      { username: 'lee.wong', severity: 'medium', roleCode: 'IAMS' },
    ],
    check: (findings) => expect(findings[0]!.evidence).toMatchObject({ fusionAccounts: ['LEE.WONG'], fusionAccount: 'inactive' }),
  },
  {
    name: 'suspended in HCM but active in SCIM is a leaver: the sources disagreeing never hides one',
    tenant: buildTenant().addUser({ username: 'OMAR.HADDAD', person: true, suspended: true }).addServiceAccount({ service: 'cpq', username: 'omar.haddad' }).build(),
    findings: [{ username: 'omar.haddad', severity: 'medium', roleCode: 'CPQ' }],
  },
  {
    name: 'inactive in SCIM but active in HCM is a leaver too',
    tenant: buildTenant().addUser({ username: 'NINA.PATEL', person: true, scimActive: false }).addServiceAccount({ service: 'iams', username: 'nina.patel' }).build(),
    findings: [{ username: 'nina.patel', severity: 'medium', roleCode: 'IAMS' }],
  },
  {
    name: 'an inactive service account is not flagged',
    tenant: buildTenant().addUser({ username: 'LEE.WONG', person: true, suspended: true, scimActive: false }).addServiceAccount({ service: 'iams', username: 'lee.wong', active: false }).build(),
    findings: [],
  },
  {
    name: 'no Fusion account: low for people, integrations skipped',
    tenant: buildTenant().addServiceAccount({ service: 'iams', username: 'study.monitor@example.com', email: 'study.monitor@example.com' })
      .addServiceAccount({ service: 'cpq', username: 'INT_CPQ_SYNC' }).build(),
    findings: [{ username: 'study.monitor@example.com', severity: 'low', roleCode: 'IAMS' }],
  },
  {
    name: 'no-account case skipped when the Fusion collection is incomplete',
    tenant: buildTenant().incomplete('hcm: HTTP 503').addServiceAccount({ service: 'cpq', username: 'dev.contractor' }).build(),
    findings: [],
  },
]);

testRule('iams-inactive-in-groups', [
  { name: 'active member: no finding', tenant: buildTenant().addServiceAccount({ service: 'iams', username: 'a@example.com', groups: ['x.lshdme'] }).build(), findings: [] },
  { name: 'inactive in no group: no finding', tenant: buildTenant().addServiceAccount({ service: 'iams', username: 'b@example.com', active: false }).build(), findings: [] },
  {
    name: 'inactive member of two groups: one medium finding, groups in the evidence',
    tenant: buildTenant().addServiceAccount({ service: 'iams', username: 'nina@example.com', active: false, groups: ['x.clinical', 'x.admin'] })
      .addServiceAccount({ service: 'cpq', username: 'cpq.user', active: false, groups: ['ignored'] }).build(),
    findings: [{ username: 'nina@example.com', severity: 'medium', roleCode: 'IAMS' }],
    check: ([finding]) => {
      expect(finding!.evidence).toMatchObject({ groups: ['x.admin', 'x.clinical'], groupCount: 2 });
      expect(finding!.message).toContain('x.admin, x.clinical');
    },
  },
]);

describe('adjacent-service rules and Fusion-only tenants', () => {
  it('a tenant without service accounts gets byte-identical findings with or without the new rules', async () => {
    const tenant = buildTenant().addUser({ username: 'INT_OIC_ALL', roles: ['ORA_GL_GENERAL_ACCOUNTANT_JOB'] })
      .addUser({ username: 'LEE.WONG', person: true, suspended: true, roles: ['ORA_PER_EMPLOYEE_ABSTRACT'] }).build();
    const pack = await getPack(null);
    const options = { asOf: tenant.finishedAt, waivers: [], tool: { name: 't', version: '0' }, identity: pack.identity };
    const all = evaluateTenant(tenant, pack.rules, options).document;
    const without = evaluateTenant(tenant, pack.rules.filter((rule) => !rule.info.source.includes('adjacent-services')), options).document;
    expect(JSON.stringify(all)).toBe(JSON.stringify(without));
  });

  it('bad options are policy errors naming the field', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'faa-svc-policy-'));
    const file = join(dir, 'bad.yaml');
    await writeFile(file, [
      'rules:',
      '  - { id: a, version: 1, title: t, severity: low, description: d, remediation: r, check: { name: cpq-web-services-only, options: { unknown: maybe } } }',
      '  - { id: b, version: 1, title: t, severity: low, description: d, remediation: r, check: { name: service-fusion-match, options: { services: [hcm] } } }',
      '',
    ].join('\n'));
    await expect(readPolicies([file])).rejects.toThrow(/rules\[0\]\.check\.options\.unknown[\s\S]*rules\[1\]\.check\.options\.services\[0\]/);
  });
});

const cx = (username: string, resource?: ServiceAccountSpec['resource'], email: string | null = null): ServiceAccountSpec => ({ service: 'cx', username, email, ...(resource === undefined ? {} : { resource }) });

testRule('cx-resource-of-leaver', [
  {
    name: 'an active resource of an active Fusion user: no finding',
    tenant: buildTenant().addUser({ username: 'CASEY.BROWN', person: true }).addServiceAccount(cx('casey.brown')).build(),
    findings: [],
  },
  {
    name: 'leaver by HCM (suspended) or by SCIM (inactive) alone: high, role code CX, matched by username',
    tenant: buildTenant().addUser({ username: 'OMAR.HADDAD', person: true, suspended: true }).addUser({ username: 'NINA.PATEL', person: true, scimActive: false })
      .addServiceAccount(cx('omar.haddad')).addServiceAccount(cx('NINA.PATEL')).build(),
    findings: [{ username: 'NINA.PATEL', severity: 'high', roleCode: 'CX' }, { username: 'omar.haddad', severity: 'high', roleCode: 'CX' }],
    check: (findings) => expect(findings[1]!.evidence).toMatchObject({ service: 'cx', matchedBy: 'username', fusionAccounts: ['OMAR.HADDAD'], fusionAccount: 'leaver' }),
  },
  {
    name: 'a resource without Username found by ResourceEmail against the SCIM email: the key that matched is recorded',
    tenant: buildTenant().addUser({ username: 'LEE.WONG', person: true, suspended: true, scimActive: false, email: 'lee.wong@example.com' })
      .addServiceAccount(cx('lee.wong@example.com', { username: null }, 'Lee.Wong@example.com')).build(),
    findings: [{ username: 'lee.wong@example.com', severity: 'high', roleCode: 'CX' }],
    check: (findings) => expect(findings[0]!.evidence).toMatchObject({ matchedBy: 'email', fusionAccounts: ['LEE.WONG'] }),
  },
  {
    name: 'username wins over email: the Username match is active, so no finding even when the email belongs to a leaver',
    tenant: buildTenant().addUser({ username: 'MORGAN.LEE', person: true }).addUser({ username: 'OLD.MORGAN', person: true, suspended: true, email: 'morgan@example.com' })
      .addServiceAccount(cx('morgan.lee', undefined, 'morgan@example.com')).build(),
    findings: [],
  },
  {
    name: 'future-dated, end-dated or deleted resources (not active) of a leaver: no finding',
    tenant: buildTenant().addUser({ username: 'RUTH.MILLER', person: true, suspended: true })
      .addServiceAccount({ ...cx('ruth.miller', { startDate: '2099-01-01' }), active: false })
      .addServiceAccount({ ...cx('RUTH.MILLER', { endDate: '2020-06-30' }), active: false }).build(),
    findings: [],
  },
]);

testRule('cx-resource-without-fusion-account', [
  {
    name: 'an active resource that matches no Fusion account: medium',
    tenant: buildTenant().addUser({ username: 'CASEY.BROWN', person: true }).addServiceAccount(cx('pat.fieldrep', undefined, 'pat@partner.example.com')).build(),
    findings: [{ username: 'pat.fieldrep', severity: 'medium', roleCode: 'CX' }],
    check: (findings) => expect(findings[0]!.evidence).toMatchObject({ fusionAccount: 'none', matchedBy: null, startDate: '2020-01-01' }),
  },
  {
    name: 'matched by email only: no finding; inactive resources and integrations: no finding',
    tenant: buildTenant().addUser({ username: 'MORGAN.LEE', person: true, email: 'morgan.lee@example.com' })
      .addServiceAccount(cx('mlee_sales', undefined, 'morgan.lee@example.com'))
      .addServiceAccount({ ...cx('new.hire', { startDate: '2099-06-01' }), active: false })
      .addServiceAccount(cx('INT_CX_SYNC')).build(),
    findings: [],
  },
  {
    name: 'skipped when the Fusion collection is incomplete (no account cannot be told from not read)',
    tenant: buildTenant().incomplete('scim: HTTP 503').addServiceAccount(cx('pat.fieldrep')).build(),
    findings: [],
  },
]);
