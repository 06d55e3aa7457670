import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { EVIDENCE_MANIFEST, EVIDENCE_SIGNATURE } from './schema.ts';

/**
 * Files of a run folder, relative with `/`. Skips the manifest and signature themselves,
 * atomic-write temp files (`.name.pid.xxxx.tmp`) and symlinks, which could point outside.
 */
export const readRunFiles = async (dir: string): Promise<string[]> => {
  const out: string[] = [];
  const walk = async (current: string): Promise<void> => {
    const entries = await readdir(current, { withFileTypes: true });
    for (const entry of entries) {
      const full = join(current, entry.name);
      const rel = relative(dir, full).split(sep).join('/');
      if (entry.isDirectory()) await walk(full);
      else if (entry.isFile() && rel !== EVIDENCE_MANIFEST && rel !== EVIDENCE_SIGNATURE && !/(^|\/)\.[^/]*\.tmp$/.test(rel)) out.push(rel);
    }
  };
  await walk(dir);
  return out.sort();
};

/** Resolves a manifest path and refuses anything that would leave the run folder. */
export const getInsidePath = (dir: string, rel: string): string | null => {
  const full = resolve(dir, rel);
  const back = relative(resolve(dir), full);
  return back === '' || back.startsWith('..') || isAbsolute(back) ? null : full;
};

const PACKAGE_POLICIES = fileURLToPath(new URL('../../../policies/', import.meta.url));

/**
 * Where a policy or waivers file recorded by the evaluation lives now: `builtin:<file>` in the
 * package's policies/, absolute paths as they are, relative ones from the working directory or
 * the run folder. Null when not found (an auditor's machine need not have the policy repo).
 */
export const getSourceFilePath = (runDir: string, recorded: string): string | null => {
  const candidates = recorded.startsWith('builtin:')
    ? [join(PACKAGE_POLICIES, recorded.slice('builtin:'.length))]
    : isAbsolute(recorded) ? [recorded] : [resolve(recorded), resolve(runDir, recorded)];
  return candidates.find((file) => existsSync(file)) ?? null;
};
