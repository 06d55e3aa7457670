import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toViewModel } from '../src/report/pdf/view-model.ts';
import { readSnapshot } from '../src/snapshot/read.ts';
import { createReportInput } from './fixtures/report-input.ts';
import { createTempDir, readFindings, runCli, startTenant, type TenantFixture } from './cli-helpers.ts';

let dir: string;
let fixture: TenantFixture;
let out: string;
beforeAll(async () => {
  dir = await createTempDir('cli-cx-');
  fixture = await startTenant(dir);
  out = join(dir, 'out');
  const result = await runCli(['run', '--config', fixture.configFile, '--out', out, '--format', 'json,xlsx'], fixture.env);
  expect(result.code, result.stderr).toBe(1);
});
afterAll(async () => {
  await fixture.sim.close();
});

describe('CX Sales resources through a whole run', () => {
  it('fires both CX rules on exactly the planted resources, with the matching key recorded', async () => {
    const findings = (await readFindings(out)).findings.filter((f) => f.ruleId.startsWith('cx-'));
    expect(findings.map((f) => `${f.ruleId} ${f.severity} ${f.username}`).sort()).toEqual([
      'cx-resource-of-leaver high OMAR.HADDAD', 'cx-resource-of-leaver high lee.wong', 'cx-resource-of-leaver high nina.patel@example.com',
      'cx-resource-without-fusion-account medium pat.fieldrep',
    ]);
    expect(findings.find((f) => f.username === 'nina.patel@example.com')?.evidence).toMatchObject({ matchedBy: 'email', fusionAccounts: ['NINA.PATEL'] });
    expect(findings.find((f) => f.username === 'lee.wong')?.evidence).toMatchObject({ matchedBy: 'username', fusionAccounts: ['LEE.WONG'] });
  });

  it('lists the resources on the Service accounts sheet, counts them on the Summary and in the PDF scope', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(join(out, 'access-audit.xlsx'));
    const sheet = workbook.getWorksheet('Service accounts')!;
    const rows = sheet.getSheetValues().slice(2).map((row) => (row as unknown[]).slice(1));
    const cx = rows.filter((row) => row[0] === 'cx');
    expect(cx).toHaveLength(fixture.tenant.services.cx.resources.length);
    const mlee = cx.find((row) => row[1] === 'mlee_sales')!;
    expect(mlee.slice(10, 14)).toEqual(['MORGAN.LEE', 'email', '2019-03-01']); // no end date: an empty cell
    expect(cx.find((row) => row[1] === 'lee.wong')?.slice(3, 4)).toEqual(['active']);
    expect(cx.find((row) => row[1] === 'lee.wong')?.[10]).toBe('LEE.WONG (leaver)');
    expect(cx.find((row) => row[1] === 'new.hire')?.[3]).toBe('inactive');
    const summary = workbook.getWorksheet('Summary')!.getSheetValues().map((row) => (row as unknown[] | undefined)?.slice(1) ?? []);
    const active = fixture.tenant.services.cx.resources.length - 4;
    expect(summary).toContainEqual(['CX Sales accounts', `${fixture.tenant.services.cx.resources.length} (${active} active)`]);
    const snapshot = await readSnapshot(join(out, 'snapshot'));
    expect(snapshot.model.serviceAccounts.filter((a) => a.service === 'cx')).toHaveLength(cx.length);
  });

  it('the PDF scope names CX Sales and its count', async () => {
    const snapshot = await readSnapshot(join(out, 'snapshot'));
    const input = createReportInput({ withServices: true });
    const view = toViewModel({ ...input, model: { ...input.model, sources: snapshot.model.sources, serviceAccounts: snapshot.model.serviceAccounts } }, 10);
    expect(view.services).toMatchObject({ scim: true, cx: true });
    expect(view.services?.rows).toContainEqual({ title: 'CX Sales', accounts: fixture.tenant.services.cx.resources.length });
  });
});
