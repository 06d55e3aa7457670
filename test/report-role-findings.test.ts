import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toJunit } from '../src/report/junit.ts';
import { toMarkdown } from '../src/report/markdown.ts';
import { toViewModel } from '../src/report/pdf/view-model.ts';
import { toSarif } from '../src/report/sarif.ts';
import { writeWorkbook } from '../src/report/xlsx/workbook.ts';
import { createReportInput } from './fixtures/report-input.ts';

/** A role finding (username "", roleCode = the role) reads as "role <code>" wherever a user would go. */
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'report-role-findings-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const input = createReportInput({ withRoleGraph: true, withChanges: true });
const roleFinding = input.document.findings.find((f) => f.ruleId === 'custom-role-wraps-seeded-role')!;

describe('role findings in every renderer', () => {
  it('SARIF locates it on the role alone and keeps the path in the evidence', () => {
    const log = JSON.parse(toSarif(input));
    const result = log.runs[0].results.find((r: { ruleId: string }) => r.ruleId === 'custom-role-wraps-seeded-role');
    expect(result.locations[0].logicalLocations).toEqual([{ name: 'XX_HCM_INTEGRATION_ROLE', fullyQualifiedName: 'role/XX_HCM_INTEGRATION_ROLE', kind: 'role' }]);
    const privileged = log.runs[0].results.find((r: { ruleId: string }) => r.ruleId === 'privileged-privilege');
    expect(privileged.properties.evidence.path).toEqual(['XX_HCM_INTEGRATION_ROLE', 'ORA_PER_USER_ROLE_MANAGEMENT_DUTY', 'PER_MANAGE_HCM_DATA_ROLE_PRIV']);
  });

  it('JUnit names the test case after the role', () => {
    const parsed = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(toJunit(input, 'high'));
    const suite = [parsed.testsuites.testsuite].flat().find((s: { name: string }) => s.name === 'custom-role-wraps-seeded-role');
    expect([suite.testcase].flat()[0].name).toBe('role XX_HCM_INTEGRATION_ROLE');
    const privileged = [parsed.testsuites.testsuite].flat().find((s: { name: string }) => s.name === 'privileged-privilege');
    expect([privileged.testcase].flat()[0].failure['#text']).toContain('path=["XX_HCM_INTEGRATION_ROLE","ORA_PER_USER_ROLE_MANAGEMENT_DUTY"');
  });

  it('markdown shows "role <code>" in the user column', () => {
    const text = toMarkdown(input);
    const row = text.split('\n').find((line) => line.includes('custom\\-role\\-wraps') || line.includes('`custom-role-wraps-seeded-role` | role'));
    expect(row).toContain('| role XX\\_HCM\\_INTEGRATION\\_ROLE |');
  });

  it('the workbook shows "role <code>" in the Findings and Changes sheets', async () => {
    const file = join(dir, 'roles.xlsx');
    await writeWorkbook({ ...input, document: { ...input.document, findings: input.document.findings.map((f) => (f === roleFinding ? { ...f, baseline: 'new' as const } : f)) } }, {}, file);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    const findings = workbook.getWorksheet('Findings')!;
    const header = (findings.getRow(1).values as unknown[]).slice(1);
    const rows = findings.getRows(2, findings.rowCount - 1)!;
    const row = rows.find((r) => r.getCell(header.indexOf('Rule') + 1).value === 'custom-role-wraps-seeded-role')!;
    expect(row.getCell(header.indexOf('Username') + 1).value).toBe('role XX_HCM_INTEGRATION_ROLE');
    expect(row.getCell(header.indexOf('Role code') + 1).value).toBe('XX_HCM_INTEGRATION_ROLE');
    const changes = workbook.getWorksheet('Changes')!;
    expect(changes.getColumn(3).values).toContain('role XX_HCM_INTEGRATION_ROLE');
  });

  it('the PDF lists it under "role <code>" and counts it apart from accounts', () => {
    const view = toViewModel(input, 50);
    const group = view.ruleGroups.find((g) => g.id === 'custom-role-wraps-seeded-role')!;
    expect(group.rows[0]?.username).toBe('role XX_HCM_INTEGRATION_ROLE');
    const chart = view.charts[2]!;
    expect(JSON.stringify(chart)).toContain('roles');
  });
});

