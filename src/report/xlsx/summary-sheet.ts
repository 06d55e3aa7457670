import type ExcelJS from 'exceljs';
import { SEVERITIES } from '../../evaluate/severity.ts';
import { DIRECT_ROLES_CAVEAT, getRoleRowCount, getServiceCounts, getRules, getSeverityCounts } from '../facts.ts';
import type { ReportInput } from '../types.ts';
import { getRoleGraphFacts, GRAPH_FRESHNESS_CAVEAT } from '../role-graph-facts.ts';
import { getSeverityStyle, toCellText, toDateCell, DATETIME_FORMAT, HEADER_STYLE } from './cells.ts';
import { toCountText } from '../../util/plural.ts';

type Line = [string, string | number | Date | null, 'date' | 'severity' | 'section' | 'warning' | null];

/** Whether the role graph was collected, from where, its coverage and freshness; the direct-roles caveat only without one. */
const getRoleGraphLines = (input: ReportInput): Line[] => {
  const facts = getRoleGraphFacts(input.model);
  if (!facts.collected) return [['Role graph', 'not collected', null], ['Caveat', DIRECT_ROLES_CAVEAT, null]];
  return [
    ['Role graph', facts.source, null],
    ['Role graph read (UTC)', toDateCell(facts.readAt), 'date'],
    ['Role graph size', `${facts.counts?.roles ?? 0} roles, ${facts.counts?.privileges ?? 0} privileges, ${facts.counts?.edges ?? 0} edges`, null],
    ['Role graph coverage', facts.coverage, facts.unresolved.length === 0 ? null : 'warning'],
    ...(facts.unresolved.length === 0 ? [] : [['Unresolved role codes', facts.unresolved.join(', '), null] as Line]),
    ...facts.problems.map((problem): Line => ['Role graph problem', problem, 'warning']),
    ['Caveat', GRAPH_FRESHNESS_CAVEAT, null],
  ];
};

const getLines = (input: ReportInput): Line[] => {
  const { document, record, model, snapshotManifest } = input;
  const open = document.findings.filter((f) => f.status === 'open');
  const counts = getSeverityCounts(open);
  const lines: Line[] = [
    ['Tenant', document.tenant, null],
    ['Base URL', model.tenant.baseUrl, null],
    ['Run id', record.runId, null],
    ['Report generated (UTC)', toDateCell(document.generatedAt), 'date'],
    ['Collection started (UTC)', toDateCell(model.startedAt), 'date'],
    ['Collection finished (UTC)', toDateCell(model.finishedAt), 'date'],
    ['Tool', `${document.tool.name} ${document.tool.version}`, null],
    ['Policy pack SHA-256', record.policyPackHash, null],
    ['Snapshot manifest SHA-256', record.snapshot.manifestSha256, null],
    ['Fail-on threshold', record.failOn, null],
    ['Completeness', document.complete ? 'COMPLETE' : 'INCOMPLETE: findings may be missing', document.complete ? null : 'warning'],
    ...model.incompleteReasons.map((reason): Line => ['Incomplete because', reason, 'warning']),
    ['Scope', null, 'section'],
    ['Accounts', model.accounts.length, null],
    ['Role assignments', getRoleRowCount(model), null],
    ['Roles in catalogue', model.roles.length, null],
    ['Integrations', model.integrations.length, null],
    ['Probes', model.probes.length, null],
    ...getRoleGraphLines(input),
    ...getServiceCounts(model).map(({ title, accounts, active }): Line => [`${title} accounts`, `${accounts} (${active} active)`, null]),
    ...model.sources.map((s): Line => [`Source ${s.source}`, `${s.complete ? 'complete' : 'INCOMPLETE'}: ${toCountText(s.items, 'item')}, ${toCountText(s.pages, 'page')}, ${toCountText(s.requests, 'request')}, ${toCountText(s.retries, 'retry', 'retries')}, ${s.throttled} throttled, ${toCountText(s.errors, 'error')}${s.problem === null ? '' : ` (${s.problem})`}`, s.complete ? null : 'warning']),
    ['Snapshot tool', `${snapshotManifest.tool.name} ${snapshotManifest.tool.version}`, null],
    ['Open findings by severity', null, 'section'],
    ...SEVERITIES.map((severity): Line => [severity, counts[severity], 'severity']),
    ['Waived', document.findings.length - open.length, null],
    ['Open findings by rule', null, 'section'],
    ...getRules(input).map((rule): Line => [rule.id, open.filter((f) => f.ruleId === rule.id).length, null]),
  ];
  return lines;
};

/** Summary: one label/value pair per row, sections as shaded rows. */
export const writeSummarySheet = (workbook: ExcelJS.stream.xlsx.WorkbookWriter, input: ReportInput): void => {
  const sheet = workbook.addWorksheet('Summary', { views: [{ state: 'frozen', ySplit: 1, xSplit: 0 }] });
  sheet.columns = [{ width: 30 }, { width: 110 }];
  const header = sheet.addRow(['Item', 'Value']);
  header.eachCell((cell) => Object.assign(cell, HEADER_STYLE));
  header.commit();
  for (const [label, value, kind] of getLines(input)) {
    const row = sheet.addRow([toCellText(label), typeof value === 'string' ? toCellText(value) : value]);
    const labelCell = row.getCell(1);
    const valueCell = row.getCell(2);
    if (kind === 'date') valueCell.numFmt = DATETIME_FORMAT;
    if (kind === 'section') {
      labelCell.font = { bold: true, size: 12 };
      labelCell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDE4EE' } };
    }
    if (kind === 'severity') Object.assign(labelCell, getSeverityStyle(label as (typeof SEVERITIES)[number]));
    if (kind === 'warning') valueCell.font = { bold: true, color: { argb: 'FFC9302C' } };
    row.commit();
  }
  sheet.commit();
};
