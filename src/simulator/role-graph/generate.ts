import { createPrng } from '../prng.ts';
import type { SimRole } from '../types.ts';
import { CUSTOM_MEMBERS, PRIVILEGES, SEEDED_DUTIES, SEEDED_MEMBERS } from './catalogue.ts';
import { GRAPH_ABSENT_ROLES, GRAPH_CUSTOM_MEMBERS, GRAPH_CUSTOM_ROLES, GRAPH_CYCLES, GRAPH_PLANTS, SOD_CUSTOM_MEMBERS, SOD_CUSTOM_ROLES, SOD_PLANTS } from './plants.ts';
import type { SimGraphEdge, SimGraphPrivilege, SimGraphRole, SimRoleGraph } from './types.ts';

/** Where the simulated BI catalog holds the role-graph report (the bip/README.md example). */
export const SIM_REPORT_PATH = '/Custom/Security/Access Audit/Role Graph.xdo';

const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

const TYPE_BY_CATEGORY: Record<string, string> = { JOB: 'Job', ABSTRACT: 'Abstract', DATA: 'Data', DUTY: 'Duty' };

/**
 * Collects roles, privileges and edges (each once) and returns them sorted. Generators add to
 * one of these; a new plant (segregation of duties, a second quarter) is one more function that
 * calls add*, not a change to the others.
 */
export interface RoleGraphBuilder {
  addRole(role: SimGraphRole): void;
  addPrivilege(privilege: SimGraphPrivilege): void;
  /** `members`: codes ending in _PRIV are privileges, the rest roles (which must be added too). */
  addMembers(role: string, members: readonly string[]): void;
  removeRole(code: string): void;
  build(extra: Pick<SimRoleGraph, 'absent' | 'cycles' | 'plants' | 'sod'>, reportPath?: string): SimRoleGraph;
}

export const createRoleGraphBuilder = (): RoleGraphBuilder => {
  const roles = new Map<string, SimGraphRole>();
  const privileges = new Map<string, SimGraphPrivilege>();
  const edges = new Map<string, SimGraphEdge>();
  return {
    addRole: (role) => void roles.set(role.code, role),
    addPrivilege: (privilege) => void privileges.set(privilege.code, privilege),
    addMembers: (role, members) => {
      for (const member of members) {
        const kind = member.endsWith('_PRIV') ? 'privilege' : 'role';
        edges.set(`${role}\u0000${kind}\u0000${member}`, { role, kind, member });
      }
    },
    removeRole: (code) => {
      roles.delete(code);
      for (const [key, edge] of edges) if (edge.role === code || edge.member === code) edges.delete(key);
    },
    build: (extra, reportPath = SIM_REPORT_PATH) => {
      const dangling = [...edges.values()].filter((edge) => (edge.kind === 'role' ? !roles.has(edge.member) : !privileges.has(edge.member)) || !roles.has(edge.role));
      if (dangling.length > 0) throw new Error(`simulator role graph: ${dangling[0]?.role} → ${dangling[0]?.member} names an unknown code`);
      const granted = new Set([...edges.values()].filter((edge) => edge.kind === 'privilege').map((edge) => edge.member));
      return {
        reportPath,
        roles: [...roles.values()].sort((a, b) => compareText(a.code, b.code)),
        // The report sees a privilege only through a role that grants it.
        privileges: [...privileges.values()].filter((privilege) => granted.has(privilege.code)).sort((a, b) => compareText(a.code, b.code)),
        edges: [...edges.values()].sort((a, b) => compareText(a.role, b.role) || compareText(a.kind, b.kind) || compareText(a.member, b.member)),
        ...extra,
      };
    },
  };
};

type GraphExtras = Pick<SimRoleGraph, 'absent' | 'cycles' | 'plants' | 'sod'>;

/** Deep copies, so no tenant shares arrays with the plant lists or with another tenant. */
const copyExtras = (extra: GraphExtras): GraphExtras => ({
  absent: [...extra.absent],
  cycles: extra.cycles.map((cycle) => [...cycle]),
  plants: extra.plants.map((plant) => ({ ...plant, path: [...plant.path] })),
  sod: extra.sod.map((plant) => ({ ...plant, sides: plant.sides.map((held) => ({ code: held.code, path: [...held.path] })) })),
});

/**
 * The simulated tenant's graph: every role of the SCIM catalogue (seeded jobs and abstract
 * roles, custom roles, data roles), seeded duties over privileges, the planted inheritance and
 * segregation-of-duties cases (plants.ts), one cycle, and one assigned data role left out
 * (coverage below 100 %). Pure and deterministic: it depends on the catalogue only.
 */
