import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { z } from 'zod';
import { AuditError } from '../errors.ts';
import type { ChangesDocument, EvaluationRecord, FindingsDocument } from '../evaluate/types.ts';
import type { TenantModel } from '../model/types.ts';
import { readSnapshot } from '../snapshot/read.ts';
import type { SnapshotManifest } from '../snapshot/schema.ts';
import { formatZodIssues } from '../util/zod-issues.ts';
import { changesDocumentSchema, evaluationRecordSchema, findingsDocumentSchema, RUN_FILES } from './schema.ts';

const HINT = 'the folder must be written by `access-audit evaluate` or `access-audit run`';

/** Reads and validates one JSON file of an evaluation folder; null when absent and optional. */
export const readRunJson = async <T>(file: string, schema: z.ZodType<T>, optional = false): Promise<T | null> => {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (cause) {
    if (optional && (cause as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new AuditError('io', `${file}: cannot read (${(cause as NodeJS.ErrnoException).code ?? 'error'})`, { hint: HINT, cause });
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (cause) {
    throw new AuditError('io', `${file}: invalid JSON: ${(cause as Error).message}`, { hint: HINT, cause });
  }
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
