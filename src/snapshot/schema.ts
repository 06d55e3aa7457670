import { z } from 'zod';

/**
 * Zod schemas for the snapshot files. A snapshot is read back by evaluate, report and gate,
 * possibly on another machine by an auditor, so every file is validated on the way in.
 */
const sourceId = z.enum(['hcm', 'scim']);
const nullableString = z.string().nullable();

export const roleAssignmentSchema = z.strictObject({
  code: z.string().min(1),
  name: nullableString,
  category: nullableString,
  sources: z.array(sourceId),
  hcmRoleId: z.number().nullable(),
  hcmUserRoleId: z.number().nullable(),
});

export const accountSchema = z.strictObject({
  key: z.string().min(1),
  username: z.string().min(1),
  sources: z.array(sourceId),
  hcm: z.strictObject({
    userId: z.number().nullable(),
    guid: z.string(),
    personId: z.number().nullable(),
    personNumber: nullableString,
    suspended: z.boolean(),
    createdBy: nullableString,
    creationDate: nullableString,
    lastUpdateDate: nullableString,
  }).nullable(),
  scim: z.strictObject({
    id: z.string(),
    active: z.boolean(),
    displayName: nullableString,
    givenName: nullableString,
    familyName: nullableString,
    emails: z.array(z.string()),
    userCategory: nullableString,
    accountType: nullableString,
    worker: z.strictObject({
      personNumber: nullableString,
      manager: nullableString,
      job: nullableString,
      department: nullableString,
      businessUnit: nullableString,
    }).nullable(),
  }).nullable(),
  roles: z.array(roleAssignmentSchema),
});

export const roleInfoSchema = z.strictObject({ code: z.string(), name: nullableString, category: nullableString });

export const probeResultSchema = z.strictObject({
  integration: z.string(),
  path: z.string(),
  expect: z.enum(['rows', 'denied']),
  minCount: z.number().nullable(),
  outcome: z.enum(['rows', 'empty', 'denied', 'unauthenticated', 'error', 'skipped']),
  httpStatus: z.number().nullable(),
  count: z.number().nullable(),
  totalResults: z.number().nullable(),
  detail: nullableString,
});

export const serviceAccountSchema = z.strictObject({
  service: z.enum(['iams', 'cpq', 'cx']),
  key: z.string().min(1),
  id: z.string(),
  username: z.string().min(1),
  active: z.boolean(),
  displayName: nullableString,
  email: nullableString,
  externalId: nullableString,
  userType: nullableString,
  groups: z.array(z.string()),
  permissions: z.record(z.string(), z.boolean().nullable()),
  resource: z.strictObject({
    username: nullableString,
    profileId: nullableString,
    partyId: nullableString,
    partyNumber: nullableString,
    startDate: nullableString,
    endDate: nullableString,
    organizationId: nullableString,
    orgRoleCode: nullableString,
    deleted: z.boolean(),
    lastUpdateDate: nullableString,
    activeOn: z.string(),
  }).optional(),
});

export const sourceStatsSchema = z.strictObject({
  source: z.string(),
  requests: z.number(),
  pages: z.number(),
  items: z.number(),
  retries: z.number(),
  throttled: z.number(),
  errors: z.number(),
  complete: z.boolean(),
  problem: nullableString,
});

export const integrationDefinitionSchema = z.strictObject({
  username: z.string(),
  probes: z.array(z.strictObject({ path: z.string(), expect: z.enum(['rows', 'denied']), minCount: z.number().nullable() })),
});

const graphCode = z.string().min(1);

const roleGraphSourceSchema = z.strictObject({ kind: z.enum(['bip', 'file']), location: z.string(), readAt: z.string() });

export const roleGraphSchema = z.strictObject({
  source: roleGraphSourceSchema,
  roles: z.array(z.strictObject({ code: graphCode, name: nullableString, type: nullableString, seeded: z.boolean() })),
  privileges: z.array(z.strictObject({ code: graphCode, name: nullableString })),
  edges: z.array(z.strictObject({ role: graphCode, kind: z.enum(['role', 'privilege']), member: graphCode })),
  problems: z.array(z.string()),
});

export const roleGraphCoverageSchema = z.strictObject({
  assigned: z.number().int().nonnegative(),
  resolved: z.number().int().nonnegative(),
  unresolved: z.array(z.string()),
});

export const SNAPSHOT_FILES = {
  accounts: 'accounts.ndjson', roles: 'roles.json', probes: 'probes.json', services: 'services.json', roleGraph: 'role-graph.json', manifest: 'snapshot-manifest.json',
} as const;

/** Where snapshots written before the evidence manifest got its own name kept their manifest; still read. */
export const LEGACY_SNAPSHOT_MANIFEST = 'manifest.json';

/** The data files a snapshot manifest may list in `files`. */
export const SNAPSHOT_DATA_FILES = Object.values(SNAPSHOT_FILES).filter((name) => name !== SNAPSHOT_FILES.manifest);

export const snapshotManifestSchema = z.strictObject({
  schemaVersion: z.literal(1),
  kind: z.literal('fusion-access-audit/snapshot'),
  tool: z.strictObject({ name: z.string(), version: z.string() }),
  tenant: z.strictObject({ name: z.string(), baseUrl: z.string(), restVersion: z.string(), auditUser: nullableString, authType: z.enum(['oauth2', 'oauth2-jwt', 'fusion-jwt']).optional() }),
  startedAt: z.string(),
  finishedAt: z.string(),
  complete: z.boolean(),
  incompleteReasons: z.array(z.string()),
  sources: z.array(sourceStatsSchema),
  integrations: z.array(integrationDefinitionSchema),
  // serviceAccounts: only in snapshots that hold services.json (older snapshots have neither).
  counts: z.strictObject({
    accounts: z.number(), roleAssignments: z.number(), roles: z.number(), probes: z.number(), serviceAccounts: z.number().optional(),
    // Only in snapshots that hold role-graph.json.
    graphRoles: z.number().optional(), graphPrivileges: z.number().optional(), graphEdges: z.number().optional(),
  }),
  /** Where the role graph came from and how much of the assigned roles it resolves; absent without a graph. */
  roleGraph: z.strictObject({
    source: roleGraphSourceSchema,
    coverage: roleGraphCoverageSchema,
    problems: z.array(z.string()),
  }).optional(),
  /** SHA-256 of each data file, by file name. */
  files: z.record(z.string(), z.string().regex(/^[0-9a-f]{64}$/)),
});

export type SnapshotManifest = z.infer<typeof snapshotManifestSchema>;
