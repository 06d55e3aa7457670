import { z } from 'zod';
import { severitySchema } from '../policy/regex.ts';
import { waiverSchema } from '../policy/waiver-schema.ts';

/**
 * Policy unit tests (`access-audit policies test`), conftest-style: a case is a small tenant in
 * YAML and the findings it must and must not produce. Every field is described: this is the
 * reference documentation of the format (docs/policies.md).
 */

const code = z.string().trim().min(1).regex(/^[A-Za-z0-9_$.-]+$/, { error: 'must be a role or privilege code' });

const accountSchema = z.strictObject({
  username: z.string().min(1).describe('Username (the merge key; compared case-insensitively).'),
  roles: z.array(code).default([]).describe('Role codes assigned directly to the account.'),
  person: z.boolean().default(false).describe('A person\'s account: an HCM PersonId and a SCIM worker record.'),
  personId: z.number().int().positive().nullable().optional()
    .describe('HCM PersonId when it must be a given number, or set without `person` (an account tied to a person but without a SCIM worker record); default: derived from the position when `person` is true, else none.'),
  suspended: z.boolean().default(false).describe('Suspended in HCM (SuspendedFlag).'),
  active: z.boolean().default(true).describe('SCIM active.'),
  inHcm: z.boolean().default(true).describe('Present in HCM userAccounts.'),
  inScim: z.boolean().default(true).describe('Present in Fusion SCIM /Users.'),
  email: z.string().min(1).optional().describe('SCIM work e-mail.'),
}).describe('One Fusion account.');

const memberSchema = z.union([
  code.describe('A member code: a privilege when it ends in _PRIV, else a role (use the object form to say otherwise).'),
  z.strictObject({ privilege: code }).describe('A privilege member.'),
  z.strictObject({ role: code }).describe('A role member.'),
]);

const graphSchema = z.strictObject({
  roles: z.array(z.strictObject({
    code,
    name: z.string().min(1).optional(),
    type: z.string().min(1).optional().describe('Job, Duty, Abstract, … as the pod names it.'),
    seeded: z.boolean().optional().describe('Default: the code starts with ORA_.'),
  })).default([]).describe('Roles with a name, type or seeded flag; roles named only under members are added as they are.'),
  privileges: z.array(z.strictObject({ code, name: z.string().min(1).optional() })).default([]).describe('Privileges with a name.'),
  members: z.record(code, z.array(memberSchema)).default({}).describe('Direct members by containing role: `XX_AP_CLERK_JOB: [ORA_AP_INVOICE_DUTY, AP_CREATE_PAYABLES_INVOICE_PRIV]`.'),
}).describe('The role graph (job → duty → privilege); omit it to test a tenant without one.');

const probeSchema = z.strictObject({
  integration: z.string().min(1),
  path: z.string().min(1),
  expect: z.enum(['rows', 'denied']).default('rows'),
  outcome: z.enum(['rows', 'empty', 'denied', 'unauthenticated', 'error', 'skipped']),
  minCount: z.number().int().nonnegative().nullable().default(null),
  totalResults: z.number().int().nonnegative().nullable().default(null),
  count: z.number().int().nonnegative().nullable().optional(),
  httpStatus: z.number().int().nullable().optional(),
  detail: z.string().nullable().optional(),
}).describe('A data-security probe answer (its integration is added to integrations when not listed).');

const resourceSchema = z.strictObject({
  username: z.string().min(1).nullable().optional().describe('The resource\'s `Username` (null: none, then only the email can match; default: the account\'s username).'),
  startDate: z.iso.date().nullable().default(null).describe('ResourceStartDate, YYYY-MM-DD (null: always).'),
  endDate: z.iso.date().nullable().default(null).describe('ResourceEndDate, YYYY-MM-DD (null: open).'),
  deleted: z.boolean().default(false).describe('DeleteFlag.'),
  orgRoleCode: z.string().min(1).nullable().default(null).describe('The resource\'s organisation role code.'),
}).describe('CX Sales only: what `resourceUsers` says about the resource. `active` on the account is the verdict the collector would give (start ≤ collection day ≤ end, not deleted): set it yourself.');

