/**
 * A synthetic role graph for the evaluation benchmark: 5,000 roles and 100,000 direct edges
 * shaped like a Fusion pod (custom roles over seeded jobs over four levels of duties over
 * privileges), with a few real codes so the graph rules have something to find.
 */
import { compareEdges, type GraphPrivilege, type GraphRole, type RoleEdge, type RoleGraph } from '../src/model/role-graph.ts';

export const GRAPH_ROLES = 5_000;
export const PRIVILEGES = 10_000;

const byCode = <T extends { code: string }>(a: T, b: T): number => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);

/**
 * `customCodes` are the custom roles the accounts hold (they become the graph's top layer);
 * `seededJobs` the seeded jobs they hold. The rest is filled with generated seeded jobs and
 * duties until the graph has GRAPH_ROLES roles; edges: custom → 2 jobs + 3 duties, job → 20
 * level-1 duties, duty → 1 duty of the next level + 21 privileges (level 4: privileges only), so a
 * job's closure is ~80 duties and ~1,500 privileges, as on a pod.
 */
export const createSyntheticGraph = (random: () => number, customCodes: string[], seededJobs: string[]): RoleGraph => {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const jobs = [...seededJobs];
  for (let n = 0; jobs.length < 300; n += 1) jobs.push(`ORA_SYN_JOB_${String(n).padStart(4, '0')}_JOB`);
  // Real codes, deep down and rare: user and role management four levels under ONE custom role.
  const adminChain = ['XX_SYN_ADMIN_L1', 'XX_SYN_ADMIN_L2', 'XX_SYN_ADMIN_L3', 'ORA_PER_USER_ROLE_MANAGEMENT_DUTY'];
  const dutyCount = GRAPH_ROLES - customCodes.length - jobs.length - adminChain.length;
  const levelSizes = [0.34, 0.33, 0.22].map((share) => Math.floor(dutyCount * share));
  levelSizes.push(dutyCount - levelSizes.reduce((sum, size) => sum + size, 0));
  const levels = levelSizes.map((size, level) => Array.from({ length: size }, (_, n) => `ORA_SYN_L${level + 1}_${String(n).padStart(4, '0')}_DUTY`));
  const privileges: GraphPrivilege[] = Array.from({ length: PRIVILEGES }, (_, n) => ({ code: `SYN_PRIVILEGE_${String(n).padStart(5, '0')}_PRIV`, name: `Synthetic privilege ${n}` }));
  privileges[0] = { code: 'PER_MANAGE_HCM_DATA_ROLE_PRIV', name: 'Manage HCM Data Role' };
  privileges[1] = { code: 'FND_ADMINISTER_SANDBOX_PRIV', name: 'Administer Sandbox' };
  const edges = new Map<string, RoleEdge>();
  const add = (role: string, kind: RoleEdge['kind'], member: string): void => {
    edges.set(`${role}|${kind}|${member}`, { role, kind, member });
  };
  for (const custom of customCodes) {
    add(custom, 'role', pick(jobs));
    add(custom, 'role', pick(jobs));
    for (let n = 0; n < 3; n += 1) add(custom, 'role', pick(levels[0] as string[]));
  }
  for (const job of jobs) for (let n = 0; n < 20; n += 1) add(job, 'role', pick(levels[0] as string[]));
  levels.forEach((duties, level) => {
    const next = levels[level + 1];
    for (const duty of duties) {
      if (next !== undefined) add(duty, 'role', pick(next));
      // The privileged privileges sit only under the user-management duty, so few accounts reach them.
      for (let n = 0; n < 21; n += 1) add(duty, 'privilege', (privileges[2 + Math.floor(random() * (PRIVILEGES - 2))] as GraphPrivilege).code);
    }
  });
  [customCodes[0] ?? 'XX_SYN_ADMIN', ...adminChain].forEach((role, n, chain) => {
    const member = chain[n + 1];
    if (member !== undefined) add(role, 'role', member);
  });
  add('ORA_PER_USER_ROLE_MANAGEMENT_DUTY', 'privilege', 'PER_MANAGE_HCM_DATA_ROLE_PRIV');
  add('ORA_PER_USER_ROLE_MANAGEMENT_DUTY', 'privilege', 'FND_ADMINISTER_SANDBOX_PRIV');
  const roles: GraphRole[] = [
    ...customCodes.map((code) => ({ code, name: `Custom ${code}`, type: 'Job', seeded: false })),
    ...jobs.map((code) => ({ code, name: `Seeded ${code}`, type: code.endsWith('_ABSTRACT') ? 'Abstract' : 'Job', seeded: true })),
    ...levels.flat().map((code) => ({ code, name: `Duty ${code}`, type: 'Duty', seeded: true })),
    ...adminChain.map((code) => ({ code, name: `Admin ${code}`, type: 'Duty', seeded: code.startsWith('ORA_') })),
  ];
  return {
    source: { kind: 'file', location: 'bench-role-graph.csv', readAt: '2025-06-30T00:30:00.000Z' },
    roles: roles.sort(byCode),
    privileges: privileges.sort(byCode),
    edges: [...edges.values()].sort(compareEdges),
    problems: [],
  };
};
