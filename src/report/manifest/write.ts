import { createPrivateKey, sign } from 'node:crypto';
import { readFile, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { AuditError } from '../../errors.ts';
import type { EvaluationRecord } from '../../evaluate/types.ts';
import { writeFileAtomic } from '../../util/atomic-write.ts';
import { readFileSha256 } from '../../util/hash.ts';
import { toJsonText } from '../../util/stable-json.ts';
import { TOOL } from '../../version.ts';
import { getSourceFilePath, readRunFiles } from './files.ts';
import { EVIDENCE_MANIFEST, EVIDENCE_SIGNATURE, type EvidenceManifest } from './schema.ts';

const readCurrentHash = async (runDir: string, recorded: string): Promise<string | null> => {
  const file = getSourceFilePath(runDir, recorded);
  return file === null ? null : readFileSha256(file);
};

/** Builds the evidence manifest from what is in the folder now. */
export const createEvidenceManifest = async (dir: string, record: EvaluationRecord, meta: { tenant: string; generatedAt: string }): Promise<EvidenceManifest> => {
  const files: EvidenceManifest['files'] = [];
  for (const path of await readRunFiles(dir)) {
    const full = join(dir, path);
    files.push({ path, sha256: await readFileSha256(full), bytes: (await stat(full)).size });
  }
  const policies: EvidenceManifest['policies'] = [];
  for (const policy of record.policies) {
    policies.push({ path: policy.path, recordedSha256: policy.sha256, currentSha256: await readCurrentHash(dir, policy.path) });
  }
  return {
    schemaVersion: 1,
    kind: 'fusion-access-audit/evidence',
    tool: { ...TOOL },
    runId: record.runId,
    tenant: meta.tenant,
    generatedAt: meta.generatedAt,
    files,
    policies,
    waivers: record.waivers === null ? null : { path: record.waivers.path, recordedSha256: record.waivers.sha256, currentSha256: await readCurrentHash(dir, record.waivers.path) },
  };
};

/** Loads an Ed25519 private key (PEM); anything else is a one-line error naming the file. */
export const readSigningKey = async (file: string) => {
  let pem: string;
  try {
    pem = await readFile(file, 'utf8');
  } catch (cause) {
    throw new AuditError('usage', `--sign-key ${file}: cannot read file (${(cause as NodeJS.ErrnoException).code ?? 'error'})`, { cause });
  }
  let key;
  try {
    key = createPrivateKey(pem);
  } catch (cause) {
    throw new AuditError('usage', `--sign-key ${file}: not a PEM private key`, { cause, hint: 'openssl genpkey -algorithm ed25519 -out audit-signing.pem' });
  }
  if (key.asymmetricKeyType !== 'ed25519') throw new AuditError('usage', `--sign-key ${file}: key type ${key.asymmetricKeyType ?? 'unknown'}, expected ed25519`, { hint: 'openssl genpkey -algorithm ed25519 -out audit-signing.pem' });
  return key;
};

/**
 * Writes manifest.json last (after every other file), and manifest.sig (base64 Ed25519 over the
 * exact manifest bytes) when a key is given. A stale signature from an earlier render is removed
 * so it can never vouch for a new manifest.
 */
export const writeEvidenceManifest = async (dir: string, record: EvaluationRecord, meta: { tenant: string; generatedAt: string }, signKeyFile?: string): Promise<string[]> => {
  const key = signKeyFile === undefined ? null : await readSigningKey(signKeyFile);
  const text = toJsonText(await createEvidenceManifest(dir, record, meta));
  await writeFileAtomic(join(dir, EVIDENCE_MANIFEST), text);
  if (key === null) {
    await rm(join(dir, EVIDENCE_SIGNATURE), { force: true });
    return [EVIDENCE_MANIFEST];
  }
  await writeFileAtomic(join(dir, EVIDENCE_SIGNATURE), `${sign(null, Buffer.from(text), key).toString('base64')}\n`);
  return [EVIDENCE_MANIFEST, EVIDENCE_SIGNATURE];
};
