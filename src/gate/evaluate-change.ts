import { evaluateTenant, getSummary } from '../evaluate/engine.ts';
import type { IdentitySettings, LoadedRule } from '../evaluate/rule-types.ts';
import type { ChangeReach, ChangesDocument, FindingsDocument, RoleMemberRef, Waiver } from '../evaluate/types.ts';
import { indexRoleGraph } from '../model/effective-access.ts';
import { computeCoverage } from '../model/role-graph.ts';
import { createRoleHolders } from '../model/role-holders.ts';
import type { TenantModel } from '../model/types.ts';
import { applyRoleChanges } from './apply-change.ts';
import { applyRoleMemberChanges } from './apply-role-members.ts';
import type { ChangeSet } from './change-file.ts';

export interface GateInput {
  model: TenantModel;
  changes: ChangeSet;
  changeFile: string;
  rules: LoadedRule[];
  identity: IdentitySettings;
  waivers: Waiver[];
  asOf: string;
  tool: { name: string; version: string };
  /** The change creates roles the snapshot does not know (--allow-new-roles). */
  allowNewRoles?: boolean;
}

export interface GateResult {
  /** Only the findings the change introduces (`findings`, baseline `new`) or resolves (`resolved`); `change` says whom it reaches. */
  document: FindingsDocument;
  /** Role drift and role content = the applied change, as the renderers show it. */
  drift: ChangesDocument | null;
  model: TenantModel;
  problems: string[];
}

/**
 * The snapshot with the change applied (pure): role-membership changes first (the graph), then
 * the assignments, which may grant a role the same change creates. Everything derived from the
 * graph is rebuilt for the changed one: the coverage here, and the graph index, which every
 * evaluation builds from `model.roleGraph` itself.
 */
export const applyChangeSet = (model: TenantModel, changes: ChangeSet, file: string, options: { allowNewRoles?: boolean } = {}): { model: TenantModel; problems: string[] } => {
  const members = applyRoleMemberChanges(model.roleGraph, changes.roleMembers, file, options);
  const withGraph: TenantModel = members.graph === model.roleGraph ? model : { ...model, roleGraph: members.graph };
  const assigned = applyRoleChanges(withGraph, changes.assignments, file, options);
  const problems = [...members.problems, ...assigned.problems];
  const graph = assigned.model.roleGraph;
  const changed = graph === model.roleGraph && changes.assignments.length === 0 ? assigned.model : {
    ...assigned.model,
    roleGraphCoverage: graph === null ? null : computeCoverage(graph, assigned.model.accounts.flatMap((account) => account.roles.map((role) => role.code))),
  };
  return { model: changed, problems };
};

const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Who the change reaches: per changed role its holders before or after the change, and all accounts in total (distinct). */
export const getChangeReach = (before: TenantModel, after: TenantModel, changes: ChangeSet, file: string): ChangeReach => {
  const holders = [before, after].map((model) => ({
    model,
    holders: createRoleHolders(model.accounts, model.roleGraph === null ? null : indexRoleGraph(model.roleGraph)),
  }));
  const byRole = new Map<string, { added: RoleMemberRef[]; removed: RoleMemberRef[] }>();
  const roleCodes = new Set((after.roleGraph ?? before.roleGraph)?.roles.map((role) => role.code.toUpperCase()) ?? []);
  const kindOf = (code: string): RoleMemberRef['kind'] => (roleCodes.has(code) ? 'role' : 'privilege');
  for (const change of changes.roleMembers) {
    let entry = byRole.get(change.role);
    if (entry === undefined) byRole.set(change.role, (entry = { added: [], removed: [] }));
    (change.action === 'add' ? entry.added : entry.removed).push({ kind: kindOf(change.member), code: change.member });
  }
  const reachedByRoles = new Set<string>();
  const roles = [...byRole].sort(([a], [b]) => compareText(a, b)).map(([role, { added, removed }]) => {
    const reached = new Set<string>();
    for (const { model, holders: index } of holders) {
      for (const at of index.listEffective(role)) reached.add(model.accounts[at]?.key ?? '');
    }
    for (const key of reached) reachedByRoles.add(key);
    const sort = (refs: RoleMemberRef[]): RoleMemberRef[] => refs.sort((a, b) => compareText(a.kind, b.kind) || compareText(a.code, b.code));
    return { role, added: sort(added), removed: sort(removed), holders: reached.size };
  });
  const assignedKeys = new Set(changes.assignments.map((change) => change.username.toUpperCase()));
  return {
    file,
    assignments: {
      added: changes.assignments.filter((change) => change.action === 'add').length,
      removed: changes.assignments.filter((change) => change.action === 'remove').length,
      accounts: assignedKeys.size,
    },
    roles,
    roleHolders: reachedByRoles.size,
    accounts: new Set([...reachedByRoles, ...assignedKeys]).size,
  };
};

/**
 * What-if evaluation of a proposed change (pure): the snapshot as collected is the baseline, the
 * snapshot with the change applied (role assignments and role definitions) is evaluated against
 * it, and only the difference is kept, so a pull request is judged on what it changes and
 * nothing else: account findings of every holder of a changed role, and role findings (a
 * conflict inside one role, a custom role wrapping a seeded one) of the changed roles.
 */
export const evaluateChange = (input: GateInput): GateResult => {
  const applied = applyChangeSet(input.model, input.changes, input.changeFile, { allowNewRoles: input.allowNewRoles });
  const options = { asOf: input.asOf, waivers: input.waivers, tool: input.tool, identity: input.identity };
  const before = evaluateTenant(input.model, input.rules, options);
  const after = evaluateTenant(applied.model, input.rules, {
    ...options,
    baseline: { findings: before.document, model: input.model, path: input.changeFile },
  });
  const introduced = after.document.findings.filter((finding) => finding.baseline === 'new');
  return {
    document: {
      ...after.document, summary: getSummary(introduced), findings: introduced, change: getChangeReach(input.model, applied.model, input.changes, input.changeFile),
    },
    drift: after.changes,
    model: applied.model,
    problems: applied.problems,
  };
};
