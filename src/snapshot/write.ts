import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import type { TenantModel } from '../model/types.ts';
import { writeFileAtomic, writeStreamAtomic } from '../util/atomic-write.ts';
import { sha256 } from '../util/hash.ts';
import { toJsonText } from '../util/stable-json.ts';
import { TOOL } from '../version.ts';
import { isServiceSource } from '../model/services.ts';
import { computeCoverage } from '../model/role-graph.ts';
import { SNAPSHOT_FILES, type SnapshotManifest } from './schema.ts';

/** Lines are written (and hashed) in chunks of about this many characters. */
const CHUNK_CHARS = 1 << 20;

/**
 * Accounts go one per line so 100,000 accounts never need one giant string; lines are gathered
 * into chunks of about 1 MB (one write call per chunk, not per account) and hashed as they are
 * written, so the file is never read back. Returns the SHA-256 of what was written.
 */
const writeAccounts = async (file: string, model: TenantModel): Promise<string> => {
  const hash = createHash('sha256');
  await writeStreamAtomic(file, async (temp) => {
    const out = createWriteStream(temp);
    let chunk = '';
    const flush = async (): Promise<void> => {
      const bytes = Buffer.from(chunk, 'utf8');
      chunk = '';
      hash.update(bytes);
      if (!out.write(bytes)) await once(out, 'drain');
    };
    for (const account of model.accounts) {
      chunk += `${JSON.stringify(account)}\n`;
      if (chunk.length >= CHUNK_CHARS) await flush();
    }
    await flush();
    out.end();
    await once(out, 'finish');
  });
  return hash.digest('hex');
};

/**
 * Writes a snapshot folder: data files first, the manifest (with their hashes) last, each
 * atomically. A folder whose manifest is missing or stale is rejected when read.
 */
export const writeSnapshot = async (dir: string, model: TenantModel): Promise<SnapshotManifest> => {
  const accountsFile = join(dir, SNAPSHOT_FILES.accounts);
  const accountsHash = await writeAccounts(accountsFile, model);
  const rolesText = toJsonText(model.roles);
  const probesText = toJsonText(model.probes);
  await writeFileAtomic(join(dir, SNAPSHOT_FILES.roles), rolesText);
  await writeFileAtomic(join(dir, SNAPSHOT_FILES.probes), probesText);
  // services.json only when a service was collected (or configured): a Fusion-only snapshot is
  // byte-for-byte what it was before services existed.
  const hasServices = model.serviceAccounts.length > 0 || model.sources.some((s) => isServiceSource(s.source));
  const servicesText = hasServices ? toJsonText(model.serviceAccounts) : null;
  if (servicesText !== null) await writeFileAtomic(join(dir, SNAPSHOT_FILES.services), servicesText);
  // role-graph.json only when a graph was collected: without one the snapshot is what it was before.
  const graph = model.roleGraph;
  const graphText = graph === null ? null : toJsonText(graph);
  if (graphText !== null) await writeFileAtomic(join(dir, SNAPSHOT_FILES.roleGraph), graphText);
  const manifest: SnapshotManifest = {
    schemaVersion: 1,
    kind: 'fusion-access-audit/snapshot',
    tool: { ...TOOL },
    tenant: model.tenant,
    startedAt: model.startedAt,
    finishedAt: model.finishedAt,
    complete: model.complete,
    incompleteReasons: model.incompleteReasons,
    sources: model.sources,
    integrations: model.integrations,
    counts: {
      accounts: model.accounts.length,
      roleAssignments: model.accounts.reduce((sum, account) => sum + account.roles.length, 0),
      roles: model.roles.length,
      probes: model.probes.length,
      ...(servicesText === null ? {} : { serviceAccounts: model.serviceAccounts.length }),
      ...(graph === null ? {} : { graphRoles: graph.roles.length, graphPrivileges: graph.privileges.length, graphEdges: graph.edges.length }),
    },
    ...(graph === null ? {} : {
      roleGraph: {
        source: graph.source,
        coverage: model.roleGraphCoverage ?? computeCoverage(graph, model.accounts.flatMap((account) => account.roles.map((role) => role.code))),
        problems: graph.problems,
      },
    }),
    files: {
      [SNAPSHOT_FILES.accounts]: accountsHash,
      [SNAPSHOT_FILES.roles]: sha256(rolesText),
      [SNAPSHOT_FILES.probes]: sha256(probesText),
      ...(servicesText === null ? {} : { [SNAPSHOT_FILES.services]: sha256(servicesText) }),
      ...(graphText === null ? {} : { [SNAPSHOT_FILES.roleGraph]: sha256(graphText) }),
    },
  };
  await writeFileAtomic(join(dir, SNAPSHOT_FILES.manifest), toJsonText(manifest));
  return manifest;
};
