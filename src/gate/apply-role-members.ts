import { indexRoleGraph, toPathText } from '../model/effective-access.ts';
import { compareEdges, type GraphPrivilege, type GraphRole, type RoleEdge, type RoleGraph, type RoleMemberKind } from '../model/role-graph.ts';
import { toSuggestionText } from '../util/suggest.ts';
import { toFieldLabel, type RoleMemberChange } from './change-file.ts';

export interface ApplyMembersOptions {
  /** --allow-new-roles: an added entry may name a role the graph does not have; the change creates it (a custom role). */
  allowNewRoles?: boolean;
}

export interface AppliedRoleMembers {
  /** The graph with the change applied (the same object when there is nothing to apply). */
  graph: RoleGraph | null;
  /** One line per entry that does not fit the snapshot's graph. */
  problems: string[];
}

const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const NOT_A_NEW_PRIVILEGE = 'not-a-new-privilege';
const UNKNOWN_MEMBER = 'unknown-member';
const edgeKey = (role: string, member: string): string => `${role.toUpperCase()}\u0000${member.toUpperCase()}`;

/**
 * Applies proposed role-membership changes to a role graph (pure; the input is not touched).
 * Every entry must fit the graph as collected, one problem line each otherwise:
 *  - the role and the member must be codes of the graph (with a suggestion for a near miss), except
 *    a member marked `newPrivilege` (a privilege the change introduces on purpose; ignored when the
 *    graph already has that privilege) and, with --allow-new-roles, an added entry's role (a custom
 *    role the change creates; it may then be another entry's member);
 *  - the role must be a custom role: Oracle allows no inherited-role or function-security change on
 *    a predefined (seeded) role (oracle-reference §9.8);
 *  - an added edge must not exist yet, a removed edge must exist (as a direct member), and no
 *    edge may be listed twice (in add and remove, or twice in one list);
 *  - an added role member must not create a cycle (the role already inherited through the member).
 *    Cycles the collected graph already has are left alone: they are tolerated data problems.
 */
