import { compareSeverity, SEVERITIES } from '../evaluate/severity.ts';
import type { ChangeReach, Finding, RoleMemberRef } from '../evaluate/types.ts';
import { toReachText } from './reach-text.ts';
import { toCountText } from '../util/plural.ts';
import { toSubjectLabel } from '../evaluate/subject.ts';
import { getRules, getSeverityCounts } from './facts.ts';
import type { ReportInput } from './types.ts';

/** GitHub rejects step summaries over 1 MiB; stay well below so other steps can add theirs. */
const MAX_BYTES = 900 * 1024;
const TOP_FINDINGS = 50;

/**
 * Tenant text goes into a table cell: neutralise everything markdown or HTML would act on, so
 * a display name cannot add links, images, mentions or break the table. Markdown punctuation
 * gets a backslash (so the raw file stays readable in a CI log); HTML characters, `@` (mentions)
 * and `|` (so a cell can never be split) become character references.
 */
export const toMarkdownText = (value: string): string =>
  value
    .replace(/[\r\n\t]+/g, ' ')
    .replace(/[\\`*_{}[\]()#+!~:=|<>&@]/g, (char) => ('|<>&@'.includes(char) ? `&#${char.charCodeAt(0)};` : `\\${char}`));

const toRow = (finding: Finding, withBaseline = true): string =>
  `| ${finding.severity} | \`${finding.ruleId}\` | ${toMarkdownText(toSubjectLabel(finding))} | ${toMarkdownText(finding.roleCode ?? finding.endpoint ?? '')} | ${toMarkdownText(finding.message)} |${withBaseline ? ` ${finding.baseline ?? ''} |` : ''}`;

interface RuleRow {
  id: string;
  /** The severities the rule's open findings have, worst first, with counts when mixed: `critical 1, high 2`. */
  severities: string;
  count: number;
  worst: number;
}

/** One row per rule with open findings, sorted by worst severity, then by count, then id. */
const toRuleRows = (rules: readonly { id: string; findings: readonly Finding[] }[]): RuleRow[] =>
  rules.filter((rule) => rule.findings.length > 0).map(({ id, findings }) => {
    const counts = getSeverityCounts(findings);
    const present = SEVERITIES.filter((severity) => counts[severity] > 0);
    return {
      id,
      severities: present.length === 1 ? (present[0] ?? '') : present.map((severity) => `${severity} ${counts[severity]}`).join(', '),
      count: findings.length,
      worst: SEVERITIES.indexOf(present[0] ?? 'info'),
    };
  }).sort((a, b) => a.worst - b.worst || b.count - a.count || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

const CAUSE_LINES = 10;

/** New findings by cause, one line per group (the rest stay in the workbook's Changes sheet). */
const toCauseLines = (changes: NonNullable<ReportInput['changes']>): string[] => {
  if (changes.causes.length === 0) return [];
  const shown = changes.causes.slice(0, CAUSE_LINES).map((group) => `- **${group.cause ?? 'undetermined'}** (${group.severity}): ${toMarkdownText(group.summary)}`);
  const more = changes.causes.length > CAUSE_LINES ? [`- _and ${changes.causes.length - CAUSE_LINES} more groups in the workbook's Changes sheet_`] : [];
  return [...shown, ...more, ''];
};

const CHANGED_ROLE_ROWS = 50;

/** The gate's change: what it changes and how many accounts it reaches, with one row per changed role. */
const toChangeLines = (change: ChangeReach): string[] => {
  const { assignments } = change;
  const lines = [
    `**Change** ${toMarkdownText(change.file)}: ${toCountText(assignments.added, 'role assignment')} added, ${assignments.removed} removed; ${toCountText(change.roles.length, 'role definition')} changed. `
    + `It ${toMarkdownText(toReachText(change))}.`,
    '',
  ];
  if (change.roles.length === 0) return lines;
  const refs = (list: readonly RoleMemberRef[]): string => list.map((ref) => toMarkdownText(ref.code)).join(', ');
  lines.push('| changed role | members added | members removed | holders (directly or inherited) |', '|---|---|---|---:|');
  for (const role of change.roles.slice(0, CHANGED_ROLE_ROWS)) lines.push(`| ${toMarkdownText(role.role)} | ${refs(role.added)} | ${refs(role.removed)} | ${role.holders} |`);
  if (change.roles.length > CHANGED_ROLE_ROWS) lines.push('', `_Showing ${CHANGED_ROLE_ROWS} of ${change.roles.length} changed roles; all are in findings.json (change.roles)._`);
  return [...lines, ''];
};

/** summary.md: fits a pull-request comment or $GITHUB_STEP_SUMMARY. */
export const toMarkdown = (input: ReportInput): string => {
  const { document, changes, record, model } = input;
  const open = document.findings.filter((f) => f.status === 'open');
  const counts = getSeverityCounts(open);
  const lines: string[] = [`## Fusion access audit: ${toMarkdownText(document.tenant)}`, ''];
  if (!document.complete) {
    lines.push('> [!WARNING]', '> **INCOMPLETE**: collection did not finish, so findings may be missing.');
    for (const reason of model.incompleteReasons) lines.push(`> - ${toMarkdownText(reason)}`);
    lines.push('');
  }
  lines.push(`Run \`${record.runId}\` at ${document.generatedAt} · ${model.accounts.length} accounts · tool ${document.tool.version}`, '');
  lines.push(`| ${SEVERITIES.join(' | ')} | waived |`, `|${SEVERITIES.map(() => '---:').join('|')}|---:|`);
  lines.push(`| ${SEVERITIES.map((s) => counts[s]).join(' | ')} | ${document.findings.length - open.length} |`, '');
  if (document.change !== undefined) lines.push(...toChangeLines(document.change));
  if (changes !== null) {
    lines.push(`**Since baseline** (${toMarkdownText(changes.baseline.generatedAt)}): ${changes.newFindings} new, ${changes.resolvedFindings} resolved, ${changes.existingFindings} still open; ${changes.accountsAdded.length} accounts added, ${changes.accountsRemoved.length} removed.`, '');
    lines.push(...toCauseLines(changes));
  }
  const byRule = toRuleRows(getRules(input).map((rule) => ({ id: rule.id, findings: open.filter((f) => f.ruleId === rule.id) })));
  if (byRule.length > 0) {
    lines.push('| rule | severity | open |', '|---|---|---:|', ...byRule.map((row) => `| \`${row.id}\` | ${row.severities} | ${row.count} |`), '');
  }
  const top = [...open].sort((a, b) => compareSeverity(a.severity, b.severity) || (a.baseline === 'new' ? -1 : 0) - (b.baseline === 'new' ? -1 : 0));
  if (top.length > 0) {
    lines.push(`### Top findings`, '', '| severity | rule | user | role / endpoint | finding | baseline |', '|---|---|---|---|---|---|');
    let bytes = Buffer.byteLength(lines.join('\n'));
    let shown = 0;
    for (const finding of top.slice(0, TOP_FINDINGS)) {
      const row = toRow(finding);
      bytes += Buffer.byteLength(row) + 1;
      if (bytes > MAX_BYTES) break;
      lines.push(row);
      shown += 1;
    }
    if (shown < top.length) lines.push('', `_Showing ${shown} of ${top.length} open findings; the full list is in access-audit.xlsx and findings.json._`);
    lines.push('');
  } else {
    lines.push('No open findings.', '');
  }
  if (document.resolved.length > 0) {
    lines.push(`### Resolved (${document.resolved.length})`, '', '| severity | rule | user | role / endpoint | finding |', '|---|---|---|---|---|');
    const resolved = [...document.resolved].sort((a, b) => compareSeverity(a.severity, b.severity));
    for (const finding of resolved.slice(0, TOP_FINDINGS)) lines.push(toRow(finding, false));
    if (resolved.length > TOP_FINDINGS) lines.push('', `_Showing ${TOP_FINDINGS} of ${resolved.length} resolved findings; the full list is in findings.json._`);
    lines.push('');
  }
  return `${lines.join('\n')}\n`;
};
