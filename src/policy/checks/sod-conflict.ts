import { z } from 'zod';
import type { AccessEntry, RoleGraphIndex } from '../../model/effective-access.ts';
import type { AccountView, CheckContext, CheckResult } from '../../evaluate/rule-types.ts';
import { toAccountEvidence } from '../../evaluate/identity.ts';
import { createRoleResult } from '../../evaluate/subject.ts';
import { roleCodeSchema } from '../regex.ts';
import { defineCheck } from './types.ts';

/**
 * Segregation of duties on effective access: an account that holds at least one entry of every
 * side — however it got them (two roles, or both inside one role) — is one finding per account and
 * rule. A role that alone holds every side is also reported once, on the role, with its holders
 * counted: the fix is the role, not its hundreds of holders.
 */

const sideSchema = z.strictObject({
  name: z.string().min(1).describe('What this side lets someone do, in words, e.g. "payables invoice entry"; shown in the message.'),
  privileges: z.array(roleCodeSchema).default([]).describe('Privilege codes (function security), e.g. AP_CREATE_PAYABLES_INVOICE_PRIV; held through the role graph.'),
  roles: z.array(roleCodeSchema).default([]).describe('Role codes (job, duty, abstract): held directly or inherited through the role graph.'),
}).refine((side) => side.privileges.length + side.roles.length > 0, { error: 'list at least one privilege or role code' })
  .describe('One side of the conflict: holding any one of its codes counts.');

const optionsSchema = z.strictObject({
  sides: z.array(sideSchema).min(2, { error: 'a conflict needs at least two sides' })
    .describe('Two or more sides; an account holding at least one entry of every side is a finding.'),
  roleFindings: z.enum(['held', 'all', 'none']).default('held')
    .describe('A role that alone holds every side is reported once on the role: held (default) when at least one selected account holds it, all roles of the graph, or none.'),
  seededPrefix: z.string().min(1).default('ORA_').describe('Role codes starting with this are seeded roles, when the graph does not say.'),
}).describe('Segregation-of-duties conflict between two or more sides of privilege and/or role codes.');

type Options = z.output<typeof optionsSchema>;

/** The entry of one side an account (or role) holds, with its path. */
interface HeldSide {
  side: string;
  code: string;
  kind: 'role' | 'privilege';
  path: readonly string[];
}

const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

const isBetter = (entry: AccessEntry, best: AccessEntry | undefined): boolean => {
  if (best === undefined) return true;
  if (entry.path.length !== best.path.length) return entry.path.length < best.path.length;
  return compareText(entry.path.join('\n'), best.path.join('\n')) < 0;
};

/** Without a graph only directly assigned roles are known: privileges cannot be judged. */
const findDirect = (direct: readonly string[], code: string): AccessEntry | undefined =>
  direct.some((held) => held.toUpperCase() === code) ? { code, kind: 'role', path: [code] } : undefined;

/** The best entry held of each side, or null when a side is not held. */
const holdSides = (options: Options, find: (code: string, kind: 'role' | 'privilege') => AccessEntry | undefined): HeldSide[] | null => {
  const held: HeldSide[] = [];
  for (const side of options.sides) {
    let best: AccessEntry | undefined;
    for (const code of side.roles) {
      const entry = find(code, 'role');
      if (entry !== undefined && isBetter(entry, best)) best = entry;
    }
    for (const code of side.privileges) {
      const entry = find(code, 'privilege');
      if (entry !== undefined && isBetter(entry, best)) best = entry;
    }
    if (best === undefined) return null;
    held.push({ side: side.name, code: best.code, kind: best.kind, path: best.path });
  }
  return held;
};

const toSideText = (held: HeldSide): string =>
  `${held.side} (${held.code}${held.path.length > 1 ? ` via ${held.path.slice(0, -1).join(' → ')}` : ' directly'})`;

const joinSides = (held: readonly HeldSide[]): string =>
  held.length === 2 ? `${toSideText(held[0] as HeldSide)} and ${toSideText(held[1] as HeldSide)}` : held.map(toSideText).join(', ');

/** The one role every side's path starts at, when the whole conflict comes from one assigned role. */
const getSingleRoot = (held: readonly HeldSide[]): string | null => {
  const roots = new Set(held.map((entry) => entry.path[0]));
  return roots.size === 1 ? (held[0]?.path[0] ?? null) : null;
};

const isSeeded = (graph: RoleGraphIndex | null, code: string, prefix: string): boolean =>
  graph?.getRole(code)?.seeded ?? code.toUpperCase().startsWith(prefix.toUpperCase());

const toAccountResult = (view: AccountView, held: HeldSide[], graph: RoleGraphIndex | null, options: Options): CheckResult => {
  const root = getSingleRoot(held);
  const inside = root === null ? ''
    : ` — all inside ${root}${isSeeded(graph, root, options.seededPrefix) ? ', inherent in the seeded role' : ''}`;
  return {
    username: view.account.username,
    message: `${view.account.username} can do both ${joinSides(held)}${inside}`,
    evidence: {
      ...toAccountEvidence(view),
      sides: held.map((entry) => ({ side: entry.side, code: entry.code, kind: entry.kind, path: entry.path })),
      insideOneRole: root,
      roleGraph: graph !== null,
    },
  };
};

