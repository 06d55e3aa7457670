import { indexRoleGraph } from '../model/effective-access.ts';
import type { TenantModel } from '../model/types.ts';
import { compareWithBaseline, type BaselineInput } from './baseline.ts';
import { compareFindings, toFindingId } from './finding-id.ts';
import { createAccountViews, createDefaultIdentitySettings, createServiceAccountViews } from './identity.ts';
import type { AccountView, CheckContext, CheckResult, IdentitySettings, LoadedRule, ServiceAccountView } from './rule-types.ts';
import { isAccountSelected, isNameSelected, isServiceAccountSelected } from './selector.ts';
import { SEVERITIES } from './severity.ts';
import type { ChangesDocument, Finding, FindingsDocument, SeverityCounts, Waiver } from './types.ts';
import { applyWaivers } from './waivers.ts';

export interface EvaluateOptions {
  /** ISO date or date-time the evaluation is "as of": generatedAt, and the day waivers are judged on. */
  asOf: string;
  waivers: Waiver[];
  /** Waivers expiring within this many days are listed as expiring soon (default 30). */
  expiringSoonDays?: number;
  baseline?: BaselineInput;
  tool: { name: string; version: string };
  /** How integration users are recognised (from the policy pack); defaults to the INT_ naming pattern. */
  identity?: IdentitySettings;
}

export interface EvaluateResult {
  document: FindingsDocument;
  changes: ChangesDocument | null;
}

const toFinding = (rule: LoadedRule, result: CheckResult, view: AccountView | undefined): Finding => {
  const roleCode = result.roleCode ?? null;
  const endpoint = result.endpoint ?? null;
  const audit = view?.isAuditUser === true;
  return {
    id: toFindingId(rule.info.id, result.username, roleCode, endpoint),
    ruleId: rule.info.id,
    ruleVersion: rule.info.version,
    severity: result.severity ?? rule.info.severity,
    title: rule.info.title,
    message: audit && !result.message.includes('audit account') ? `${result.message} (the audit account)` : result.message,
    username: view?.account.username ?? result.username,
    roleCode,
    endpoint,
    status: 'open',
    waiver: null,
    baseline: null,
    cause: null,
    causeDetail: null,
    evidence: audit ? { ...result.evidence, auditAccount: true } : result.evidence,
    remediation: result.remediation ?? rule.info.remediation,
    references: rule.info.references,
  };
};

/** Runs every rule; the same finding id twice (e.g. a probe listed twice) is kept once. */
const runRules = (model: TenantModel, rules: LoadedRule[], views: AccountView[], serviceViews: ServiceAccountView[]): Finding[] => {
  const index = new Map(views.map((view) => [view.key, view]));
  const graph = model.roleGraph === null ? null : indexRoleGraph(model.roleGraph);
  const getAccount = (username: string): AccountView | undefined => index.get(username.toUpperCase());
  const byId = new Map<string, Finding>();
  for (const rule of rules) {
    const context: CheckContext = {
      model,
      accounts: views.filter((view) => isAccountSelected(rule.selector, view)),
      getAccount,
      isSelectedName: (username) => isNameSelected(rule.selector, username, getAccount(username)),
      serviceAccounts: serviceViews.filter((view) => isServiceAccountSelected(rule.selector, view)),
      graph,
    };
    for (const result of rule.check.run(context)) {
      const finding = toFinding(rule, result, result.serviceAccount === true ? undefined : getAccount(result.username));
      if (!byId.has(finding.id)) byId.set(finding.id, finding);
    }
  }
  return [...byId.values()];
};

/** Counts open findings only: waived findings are listed but do not count toward the summary or --fail-on. */
export const getSummary = (findings: Finding[]): SeverityCounts => {
  const summary = Object.fromEntries(SEVERITIES.map((severity) => [severity, 0])) as SeverityCounts;
  for (const finding of findings) if (finding.status === 'open') summary[finding.severity] += 1;
  return summary;
};

/** The pure core: model × rules → findings.json (+ changes.json with a baseline). Deterministic. */
export const evaluateTenant = (model: TenantModel, rules: LoadedRule[], options: EvaluateOptions): EvaluateResult => {
  const asOf = new Date(options.asOf);
  if (Number.isNaN(asOf.getTime())) throw new RangeError(`asOf is not a date: ${options.asOf}`);
  const generatedAt = asOf.toISOString();
  const identity = options.identity ?? createDefaultIdentitySettings();
  const views = createAccountViews(model, identity);
  const raw = runRules(model, rules, views, createServiceAccountViews(model, identity)).sort(compareFindings);
  const waived = applyWaivers(raw, options.waivers, generatedAt.slice(0, 10), options.expiringSoonDays ?? 30);
  let findings = waived.findings;
  let resolved: Finding[] = [];
  let changes: ChangesDocument | null = null;
  if (options.baseline !== undefined) {
    const compared = compareWithBaseline(findings, model, options.baseline);
    findings = compared.findings;
    resolved = compared.resolved.sort(compareFindings);
    changes = compared.changes;
  }
  const document: FindingsDocument = {
    schemaVersion: 1,
    tool: { name: options.tool.name, version: options.tool.version },
    tenant: model.tenant.name,
    generatedAt,
    complete: model.complete,
    summary: getSummary(findings),
    findings,
    resolved,
    waivers: { expired: waived.expired, stale: waived.stale, expiringSoon: waived.expiringSoon },
  };
  return { document, changes };
};
