import { createReadStream } from 'node:fs';
import { lstat } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { z } from 'zod';
import { AuditError } from '../errors.ts';
import type { Account, ServiceAccount, TenantModel } from '../model/types.ts';
import { sha256 } from '../util/hash.ts';
import { readInputText, toJsonErrorText } from '../util/read-structured.ts';
import { toSuggestionText } from '../util/suggest.ts';
import { formatZodIssues } from '../util/zod-issues.ts';
import { computeCoverage, type RoleGraph } from '../model/role-graph.ts';
import {
  accountSchema, LEGACY_SNAPSHOT_MANIFEST, probeResultSchema, roleGraphSchema, roleInfoSchema, serviceAccountSchema, SNAPSHOT_DATA_FILES, SNAPSHOT_FILES,
  snapshotManifestSchema, type SnapshotManifest,
} from './schema.ts';

const fail = (message: string): never => {
  throw new AuditError('snapshot', message, { hint: 'the snapshot folder must be written by `access-audit collect` (or a run folder\'s snapshot/)' });
};

const parseWith = <T>(schema: z.ZodType<T>, value: unknown, where: string, prefix: PropertyKey[] = []): T => {
  const result = schema.safeParse(value);
  if (!result.success) fail(formatZodIssues(where, result.error, prefix)[0] ?? `${where}: invalid`);
  return (result as { data: T }).data;
};

/** Snapshot files are data the tool wrote: never followed through a symlink, never quoted in an error. */
const readJson = async (file: string): Promise<{ text: string; value: unknown }> => {
  let text: string;
  try {
    text = await readInputText(file, 'snapshot', { noSymlink: true, maxBytes: Number.MAX_SAFE_INTEGER });
  } catch (error) {
    return fail((error as Error).message.replace(': cannot read file', ': cannot read snapshot file'));
  }
  try {
    return { text, value: JSON.parse(text) as unknown };
  } catch (error) {
    return fail(`${file}: ${toJsonErrorText(text, error)}`);
  }
};

/**
 * The snapshot manifest: snapshot-manifest.json, or manifest.json in snapshots written before the
 * two manifests had different names (only when it really is a snapshot manifest).
 */
export const getSnapshotManifestPath = async (dir: string): Promise<string> => {
  const current = join(dir, SNAPSHOT_FILES.manifest);
  const present = async (file: string): Promise<boolean> => (await lstat(file).catch(() => null)) !== null;
  if (await present(current)) return current;
  const legacy = join(dir, LEGACY_SNAPSHOT_MANIFEST);
  return (await present(legacy)) ? legacy : current;
};

const checkHash = (manifest: SnapshotManifest, name: string, actual: string, file: string, manifestFile: string): void => {
  const expected = manifest.files[name];
  if (expected === undefined) fail(`${manifestFile}: files.${name}: missing hash`);
  if (expected !== actual) fail(`${file}: SHA-256 does not match the snapshot manifest (the file was changed after collection)`);
};

/** Manifest `files` keys are plain names from the known set: never a path, never a stranger. */
const checkFileKeys = (manifest: SnapshotManifest, file: string): void => {
  for (const name of Object.keys(manifest.files)) {
    if (!(SNAPSHOT_DATA_FILES as readonly string[]).includes(name)) {
      fail(`${file}: files.${name}: not a snapshot data file${toSuggestionText(name, SNAPSHOT_DATA_FILES)} (known: ${SNAPSHOT_DATA_FILES.join(', ')})`);
    }
  }
};

export const readSnapshotManifest = async (dir: string): Promise<SnapshotManifest> => {
  const file = await getSnapshotManifestPath(dir);
  const { value } = await readJson(file);
  const manifest = parseWith(snapshotManifestSchema, value, file);
  checkFileKeys(manifest, file);
  return manifest;
};

const readAccounts = async (file: string, manifest: SnapshotManifest, manifestFile: string): Promise<Account[]> => {
  const info = await lstat(file).catch(() => null);
  if (info === null || !info.isFile()) fail(`${file}: ${info?.isSymbolicLink() === true ? 'is a symbolic link; refusing to follow it' : 'cannot read snapshot file'}`);
  const hash = createHash('sha256');
  const accounts: Account[] = [];
  const stream = createReadStream(file);
  stream.on('data', (chunk) => hash.update(chunk as Buffer));
  const lines = createInterface({ input: stream, crlfDelay: Infinity });
  let line = 0;
  try {
    for await (const text of lines) {
      line += 1;
      if (text === '') continue;
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch (error) {
        fail(`${file}: line ${line}: ${toJsonErrorText(text, error)}`);
      }
      accounts.push(parseWith(accountSchema, value, `${file}: line ${line}`));
    }
  } catch (error) {
    if (error instanceof AuditError) throw error;
    fail(`${file}: cannot read snapshot file`);
  }
  checkHash(manifest, SNAPSHOT_FILES.accounts, hash.digest('hex'), file, manifestFile);
  return accounts;
};

