import { ValidationError } from '../errors.ts';
import { createDefaultIdentitySettings } from '../evaluate/identity.ts';
import type { IdentitySettings, LoadedRule } from '../evaluate/rule-types.ts';
import { sha256 } from '../util/hash.ts';
import { toIdentitySettings, toLoadedRule } from './compile.ts';
import { readPolicySources, readSourceText } from './files.ts';
import { validatePolicyText, type FileValidation } from './validate-file.ts';
import { findCodePaths, type CodeReference } from './code-references.ts';
import { formatProblem } from '../util/locate.ts';

export interface PolicyFileRecord {
  /** Relative path, or `builtin:<file>` for the bundled pack. */
  path: string;
  sha256: string;
}

export interface PolicyPack {
  /** Enabled rules, in file order. */
  rules: LoadedRule[];
  files: PolicyFileRecord[];
  /** SHA-256 over the sorted file hashes: one value naming the pack. */
  packHash: string;
  identity: IdentitySettings;
  /** Rules in the files including disabled ones (for `policies validate`). */
  ruleCount: number;
  /** Every role or privilege code the enabled rules name, with where (for `policies validate --snapshot`). */
  codeReferences: CodeReference[];
}

export const toPackHash = (files: readonly PolicyFileRecord[]): string =>
  sha256(files.map((file) => file.sha256).sort().join('\n'));

const POLICY_HINT = 'see docs/policies.md for the policy file reference';

/** Cross-file checks: a rule id is defined once in the whole pack; integrationUsers at most once. */
const checkPack = (validations: { label: string; result: FileValidation }[], problems: string[]): void => {
  const firstSeen = new Map<string, string>();
  for (const { result } of validations) {
    for (const { id, where } of result.ids) {
      const first = firstSeen.get(id);
      if (first === undefined) firstSeen.set(id, where);
      else problems.push(`${where}: duplicate rule id "${id}" (first defined at ${first})`);
    }
  }
  const identities = validations.filter(({ result }) => result.file?.integrationUsers !== undefined);
  for (const extra of identities.slice(1)) {
    problems.push(`${extra.label}: integrationUsers: defined more than once in the pack (also in ${identities[0]?.label ?? '?'})`);
  }
};

/**
 * Reads a policy pack. `null` means the bundled pack; a list may mix files, folders and the
 * word `builtin`. Every problem in every file is reported at once as one ValidationError.
 */
export const readPolicies = async (paths: readonly string[] | null): Promise<PolicyPack> => {
  const problems: string[] = [];
  const sources = await readPolicySources(paths ?? ['builtin'], problems);
  const files: PolicyFileRecord[] = [];
  const validations: { label: string; result: FileValidation }[] = [];
  for (const source of sources) {
    const text = await readSourceText(source, problems);
    if (text === null) continue;
    files.push({ path: source.label, sha256: sha256(text) });
    const result = validatePolicyText(text, source.label);
    problems.push(...result.problems);
    validations.push({ label: source.label, result });
  }
  if (sources.length === 0 && problems.length === 0) problems.push(`${(paths ?? []).join(', ')}: no policy files found`);
  checkPack(validations, problems);
  if (problems.length > 0) throw new ValidationError('policy', problems, POLICY_HINT);
  const rules = validations.flatMap(({ label, result }) =>
    result.rules.filter(({ rule }) => rule.enabled).map(({ rule, check, options }) => toLoadedRule(rule, check, options, label)));
  const identityBlock = validations.map(({ result }) => result.file?.integrationUsers).find((block) => block !== undefined);
  return {
    rules,
    files,
    packHash: toPackHash(files),
    identity: identityBlock === undefined ? createDefaultIdentitySettings() : toIdentitySettings(identityBlock),
    codeReferences: validations.flatMap(({ label, result }) => result.rules.filter(({ rule }) => rule.enabled).flatMap(({ rule, options, index }) =>
      findCodePaths(options).map(({ path, code, kind }) => ({
        ruleId: rule.id, code, kind, where: formatProblem(label, result.locate, ['rules', index, 'check', 'options', ...path], '').slice(0, -2),
      })))),
    ruleCount: validations.reduce((sum, { result }) => sum + (result.file?.rules.length ?? 0), 0),
  };
};
