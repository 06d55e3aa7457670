import { copyFile, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { ChangesDocument, EvaluationRecord, FindingsDocument } from '../evaluate/types.ts';
import type { TenantModel } from '../model/types.ts';
import { getSnapshotManifestPath } from '../snapshot/read.ts';
import { SNAPSHOT_DATA_FILES, SNAPSHOT_FILES, type SnapshotManifest } from '../snapshot/schema.ts';
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

/**
 * Copies the snapshot into the run folder unless it is already there: every data file the
 * manifest lists (they were read and hash-checked already), then the manifest last, under its
 * current name even when the source kept it under the legacy one.
 */
const copySnapshot = async (from: string, to: string, manifest: SnapshotManifest): Promise<void> => {
  if (resolve(from) === resolve(to)) return;
  for (const name of SNAPSHOT_DATA_FILES.filter((file) => manifest.files[file] !== undefined)) {
    await writeStreamAtomic(join(to, name), (temp) => copyFile(join(from, name), temp));
  }
  const manifestFile = await getSnapshotManifestPath(from);
  await writeStreamAtomic(join(to, SNAPSHOT_FILES.manifest), (temp) => copyFile(manifestFile, temp));
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