describe('the role graph in the reports', () => {
  it('the workbook adds Roles, Role graph and Effective access sheets and effective counts in Accounts, formula-safe', async () => {
    const file = join(dir, 'graph.xlsx');
    await writeWorkbook(input, {}, file);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['Summary', 'Findings', 'Accounts', 'Role assignments', 'Roles', 'Role graph', 'Effective access', 'Probes', 'Changes', 'Waivers']);
    const rowsOf = (name: string) => workbook.getWorksheet(name)!.getSheetValues().slice(1).map((row) => (row as unknown[]).slice(1));
    const [rolesHeader, ...roles] = rowsOf('Roles');
    expect(rolesHeader).toEqual(['Role code', 'Role name', 'Type', 'Seeded', 'In role graph', 'Member roles', 'Member privileges', 'Contained by', 'Accounts (direct)', 'Accounts (effective)']);
    const wrapper = roles.find((row) => row[0] === 'XX_HCM_INTEGRATION_ROLE')!;
    // The hostile name stays text: a string cell, never a formula.
    expect(wrapper.slice(0, 10)).toEqual(['XX_HCM_INTEGRATION_ROLE', input.model.roleGraph!.roles.find((r) => r.code === 'XX_HCM_INTEGRATION_ROLE')!.name, 'Job', 'no', 'yes', 3, 0, 0, 1, 1]);
    expect(roles.find((row) => row[0] === 'ORA_PER_USER_ROLE_MANAGEMENT_DUTY')?.slice(8)).toEqual([0, 1]);
    // Assigned but absent from the graph: listed, marked, held directly only.
    expect(roles.find((row) => row[0] === 'ORA_FND_IT_SECURITY_MANAGER_JOB')?.slice(3, 5)).toEqual(['yes', 'no']);
    const [, ...edges] = rowsOf('Role graph');
    expect(edges).toHaveLength(input.model.roleGraph!.edges.length);
    expect(edges).toContainEqual(['ORA_PER_CONNECTIONS_DUTY', 'HCM Connections REST Services', 'Duty', 'yes', 'privilege', 'PER_REST_SERVICE_ACCESS_WORKERS_PRIV', '=SUM(1,2)']);
    const [, ...effective] = rowsOf('Effective access');
    // Integration users and accounts a privileged-access rule reported (ALICE.NGUYEN); nobody else.
    expect([...new Set(effective.map((row) => row[0]))]).toEqual(['ALICE.NGUYEN', 'INT_SALESFORCE_AR', 'INT_WORKDAY_HCM']);
    expect(effective.filter((row) => row[0] === 'INT_WORKDAY_HCM')).toEqual([
      ['INT_WORKDAY_HCM', 'PER_MANAGE_HCM_DATA_ROLE_PRIV', 'Manage HCM Data Role', 'XX_HCM_INTEGRATION_ROLE', 2, 'XX_HCM_INTEGRATION_ROLE → ORA_PER_USER_ROLE_MANAGEMENT_DUTY → PER_MANAGE_HCM_DATA_ROLE_PRIV'],
      ['INT_WORKDAY_HCM', 'PER_REST_SERVICE_ACCESS_WORKERS_PRIV', '=SUM(1,2)', 'XX_HCM_INTEGRATION_ROLE', 3, 'XX_HCM_INTEGRATION_ROLE → ORA_HRC_HUMAN_CAPITAL_MANAGEMENT_INTEGRATION_SPECIALIST_JOB → ORA_PER_CONNECTIONS_DUTY → PER_REST_SERVICE_ACCESS_WORKERS_PRIV'],
    ]);
    for (const sheet of workbook.worksheets) sheet.eachRow((row) => row.eachCell((cell) => expect(cell.type).not.toBe(ExcelJS.ValueType.Formula)));
    const [accountsHeader, ...accounts] = rowsOf('Accounts');
    const column = accountsHeader!.indexOf('Effective privileges');
    expect(accounts.find((row) => row[0] === 'INT_WORKDAY_HCM')?.[column]).toBe(2);
    const summary = rowsOf('Summary').map((row) => row.join(' | '));
    expect(summary).toContain('Role graph coverage | 2 of 7 assigned role codes resolved');
    expect(summary.some((line) => line.startsWith('Caveat | The role graph comes from the Applications Security tables'))).toBe(true);
    expect(summary.some((line) => line.includes('directly assigned roles only'))).toBe(false);
  });

  it('the PDF view draws paths as chains and states source, coverage, unresolved codes and freshness', () => {
    const view = toViewModel(input, 50);
    const row = view.ruleGroups.find((g) => g.id === 'privileged-privilege')!.rows[0]!;
    expect(row.path).toBe('XX_HCM_INTEGRATION_ROLE → ORA_PER_USER_ROLE_MANAGEMENT_DUTY → PER_MANAGE_HCM_DATA_ROLE_PRIV');
    expect(row.evidence).not.toContain('path=');
    expect(view.roleGraph).toMatchObject({ collected: true, source: 'BI Publisher report /Custom/Security/Access Audit/Role Graph.xdo', coverage: '2 of 7 assigned role codes resolved' });
    expect(view.roleGraph.unresolvedShown).toContain('ORA_PO_BUYER_JOB');
    expect(view.roleGraph.problems).toEqual(['role graph: cycle between XX_CYCLE_A and XX_CYCLE_B (tolerated; each role is walked once)']);
    expect(toViewModel(createReportInput(), 50).roleGraph.collected).toBe(false);
  });
});
