import { copyFile, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { ChangesDocument, EvaluationRecord, FindingsDocument } from '../evaluate/types.ts';
import type { TenantModel } from '../model/types.ts';
import { SNAPSHOT_FILES, type SnapshotManifest } from '../snapshot/schema.ts';
import { writeFileAtomic, writeStreamAtomic } from '../util/atomic-write.ts';
import { toJsonText } from '../util/stable-json.ts';
import { RUN_FILES } from './schema.ts';

export interface EvaluationOutput {
  snapshotDir: string;
  model: TenantModel;
  manifest: SnapshotManifest;
  document: FindingsDocument;
  changes: ChangesDocument | null;
  record: EvaluationRecord;
}

/** Copies the snapshot into the run folder (data files first, manifest last) unless it is already there. */
const copySnapshot = async (from: string, to: string, manifest: SnapshotManifest): Promise<void> => {
  if (resolve(from) === resolve(to)) return;
  // Every data file the manifest hashes (services.json and role-graph.json exist only in some
  // snapshots), restricted to the names a snapshot may hold; the manifest last.
  const data = Object.values(SNAPSHOT_FILES).filter((name) => name !== SNAPSHOT_FILES.manifest && manifest.files[name] !== undefined);
  const order = [...data, SNAPSHOT_FILES.manifest];
  for (const name of order) await writeStreamAtomic(join(to, name), (temp) => copyFile(join(from, name), temp));
};

/**
 * Writes an evaluation folder: snapshot/, findings.json, changes.json (only with a baseline;
 * a stale one from an earlier evaluation is removed) and evaluation.json last, each atomically.
 */
export const writeEvaluation = async (outDir: string, output: EvaluationOutput): Promise<void> => {
  await copySnapshot(output.snapshotDir, join(outDir, output.record.snapshot.dir), output.manifest);
  await writeFileAtomic(join(outDir, RUN_FILES.findings), toJsonText(output.document));
  if (output.changes === null) await rm(join(outDir, RUN_FILES.changes), { force: true });
  else await writeFileAtomic(join(outDir, RUN_FILES.changes), toJsonText(output.changes));
  await writeFileAtomic(join(outDir, RUN_FILES.evaluation), toJsonText(output.record));
};
