import { SEVERITIES, type Severity } from '../evaluate/severity.ts';
import type { Finding, RuleInfo } from '../evaluate/types.ts';
import { SERVICE_IDS, SERVICE_TITLES } from '../model/services.ts';
import type { Account, ServiceId, TenantModel } from '../model/types.ts';
import type { ReportInput } from './types.ts';

/** The agreed default naming pattern for integration users (case-insensitive). */
const INTEGRATION_PATTERN = /^INT_[A-Z0-9]+_[A-Z0-9]+$/i;

/** Integration user: listed under `integrations`, or named like one. */
export const createIntegrationTest = (model: TenantModel): ((username: string) => boolean) => {
  const listed = new Set(model.integrations.map((integration) => integration.username.toUpperCase()));
  return (username) => listed.has(username.toUpperCase()) || INTEGRATION_PATTERN.test(username);
};

export const isPersonAccount = (account: Account): boolean =>
  account.hcm?.personId != null || account.scim?.worker != null;

export const getSeverityCounts = (findings: readonly Finding[]): Record<Severity, number> => {
  const counts = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  for (const finding of findings) counts[finding.severity] += 1;
  return counts;
};

/** Rules in policy order, plus any rule id a finding carries that the record does not list. */
export const getRules = (input: ReportInput): RuleInfo[] => {
  const rules = [...input.record.rules];
  const known = new Set(rules.map((rule) => rule.id));
  for (const finding of [...input.document.findings, ...input.document.resolved]) {
    if (known.has(finding.ruleId)) continue;
    known.add(finding.ruleId);
    rules.push({
      id: finding.ruleId, version: finding.ruleVersion, title: finding.title, severity: finding.severity,
      description: finding.title, remediation: finding.remediation, references: finding.references, source: 'unknown',
    });
  }
  return rules;
};

export const groupByRule = (findings: readonly Finding[]): Map<string, Finding[]> => {
  const groups = new Map<string, Finding[]>();
  for (const finding of findings) {
    const group = groups.get(finding.ruleId) ?? [];
    group.push(finding);
    groups.set(finding.ruleId, group);
  }
  return groups;
};

export const getRoleRowCount = (model: TenantModel): number =>
  model.accounts.reduce((sum, account) => sum + account.roles.length, 0);

/** Evidence as one readable line: `key=value; key=value` (values JSON when not strings). */
export const toEvidenceText = (evidence: Record<string, unknown>): string =>
  Object.keys(evidence).sort().map((key) => {
    const value = evidence[key];
    return `${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`;
  }).join('; ');

/** Oracle's own limit on what this review can see; every auditor-facing report repeats it. */
export const DIRECT_ROLES_CAVEAT = 'HCM REST and SCIM show directly assigned roles only, not roles inherited through custom roles or role hierarchies; '
  + 'reconcile with Oracle\'s User and Role Access Audit Report for inherited and data-security privileges.';

/** Accounts per collected adjacent service (IAMS, CPQ, CX Sales), in the one service order; [] when none was collected. */
export const getServiceCounts = (model: TenantModel): { id: ServiceId; title: string; accounts: number; active: number }[] =>
  SERVICE_IDS.filter((id) => model.sources.some((s) => s.source === id) || model.serviceAccounts.some((a) => a.service === id)).map((id) => {
    const accounts = model.serviceAccounts.filter((a) => a.service === id);
    return { id, title: SERVICE_TITLES[id], accounts: accounts.length, active: accounts.filter((a) => a.active).length };
  });
