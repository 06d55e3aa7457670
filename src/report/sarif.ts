import type { Severity } from '../evaluate/severity.ts';
import type { Finding } from '../evaluate/types.ts';
import { isRoleFinding } from '../evaluate/subject.ts';
import { toJsonText } from '../util/stable-json.ts';
import { getRules } from './facts.ts';
import type { ReportInput } from './types.ts';

const SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

const LEVELS: Record<Severity, 'error' | 'warning' | 'note'> = {
  critical: 'error', high: 'error', medium: 'warning', low: 'note', info: 'note',
};

/** GitHub code scanning reads `security-severity` (0–10) to rank security results. */
const SECURITY_SEVERITY: Record<Severity, string> = { critical: '9.5', high: '8.0', medium: '5.5', low: '3.0', info: '0.0' };

/** Users, roles and endpoints are not files: they become logical locations. A role finding sits on the role alone. */
const toLogicalLocations = (finding: Finding) => isRoleFinding(finding) ? [
  { name: finding.roleCode as string, fullyQualifiedName: `role/${finding.roleCode as string}`, kind: 'role' },
] : [
  { name: finding.username, fullyQualifiedName: `user/${finding.username}`, kind: 'user' },
  ...(finding.roleCode === null ? [] : [{ name: finding.roleCode, fullyQualifiedName: `user/${finding.username}/role/${finding.roleCode}`, kind: 'role' }]),
  ...(finding.endpoint === null ? [] : [{ name: finding.endpoint, fullyQualifiedName: `user/${finding.username}/endpoint/${finding.endpoint}`, kind: 'endpoint' }]),
];

const toResult = (finding: Finding, ruleIndex: Map<string, number>) => ({
  ruleId: finding.ruleId,
  ruleIndex: ruleIndex.get(finding.ruleId) ?? -1,
  level: LEVELS[finding.severity],
  message: { text: finding.message },
  locations: [{ logicalLocations: toLogicalLocations(finding) }],
  partialFingerprints: { 'findingId/v1': finding.id },
  ...(finding.baseline === null ? {} : { baselineState: finding.baseline === 'new' ? 'new' : 'unchanged' }),
  ...(finding.waiver === null ? {} : {
    suppressions: [{
      kind: 'external',
      status: 'accepted',
      justification: `${finding.waiver.justification} (approved by ${finding.waiver.approvedBy}, expires ${finding.waiver.expires}${finding.waiver.ticket === null ? '' : `, ticket ${finding.waiver.ticket}`})${finding.waiver.mitigatingControl === null ? '' : `; mitigating control: ${finding.waiver.mitigatingControl}`}`,
    }],
  }),
  properties: { severity: finding.severity, status: finding.status, username: finding.username, roleCode: finding.roleCode, endpoint: finding.endpoint, evidence: finding.evidence },
});

/** results.sarif: SARIF 2.1.0, one reportingDescriptor per policy rule. */
export const toSarif = (input: ReportInput): string => {
  const { document, record } = input;
  const rules = getRules(input);
  const ruleIndex = new Map(rules.map((rule, index) => [rule.id, index]));
  const log = {
    $schema: SCHEMA,
    version: '2.1.0',
    runs: [{
      tool: {
        driver: {
          name: document.tool.name,
          version: document.tool.version,
          informationUri: 'https://github.com/fusion-access-audit/fusion-access-audit',
          rules: rules.map((rule) => ({
            id: rule.id,
            name: rule.id.replace(/(^|-)([a-z0-9])/g, (_m: string, _d: string, c: string) => c.toUpperCase()),
            shortDescription: { text: rule.title },
            fullDescription: { text: rule.description },
            help: { text: `${rule.remediation}${rule.references.length > 0 ? `\nReferences: ${rule.references.join(', ')}` : ''}` },
            defaultConfiguration: { level: LEVELS[rule.severity] },
            properties: { tags: ['security', 'access-control'], 'security-severity': SECURITY_SEVERITY[rule.severity], severity: rule.severity, version: rule.version, source: rule.source, references: rule.references },
          })),
        },
      },
      automationDetails: { id: `fusion-access-audit/${record.tenant}/${record.runId}` },
      invocations: [{ executionSuccessful: document.complete, ...(document.complete ? {} : { toolExecutionNotifications: input.model.incompleteReasons.map((reason) => ({ level: 'error', message: { text: `INCOMPLETE: ${reason}` } })) }) }],
      results: document.findings.map((finding) => toResult(finding, ruleIndex)),
      properties: { tenant: document.tenant, generatedAt: document.generatedAt, complete: document.complete, policyPackHash: record.policyPackHash, snapshotSha256: record.snapshot.manifestSha256 },
    }],
  };
  return toJsonText(log);
};
