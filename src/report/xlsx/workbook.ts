import ExcelJS from 'exceljs';
import type { RenderOptions, ReportInput } from '../types.ts';
import { writeAccountsSheet, writeProbesSheet, writeRolesSheet, writeServiceAccountsSheet } from './data-sheets.ts';
import { writeChangesSheet, writeFindingsSheet, writeWaiversSheet } from './findings-sheets.ts';
import { writeEffectiveAccessSheet, writeGraphRolesSheet, writeRoleGraphSheet } from './graph-sheets.ts';
import { getGraphIndex } from '../role-graph-facts.ts';
import { addStyleCache } from './style-cache.ts';
import { writeSummarySheet } from './summary-sheet.ts';

/**
 * access-audit.xlsx, streamed sheet by sheet into `path` (the writer's temp file): a tenant with
 * a million role rows never sits in memory as a workbook. Inline strings (no shared-string
 * table) keep memory flat.
 */
export const writeWorkbook = async (input: ReportInput, options: RenderOptions, path: string): Promise<void> => {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useStyles: true, useSharedStrings: false });
  addStyleCache(workbook);
  workbook.creator = input.document.tool.name;
  // `verify` reads the run id back from the workbook's properties (docProps/core.xml).
  workbook.keywords = `run:${input.record.runId}`;
  workbook.title = `Access audit ${input.document.tenant} run ${input.record.runId}`;
  // Fixed timestamps: the same evaluation renders the same workbook metadata.
  workbook.created = new Date(input.document.generatedAt);
  workbook.modified = new Date(input.document.generatedAt);
  const max = options.maxRowsPerSheet;
  const graph = getGraphIndex(input.model);
  writeSummarySheet(workbook, input);
  await writeFindingsSheet(workbook, input, max);
  await writeAccountsSheet(workbook, input, graph, max);
  await writeRolesSheet(workbook, input, max);
  if (graph !== null) {
    await writeGraphRolesSheet(workbook, input, graph, max);
    await writeRoleGraphSheet(workbook, graph, max);
    await writeEffectiveAccessSheet(workbook, input, graph, max);
  }
  await writeProbesSheet(workbook, input);
  await writeServiceAccountsSheet(workbook, input, max);
  await writeChangesSheet(workbook, input, max);
  await writeWaiversSheet(workbook, input);
  await workbook.commit();
};
