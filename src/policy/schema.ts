import { z } from 'zod';
import { DEFAULT_INTEGRATION_PATTERN } from '../evaluate/identity.ts';
import { CHECKS } from './checks/index.ts';
import { regexSchema, severitySchema } from './regex.ts';

/**
 * The policy file as a security team writes it. Every field has a description: it is the
 * reference documentation (docs/policies.md) and reaches schemas/policy.schema.json.
 */
export const selectorSchema = z.strictObject({
  kind: z.enum(['integration', 'person', 'any']).default('any')
    .describe('integration: integration users only (configured, naming pattern, or personless with integration roles); person: everyone else; any (default): all accounts.'),
  activeOnly: z.boolean().default(false).describe('Only accounts active in every source they appear in.'),
  usernames: z.array(regexSchema).default([]).describe('When listed, only usernames matching one of these regular expressions (case-insensitive).'),
  exclude: z.array(z.string().min(1)).default([]).describe('Usernames the rule never applies to (exact, case-insensitive).'),
  excludePatterns: z.array(regexSchema).default([]).describe('Username patterns the rule never applies to (case-insensitive).'),
}).describe('Which accounts the rule applies to.');

const checkReferenceSchema = z.strictObject({
  name: z.string().min(1).describe(`Built-in check to run: ${Object.keys(CHECKS).join(', ')}.`),
  options: z.record(z.string(), z.unknown()).default({}).describe('Options of the check; validated by the check when the policy loads.'),
}).describe('The named check from the built-in library and its options.');

const ruleShape = {
  id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, { error: 'must be kebab-case (a-z, 0-9, -)' })
    .describe('Stable rule id (kebab-case); part of every finding id, so waivers and baselines refer to it.'),
  version: z.number().int().min(1).describe('Rule version; raise it when the rule\'s meaning changes.'),
  enabled: z.boolean().default(true).describe('false keeps the rule in the file but does not run it.'),
  title: z.string().min(1).describe('One-line title shown in reports.'),
  severity: severitySchema.describe('critical | high | medium | low | info: the rule\'s severity (a check may set a per-finding severity from its options).'),
  description: z.string().min(1).describe('What the rule checks and why it matters.'),
  remediation: z.string().min(1).describe('What an administrator does to fix a finding.'),
  references: z.array(z.string().min(1)).default([]).describe('Control mappings, e.g. "NIST 800-53 AC-6", "SOX ITGC: logical access".'),
  select: selectorSchema.prefault({}),
};

export const ruleSchema = z.strictObject({ ...ruleShape, check: checkReferenceSchema }).describe('One rule: data plus a named check.');

export const identitySchema = z.strictObject({
  namingPattern: regexSchema.default(DEFAULT_INTEGRATION_PATTERN)
    .describe('Usernames matching this regular expression (case-insensitive) are integration users.'),
  personlessRolePatterns: z.array(regexSchema).default([])
    .describe('Optional: an account with no person record holding a role matching one of these is an integration user too.'),
}).describe('How integration users are recognised (besides being listed under integrations in the config). At most one file of a pack sets it.');

const fileShape = {
  $schema: z.string().optional().describe('JSON Schema reference for editors; ignored.'),
  integrationUsers: identitySchema.optional(),
};

const rulesError = { error: (issue: { input?: unknown }) => (issue.input === undefined ? 'missing (required): list the rules' : 'must be a list of rules') };

export const policyFileSchema = z.strictObject({
  ...fileShape,
  rules: z.array(ruleSchema, rulesError).min(1, { error: 'must list at least one rule' }).describe('The rules of this file.'),
}).describe('fusion-access-audit policy file');

export type PolicyFile = z.output<typeof policyFileSchema>;
export type PolicyRule = z.output<typeof ruleSchema>;

/** The same schema with each check's own options spelled out: for editor completion only. */
export const createEditorPolicySchema = () => {
  const checks = Object.values(CHECKS).map((check) =>
    z.strictObject({ name: z.literal(check.name), options: check.options.optional() }).describe(check.description));
  const check = z.union(checks).describe('The named check from the built-in library and its options.');
  const rule = z.strictObject({ ...ruleShape, check }).describe('One rule: data plus a named check.');
  return z.strictObject({ ...fileShape, rules: z.array(rule).min(1).describe('The rules of this file.') }).describe('fusion-access-audit policy file');
};