/** Roles that alone hold every side, and none of whose member roles does (where the conflict combines). */
const findConflictingRoles = (graph: RoleGraphIndex, options: Options, candidates: Iterable<string>): Map<string, HeldSide[]> => {
  const memo = new Map<string, HeldSide[] | null>();
  const holdsAlone = (role: string): HeldSide[] | null => {
    let held = memo.get(role);
    if (held === undefined) {
      const closure = graph.closureOf(role);
      held = holdSides(options, (code, kind) => (kind === 'role' ? closure.roles.get(code) : closure.privileges.get(code)));
      memo.set(role, held);
    }
    return held;
  };
  const found = new Map<string, HeldSide[]>();
  for (const role of candidates) {
    const held = holdsAlone(role);
    if (held === null) continue;
    const combinedBelow = graph.membersOf(role).some((member) => member.kind === 'role' && holdsAlone(member.code) !== null);
    if (!combinedBelow) found.set(role, held);
  }
  return found;
};

const HOLDER_SAMPLE = 20;

/** Accounts that hold the same direct roles: `codes` upper-cased, unique and sorted. */
interface RoleSet {
  codes: readonly string[];
  views: AccountView[];
}

/**
 * An account's direct role codes, upper-cased, unique and sorted, and that list as one key.
 * Remembered per account object: every SoD rule of a run groups the same accounts, and a
 * changed account (the gate) is a new object, so nothing stale is ever reused.
 */
const roleSetKeys = new WeakMap<AccountView['account'], { key: string; codes: readonly string[] }>();

const getRoleSetKey = (account: AccountView['account']): { key: string; codes: readonly string[] } => {
  let known = roleSetKeys.get(account);
  if (known === undefined) {
    const raw = account.roles.map((role) => role.code);
    // The merge and the snapshot keep roles upper-cased and sorted by code: check that in one pass before paying for a sort.
    let ordered = true;
    for (let i = 0; i < raw.length && ordered; i += 1) {
      const code = raw[i] as string;
      ordered = code === code.toUpperCase() && (i === 0 || compareText(raw[i - 1] as string, code) < 0);
    }
    const codes = ordered ? raw : [...new Set(raw.map((code) => code.toUpperCase()))].sort(compareText);
    known = { key: codes.join('\n'), codes };
    roleSetKeys.set(account, known);
  }
  return known;
};

const toRoleResults = (context: CheckContext, graph: RoleGraphIndex, options: Options, held: Map<string, RoleSet>): CheckResult[] => {
  // Candidates: every role a selected account holds (directly or inherited), or every graph role.
  // Distinct direct role codes, each closure looked up once (never one union per role set).
  const direct = new Set<string>();
  for (const set of held.values()) for (const code of set.codes) direct.add(code);
  const candidates = new Set<string>();
  if (options.roleFindings === 'all') for (const role of graph.graph.roles) candidates.add(role.code.toUpperCase());
  else for (const code of direct) for (const reached of graph.closureOf(code).roles.keys()) if (graph.getRole(reached) !== undefined) candidates.add(reached);
  const conflicting = findConflictingRoles(graph, options, [...candidates].sort(compareText));
  const results: CheckResult[] = [];
  for (const [role, sides] of conflicting) {
    const through = new Set([...direct].filter((code) => graph.closureOf(code).roles.has(role)));
    const holders: string[] = [];
    for (const set of held.values()) {
      if (set.codes.some((code) => through.has(code))) for (const view of set.views) holders.push(view.account.username);
    }
    if (options.roleFindings === 'held' && holders.length === 0) continue;
    holders.sort(compareText);
    const info = graph.getRole(role);
    const seeded = info?.seeded ?? role.startsWith(options.seededPrefix.toUpperCase());
    const code = info?.code ?? role;
    results.push(createRoleResult({
      roleCode: code,
      holders: holders.length,
      message: `the role ${code}${info?.name ? ` (${info.name})` : ''} alone grants both ${joinSides(sides)}`
        + `${seeded ? ' — inherent in the seeded role' : ''}; held by ${holders.length} account${holders.length === 1 ? '' : 's'}`,
      evidence: {
        roleName: info?.name ?? null,
        roleType: info?.type ?? null,
        seeded,
        sides: sides.map((entry) => ({ side: entry.side, code: entry.code, kind: entry.kind, path: entry.path })),
        holderSample: holders.slice(0, HOLDER_SAMPLE),
        containedIn: graph.containersOf(role),
      },
    }));
  }
  return results;
};

export const sodConflictCheck = defineCheck({
  name: 'sod-conflict',
  description: 'Segregation of duties: an account effectively holding an entry of every side (privilege or role codes) is one finding; a role that alone holds every side is also reported once on the role.',
  options: optionsSchema,
  create: (options) => (context) => {
    const { graph } = context;
    // Accounts share role sets: each distinct set is judged once.
    const bySet = new Map<string, RoleSet>();
    for (const view of context.accounts) {
      const { key, codes } = getRoleSetKey(view.account);
      const set = bySet.get(key);
      if (set === undefined) bySet.set(key, { codes, views: [view] });
      else set.views.push(view);
    }
    const results: CheckResult[] = [];
    const holding = new Map<string, RoleSet>();
    for (const [key, set] of bySet) {
      if (key === '') continue;
      const { codes: direct, views } = set;
      holding.set(key, set);
      // The set is already upper-cased, unique and sorted: look each code up in the direct roles' memoised closures.
      const closures = graph === null ? [] : direct.map((role) => graph.closureOf(role));
      const held = holdSides(options, (code) => {
        if (graph === null) return findDirect(direct, code);
        let best: AccessEntry | undefined;
        for (const closure of closures) {
          const entry = closure.roles.get(code) ?? closure.privileges.get(code);
          if (entry !== undefined && isBetter(entry, best)) best = entry;
        }
        return best;
      });
      if (held === null) continue;
      for (const view of views) results.push(toAccountResult(view, held, graph, options));
    }
    if (graph !== null && options.roleFindings !== 'none') results.push(...toRoleResults(context, graph, options, holding));
    return results;
  },
});
