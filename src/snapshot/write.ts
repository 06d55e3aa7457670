import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import type { TenantModel } from '../model/types.ts';
import { writeFileAtomic, writeStreamAtomic } from '../util/atomic-write.ts';
import { readFileSha256, sha256 } from '../util/hash.ts';
import { toJsonText } from '../util/stable-json.ts';
import { TOOL } from '../version.ts';
import { isServiceSource } from '../model/services.ts';
import { computeCoverage } from '../model/role-graph.ts';
import { SNAPSHOT_FILES, type SnapshotManifest } from './schema.ts';

/** Accounts go one per line so 100,000 accounts never need one giant string. */
const writeAccounts = (file: string, model: TenantModel): Promise<void> =>
  writeStreamAtomic(file, async (temp) => {
    const out = createWriteStream(temp);
    for (const account of model.accounts) {
      if (!out.write(`${JSON.stringify(account)}\n`)) await once(out, 'drain');
    }
    out.end();
    await once(out, 'finish');
  });

/**
 * Writes a snapshot folder: data files first, the manifest (with their hashes) last, each
 * atomically. A folder whose manifest is missing or stale is rejected when read.
 */
export const writeSnapshot = async (dir: string, model: TenantModel): Promise<SnapshotManifest> => {
  const accountsFile = join(dir, SNAPSHOT_FILES.accounts);
  await writeAccounts(accountsFile, model);
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
      [SNAPSHOT_FILES.accounts]: await readFileSha256(accountsFile),
      [SNAPSHOT_FILES.roles]: sha256(rolesText),
      [SNAPSHOT_FILES.probes]: sha256(probesText),
      ...(servicesText === null ? {} : { [SNAPSHOT_FILES.services]: sha256(servicesText) }),
      ...(graphText === null ? {} : { [SNAPSHOT_FILES.roleGraph]: sha256(graphText) }),
    },
  };
  await writeFileAtomic(join(dir, SNAPSHOT_FILES.manifest), toJsonText(manifest));
  return manifest;
};
