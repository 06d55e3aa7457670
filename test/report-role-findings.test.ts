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
    expect(changes.getColumn(2).values).toContain('role XX_HCM_INTEGRATION_ROLE');
  });

  it('the PDF lists it under "role <code>" and counts it apart from accounts', () => {
    const view = toViewModel(input, 50);
    const group = view.ruleGroups.find((g) => g.id === 'custom-role-wraps-seeded-role')!;
    expect(group.rows[0]?.username).toBe('role XX_HCM_INTEGRATION_ROLE');
    const chart = view.charts[2]!;
    expect(JSON.stringify(chart)).toContain('roles');
  });
});
