import { lstat } from 'node:fs/promises';
import { join } from 'node:path';
import type { z } from 'zod';
import { AuditError } from '../errors.ts';
import type { ChangesDocument, EvaluationRecord, FindingsDocument } from '../evaluate/types.ts';
import type { TenantModel } from '../model/types.ts';
import { readSnapshot } from '../snapshot/read.ts';
import type { SnapshotManifest } from '../snapshot/schema.ts';
import { parseJsonText, readInputText } from '../util/read-structured.ts';
import { formatZodIssues } from '../util/zod-issues.ts';
import { changesDocumentSchema, evaluationRecordSchema, findingsDocumentSchema, RUN_FILES } from './schema.ts';

const HINT = 'the folder must be written by `access-audit evaluate` or `access-audit run`';

/** Reads and validates one JSON file of an evaluation folder; null when absent and optional. */
export const readRunJson = async <T>(file: string, schema: z.ZodType<T>, optional = false): Promise<T | null> => {
  if (optional && (await lstat(file).catch(() => null)) === null) return null;
  let text: string;
  try {
    // Run files are data the tool wrote: a symlink is never followed, the content never quoted.
    text = await readInputText(file, 'io', { noSymlink: true, maxBytes: Number.MAX_SAFE_INTEGER });
  } catch (cause) {
    throw new AuditError('io', (cause as Error).message, { hint: HINT, cause });
  }
  const value = parseJsonText(text, file, 'io');
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new AuditError('io', formatZodIssues(file, parsed.error)[0] ?? `${file}: invalid`, { hint: HINT });
  return parsed.data;
};

export const readFindingsDocument = async (file: string): Promise<FindingsDocument> =>
  (await readRunJson(file, findingsDocumentSchema)) as FindingsDocument;

export interface EvaluationFolder {
  record: EvaluationRecord;
  document: FindingsDocument;
  changes: ChangesDocument | null;
  model: TenantModel;
  snapshotManifest: SnapshotManifest;
}

/** Reads an evaluation folder (what `report --run DIR` renders). */
export const readEvaluation = async (dir: string): Promise<EvaluationFolder> => {
  const record = (await readRunJson(join(dir, RUN_FILES.evaluation), evaluationRecordSchema)) as EvaluationRecord;
  const document = await readFindingsDocument(join(dir, RUN_FILES.findings));
  const changes = await readRunJson(join(dir, RUN_FILES.changes), changesDocumentSchema, record.baseline === null);
  const { model, manifest } = await readSnapshot(join(dir, record.snapshot.dir));
  return { record, document, changes, model, snapshotManifest: manifest };
};
