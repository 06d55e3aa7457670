import type { RoleGraphIndex } from '../model/effective-access.ts';
import type { TenantModel } from '../model/types.ts';

/**
 * The role and privilege codes a rule names in its check options, found by option name so every
 * check (built-in or new) is covered without listing its fields: `roles`, `ignore`, `ignoreRoles`,
 * `ignoreCustomRoles` hold role codes, `privileges` privilege codes, `codes` either. Used by
 * `policies validate --snapshot` so that a rule can never pass silently because a code it names
 * does not exist on the pod.
 */

export type CodeKind = 'role' | 'privilege' | 'any';

export interface CodeReference {
  ruleId: string;
  /** `file:line: rules[2].check.options.sides[0].privileges[0]` */
  where: string;
  code: string;
  kind: CodeKind;
}

const KINDS: Record<string, CodeKind> = {
  roles: 'role', ignore: 'role', ignoreRoles: 'role', ignoreCustomRoles: 'role', privileges: 'privilege', codes: 'any',
};

/** Paths (relative to the options) and codes of every code-list entry in a check's options. */
export const findCodePaths = (options: unknown): { path: (string | number)[]; code: string; kind: CodeKind }[] => {
  const found: { path: (string | number)[]; code: string; kind: CodeKind }[] = [];
  const walk = (value: unknown, path: (string | number)[]): void => {
    if (Array.isArray(value)) {
      value.forEach((item, index) => walk(item, [...path, index]));
      return;
    }
    if (typeof value !== 'object' || value === null) return;
    for (const [key, item] of Object.entries(value)) {
      const kind = Object.hasOwn(KINDS, key) ? KINDS[key] : undefined;
      if (kind !== undefined && Array.isArray(item) && item.every((code) => typeof code === 'string')) {
        (item).forEach((code, index) => found.push({ path: [...path, key, index], code, kind }));
      } else walk(item, [...path, key]);
    }
  };
  walk(options, []);
  return found;
};

const KIND_WORDS: Record<CodeKind, string> = { role: 'role', privilege: 'privilege', any: 'role or privilege' };

/**
 * One warning per referenced code the snapshot does not know. With a role graph every kind is
 * checked against it; without one, role codes are checked against the roles assigned or listed in
 * the catalogue, and privilege codes cannot be checked at all (said once).
 */
export const findUnknownCodes = (references: readonly CodeReference[], model: TenantModel, graph: RoleGraphIndex | null): string[] => {
  const warnings: string[] = [];
  const tenant = model.tenant.name;
  if (graph !== null) {
    for (const ref of references) {
      const known = ref.kind === 'role' ? graph.getRole(ref.code) !== undefined : ref.kind === 'privilege' ? graph.getPrivilege(ref.code) !== undefined : graph.has(ref.code);
      if (!known) {
        warnings.push(`${ref.where}: ${KIND_WORDS[ref.kind]} ${ref.code} is not in the role graph of ${tenant} (a typo, or a code that differs on this pod): rule ${ref.ruleId} can never match it`);
      }
    }
    return warnings;
  }
  const roles = new Set(model.roles.map((role) => role.code.toUpperCase()));
  for (const account of model.accounts) for (const role of account.roles) roles.add(role.code.toUpperCase());
  let unchecked = 0;
  for (const ref of references) {
    if (ref.kind !== 'role') {
      unchecked += 1;
      continue;
    }
    if (!roles.has(ref.code.toUpperCase())) {
      warnings.push(`${ref.where}: role ${ref.code} is neither assigned to any account of ${tenant} nor in its role catalogue (a typo, a code that differs on this pod, or a role nobody holds)`);
    }
  }
  if (unchecked > 0) {
    warnings.push(`${tenant}: the snapshot has no role graph, so ${unchecked} privilege code${unchecked === 1 ? '' : 's'} named by the policies cannot be checked (collect the role graph)`);
  }
  return warnings;
};
