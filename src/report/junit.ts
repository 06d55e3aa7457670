import { meetsThreshold, type Severity } from '../evaluate/severity.ts';
import type { Finding } from '../evaluate/types.ts';
import { isRoleFinding } from '../evaluate/subject.ts';
import { getRules, groupByRule, toEvidenceText } from './facts.ts';
import type { ReportInput } from './types.ts';

/** XML 1.0 cannot carry most control characters even escaped, so they become U+FFFD. */
// eslint-disable-next-line no-control-regex
const INVALID_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

export const toXmlText = (value: string): string =>
  value.replace(INVALID_XML, '\uFFFD').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;').replace(/'/g, '&apos;');

const toCaseName = (finding: Finding): string =>
  isRoleFinding(finding)
    ? [`role ${finding.roleCode as string}`, finding.endpoint].filter((part) => part !== null).join(' / ')
    : [finding.username, finding.roleCode, finding.endpoint].filter((part) => part !== null).join(' / ');

const toTestCase = (finding: Finding, suite: string, threshold: Severity): string => {
  const open = `    <testcase classname="${toXmlText(suite)}" name="${toXmlText(toCaseName(finding))}" time="0">`;
  if (finding.status === 'waived') {
    const waiver = finding.waiver;
    const note = waiver === null ? 'waived' : `waived until ${waiver.expires} by ${waiver.approvedBy}: ${waiver.justification}${waiver.mitigatingControl === null ? '' : ` (mitigating control: ${waiver.mitigatingControl})`}`;
    return `${open}\n      <skipped message="${toXmlText(note)}"/>\n    </testcase>`;
  }
  if (!meetsThreshold(finding.severity, threshold)) {
    return `${open}\n      <system-out>${toXmlText(`${finding.severity} (below --fail-on ${threshold}): ${finding.message}`)}</system-out>\n    </testcase>`;
  }
  const body = [finding.message, `severity: ${finding.severity}`, `finding id: ${finding.id}`, `evidence: ${toEvidenceText(finding.evidence)}`, `remediation: ${finding.remediation}`].join('\n');
  return `${open}\n      <failure message="${toXmlText(`${finding.severity}: ${finding.message}`)}" type="${toXmlText(finding.severity)}">${toXmlText(body)}</failure>\n    </testcase>`;
};

/**
 * junit.xml: a testsuite per rule; each open finding at or above the threshold fails, lower
 * ones pass, waived ones are skipped. A rule without findings passes with one clean testcase.
 */
export const toJunit = (input: ReportInput, threshold: Severity = input.record.failOn): string => {
  const groups = groupByRule(input.document.findings);
  const suites = getRules(input).map((rule) => {
    const findings = groups.get(rule.id) ?? [];
    const failures = findings.filter((f) => f.status === 'open' && meetsThreshold(f.severity, threshold)).length;
    const skipped = findings.filter((f) => f.status === 'waived').length;
    const cases = findings.length === 0
      ? [`    <testcase classname="${toXmlText(rule.id)}" name="${toXmlText(`${rule.title}: no findings`)}" time="0"/>`]
      : findings.map((finding) => toTestCase(finding, rule.id, threshold));
    return [
      `  <testsuite name="${toXmlText(rule.id)}" tests="${cases.length}" failures="${failures}" errors="0" skipped="${skipped}" timestamp="${toXmlText(input.document.generatedAt.replace(/Z$/, ''))}" time="0">`,
      `    <properties><property name="runId" value="${toXmlText(input.record.runId)}"/></properties>`,
      ...cases,
      '  </testsuite>',
    ].join('\n');
  });
  const total = input.document.findings.length;
  const failures = input.document.findings.filter((f) => f.status === 'open' && meetsThreshold(f.severity, threshold)).length;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="${toXmlText(`access-audit ${input.document.tenant}`)}" tests="${Math.max(total, 0)}" failures="${failures}" errors="0" time="0">`,
    ...suites,
    '</testsuites>',
    '',
  ].join('\n');
};
