import ExcelJS from 'exceljs';
import { SEVERITIES } from '../evaluate/severity.ts';
import { toDateCell } from '../report/xlsx/cells.ts';
import { createSheetWriter } from '../report/xlsx/sheet-writer.ts';
import { addStyleCache } from '../report/xlsx/style-cache.ts';
import { toCompleteness, toRuleText, type CrossTenantSummary } from './render.ts';

/**
 * The cross-tenant workbook (streamed, formula-safe cells like access-audit.xlsx): a Tenants
 * sheet with a row per tenant, then Top findings across tenants, then Excluded folders.
 */
export const writeSummaryWorkbook = async (summary: CrossTenantSummary, path: string): Promise<void> => {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useStyles: true, useSharedStrings: false });
  addStyleCache(workbook);
  workbook.creator = summary.tool.name;
  workbook.created = new Date(summary.generatedAt);
  workbook.modified = new Date(summary.generatedAt);
  const tenants = createSheetWriter(workbook, 'Tenants', [
    { header: 'Tenant', width: 24 }, { header: 'Completeness', width: 18 }, { header: 'Accounts', width: 10 },
    ...SEVERITIES.map((severity) => ({ header: severity, width: 10 })),
    { header: 'Waived', width: 9 }, { header: 'New since baseline', width: 18 }, { header: 'Worst rules', width: 60, kind: 'wrap' as const },
    { header: 'Generated', width: 22, kind: 'datetime' as const }, { header: 'Run id', width: 16 }, { header: 'Run folder', width: 50 },
  ]);
  for (const run of summary.runs) {
    await tenants.addRow([run.tenant, toCompleteness(run), run.accounts, ...SEVERITIES.map((severity) => run.open[severity]), run.waived,
      run.newSinceBaseline ?? 'no baseline', toRuleText(run.rules), toDateCell(run.generatedAt), run.runId, run.dir]);
  }
  await tenants.close();
  const top = createSheetWriter(workbook, 'Top findings', [
    { header: 'Tenant', width: 24 }, { header: 'Severity', width: 10, kind: 'severity' }, { header: 'Rule', width: 32 }, { header: 'Account', width: 28 },
    { header: 'Role / endpoint', width: 36 }, { header: 'Finding', width: 80, kind: 'wrap' }, { header: 'Baseline', width: 10 }, { header: 'Finding id', width: 20 },
  ]);
  for (const { tenant, finding } of summary.top) {
    await top.addRow([tenant, finding.severity, finding.ruleId, finding.username, finding.roleCode ?? finding.endpoint, finding.message, finding.baseline, finding.id]);
  }
  await top.close();
  if (summary.excluded.length > 0) {
    const excluded = createSheetWriter(workbook, 'Excluded folders', [{ header: 'Run folder', width: 50 }, { header: 'Reason', width: 100, kind: 'wrap' }]);
    for (const entry of summary.excluded) await excluded.addRow([entry.dir, entry.reason]);
    await excluded.close();
  }
  await workbook.commit();
};
