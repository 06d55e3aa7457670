import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { z } from 'zod';
import { AuditError } from '../errors.ts';
import type { Account, ServiceAccount, TenantModel } from '../model/types.ts';
import { sha256 } from '../util/hash.ts';
import { formatZodIssues } from '../util/zod-issues.ts';
import { computeCoverage, type RoleGraph } from '../model/role-graph.ts';
import { accountSchema, probeResultSchema, roleGraphSchema, roleInfoSchema, serviceAccountSchema, SNAPSHOT_FILES, snapshotManifestSchema, type SnapshotManifest } from './schema.ts';

const fail = (message: string): never => {
  throw new AuditError('snapshot', message, { hint: 'the snapshot folder must be written by `access-audit collect` (or a run folder\'s snapshot/)' });
};

const parseWith = <T>(schema: z.ZodType<T>, value: unknown, where: string, prefix: PropertyKey[] = []): T => {
  const result = schema.safeParse(value);
  if (!result.success) fail(formatZodIssues(where, result.error, prefix)[0] ?? `${where}: invalid`);
  return (result as { data: T }).data;
};

const readJson = async (file: string): Promise<{ text: string; value: unknown }> => {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return fail(`${file}: cannot read snapshot file`);
  }
  try {
    return { text, value: JSON.parse(text) as unknown };
  } catch (error) {
    return fail(`${file}: invalid JSON: ${(error as Error).message}`);
  }
};

const checkHash = (manifest: SnapshotManifest, name: string, actual: string, file: string): void => {
  const expected = manifest.files[name];
  if (expected === undefined) fail(`${join(file, '..', SNAPSHOT_FILES.manifest)}: files.${name}: missing hash`);
  if (expected !== actual) fail(`${file}: SHA-256 does not match the snapshot manifest (the file was changed after collection)`);
};

export const readSnapshotManifest = async (dir: string): Promise<SnapshotManifest> => {
  const file = join(dir, SNAPSHOT_FILES.manifest);
  const { value } = await readJson(file);
  return parseWith(snapshotManifestSchema, value, file);
};

const readAccounts = async (file: string, manifest: SnapshotManifest): Promise<Account[]> => {
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
        fail(`${file}: line ${line}: invalid JSON: ${(error as Error).message}`);
      }
      accounts.push(parseWith(accountSchema, value, `${file}: line ${line}`));
    }
  } catch (error) {
    if (error instanceof AuditError) throw error;
    fail(`${file}: cannot read snapshot file`);
  }
  checkHash(manifest, SNAPSHOT_FILES.accounts, hash.digest('hex'), file);
  return accounts;
};

/** services.json is optional: snapshots without adjacent services (or older ones) have none. */
const readServiceAccounts = async (dir: string, manifest: SnapshotManifest): Promise<ServiceAccount[]> => {
  if (manifest.files[SNAPSHOT_FILES.services] === undefined) return [];
  const file = join(dir, SNAPSHOT_FILES.services);
  const services = await readJson(file);
  checkHash(manifest, SNAPSHOT_FILES.services, sha256(services.text), file);
  return parseWith(serviceAccountSchema.array(), services.value, file);
};

/** role-graph.json is optional: snapshots without a collected role graph (or older ones) have none. */
const readRoleGraph = async (dir: string, manifest: SnapshotManifest): Promise<RoleGraph | null> => {
  if (manifest.files[SNAPSHOT_FILES.roleGraph] === undefined) return null;
  const file = join(dir, SNAPSHOT_FILES.roleGraph);
  const graph = await readJson(file);
  checkHash(manifest, SNAPSHOT_FILES.roleGraph, sha256(graph.text), file);
  return parseWith(roleGraphSchema, graph.value, file);
};

/** Reads and verifies a snapshot folder into the model. */
export const readSnapshot = async (dir: string): Promise<{ model: TenantModel; manifest: SnapshotManifest }> => {
  const manifest = await readSnapshotManifest(dir);
  const accounts = await readAccounts(join(dir, SNAPSHOT_FILES.accounts), manifest);
  const rolesFile = join(dir, SNAPSHOT_FILES.roles);
  const roles = await readJson(rolesFile);
  checkHash(manifest, SNAPSHOT_FILES.roles, sha256(roles.text), rolesFile);
  const probesFile = join(dir, SNAPSHOT_FILES.probes);
  const probes = await readJson(probesFile);
  checkHash(manifest, SNAPSHOT_FILES.probes, sha256(probes.text), probesFile);
  const serviceAccounts = await readServiceAccounts(dir, manifest);
  const roleGraph = await readRoleGraph(dir, manifest);
  const model: TenantModel = {
    tenant: manifest.tenant,
    startedAt: manifest.startedAt,
    finishedAt: manifest.finishedAt,
    complete: manifest.complete,
    incompleteReasons: manifest.incompleteReasons,
    sources: manifest.sources,
    accounts,
    roles: parseWith(roleInfoSchema.array(), roles.value, rolesFile),
    integrations: manifest.integrations,
    probes: parseWith(probeResultSchema.array(), probes.value, probesFile),
    serviceAccounts,
    roleGraph,
    roleGraphCoverage: roleGraph === null ? null : manifest.roleGraph?.coverage ?? computeCoverage(roleGraph, accounts.flatMap((account) => account.roles.map((role) => role.code))),
  };
  return { model, manifest };
};
