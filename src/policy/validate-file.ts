import { AuditError } from '../errors.ts';
import { parseStructuredText } from '../util/read-structured.ts';
import { getCheck, CHECKS } from './checks/index.ts';
import type { CheckDefinition } from './checks/types.ts';
import { createLocator, formatIssues, formatProblem, type Locator } from '../util/locate.ts';
import { policyFileSchema, type PolicyFile, type PolicyRule } from './schema.ts';

export interface ValidatedRule {
  rule: PolicyRule;
  check: CheckDefinition;
  options: unknown;
  /** Position of the rule in the file's `rules` list. */
  index: number;
}

export interface FileValidation {
  problems: string[];
  /** Rule ids as written with their location, for the cross-file duplicate check. */
  ids: { id: string; where: string }[];
  file: PolicyFile | null;
  rules: ValidatedRule[];
  locate: Locator | null;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Validates one policy file in three steps, collecting every problem: structure (strict zod,
 * so key typos are caught), each check's own options, then duplicate ids inside the file.
 */
export const validatePolicyText = (text: string, label: string): FileValidation => {
  const out: FileValidation = { problems: [], ids: [], file: null, rules: [], locate: null };
  let raw: unknown;
  try {
    raw = parseStructuredText(text, label, 'policy');
  } catch (error) {
    if (error instanceof AuditError) {
      out.problems.push(error.message);
      return out;
    }
    throw error;
  }
  const locate = createLocator(text);
  out.locate = locate;
  const parsed = policyFileSchema.safeParse(raw);
  if (parsed.success) out.file = parsed.data;
  else out.problems.push(...formatIssues(label, locate, parsed.error.issues, [], policyFileSchema));
  const rawRules = isRecord(raw) && Array.isArray(raw.rules) ? (raw.rules as unknown[]) : [];
  rawRules.forEach((rawRule, index) => {
    if (!isRecord(rawRule)) return;
    if (typeof rawRule.id === 'string') out.ids.push({ id: rawRule.id, where: formatProblem(label, locate, ['rules', index, 'id'], '').slice(0, -2) });
    const check = isRecord(rawRule.check) ? rawRule.check : null;
    if (check === null || typeof check.name !== 'string') return;
    const definition = getCheck(check.name);
    if (definition === undefined) {
      out.problems.push(formatProblem(label, locate, ['rules', index, 'check', 'name'], `unknown check "${check.name}" (known: ${Object.keys(CHECKS).join(', ')})`));
      return;
    }
    const options = definition.options.safeParse(check.options ?? {});
    if (!options.success) {
      out.problems.push(...formatIssues(label, locate, options.error.issues, ['rules', index, 'check', 'options'], definition.options));
      return;
    }
    const rule = out.file?.rules[index];
    if (rule !== undefined) out.rules.push({ rule, check: definition, options: options.data, index });
  });
  return out;
};
