import { compareSeverity, SEVERITIES, type Severity } from '../../evaluate/severity.ts';
import type { Finding } from '../../evaluate/types.ts';
import { isRoleFinding, toSubjectLabel } from '../../evaluate/subject.ts';
import { createIntegrationTest, getRoleRowCount, getServiceCounts, getRules, getSeverityCounts, groupByRule } from '../facts.ts';
import type { ReportInput } from '../types.ts';
import { describeRoleContent, getWaiverRows } from '../xlsx/findings-sheets.ts';
import { getEvidencePath, getRoleGraphFacts, GRAPH_FRESHNESS_CAVEAT } from '../role-graph-facts.ts';
import { toPathText } from '../../model/effective-access.ts';
import { createBarChart, SEVERITY_COLOURS } from './charts.ts';

const MAX_EVIDENCE = 400;

const toUtc = (iso: string): string => {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : `${date.toISOString().slice(0, 19).replace('T', ' ')} UTC`;
};

/** Worst first; the sort is stable, so policy order breaks ties. */
const bySeverity = (a: Finding, b: Finding): number => compareSeverity(a.severity, b.severity);

const getWorst = (findings: readonly Finding[], fallback: Severity): Severity =>
  findings.reduce<Severity>((worst, f) => (compareSeverity(f.severity, worst) < 0 ? f.severity : worst), findings[0]?.severity ?? fallback);

/** `holderCount` → `holder count`: a label an auditor reads. */
const toLabel = (key: string): string => key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/[_-]+/g, ' ').toLowerCase();

const toValueText = (value: unknown): string => {
  const text = typeof value === 'string' ? value : Array.isArray(value) && value.every((item) => typeof item !== 'object') ? value.join(', ') : JSON.stringify(value);
  return text.length > MAX_EVIDENCE ? `${text.slice(0, MAX_EVIDENCE - 1)}…` : text;
};

/** Evidence as labelled fields (sorted by key), each value whole on its own line, not one `key=value` blob. */
export const toEvidenceFields = (evidence: Record<string, unknown>): { label: string; value: string }[] =>
  Object.keys(evidence).sort().map((key) => ({ label: toLabel(key), value: toValueText(evidence[key]) }));

const toRow = (f: Finding) => {
  // A path is drawn as a chain on its own line, so the evidence text leaves it out.
  const path = getEvidencePath(f.evidence);
  const { path: _path, ...rest } = f.evidence;
  const fields = toEvidenceFields(path === null ? f.evidence : rest);
  return {
    severity: f.severity,
    username: toSubjectLabel(f),
    target: f.roleCode ?? f.endpoint ?? '',
    message: f.message,
    path: path === null ? null : toPathText(path),
    evidence: fields.length > 0 ? fields : null,
    status: f.status === 'waived'
      ? `waived until ${f.waiver?.expires ?? '?'}${f.waiver?.mitigatingControl == null ? '' : ` · mitigating control: ${f.waiver.mitigatingControl}`}` : f.baseline === 'new' ? 'open · new' : 'open',
    waived: f.status === 'waived',
  };
};

