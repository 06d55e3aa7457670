import type { RoleEdge } from '../../model/role-graph.ts';

const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Strongly connected components of the role → role edges with more than one role, or one role
 * that contains itself (Tarjan's algorithm, iterative: a 5,000-role chain must not overflow the
 * stack). Each component's codes are sorted; components are sorted by their first code.
 */
export const findRoleCycles = (edges: readonly RoleEdge[]): string[][] => {
  const next = new Map<string, string[]>();
  const selfLoops = new Set<string>();
  for (const edge of edges) {
    if (edge.kind !== 'role') continue;
    if (edge.role === edge.member) selfLoops.add(edge.role);
    let list = next.get(edge.role);
    if (list === undefined) next.set(edge.role, (list = []));
    list.push(edge.member);
  }
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const components: string[][] = [];
  let counter = 0;
  for (const start of [...next.keys()].sort(compareText)) {
    if (index.has(start)) continue;
    const frames: { node: string; child: number }[] = [{ node: start, child: 0 }];
    index.set(start, counter);
    low.set(start, counter);
    counter += 1;
    stack.push(start);
    onStack.add(start);
    while (frames.length > 0) {
      const frame = frames[frames.length - 1] as { node: string; child: number };
      const children = next.get(frame.node) ?? [];
      if (frame.child < children.length) {
        const target = children[frame.child] as string;
        frame.child += 1;
        if (!index.has(target)) {
          index.set(target, counter);
          low.set(target, counter);
          counter += 1;
          stack.push(target);
          onStack.add(target);
          frames.push({ node: target, child: 0 });
        } else if (onStack.has(target)) {
          low.set(frame.node, Math.min(low.get(frame.node) as number, index.get(target) as number));
        }
        continue;
      }
      frames.pop();
      const parent = frames[frames.length - 1];
      if (parent !== undefined) low.set(parent.node, Math.min(low.get(parent.node) as number, low.get(frame.node) as number));
      if (low.get(frame.node) !== index.get(frame.node)) continue;
      const component: string[] = [];
      for (;;) {
        const code = stack.pop() as string;
        onStack.delete(code);
        component.push(code);
        if (code === frame.node) break;
      }
      if (component.length > 1 || selfLoops.has(frame.node)) components.push(component.sort(compareText));
    }
  }
  return components.sort((a, b) => compareText(a[0] as string, b[0] as string));
};

/** The shortest way round a component from its first code back to it (members in code order). */
const getCyclePath = (component: readonly string[], edges: ReadonlyMap<string, string[]>): string[] => {
  const inside = new Set(component);
  const start = component[0] as string;
  const previous = new Map<string, string>();
  const queue = [start];
  for (let head = 0; head < queue.length; head += 1) {
    const code = queue[head] as string;
    for (const member of edges.get(code) ?? []) {
      if (!inside.has(member)) continue;
      if (member === start) {
        const path = [start];
        for (let at: string | undefined = code; at !== undefined && at !== start; at = previous.get(at)) path.splice(1, 0, at);
        return [...path, start];
      }
      if (!previous.has(member)) {
        previous.set(member, code);
        queue.push(member);
      }
    }
  }
  return [...component, start];
};

/** One line per cycle, for graph.problems: tolerated (every walk visits a role once), reported once. */
export const describeCycles = (edges: readonly RoleEdge[]): string[] => {
  const components = findRoleCycles(edges);
  if (components.length === 0) return [];
  const sorted = new Map<string, string[]>();
  for (const edge of edges) {
    if (edge.kind !== 'role') continue;
    let list = sorted.get(edge.role);
    if (list === undefined) sorted.set(edge.role, (list = []));
    list.push(edge.member);
  }
  for (const list of sorted.values()) list.sort(compareText);
  return components.map((component) => {
    const path = getCyclePath(component, sorted);
    const more = component.length > path.length - 1 ? ` (${component.length} roles in the cycle)` : '';
    return `cycle ${path.join(' → ')}${more}: tolerated, each role is walked once`;
  });
};