export const applyRoleMemberChanges = (
  graph: RoleGraph | null, changes: readonly RoleMemberChange[], file: string, options: ApplyMembersOptions = {},
): AppliedRoleMembers => {
  if (changes.length === 0) return { graph, problems: [] };
  if (graph === null) {
    return {
      graph,
      problems: [`${file}: roleMembers: the snapshot has no role graph, so a change to role definitions cannot be judged (collect with roleGraph in the config, see docs/collect.md)`],
    };
  }
  const roles = new Map<string, GraphRole>(graph.roles.map((role) => [role.code.toUpperCase(), role]));
  const privileges = new Map<string, GraphPrivilege>(graph.privileges.map((privilege) => [privilege.code.toUpperCase(), privilege]));
  const edges = new Map<string, RoleEdge>(graph.edges.map((edge) => [edgeKey(edge.role, edge.member), edge]));
  const before = indexRoleGraph(graph);
  const problems: string[] = [];
  const fail = (change: RoleMemberChange, field: string | null, text: string): void => {
    problems.push(`${file}: ${field === null ? change.where : toFieldLabel(change.where, field)}: ${text}`);
  };
  const allCodes = [...roles.keys(), ...privileges.keys()];

  // Roles the change creates (--allow-new-roles): the role of an added entry that the graph lacks.
  const created = new Set<string>();
  if (options.allowNewRoles === true) {
    for (const change of changes) if (change.action === 'add' && !roles.has(change.role) && !privileges.has(change.role)) created.add(change.role);
  }

  /** Why the entry's role cannot change, or null. */
  const checkRole = (change: RoleMemberChange, role: GraphRole | undefined): string | null => {
    if (role === undefined && !created.has(change.role)) {
      if (privileges.has(change.role)) return `${change.role} is a privilege, not a role: only a role has members`;
      const hint = change.action === 'add' ? '; pass --allow-new-roles if the change creates this role' : '';
      return `${change.role} is not in the snapshot's role graph${toSuggestionText(change.role, roles.keys())}${hint}`;
    }
    if (role?.seeded === true) return `${role.code} is a predefined (seeded) role: Oracle allows no inherited-role or privilege change on it; change a custom copy instead`;
    return null;
  };
  /** The member's kind and code as the graph spells it, or what is wrong with it. */
  const resolveMember = (change: RoleMemberChange): { kind: RoleMemberKind; member: string } | typeof NOT_A_NEW_PRIVILEGE | typeof UNKNOWN_MEMBER => {
    const memberRole = roles.get(change.member);
    if (memberRole !== undefined) return change.newPrivilege ? NOT_A_NEW_PRIVILEGE : { kind: 'role', member: memberRole.code };
    const memberPrivilege = privileges.get(change.member);
    if (memberPrivilege !== undefined) return { kind: 'privilege', member: memberPrivilege.code };
    if (created.has(change.member) && !change.newPrivilege) return { kind: 'role', member: change.member };
    if (change.newPrivilege && change.action === 'add') return { kind: 'privilege', member: change.member };
    return UNKNOWN_MEMBER;
  };
  const toMemberProblem = (change: RoleMemberChange, problem: typeof NOT_A_NEW_PRIVILEGE | typeof UNKNOWN_MEMBER): string => {
    if (problem === NOT_A_NEW_PRIVILEGE) return `${change.member} is a role in the snapshot's role graph, not a new privilege`;
    const hint = change.action === 'add' ? '; set newPrivilege to true if the change introduces this privilege' : '';
    return `${change.member} is not in the snapshot's role graph${toSuggestionText(change.member, allCodes)}${hint}`;
  };

  const listed = new Map<string, string>();
  const added: { change: RoleMemberChange; edge: RoleEdge }[] = [];
  for (const change of changes) {
    const key = edgeKey(change.role, change.member);
    const first = listed.get(key);
    if (first !== undefined) {
      fail(change, null, `${change.role} → ${change.member} is already listed at ${first}`);
      continue;
    }
    listed.set(key, change.where);
    const role = roles.get(change.role);
    const roleProblem = checkRole(change, role);
    if (roleProblem !== null) fail(change, 'role', roleProblem);
    const resolved = resolveMember(change);
    if (typeof resolved === 'string') fail(change, resolved === NOT_A_NEW_PRIVILEGE ? 'newPrivilege' : 'member', toMemberProblem(change, resolved));
    if (roleProblem !== null || typeof resolved === 'string') continue;
    const { kind, member } = resolved;
    const roleCode = role?.code ?? change.role;
    if (roleCode.toUpperCase() === member.toUpperCase()) {
      fail(change, 'member', `a role cannot contain itself (${roleCode})`);
      continue;
    }
    const existing = edges.get(key);
    if (change.action === 'add') {
      if (existing !== undefined) {
        fail(change, null, `${roleCode} already contains ${member} directly`);
        continue;
      }
      added.push({ change, edge: { role: roleCode, kind, member } });
    } else if (existing === undefined) {
      const held = role === undefined ? undefined : before.closureOf(role.code)[kind === 'role' ? 'roles' : 'privileges'].get(member.toUpperCase());
      const through = held === undefined ? '' : ` (it inherits it through ${toPathText(held.path)}: remove the member from the role that contains it directly)`;
      fail(change, null, `${roleCode} does not contain ${member} directly${through}`);
    } else {
      edges.delete(key);
    }
  }
  // The valid entries are applied even when others are wrong, so a cycle is reported in the same run.
  for (const { change, edge } of added) {
    edges.set(edgeKey(edge.role, edge.member), edge);
    if (created.has(change.role) && !roles.has(change.role)) roles.set(change.role, { code: change.role, name: null, type: null, seeded: change.role.startsWith('ORA_') });
    if (edge.kind === 'privilege' && !privileges.has(edge.member.toUpperCase())) privileges.set(edge.member.toUpperCase(), { code: edge.member, name: null });
  }
  const changed: RoleGraph = {
    source: graph.source,
    roles: [...roles.values()].sort((a, b) => compareText(a.code, b.code)),
    privileges: [...privileges.values()].sort((a, b) => compareText(a.code, b.code)),
    edges: [...edges.values()].sort(compareEdges),
    problems: graph.problems,
  };
  // A cycle the change creates: the added member already inherits the role.
  const after = indexRoleGraph(changed);
  for (const { change, edge } of added) {
    if (edge.kind !== 'role') continue;
    const back = after.closureOf(edge.member).roles.get(edge.role.toUpperCase());
    if (back !== undefined) fail(change, 'member', `adding ${edge.member} to ${edge.role} creates a cycle: ${toPathText([edge.role, ...back.path])}`);
  }
  return problems.length > 0 ? { graph, problems } : { graph: changed, problems: [] };
};
