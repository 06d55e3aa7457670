import { compareSeverity, SEVERITIES } from '../evaluate/severity.ts';
import type { Finding } from '../evaluate/types.ts';
import { toMarkdownText } from '../report/markdown.ts';
import type { RuleCount, TenantRun } from './read.ts';

/** A finding with the tenant it was found in. */
export interface TenantFinding {
  tenant: string;
  finding: Finding;
}

export interface CrossTenantSummary {
  generatedAt: string;
  tool: { name: string; version: string };
  runs: TenantRun[];
  /** Folders named on the command line that failed their checks: named, never summarised. */
  excluded: { dir: string; reason: string }[];
  top: TenantFinding[];
}

export const WORST_RULES = 3;

const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The findings across tenants, worst first: severity, then new since baseline before existing,
 * then tenant, rule, account and id, so the order is stable for the same folders.
 */
export const getTopFindings = (runs: readonly TenantRun[], limit: number): TenantFinding[] =>
  runs
    .flatMap((run) => run.findings.map((finding) => ({ tenant: run.tenant, finding })))
    .sort((a, b) => compareSeverity(a.finding.severity, b.finding.severity)
      || Number(b.finding.baseline === 'new') - Number(a.finding.baseline === 'new')
      || compareText(a.tenant, b.tenant) || compareText(a.finding.ruleId, b.finding.ruleId)
      || compareText(a.finding.username, b.finding.username) || compareText(a.finding.id, b.finding.id))
    .slice(0, limit);

/** Tenants in a stable order: by name, then run id. */
export const sortRuns = (runs: readonly TenantRun[]): TenantRun[] =>
  [...runs].sort((a, b) => compareText(a.tenant, b.tenant) || compareText(a.runId, b.runId));

export const toRuleText = (rules: readonly RuleCount[]): string =>
  rules.slice(0, WORST_RULES).map((rule) => `${rule.ruleId} ×${rule.count} (worst ${rule.severity})`).join('; ');

export const toCompleteness = (run: TenantRun): string =>
  run.complete ? 'complete' : `INCOMPLETE${run.incompleteReasons.length > 0 ? ` (${run.incompleteReasons.length} reason${run.incompleteReasons.length === 1 ? '' : 's'})` : ''}`;

/** summary.md across tenants: a row per tenant, then the top findings of all of them. */
export const toSummaryMarkdown = (summary: CrossTenantSummary): string => {
  const lines = ['## Fusion access audit: all tenants', '', `${summary.runs.length} tenant run${summary.runs.length === 1 ? '' : 's'} · generated ${summary.generatedAt} · tool ${summary.tool.version}`, ''];
  if (summary.excluded.length > 0) {
    lines.push('> [!WARNING]', `> **${summary.excluded.length} run folder${summary.excluded.length === 1 ? '' : 's'} excluded** (failed verification or could not be read):`);
    for (const entry of summary.excluded) lines.push(`> - ${toMarkdownText(entry.dir)}: ${toMarkdownText(entry.reason)}`);
    lines.push('');
  }
  if (summary.runs.some((run) => !run.complete)) {
    lines.push('> [!WARNING]', '> A tenant marked **INCOMPLETE** was not fully collected: its findings may be missing.', '');
  }
  lines.push(`| tenant | completeness | accounts | ${SEVERITIES.join(' | ')} | waived | new since baseline | worst rules | run |`);
  lines.push(`|---|---|---:|${SEVERITIES.map(() => '---:').join('|')}|---:|---:|---|---|`);
  for (const run of summary.runs) {
    lines.push(`| ${toMarkdownText(run.tenant)} | ${toCompleteness(run)} | ${run.accounts ?? ''} | ${SEVERITIES.map((s) => run.open[s]).join(' | ')} | ${run.waived} | ${run.newSinceBaseline ?? 'no baseline'} | ${toMarkdownText(toRuleText(run.rules))} | \`${run.runId}\` |`);
  }
  lines.push('');
  const total = summary.runs.reduce((sum, run) => sum + run.findings.length, 0);
  lines.push(`### Top findings across tenants (${summary.top.length} of ${total} open)`, '');
  if (summary.top.length === 0) lines.push('No open findings.');
  else {
    lines.push('| tenant | severity | rule | account | role / endpoint | finding | baseline |', '|---|---|---|---|---|---|---|');
    for (const { tenant, finding } of summary.top) {
      lines.push(`| ${toMarkdownText(tenant)} | ${finding.severity} | \`${finding.ruleId}\` | ${toMarkdownText(finding.username)} | ${toMarkdownText(finding.roleCode ?? finding.endpoint ?? '')} | ${toMarkdownText(finding.message)} | ${finding.baseline ?? ''} |`);
    }
  }
  return `${lines.join('\n')}\n`;
};
