import { indexRoleGraph } from '../model/effective-access.ts';
import type { Account, TenantModel } from '../model/types.ts';
import { compareSeverity } from './severity.ts';
import type { CauseGroup, Finding, FindingCause, ProbeDrift, RoleContentChange, RoleDrift } from './types.ts';

/**
 * Why each new finding is new (pure). The order of the tests is the order of responsibility:
 *  1. policy        the rule is new in the pack, or its version changed;
 *  2. account       the account is new (not in the baseline snapshot);
 *  3. probe         the finding is about an endpoint whose probe answered differently;
 *  4. assignment    a role the finding's evidence starts from was newly assigned to the account;
 *  5. role-content  a role on the finding's evidence paths (or held by the account) changed content;
 * then, when the evidence names no role, any role the account gained (assignment), any held role
 * that changed (role-content), and the account's own facts (active, person record: account).
 * Nothing left explains it: cause null (shown as "cause not determined").
 */

export interface CauseContext {
  current: TenantModel;
  previous: TenantModel | null;
  /** Rule versions of the baseline run (evaluation.json), null when unknown. */
  previousRules: ReadonlyMap<string, number> | null;
  roleDrift: readonly RoleDrift[];
  probeDrift: readonly ProbeDrift[];
  roleContent: readonly RoleContentChange[];
}

const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Every `path` (an array of codes) anywhere in the evidence, a few levels deep. */
const collectPaths = (value: unknown, depth = 0, out: string[][] = []): string[][] => {
  if (depth > 3 || typeof value !== 'object' || value === null) return out;
  if (Array.isArray(value)) {
    for (const item of value) collectPaths(item, depth + 1, out);
    return out;
  }
  for (const [key, item] of Object.entries(value)) {
    if (key === 'path' && Array.isArray(item) && item.every((code) => typeof code === 'string')) out.push(item.map((code: string) => code.toUpperCase()));
    else collectPaths(item, depth + 1, out);
  }
  return out;
};

const sameFacts = (a: Account, b: Account): boolean =>
  (a.hcm?.suspended ?? null) === (b.hcm?.suspended ?? null) && (a.scim?.active ?? null) === (b.scim?.active ?? null)
  && (a.hcm?.personId ?? null) === (b.hcm?.personId ?? null) && (a.scim?.worker === null) === (b.scim?.worker === null)
  && a.sources.join() === b.sources.join();

export const createCauseAssigner = (context: CauseContext): ((finding: Finding) => { cause: FindingCause | null; causeDetail: string | null }) => {
  const { current, previous } = context;
  const accounts = new Map(current.accounts.map((account) => [account.key, account]));
  const before = new Map((previous?.accounts ?? []).map((account) => [account.key, account]));
  const gained = new Map(context.roleDrift.map((drift) => [drift.username.toUpperCase(), drift.added.map((code) => code.toUpperCase())]));
  const probes = new Set(context.probeDrift.map((drift) => `${drift.integration.toUpperCase()}|${drift.path}`));
  const changed = new Set(context.roleContent.map((change) => change.role.toUpperCase()));
  const graph = current.roleGraph === null ? null : indexRoleGraph(current.roleGraph);
  const result = (cause: FindingCause | null, causeDetail: string | null) => ({ cause, causeDetail });
  return (finding) => {
    if (context.previousRules !== null) {
      const version = context.previousRules.get(finding.ruleId);
      if (version === undefined) return result('policy', `new rule ${finding.ruleId} v${finding.ruleVersion}`);
      if (version !== finding.ruleVersion) return result('policy', `${finding.ruleId} v${version} → v${finding.ruleVersion}`);
    }
    if (previous === null) return result(null, null);
    const paths = collectPaths(finding.evidence);
    const onPaths = [...new Set(paths.flatMap((path) => path))];
    const key = finding.username.toUpperCase();
    const account = accounts.get(key);
    if (account === undefined) {
      // A finding about a role (or a name that is not an account): only its content can explain it.
      const role = onPaths.find((code) => changed.has(code)) ?? (finding.roleCode !== null && changed.has(finding.roleCode.toUpperCase()) ? finding.roleCode : undefined);
      return role === undefined ? result(null, null) : result('role-content', role);
    }
    const was = before.get(key);
    if (was === undefined) return result('account', 'new account');
    if (finding.endpoint !== null && probes.has(`${key}|${finding.endpoint}`)) return result('probe', finding.endpoint);
    const gainedRoles = gained.get(key) ?? [];
    const roots = new Set(paths.map((path) => path[0] as string));
    if (finding.roleCode !== null) roots.add(finding.roleCode.toUpperCase());
    const assigned = gainedRoles.find((code) => roots.has(code));
    if (assigned !== undefined) return result('assignment', assigned);
    // The changed role closest to what the finding is about (the deepest on its path).
    for (const path of paths) {
      for (let i = path.length - 1; i >= 0; i -= 1) if (changed.has(path[i] as string)) return result('role-content', path[i] as string);
    }
    if (finding.roleCode !== null && changed.has(finding.roleCode.toUpperCase())) return result('role-content', finding.roleCode);
    if (gainedRoles.length > 0) return result('assignment', gainedRoles[0] as string);
    if (graph !== null && changed.size > 0 && account.roles.length > 0) {
      const held = graph.accessOf(account.roles.map((role) => role.code)).roles;
      const role = [...changed].sort(compareText).find((code) => held.has(code));
      if (role !== undefined) return result('role-content', role);
    }
    if (finding.endpoint === null && [...probes].some((probe) => probe.startsWith(`${key}|`))) return result('probe', null);
    if (!sameFacts(account, was)) return result('account', 'account status or person record changed');
    return result(null, null);
  };
};

