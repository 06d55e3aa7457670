import { z } from 'zod';
import { SEVERITIES } from '../evaluate/severity.ts';
import { FINDING_CAUSES } from '../evaluate/types.ts';

/**
 * Schemas of the files an evaluation folder holds. They are read back by `report --run` and by
 * a later run's `--baseline`, possibly written by another version: validated on the way in.
 */
const severity = z.enum(SEVERITIES);
const nullableString = z.string().nullable();

export const storedWaiverSchema = z.strictObject({
  ruleId: z.string(),
  username: z.string(),
  roleCode: nullableString,
  endpoint: nullableString,
  justification: z.string(),
  approvedBy: z.string(),
  ticket: nullableString,
  mitigatingControl: nullableString.default(null),
  expires: z.string(),
});

export const findingSchema = z.strictObject({
  id: z.string().min(1),
  ruleId: z.string().min(1),
  ruleVersion: z.number().int(),
  severity,
  title: z.string(),
  message: z.string(),
  username: z.string(),
  roleCode: nullableString,
  endpoint: nullableString,
  status: z.enum(['open', 'waived']),
  waiver: storedWaiverSchema.nullable(),
  baseline: z.enum(['new', 'existing']).nullable(),
  cause: z.enum(FINDING_CAUSES).nullable().default(null),
  causeDetail: nullableString.default(null),
  evidence: z.record(z.string(), z.unknown()),
  remediation: z.string(),
  references: z.array(z.string()),
});

const counts = z.strictObject(Object.fromEntries(SEVERITIES.map((name) => [name, z.number().int().min(0)])) as Record<(typeof SEVERITIES)[number], z.ZodNumber>);

const memberRef = z.strictObject({ kind: z.enum(['role', 'privilege']), code: z.string() });

export const findingsDocumentSchema = z.strictObject({
  schemaVersion: z.literal(1),
  tool: z.strictObject({ name: z.string(), version: z.string() }),
  tenant: z.string(),
  generatedAt: z.string(),
  complete: z.boolean(),
  summary: counts,
  findings: z.array(findingSchema),
  resolved: z.array(findingSchema),
  waivers: z.strictObject({ expired: z.array(storedWaiverSchema), stale: z.array(storedWaiverSchema), expiringSoon: z.array(storedWaiverSchema) }),
  change: z.strictObject({
    file: z.string(),
    assignments: z.strictObject({ added: z.number().int(), removed: z.number().int(), accounts: z.number().int() }),
    roles: z.array(z.strictObject({ role: z.string(), added: z.array(memberRef), removed: z.array(memberRef), holders: z.number().int() })),
    roleHolders: z.number().int(),
    accounts: z.number().int(),
  }).optional(),
});

const probeState = z.strictObject({ outcome: z.string(), totalResults: z.number().nullable() }).nullable();

export const changesDocumentSchema = z.strictObject({
  schemaVersion: z.literal(1),
  tenant: z.string().default(''),
  baseline: z.strictObject({ tenant: z.string(), generatedAt: z.string(), path: z.string() }),
  crossPod: z.boolean().default(false),
  newFindings: z.number().int(),
  existingFindings: z.number().int(),
  resolvedFindings: z.number().int(),
  accountsAdded: z.array(z.string()),
  accountsRemoved: z.array(z.string()),
  roles: z.array(z.strictObject({ username: z.string(), added: z.array(z.string()), removed: z.array(z.string()) })),
  probes: z.array(z.strictObject({ integration: z.string(), path: z.string(), before: probeState, after: probeState })),
  roleGraphCompared: z.boolean().default(false),
  roleContent: z.array(z.strictObject({
    role: z.string(), name: nullableString, seeded: z.boolean(), changedBy: z.enum(['vendor-update', 'tenant']),
    added: z.array(memberRef), removed: z.array(memberRef), holders: z.number().int(), privilegesGained: z.array(z.string()), accountsGained: z.array(z.string()),
  })).default([]),
  causes: z.array(z.strictObject({
    cause: z.enum(FINDING_CAUSES).nullable(), detail: nullableString, ruleId: z.string(), title: z.string(), severity,
    count: z.number().int(), summary: z.string(),
  })).default([]),
});

const fileHash = z.strictObject({ path: z.string(), sha256: z.string().regex(/^[0-9a-f]{64}$/) });

export const evaluationRecordSchema = z.strictObject({
  schemaVersion: z.literal(1),
  kind: z.literal('fusion-access-audit/evaluation'),
  runId: z.string().min(1),
  tenant: z.string(),
  asOf: z.string(),
  failOn: severity,
  snapshot: z.strictObject({ dir: z.string().min(1), manifestSha256: z.string().regex(/^[0-9a-f]{64}$/) }),
  policies: z.array(fileHash),
  policyPackHash: z.string(),
  waivers: fileHash.nullable(),
  baseline: z.strictObject({ path: z.string() }).nullable(),
  rules: z.array(z.strictObject({
    id: z.string(),
    version: z.number().int(),
    title: z.string(),
    severity,
    description: z.string(),
    remediation: z.string(),
    references: z.array(z.string()),
    source: z.string(),
  })),
});

export const RUN_FILES = { findings: 'findings.json', changes: 'changes.json', evaluation: 'evaluation.json', snapshot: 'snapshot' } as const;
