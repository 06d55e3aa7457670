import type ExcelJS from 'exceljs';
import type { Waiver } from '../../evaluate/types.ts';
import { toSubjectLabel } from '../../evaluate/subject.ts';
import type { ReportInput } from '../types.ts';
import { toDateCell } from './cells.ts';
import { createSheetWriter } from './sheet-writer.ts';

/** Every field of a findings.json row, flattened; evidence stays JSON so nothing is lost. */
export const writeFindingsSheet = async (workbook: ExcelJS.stream.xlsx.WorkbookWriter, input: ReportInput, maxRows?: number): Promise<void> => {
  const sheet = createSheetWriter(workbook, 'Findings', [
    { header: 'Severity', width: 10, kind: 'severity' }, { header: 'Status', width: 9 }, { header: 'Baseline', width: 9 },
    { header: 'Rule', width: 30 }, { header: 'Rule version', width: 8 }, { header: 'Username', width: 26 },
    { header: 'Role code', width: 40 }, { header: 'Endpoint', width: 40 }, { header: 'Title', width: 40 },
    { header: 'Message', width: 60, kind: 'wrap' }, { header: 'Evidence (JSON)', width: 50 }, { header: 'Remediation', width: 50 },
    { header: 'References', width: 30 }, { header: 'Waiver justification', width: 36 }, { header: 'Waiver approved by', width: 18 },
    { header: 'Waiver ticket', width: 14 }, { header: 'Waiver expires', width: 13, kind: 'date' }, { header: 'Finding id', width: 20 },
  ], maxRows);
  for (const f of input.document.findings) {
    await sheet.addRow([
      f.severity, f.status, f.baseline, f.ruleId, f.ruleVersion, toSubjectLabel(f), f.roleCode, f.endpoint, f.title, f.message,
      JSON.stringify(f.evidence), f.remediation, f.references.join('\n'), f.waiver?.justification ?? null,
      f.waiver?.approvedBy ?? null, f.waiver?.ticket ?? null, toDateCell(f.waiver?.expires ?? null), f.id,
    ]);
  }
  await sheet.close();
};

export const writeChangesSheet = async (workbook: ExcelJS.stream.xlsx.WorkbookWriter, input: ReportInput, maxRows?: number): Promise<void> => {
  const { changes, document } = input;
  if (changes === null) return;
  const sheet = createSheetWriter(workbook, 'Changes', [
    { header: 'Change', width: 18 }, { header: 'Username', width: 28 }, { header: 'Rule / role / endpoint', width: 48 },
    { header: 'Severity', width: 10, kind: 'severity' }, { header: 'Detail', width: 70 },
  ], maxRows);
  for (const f of document.findings.filter((x) => x.baseline === 'new')) {
    await sheet.addRow(['new finding', toSubjectLabel(f), f.ruleId, f.severity, f.message]);
  }
  for (const f of document.resolved) await sheet.addRow(['resolved finding', toSubjectLabel(f), f.ruleId, f.severity, f.message]);
  for (const username of changes.accountsAdded) await sheet.addRow(['account added', username, null, null, null]);
  for (const username of changes.accountsRemoved) await sheet.addRow(['account removed', username, null, null, null]);
  for (const drift of changes.roles) {
    for (const code of drift.added) await sheet.addRow(['role added', drift.username, code, null, null]);
    for (const code of drift.removed) await sheet.addRow(['role removed', drift.username, code, null, null]);
  }
  for (const drift of changes.probes) {
    const describe = (side: typeof drift.before) => (side === null ? 'absent' : `${side.outcome}${side.totalResults === null ? '' : ` (${side.totalResults})`}`);
    await sheet.addRow(['probe changed', drift.integration, drift.path, null, `${describe(drift.before)} → ${describe(drift.after)}`]);
  }
  await sheet.close();
};

const toWaiverKey = (w: Waiver): string => JSON.stringify([w.ruleId, w.username.toUpperCase(), w.roleCode, w.endpoint, w.expires]);

/** Waivers in use (active; "expiring soon" when flagged), expired and stale (matching nothing). */
export const getWaiverRows = (input: ReportInput): { state: string; waiver: Waiver }[] => {
  const { waivers, findings } = input.document;
  const soon = new Set(waivers.expiringSoon.map(toWaiverKey));
  const seen = new Set<string>();
  const rows: { state: string; waiver: Waiver }[] = [];
  for (const finding of findings) {
    if (finding.waiver === null) continue;
    const key = toWaiverKey(finding.waiver);
    if (seen.has(key)) continue;
    seen.add(key);
    rows.push({ state: soon.has(key) ? 'expiring soon' : 'active', waiver: finding.waiver });
  }
  for (const waiver of waivers.expiringSoon) if (!seen.has(toWaiverKey(waiver))) rows.push({ state: 'expiring soon', waiver });
  for (const waiver of waivers.expired) rows.push({ state: 'expired', waiver });
  for (const waiver of waivers.stale) rows.push({ state: 'stale', waiver });
  return rows;
};

export const writeWaiversSheet = async (workbook: ExcelJS.stream.xlsx.WorkbookWriter, input: ReportInput): Promise<void> => {
  const sheet = createSheetWriter(workbook, 'Waivers', [
    { header: 'State', width: 14 }, { header: 'Rule', width: 30 }, { header: 'Username', width: 26 }, { header: 'Role code', width: 40 },
    { header: 'Endpoint', width: 40 }, { header: 'Justification', width: 50 }, { header: 'Approved by', width: 18 },
    { header: 'Ticket', width: 14 }, { header: 'Expires', width: 12, kind: 'date' },
  ]);
  for (const { state, waiver: w } of getWaiverRows(input)) {
    await sheet.addRow([state, w.ruleId, toSubjectLabel(w), w.roleCode, w.endpoint, w.justification, w.approvedBy, w.ticket, toDateCell(w.expires)]);
  }
  await sheet.close();
};
