import { z } from 'zod';

const sha = z.string().regex(/^[0-9a-f]{64}$/);

export const EVIDENCE_MANIFEST = 'manifest.json';
export const EVIDENCE_SIGNATURE = 'manifest.sig';

/** manifest.json at the root of a run folder: the hash of every file that is evidence. */
export const evidenceManifestSchema = z.strictObject({
  schemaVersion: z.literal(1),
  kind: z.literal('fusion-access-audit/evidence'),
  tool: z.strictObject({ name: z.string(), version: z.string() }),
  runId: z.string().describe('Evaluation run id the files belong to'),
  tenant: z.string(),
  generatedAt: z.string().describe('When the findings were generated (from findings.json), not when the manifest was written'),
  files: z.array(z.strictObject({
    path: z.string().describe('Path relative to the run folder, with forward slashes'),
    sha256: sha,
    bytes: z.number().int().nonnegative(),
  })).describe('Every file in the run folder except the manifest and its signature'),
  policies: z.array(z.strictObject({
    path: z.string(),
    recordedSha256: z.string().describe('Hash the evaluation recorded'),
    currentSha256: sha.nullable().describe('Hash of the file when the manifest was written; null when it was not found'),
  })),
  waivers: z.strictObject({ path: z.string(), recordedSha256: z.string(), currentSha256: sha.nullable() }).nullable(),
});

export type EvidenceManifest = z.infer<typeof evidenceManifestSchema>;
