import type ExcelJS from 'exceljs';
import type { RoleContentChange, Waiver } from '../../evaluate/types.ts';
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
    { header: 'Waiver ticket', width: 14 }, { header: 'Waiver expires', width: 13, kind: 'date' },
    { header: 'Mitigating control', width: 36, kind: 'wrap' }, { header: 'Finding id', width: 20 },
  ], maxRows);
  for (const f of input.document.findings) {
    await sheet.addRow([
      f.severity, f.status, f.baseline, f.ruleId, f.ruleVersion, toSubjectLabel(f), f.roleCode, f.endpoint, f.title, f.message,
      JSON.stringify(f.evidence), f.remediation, f.references.join('\n'), f.waiver?.justification ?? null,
      f.waiver?.approvedBy ?? null, f.waiver?.ticket ?? null, toDateCell(f.waiver?.expires ?? null), f.waiver?.mitigatingControl ?? null, f.id,
    ]);
  }
  await sheet.close();
};

export const writeChangesSheet = async (workbook: ExcelJS.stream.xlsx.WorkbookWriter, input: ReportInput, maxRows?: number): Promise<void> => {
  const { changes, document } = input;
  if (changes === null) return;
  const sheet = createSheetWriter(workbook, 'Changes', [
    { header: 'Change', width: 18 }, { header: 'Cause', width: 14 }, { header: 'Username', width: 28 }, { header: 'Rule / role / endpoint', width: 48 },
    { header: 'Severity', width: 10, kind: 'severity' }, { header: 'Count', width: 8 }, { header: 'Detail', width: 90, kind: 'wrap' },
  ], maxRows);
  // One line per cause group first: "Oracle's update added X to Y: 212 accounts now have …".
  for (const group of changes.causes) {
    await sheet.addRow(['new findings', group.cause ?? 'undetermined', null, group.ruleId, group.severity, group.count, group.summary]);
  }
  for (const change of changes.roleContent) {
    await sheet.addRow(['role content', change.changedBy, null, change.role, null, change.holders, describeRoleContent(change)]);
  }
  for (const f of document.findings.filter((x) => x.baseline === 'new')) {
    await sheet.addRow(['new finding', f.cause ?? 'undetermined', toSubjectLabel(f), f.roleCode === null ? f.ruleId : `${f.ruleId} · ${f.roleCode}`, f.severity, null, f.message]);
  }
  for (const f of document.resolved) await sheet.addRow(['resolved finding', null, toSubjectLabel(f), f.ruleId, f.severity, null, f.message]);
  for (const username of changes.accountsAdded) await sheet.addRow(['account added', null, username, null, null, null, null]);
  for (const username of changes.accountsRemoved) await sheet.addRow(['account removed', null, username, null, null, null, null]);
  for (const drift of changes.roles) {
    for (const code of drift.added) await sheet.addRow(['role added', null, drift.username, code, null, null, null]);
    for (const code of drift.removed) await sheet.addRow(['role removed', null, drift.username, code, null, null, null]);
  }
  for (const drift of changes.probes) {
    const describe = (side: typeof drift.before) => (side === null ? 'absent' : `${side.outcome}${side.totalResults === null ? '' : ` (${side.totalResults})`}`);
    await sheet.addRow(['probe changed', null, drift.integration, drift.path, null, null, `${describe(drift.before)} → ${describe(drift.after)}`]);
  }
  await sheet.close();
};

const ACCOUNTS_LISTED = 50;

/** One line for a role whose content changed: what it gained and lost, and who gained privileges through it. */
export const describeRoleContent = (change: RoleContentChange): string => {
  const list = (refs: RoleContentChange['added']) => refs.map((ref) => ref.code).join(', ');
  const grew = change.accountsGained;
  return [
    `${change.seeded ? 'seeded role, changed by the vendor update' : 'custom role, changed in the tenant'}${change.name === null ? '' : ` (${change.name})`}`,
    change.added.length > 0 ? `added ${list(change.added)}` : null,
    change.removed.length > 0 ? `removed ${list(change.removed)}` : null,
    `${change.holders} holder${change.holders === 1 ? '' : 's'}`,
    grew.length > 0 ? `effective privileges grew for ${grew.length}: ${grew.slice(0, ACCOUNTS_LISTED).join(', ')}${grew.length > ACCOUNTS_LISTED ? ` and ${grew.length - ACCOUNTS_LISTED} more` : ''}` : null,
  ].filter((part) => part !== null).join('; ');
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
    { header: 'Ticket', width: 14 }, { header: 'Expires', width: 12, kind: 'date' }, { header: 'Mitigating control', width: 40, kind: 'wrap' },
  ]);
  for (const { state, waiver: w } of getWaiverRows(input)) {
    await sheet.addRow([state, w.ruleId, toSubjectLabel(w), w.roleCode, w.endpoint, w.justification, w.approvedBy, w.ticket, toDateCell(w.expires), w.mitigatingControl]);
  }
  await sheet.close();
};