const describeContent = (change: RoleContentChange | undefined, role: string): string => {
  if (change === undefined) return `${role} changed content`;
  const who = change.changedBy === 'vendor-update' ? 'Oracle\'s update' : 'A tenant change';
  const parts = [
    change.added.length > 0 ? `added ${change.added.map((ref) => ref.code).join(', ')} to` : null,
    change.removed.length > 0 ? `${change.added.length > 0 ? 'and removed ' : 'removed '}${change.removed.map((ref) => ref.code).join(', ')} from` : null,
  ].filter((part) => part !== null);
  const seeded = change.seeded ? 'seeded role' : 'custom role';
  return `${who} ${parts.join(' ')} the ${seeded} ${change.role}${change.name === null ? '' : ` (${change.name})`}`;
};

const plural = (count: number, word: string): string => `${count} ${word}${count === 1 ? '' : 's'}`;

const toSummary = (cause: FindingCause | null, detail: string | null, title: string, findings: Finding[], roleContent: ReadonlyMap<string, RoleContentChange>): string => {
  const roleLevel = findings.every((finding) => finding.username === '');
  const who = roleLevel ? plural(findings.length, 'role') : plural(findings.length, 'account');
  switch (cause) {
    case 'role-content':
      return `${describeContent(detail === null ? undefined : roleContent.get(detail.toUpperCase()), detail ?? '?')}: ${who} now ${findings.length === 1 ? 'has' : 'have'} “${title}”`;
    case 'assignment':
      return `${who} newly assigned ${detail ?? 'a role'}: “${title}”`;
    case 'account':
      return detail === 'new account' ? `${plural(findings.length, 'new account')}: “${title}”` : `${who} whose status or person record changed: “${title}”`;
    case 'policy':
      return `Rule new or changed (${detail ?? '?'}): ${plural(findings.length, 'new finding')} of “${title}”`;
    case 'probe':
      return `Probe answered differently${detail === null ? '' : ` for ${detail}`}: ${who}, “${title}”`;
    default:
      return `Cause not determined: ${who}, “${title}”`;
  }
};

const CAUSE_ORDER: (FindingCause | null)[] = ['role-content', 'assignment', 'account', 'policy', 'probe', null];

/** New findings grouped by cause, detail, rule and finding level (account or role): one line each, causes in a fixed order, then larger groups first. */
export const groupByCause = (findings: readonly Finding[], roleContent: readonly RoleContentChange[]): CauseGroup[] => {
  const changes = new Map(roleContent.map((change) => [change.role.toUpperCase(), change]));
  const groups = new Map<string, Finding[]>();
  for (const finding of findings) {
    if (finding.baseline !== 'new') continue;
    // Role-level findings (about a role, not an account) never share a line with account findings.
    const key = JSON.stringify([finding.cause, finding.causeDetail, finding.ruleId, finding.username === '']);
    const list = groups.get(key);
    if (list === undefined) groups.set(key, [finding]);
    else list.push(finding);
  }
  return [...groups.values()].map((list): CauseGroup => {
    const first = list[0] as Finding;
    const severity = list.reduce((worst, finding) => (compareSeverity(finding.severity, worst) < 0 ? finding.severity : worst), first.severity);
    return {
      cause: first.cause, detail: first.causeDetail, ruleId: first.ruleId, title: first.title, severity, count: list.length,
      summary: toSummary(first.cause, first.causeDetail, first.title, list, changes),
    };
  }).sort((a, b) => CAUSE_ORDER.indexOf(a.cause) - CAUSE_ORDER.indexOf(b.cause) || b.count - a.count
    || compareText(a.detail ?? '', b.detail ?? '') || compareText(a.ruleId, b.ruleId));
};
