import type { IdentitySettings } from '../evaluate/rule-types.ts';
import { createAccountViews } from '../evaluate/identity.ts';
import type { Finding } from '../evaluate/types.ts';
import type { RoleGraphIndex } from '../model/effective-access.ts';
import { createRoleHolders } from '../model/role-holders.ts';
import type { TenantModel } from '../model/types.ts';
import type { AccessTreeNode, AccountExplanation, CodeExplanation, GraphStatus, Holder } from './types.ts';

/** Pure: the data `explain` prints, from the model, its graph index and the findings. */

export const getGraphStatus = (model: TenantModel): GraphStatus => ({
  collected: model.roleGraph !== null,
  source: model.roleGraph?.source ?? null,
  coverage: model.roleGraphCoverage,
});

/**
 * The inherited tree of one direct role. Each role is expanded once per account (a role reached
 * again is marked `repeat`), and a role already on the way down is marked `cycle` and not walked
 * again, so the tree is finite and no larger than the graph.
 */
const createTree = (graph: RoleGraphIndex | null, code: string, expanded: Set<string>): AccessTreeNode => {
  const toRoleNode = (roleCode: string, ancestors: Set<string>): AccessTreeNode => {
    const role = graph?.getRole(roleCode);
    const node: AccessTreeNode = {
      code: role?.code ?? roleCode, kind: 'role', name: role?.name ?? null, type: role?.type ?? null, seeded: role?.seeded ?? null,
      mark: role === undefined ? 'unresolved' : null, children: [],
    };
    if (graph === null || role === undefined) return node;
    const upper = roleCode.toUpperCase();
    if (ancestors.has(upper)) return { ...node, mark: 'cycle' };
    if (expanded.has(upper)) return { ...node, mark: 'repeat' };
    expanded.add(upper);
    const below = new Set(ancestors).add(upper);
    for (const member of graph.membersOf(upper)) {
      if (member.kind === 'role') node.children.push(toRoleNode(member.code, below));
      else {
        const privilege = graph.getPrivilege(member.code);
        node.children.push({ code: privilege?.code ?? member.code, kind: 'privilege', name: privilege?.name ?? null, type: null, seeded: null, mark: null, children: [] });
      }
    }
    return node;
  };
  const node = toRoleNode(code, new Set());
  // Without a graph there is nothing to resolve against: a direct role is just itself.
  return graph === null ? { ...node, mark: null } : node;
};

export const explainAccount = (
  model: TenantModel, graph: RoleGraphIndex | null, identity: IdentitySettings, findings: readonly Finding[], username: string,
): AccountExplanation | null => {
  const key = username.toUpperCase();
  const account = model.accounts.find((entry) => entry.key === key);
  if (account === undefined) return null;
  const view = createAccountViews({ ...model, accounts: [account] }, identity)[0]!;
  const direct = account.roles.map((role) => role.code);
  const expanded = new Set<string>();
  const access = graph?.accessOf(direct) ?? null;
  return {
    kind: 'account',
    username: account.username,
    integration: view.integrationReason !== null,
    person: view.isPerson,
    active: view.active,
    sources: account.sources,
    graph: getGraphStatus(model),
    directRoles: account.roles.map((role) => {
      const node = createTree(graph, role.code, expanded);
      return { ...node, name: node.name ?? role.name };
    }),
    effective: access === null ? null : { roles: access.roles.size, privileges: access.privileges.size },
    findings: findings.filter((finding) => finding.username.toUpperCase() === key),
  };
};

/** Who holds a role or privilege (directly or inherited), each with its best path. */
export const explainCode = (
  model: TenantModel, graph: RoleGraphIndex | null, findings: readonly Finding[], kind: 'role' | 'privilege', code: string,
): CodeExplanation => {
  const upper = code.toUpperCase();
  const role = kind === 'role' ? graph?.getRole(upper) : undefined;
  const privilege = kind === 'privilege' ? graph?.getPrivilege(upper) : undefined;
  const holders: Holder[] = [];
  const holderIndex = createRoleHolders(model.accounts, graph);
  for (const index of holderIndex.listEffective(upper)) {
    const account = model.accounts[index]!;
    const direct = account.roles.map((entry) => entry.code);
    const path = kind === 'role' && direct.some((entry) => entry.toUpperCase() === upper)
      ? [upper]
      : [...(graph?.findHeld(direct, upper)?.path ?? [upper])];
    holders.push({ username: account.username, path, direct: path.length === 1 });
  }
  return {
    kind,
    code: role?.code ?? privilege?.code ?? upper,
    name: role?.name ?? privilege?.name ?? model.roles.find((entry) => entry.code.toUpperCase() === upper)?.name ?? null,
    type: role?.type ?? null,
    seeded: role?.seeded ?? null,
    inGraph: role !== undefined || privilege !== undefined,
    graph: getGraphStatus(model),
    containedBy: [...(graph?.containersOf(upper) ?? [])],
    members: kind === 'role' ? [...(graph?.membersOf(upper) ?? [])] : [],
    holders,
    findings: findings.filter((finding) => finding.roleCode?.toUpperCase() === upper),
  };
};
