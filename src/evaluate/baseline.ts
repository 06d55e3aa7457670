import type { ProbeResult, TenantModel } from '../model/types.ts';
import { createCauseAssigner, groupByCause } from './causes.ts';
import { diffRoleContent } from './role-content.ts';
import type { ChangesDocument, Finding, FindingsDocument, ProbeDrift, RoleDrift } from './types.ts';

export interface BaselineInput {
  findings: FindingsDocument;
  /** The baseline run's snapshot; null when it could not be read (no role or probe drift then). */
  model: TenantModel | null;
  /** Shown in changes.json so a reader knows what was compared. */
  path: string;
  /** Rule ids and versions of the baseline run (its evaluation.json); null or absent when unknown. */
  rules?: readonly { id: string; version: number }[] | null;
}

const byCode = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Marks each finding new or existing against the baseline run, by stable id. */
const markBaseline = (findings: Finding[], baseline: BaselineInput): { findings: Finding[]; resolved: Finding[] } => {
  const before = new Set(baseline.findings.findings.map((finding) => finding.id));
  const now = new Set(findings.map((finding) => finding.id));
  return {
    findings: findings.map((finding) => ({ ...finding, baseline: before.has(finding.id) ? 'existing' as const : 'new' as const })),
    resolved: baseline.findings.findings.filter((finding) => !now.has(finding.id)),
  };
};

const getRoleDrift = (current: TenantModel, previous: TenantModel): { roles: RoleDrift[]; added: string[]; removed: string[] } => {
  const old = new Map(previous.accounts.map((account) => [account.key, account]));
  const roles: RoleDrift[] = [];
  const added: string[] = [];
  for (const account of current.accounts) {
    const before = old.get(account.key);
    old.delete(account.key);
    if (before === undefined) {
      added.push(account.username);
      continue;
    }
    const was = new Set(before.roles.map((role) => role.code));
    const is = new Set(account.roles.map((role) => role.code));
    const gained = [...is].filter((code) => !was.has(code)).sort(byCode);
    const lost = [...was].filter((code) => !is.has(code)).sort(byCode);
    if (gained.length > 0 || lost.length > 0) roles.push({ username: account.username, added: gained, removed: lost });
  }
  const removed = [...old.values()].map((account) => account.username);
  return { roles, added: added.sort(byCode), removed: removed.sort(byCode) };
};

const toProbeKey = (probe: ProbeResult): string => `${probe.integration.toUpperCase()}|${probe.path}`;
const toProbeState = (probe: ProbeResult | undefined): ProbeDrift['before'] =>
  probe === undefined ? null : { outcome: probe.outcome, totalResults: probe.totalResults };

/** Per probe (integration × path): outcome or totalResults changes, appearances and disappearances. */
const getProbeDrift = (current: TenantModel, previous: TenantModel): ProbeDrift[] => {
  const before = new Map(previous.probes.map((probe) => [toProbeKey(probe), probe]));
  const after = new Map(current.probes.map((probe) => [toProbeKey(probe), probe]));
  const keys = [...new Set([...before.keys(), ...after.keys()])].sort(byCode);
  const drift: ProbeDrift[] = [];
  for (const key of keys) {
    const was = before.get(key);
    const is = after.get(key);
    if (was !== undefined && is !== undefined && was.outcome === is.outcome && was.totalResults === is.totalResults) continue;
    const probe = (is ?? was) as ProbeResult;
    drift.push({ integration: probe.integration, path: probe.path, before: toProbeState(was), after: toProbeState(is) });
  }
  return drift;
};

/**
 * Compares findings with a baseline run: new or existing by stable id, the cause of each new
 * finding, and changes.json (account, role-assignment, role-content and probe drift). The baseline
 * may be a run of another pod: everything is keyed by username and code, never by Oracle's ids.
 */
export const compareWithBaseline = (findings: Finding[], model: TenantModel, baseline: BaselineInput): { findings: Finding[]; resolved: Finding[]; changes: ChangesDocument } => {
  const previous = baseline.model;
  const drift = previous === null ? { roles: [], added: [], removed: [] } : getRoleDrift(model, previous);
  const probes = previous === null ? [] : getProbeDrift(model, previous);
  const content = previous === null ? { changes: [] } : diffRoleContent(model, previous);
  const assign = createCauseAssigner({
    current: model,
    previous,
    previousRules: baseline.rules === undefined || baseline.rules === null ? null : new Map(baseline.rules.map((rule) => [rule.id, rule.version])),
    roleDrift: drift.roles,
    probeDrift: probes,
    roleContent: content.changes,
  });
  const marked = markBaseline(findings, baseline);
  const withCauses = marked.findings.map((finding) => (finding.baseline === 'new' ? { ...finding, ...assign(finding) } : finding));
  return {
    findings: withCauses,
    resolved: marked.resolved,
    changes: {
      schemaVersion: 1,
      tenant: model.tenant.name,
      baseline: { tenant: baseline.findings.tenant, generatedAt: baseline.findings.generatedAt, path: baseline.path },
      crossPod: baseline.findings.tenant !== model.tenant.name,
      newFindings: withCauses.filter((finding) => finding.baseline === 'new').length,
      existingFindings: withCauses.filter((finding) => finding.baseline === 'existing').length,
      resolvedFindings: marked.resolved.length,
      accountsAdded: drift.added,
      accountsRemoved: drift.removed,
      roles: drift.roles,
      probes,
      roleGraphCompared: previous !== null && previous.roleGraph !== null && model.roleGraph !== null,
      roleContent: content.changes,
      causes: groupByCause(withCauses, content.changes),
    },
  };
};
