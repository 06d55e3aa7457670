import { createPublicKey, verify } from 'node:crypto';
import { lstat, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { AuditError } from '../../errors.ts';
import { readFileSha256 } from '../../util/hash.ts';
import { toJsonErrorText } from '../../util/read-structured.ts';
import { formatZodIssues } from '../../util/zod-issues.ts';
import { getInsidePath, getSourceFilePath, readRunFiles } from './files.ts';
import { checkStatedRunIds } from './run-ids.ts';
import { EVIDENCE_MANIFEST, EVIDENCE_SIGNATURE, evidenceManifestSchema, type EvidenceManifest } from './schema.ts';

export type SignatureState = 'valid' | 'invalid' | 'missing' | 'not-checked' | 'unsigned';

export interface VerifyResult {
  manifest: EvidenceManifest;
  /** Evidence that changed or is missing: each line names a file. Non-empty means tampered. */
  problems: string[];
  /** Things worth knowing that do not break the evidence (extra files, policy files edited since). */
  notes: string[];
  signature: SignatureState;
  checked: number;
}

const readManifest = async (dir: string): Promise<{ text: Buffer; manifest: EvidenceManifest }> => {
  const file = join(dir, EVIDENCE_MANIFEST);
  let text: Buffer;
  try {
    text = await readFile(file);
  } catch (cause) {
    throw new AuditError('io', `${file}: cannot read evidence manifest (${(cause as NodeJS.ErrnoException).code ?? 'error'})`, { cause, hint: 'give the run folder that `access-audit run` or `report` wrote' });
  }
  let value: unknown;
  try {
    value = JSON.parse(text.toString('utf8'));
  } catch (cause) {
    throw new AuditError('io', `${file}: ${toJsonErrorText(text.toString('utf8'), cause)}`, { cause });
  }
  const parsed = evidenceManifestSchema.safeParse(value);
  if (!parsed.success) throw new AuditError('io', formatZodIssues(file, parsed.error)[0] ?? `${file}: invalid manifest`);
  return { text, manifest: parsed.data };
};

const readPublicKey = async (file: string) => {
  let pem: string;
  try {
    pem = await readFile(file, 'utf8');
  } catch (cause) {
    throw new AuditError('usage', `--public-key ${file}: cannot read file (${(cause as NodeJS.ErrnoException).code ?? 'error'})`, { cause });
  }
  try {
    const key = createPublicKey(pem);
    if (key.asymmetricKeyType !== 'ed25519') throw new Error(`key type ${key.asymmetricKeyType ?? 'unknown'}`);
    return key;
  } catch (cause) {
    throw new AuditError('usage', `--public-key ${file}: not an Ed25519 public key PEM (${(cause as Error).message.split('\n')[0] ?? ''})`, { cause });
  }
};

const checkSignature = async (dir: string, text: Buffer, publicKeyFile: string | undefined): Promise<SignatureState> => {
  let signature: string | null = null;
  try {
    signature = (await readFile(join(dir, EVIDENCE_SIGNATURE), 'utf8')).trim();
  } catch {
    signature = null;
  }
  if (publicKeyFile === undefined) return signature === null ? 'unsigned' : 'not-checked';
  const key = await readPublicKey(publicKeyFile);
  if (signature === null) return 'missing';
  return verify(null, text, key, Buffer.from(signature, 'base64')) ? 'valid' : 'invalid';
};

/** Recomputes every hash in a run folder's manifest.json and checks manifest.sig. */
export const verifyEvidence = async (dir: string, options: { publicKey?: string } = {}): Promise<VerifyResult> => {
  const { text, manifest } = await readManifest(dir);
  const problems: string[] = [];
  const notes: string[] = [];
  for (const entry of manifest.files) {
    const full = getInsidePath(dir, entry.path);
    if (full === null) {
      problems.push(`${entry.path}: path leaves the run folder`);
      continue;
    }
    if ((await lstat(full).catch(() => null))?.isSymbolicLink() === true) {
      problems.push(`${entry.path}: is a symbolic link (never followed)`);
      continue;
    }
    let actual: string;
    try {
      actual = await readFileSha256(full);
    } catch {
      problems.push(`${entry.path}: missing`);
      continue;
    }
    if (actual !== entry.sha256) problems.push(`${entry.path}: changed (SHA-256 ${actual.slice(0, 12)}…, manifest says ${entry.sha256.slice(0, 12)}…)`);
  }
  const listed = new Set(manifest.files.map((entry) => entry.path));
  for (const path of await readRunFiles(dir)) if (!listed.has(path)) notes.push(`${path}: not in the manifest (added after it was written)`);
  for (const source of [...manifest.policies, ...(manifest.waivers === null ? [] : [manifest.waivers])]) {
    const file = getSourceFilePath(dir, source.path);
    if (file === null) {
      notes.push(`${source.path}: not found here, not checked`);
      continue;
    }
    const now = await readFileSha256(file);
    if (now !== source.recordedSha256) notes.push(`${source.path}: differs from the file the evaluation used (edited since)`);
  }
  problems.push(...await checkStatedRunIds(dir, manifest.files.map((entry) => entry.path), manifest.runId));
  const signature = await checkSignature(dir, text, options.publicKey);
  return { manifest, problems, notes, signature, checked: manifest.files.length };
};