const readHashedJson = async (dir: string, name: string, manifest: SnapshotManifest, manifestFile: string): Promise<{ file: string; value: unknown }> => {
  const file = join(dir, name);
  const { text, value } = await readJson(file);
  checkHash(manifest, name, sha256(text), file, manifestFile);
  return { file, value };
};

/** services.json is optional: snapshots without adjacent services (or older ones) have none. */
const readServiceAccounts = async (dir: string, manifest: SnapshotManifest, manifestFile: string): Promise<ServiceAccount[]> => {
  if (manifest.files[SNAPSHOT_FILES.services] === undefined) return [];
  const { file, value } = await readHashedJson(dir, SNAPSHOT_FILES.services, manifest, manifestFile);
  return parseWith(serviceAccountSchema.array(), value, file);
};

/** role-graph.json is optional: snapshots without a collected role graph (or older ones) have none. */
const readRoleGraph = async (dir: string, manifest: SnapshotManifest, manifestFile: string): Promise<RoleGraph | null> => {
  if (manifest.files[SNAPSHOT_FILES.roleGraph] === undefined) return null;
  const { file, value } = await readHashedJson(dir, SNAPSHOT_FILES.roleGraph, manifest, manifestFile);
  return parseWith(roleGraphSchema, value, file);
};

/**
 * The manifest's counts must match the data: an emptied accounts.ndjson with a re-hashed manifest
 * is a corrupt snapshot, not a tenant with no accounts.
 */
const checkCounts = (model: TenantModel, manifest: SnapshotManifest, manifestFile: string): void => {
  const actual: Record<string, number> = {
    accounts: model.accounts.length,
    roleAssignments: model.accounts.reduce((sum, account) => sum + account.roles.length, 0),
    roles: model.roles.length,
    probes: model.probes.length,
    ...(manifest.counts.serviceAccounts === undefined ? {} : { serviceAccounts: model.serviceAccounts.length }),
  };
  for (const [name, count] of Object.entries(actual)) {
    const stated = (manifest.counts as Record<string, number | undefined>)[name];
    if (stated !== count) fail(`${manifestFile}: counts.${name}: says ${stated ?? 'nothing'}, the data files hold ${count} (corrupt or edited snapshot)`);
  }
};

/** Reads and verifies a snapshot folder into the model. */
export const readSnapshot = async (dir: string): Promise<{ model: TenantModel; manifest: SnapshotManifest }> => {
  const manifestFile = await getSnapshotManifestPath(dir);
  const manifest = await readSnapshotManifest(dir);
  const accounts = await readAccounts(join(dir, SNAPSHOT_FILES.accounts), manifest, manifestFile);
  const roles = await readHashedJson(dir, SNAPSHOT_FILES.roles, manifest, manifestFile);
  const probes = await readHashedJson(dir, SNAPSHOT_FILES.probes, manifest, manifestFile);
  const serviceAccounts = await readServiceAccounts(dir, manifest, manifestFile);
  const roleGraph = await readRoleGraph(dir, manifest, manifestFile);
  const model: TenantModel = {
    tenant: manifest.tenant,
    startedAt: manifest.startedAt,
    finishedAt: manifest.finishedAt,
    complete: manifest.complete,
    incompleteReasons: manifest.incompleteReasons,
    sources: manifest.sources,
    accounts,
    roles: parseWith(roleInfoSchema.array(), roles.value, roles.file),
    integrations: manifest.integrations,
    probes: parseWith(probeResultSchema.array(), probes.value, probes.file),
    serviceAccounts,
    roleGraph,
    roleGraphCoverage: roleGraph === null ? null : manifest.roleGraph?.coverage ?? computeCoverage(roleGraph, accounts.flatMap((account) => account.roles.map((role) => role.code))),
  };
  checkCounts(model, manifest, manifestFile);
  return { model, manifest };
};