export const generateRoleGraph = (catalogue: readonly SimRole[]): SimRoleGraph => {
  const builder = createRoleGraphBuilder();
  for (const [code, name] of PRIVILEGES) builder.addPrivilege({ code, name });
  for (const role of catalogue) {
    builder.addRole({ code: role.code, name: role.name, type: TYPE_BY_CATEGORY[role.category] ?? role.category, seeded: role.code.startsWith('ORA_') });
  }
  for (const [code, name, type] of SEEDED_DUTIES) builder.addRole({ code, name, type, seeded: true });
  for (const [code, name, type] of [...GRAPH_CUSTOM_ROLES, ...SOD_CUSTOM_ROLES]) builder.addRole({ code, name, type, seeded: false });
  for (const [role, members] of [...SEEDED_MEMBERS, ...CUSTOM_MEMBERS, ...GRAPH_CUSTOM_MEMBERS, ...SOD_CUSTOM_MEMBERS]) builder.addMembers(role, members);
  for (const code of GRAPH_ABSENT_ROLES) builder.removeRole(code);
  return builder.build(copyExtras({ absent: GRAPH_ABSENT_ROLES, cycles: GRAPH_CYCLES, plants: GRAPH_PLANTS, sod: SOD_PLANTS }));
};

/**
 * The same graph with more direct members (a quarterly update): `members` are [role, codes], the
 * roles already in the graph, codes ending in _PRIV privileges of the catalogue (catalogue.ts).
 */
export const addGraphMembers = (graph: SimRoleGraph, members: readonly (readonly [string, readonly string[]])[]): SimRoleGraph => {
  const builder = createRoleGraphBuilder();
  for (const [code, name] of PRIVILEGES) builder.addPrivilege({ code, name });
  for (const privilege of graph.privileges) builder.addPrivilege({ ...privilege });
  for (const role of graph.roles) builder.addRole({ ...role });
  for (const edge of graph.edges) builder.addMembers(edge.role, [edge.member]);
  for (const [role, codes] of members) {
    if (!graph.roles.some((known) => known.code === role)) throw new Error(`simulator role graph: no role ${role} to add members to`);
    builder.addMembers(role, codes);
  }
  return builder.build(copyExtras(graph), graph.reportPath);
};

/**
 * Every code (role or privilege) a set of directly assigned roles reaches in the simulated graph,
 * the roles themselves included; cycles are walked once. For the generator's own bookkeeping (who
 * holds a changed role), independent of the collectors' and the model's effective-access code.
 */
export const createGraphReach = (graph: SimRoleGraph): ((roles: readonly string[]) => ReadonlySet<string>) => {
  const members = new Map<string, string[]>();
  for (const edge of graph.edges) members.set(edge.role, [...(members.get(edge.role) ?? []), edge.member]);
  const closures = new Map<string, ReadonlySet<string>>();
  const closureOf = (role: string): ReadonlySet<string> => {
    let reached = closures.get(role);
    if (reached === undefined) {
      const seen = new Set<string>([role]);
      const stack = [role];
      while (stack.length > 0) {
        for (const member of members.get(stack.pop() as string) ?? []) {
          if (!seen.has(member)) {
            seen.add(member);
            stack.push(member);
          }
        }
      }
      closures.set(role, (reached = seen));
    }
    return reached;
  };
  return (roles) => {
    const all = new Set<string>();
    for (const role of roles) for (const code of closureOf(role)) all.add(code);
    return all;
  };
};

export interface BulkGraphOptions {
  roles: number;
  edges: number;
  seed?: number;
}

/**
 * A large synthetic graph for benchmarks: a tenth of the roles are jobs over ten duties each, the
 * rest duties over privileges, `edges` edges in all (a DAG, no cycles). Names carry commas and
 * quotes like real ones, so CSV quoting is part of what is measured.
 */
export const generateBulkRoleGraph = (options: BulkGraphOptions): SimRoleGraph => {
  const prng = createPrng(options.seed ?? 7);
  const builder = createRoleGraphBuilder();
  const jobs = Math.max(1, Math.floor(options.roles / 10));
  const duties = Math.max(1, options.roles - jobs);
  const privilegeCount = Math.max(1, Math.floor(options.edges / 10));
  const pad = (n: number): string => String(n).padStart(5, '0');
  const dutyCode = (n: number): string => `ORA_BULK_DUTY_${pad(n)}`;
  const privilegeCode = (n: number): string => `BULK_FUNCTION_${pad(n)}_PRIV`;
  for (let p = 0; p < privilegeCount; p += 1) builder.addPrivilege({ code: privilegeCode(p), name: `Function ${p}, "bulk"` });
  for (let d = 0; d < duties; d += 1) builder.addRole({ code: dutyCode(d), name: `Duty ${d}, bulk`, type: 'Duty', seeded: true });
  let remaining = options.edges;
  for (let j = 0; j < jobs; j += 1) {
    const code = `XX_BULK_JOB_${pad(j)}`;
    builder.addRole({ code, name: `Job ${j} "bulk", <custom>`, type: 'Job', seeded: false });
    const members = new Set<string>();
    while (members.size < Math.min(10, duties) && remaining > 0) {
      const duty = dutyCode(prng.int(0, duties - 1));
      if (!members.has(duty)) remaining -= 1;
      members.add(duty);
    }
    builder.addMembers(code, [...members]);
  }
  const perDuty = Math.min(privilegeCount, Math.ceil(remaining / duties));
  for (let d = 0; d < duties && remaining > 0; d += 1) {
    const members = new Set<string>();
    const want = Math.min(perDuty, remaining);
    while (members.size < want) members.add(privilegeCode(prng.int(0, privilegeCount - 1)));
    remaining -= members.size;
    builder.addMembers(dutyCode(d), [...members]);
  }
  return builder.build({ absent: [], cycles: [], plants: [], sod: [] });
};