/** Plain data for the templates: every string here is escaped by Handlebars `{{ }}`. */
export const toViewModel = (input: ReportInput, rowsPerRule: number) => {
  const { document, record, model, changes, snapshotManifest } = input;
  const open = document.findings.filter((f) => f.status === 'open');
  const counts = getSeverityCounts(open);
  const isIntegration = createIntegrationTest(model);
  const rules = getRules(input);
  const groups = groupByRule(document.findings);
  const integrationCount = open.filter((f) => isIntegration(f.username)).length;
  const roleCount = open.filter(isRoleFinding).length;
  return {
    // The PDF's Title metadata carries the run id: `verify` reads it back.
    title: `Oracle Fusion access audit - ${document.tenant} - run ${record.runId}`,
    tenant: document.tenant,
    baseUrl: model.tenant.baseUrl,
    runId: record.runId,
    generatedAt: toUtc(document.generatedAt),
    collectedAt: `${toUtc(model.startedAt)} – ${toUtc(model.finishedAt)}`,
    tool: `${document.tool.name} ${document.tool.version}`,
    policyPackHash: record.policyPackHash,
    snapshotHash: record.snapshot.manifestSha256,
    failOn: record.failOn,
    complete: document.complete,
    incompleteReasons: model.incompleteReasons,
    totals: { open: open.length, waived: document.findings.length - open.length, accounts: model.accounts.length, roleRows: getRoleRowCount(model), integrations: model.integrations.length, probes: model.probes.length, resolved: document.resolved.length },
    severityCards: SEVERITIES.map((severity) => ({ severity, count: counts[severity] })),
    charts: [
      createBarChart('Open findings by severity', SEVERITIES.map((s) => ({ label: s, value: counts[s], colour: SEVERITY_COLOURS[s] ?? '#888' }))),
      createBarChart('Open findings by rule', rules.map((rule) => ({ label: rule.id, value: open.filter((f) => f.ruleId === rule.id).length, colour: SEVERITY_COLOURS[rule.severity] ?? '#888' })).sort((a, b) => b.value - a.value)),
      createBarChart('Integration users vs people', [
        { label: 'integration users', value: integrationCount, colour: '#1f3a5f' },
        { label: 'people and other accounts', value: open.length - integrationCount - roleCount, colour: '#7f9cc0' },
        // Role findings (about a role's definition) are neither; the bar only appears when there are some.
        ...(roleCount === 0 ? [] : [{ label: 'roles', value: roleCount, colour: '#b08d3a' }]),
      ]),
      changes === null
        ? { ...createBarChart('New vs existing (no baseline given)', [{ label: 'open findings', value: open.length, colour: '#7f9cc0' }]) }
        : createBarChart('New vs existing since baseline', [
          { label: 'new', value: open.filter((f) => f.baseline === 'new').length, colour: '#c9302c' },
          { label: 'existing', value: open.filter((f) => f.baseline === 'existing').length, colour: '#7f9cc0' },
          { label: 'resolved', value: document.resolved.length, colour: '#4a8f5a' },
        ]),
    ],
    sources: model.sources.map((s) => ({ ...s, state: s.complete ? 'complete' : 'INCOMPLETE' })),
    services: toServicesView(model),
    roleGraph: ((facts) => ({ ...facts, readAt: facts.readAt === null ? null : toUtc(facts.readAt) }))(getRoleGraphFacts(model)),
    graphFreshnessCaveat: GRAPH_FRESHNESS_CAVEAT,
    policies: record.policies,
    waiversFile: record.waivers,
    snapshotTool: `${snapshotManifest.tool.name} ${snapshotManifest.tool.version}`,
    ruleGroups: rules.map((rule) => {
      const findings = [...(groups.get(rule.id) ?? [])].sort(bySeverity);
      const openFindings = findings.filter((f) => f.status === 'open');
      return {
        ...rule,
        worst: getWorst(openFindings.length > 0 ? openFindings : findings, rule.severity),
        count: findings.length,
        openCount: openFindings.length,
        rows: findings.slice(0, rowsPerRule).map(toRow),
        more: findings.length > rowsPerRule ? findings.length - rowsPerRule : 0,
        shown: Math.min(rowsPerRule, findings.length),
      };
    }).filter((group) => group.count > 0).sort((a, b) => compareSeverity(a.worst, b.worst) || b.openCount - a.openCount),
    // Five rows: with inherited-access paths in the messages, a sixth pushed the cover onto a second page.
    topFindings: [...open].sort(bySeverity).slice(0, 5).map(toRow),
    cleanRules: rules.filter((rule) => !groups.has(rule.id)).map((rule) => rule.id),
    waivers: getWaiverRows(input).map(({ state, waiver }) => ({ state, ...waiver, username: toSubjectLabel(waiver), target: waiver.roleCode ?? waiver.endpoint ?? '' })),
    changes: changes === null ? null : {
      baseline: `${changes.baseline.tenant}, ${toUtc(changes.baseline.generatedAt)}`,
      crossPod: changes.crossPod ? { baseline: changes.baseline.tenant, current: changes.tenant } : null,
      causes: changes.causes.map((group) => ({ ...group, cause: group.cause ?? 'undetermined' })),
      roleContent: changes.roleContent.slice(0, 100).map((change) => ({ role: change.role, changedBy: change.changedBy === 'vendor-update' ? 'vendor update' : 'tenant change', text: describeRoleContent(change) })),
      roleContentMore: Math.max(0, changes.roleContent.length - 100),
      newFindings: changes.newFindings, resolvedFindings: changes.resolvedFindings, existingFindings: changes.existingFindings,
      accountsAdded: changes.accountsAdded.slice(0, 100), accountsAddedMore: Math.max(0, changes.accountsAdded.length - 100),
      accountsRemoved: changes.accountsRemoved.slice(0, 100), accountsRemovedMore: Math.max(0, changes.accountsRemoved.length - 100),
      roles: changes.roles.slice(0, 200), rolesMore: Math.max(0, changes.roles.length - 200),
      resolved: document.resolved.slice(0, 200).map(toRow),
      probes: changes.probes.map((p) => ({ ...p, before: p.before === null ? 'absent' : p.before.outcome, after: p.after === null ? 'absent' : p.after.outcome })),
    },
    rules,
  };
};

/** The adjacent services collected (null when none: the scope section is then unchanged). */
const toServicesView = (model: ReportInput['model']) => {
  const counts = getServiceCounts(model);
  if (counts.length === 0) return null;
  return {
    names: counts.map((count) => count.title).join(' and '),
    scim: counts.some((count) => count.id !== 'cx'),
    cx: counts.some((count) => count.id === 'cx'),
    rows: counts.map(({ title, accounts }) => ({ title, accounts })),
  };
};

export type ViewModel = ReturnType<typeof toViewModel>;