const serviceSchema = z.strictObject({
  service: z.enum(['iams', 'cpq', 'cx']).describe('Life Sciences IAMS, CPQ or a CX Sales resource.'),
  username: z.string().min(1),
  active: z.boolean().default(true),
  email: z.string().min(1).nullable().default(null),
  displayName: z.string().min(1).nullable().default(null),
  userType: z.string().min(1).nullable().default(null),
  externalId: z.string().min(1).nullable().default(null),
  groups: z.array(z.string().min(1)).default([]),
  permissions: z.record(z.string(), z.boolean().nullable()).default({}).describe('CPQ permission flags (null: the flag was absent, unknown).'),
  resource: resourceSchema.optional(),
}).refine((entry) => entry.resource === undefined || entry.service === 'cx', { error: 'only a cx account has resource facts', path: ['resource'] })
  .describe('An account of an adjacent service (Life Sciences IAMS, CPQ, or a CX Sales resource).');

export const caseTenantSchema = z.strictObject({
  name: z.string().min(1).default('policy-test').describe('Tenant name.'),
  auditUser: z.string().min(1).nullable().default('AUDIT_SVC').describe('The account the audit signs in as.'),
  collectedAt: z.string().min(1).default('2025-06-30T12:00:00.000Z').describe('Collection time (and the default as-of date).'),
  incomplete: z.array(z.string().min(1)).default([]).describe('Reasons the collection is incomplete (empty: complete).'),
  accounts: z.array(accountSchema).default([]),
  roles: z.array(z.strictObject({ code, name: z.string().min(1).nullable().default(null), category: z.string().min(1).nullable().default(null) }))
    .default([]).describe('The /scim/Roles catalogue (names and categories of role codes).'),
  graph: graphSchema.optional(),
  integrations: z.array(z.strictObject({
    username: z.string().min(1),
    probes: z.array(z.strictObject({ path: z.string().min(1), expect: z.enum(['rows', 'denied']).default('rows'), minCount: z.number().int().nonnegative().nullable().default(null) })).default([]),
  })).default([]).describe('Integration accounts as the config lists them.'),
  probes: z.array(probeSchema).default([]),
  services: z.array(serviceSchema).default([]),
}).describe('A small tenant.');

const matcherShape = {
  rule: z.string().min(1).describe('Rule id.'),
  username: z.string().optional().describe('Username of the finding (case-insensitive); "" for a finding about a role.'),
  role: z.string().min(1).nullable().optional().describe('Role code of the finding, compared case-insensitively (null: a finding without one).'),
  endpoint: z.string().min(1).nullable().optional().describe('Probe path of the finding (null: without one).'),
};

export const expectationSchema = z.strictObject({
  ...matcherShape,
  severity: severitySchema.optional().describe('Severity the finding must have.'),
  status: z.enum(['open', 'waived']).optional(),
  count: z.number().int().min(0).optional().describe('Exactly this many findings must match (default: at least one).'),
  message: z.string().min(1).optional().describe('Text the message must contain.'),
  remediation: z.string().min(1).optional().describe('Text the remediation must contain.'),
  references: z.array(z.string().min(1)).min(1).optional().describe('References the finding must list (among others).'),
  ruleVersion: z.number().int().positive().optional().describe('Rule version the finding must carry.'),
  evidence: z.record(z.string(), z.unknown()).optional().describe('Evidence fields the finding must have (deep partial match).'),
}).describe('Findings the case must produce.');

export const forbiddenSchema = z.strictObject(matcherShape).describe('Findings the case must not produce.');

export const policyCaseSchema = z.strictObject({
  name: z.string().min(1).describe('What the case shows, printed with PASS or FAIL.'),
  rules: z.array(z.string().min(1)).optional().describe('Rule ids to run (default: every rule of the pack).'),
  asOf: z.string().min(1).optional().describe('Evaluate as of this date (default: the tenant\'s collectedAt).'),
  tenant: caseTenantSchema,
  waivers: z.array(waiverSchema).default([]).describe('Waivers applied, as in a waivers file.'),
  expect: z.array(expectationSchema).default([]),
  forbid: z.array(forbiddenSchema).default([]),
  exhaustive: z.boolean().default(false).describe('true: every finding of the rules run must match an expect entry (nothing else may fire).'),
}).describe('One policy test case.');

export const policyCaseFileSchema = z.strictObject({
  $schema: z.string().optional().describe('JSON Schema reference for editors; ignored.'),
  cases: z.array(policyCaseSchema).min(1, { error: 'must list at least one case' }),
}).describe('fusion-access-audit policy test cases');

export type PolicyCase = z.output<typeof policyCaseSchema>;
export type CaseTenant = z.output<typeof caseTenantSchema>;
export type Expectation = z.output<typeof expectationSchema>;
export type Forbidden = z.output<typeof forbiddenSchema>;
