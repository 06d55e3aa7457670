import { copyFile, lstat, readdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { AuditError } from '../errors.ts';
import type { EvaluationRecord } from '../evaluate/types.ts';
import { writeStreamAtomic } from '../util/atomic-write.ts';
import { getInsidePath } from './manifest/files.ts';
import { FORMATS, OUTPUT_FILES, type Format } from './types.ts';

/** What an evaluation folder holds besides the reports; copied so the new manifest covers it. */
const RUN_FILES = ['evaluation.json', 'findings.json', 'changes.json'] as const;

const copyFileAtomic = (from: string, to: string): Promise<void> => writeStreamAtomic(to, (temp) => copyFile(from, temp));

/**
 * Copies the evaluation (evaluation.json, findings.json, changes.json, the snapshot folder) from
 * `runDir` to `outDir` when they differ, each file atomically. Returns the files copied.
 */
export const copyEvaluationFiles = async (runDir: string, outDir: string, record: EvaluationRecord): Promise<string[]> => {
  if (resolve(runDir) === resolve(outDir)) return [];
  const copied: string[] = [];
  for (const name of RUN_FILES) {
    const from = join(runDir, name);
    try {
      await copyFileAtomic(from, join(outDir, name));
      copied.push(name);
    } catch (cause) {
      if ((cause as NodeJS.ErrnoException).code !== 'ENOENT') throw new AuditError('io', `${from}: cannot copy (${(cause as NodeJS.ErrnoException).code ?? 'error'})`, { cause });
    }
  }
  // The record names the snapshot folder; refuse one that would write outside --out.
  const target = getInsidePath(outDir, record.snapshot.dir);
  if (target === null) throw new AuditError('io', `${join(runDir, 'evaluation.json')}: snapshot.dir ${record.snapshot.dir} leaves the folder`);
  const source = resolve(runDir, record.snapshot.dir);
  for (const entry of await readdir(source, { withFileTypes: true })) {
    if (!entry.isFile() || entry.name.startsWith('.')) continue;
    await copyFileAtomic(join(source, entry.name), join(target, entry.name));
    copied.push(`${record.snapshot.dir}/${entry.name}`);
  }
  return copied;
};

/**
 * Re-rendering some formats into the folder of the same run keeps that run's other reports
 * (they state the same run id): copied into the staged folder so the new manifest covers them.
 */
export const copyOtherReports = async (runDir: string, outDir: string, rendered: readonly Format[]): Promise<string[]> => {
  const copied: string[] = [];
  for (const format of FORMATS.filter((f) => !rendered.includes(f) && f !== 'json')) {
    const from = join(runDir, OUTPUT_FILES[format]);
    const info = await lstat(from).catch(() => null);
    if (info === null || !info.isFile()) continue;
    await copyFileAtomic(from, join(outDir, OUTPUT_FILES[format]));
    copied.push(OUTPUT_FILES[format]);
  }
  return copied;
};
