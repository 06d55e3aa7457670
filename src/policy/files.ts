import { readdir, readFile, stat } from 'node:fs/promises';
import { extname, isAbsolute, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The bundled pack: `policies/` at the package root, found from this file (works from any cwd). */
export const BUILTIN_POLICY_DIR = fileURLToPath(new URL('../../policies/', import.meta.url));

const POLICY_EXTENSIONS = new Set(['.yaml', '.yml', '.json']);

/** A JSON Schema beside the policies (e.g. policy.schema.json) is editor support, never a policy. */
export const isPolicyFileName = (name: string): boolean =>
  POLICY_EXTENSIONS.has(extname(name).toLowerCase()) && !name.toLowerCase().endsWith('.schema.json') && !name.startsWith('.');

export interface PolicySource {
  /** Absolute path to read. */
  file: string;
  /** How the file is named in messages and in evaluation.json: a relative path or `builtin:<name>`. */
  label: string;
}

const listFolder = async (dir: string): Promise<string[]> => {
  const entries = await readdir(dir, { withFileTypes: true });
  const files: string[] = [];
  for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const path = join(dir, entry.name);
    if (entry.isDirectory() && !entry.name.startsWith('.')) files.push(...await listFolder(path));
    else if (entry.isFile() && isPolicyFileName(entry.name)) files.push(path);
  }
  return files;
};

export const toDisplayPath = (file: string): string => {
  const rel = relative(process.cwd(), file);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel) ? rel : file;
};

/** Expands the policies list (files, folders, the word `builtin`) into files, each once. */
export const readPolicySources = async (paths: readonly string[], problems: string[]): Promise<PolicySource[]> => {
  const sources: PolicySource[] = [];
  const seen = new Set<string>();
  const add = (source: PolicySource): void => {
    if (seen.has(source.file)) return;
    seen.add(source.file);
    sources.push(source);
  };
  for (const entry of paths) {
    if (entry === 'builtin') {
      for (const file of await listFolder(BUILTIN_POLICY_DIR)) add({ file, label: `builtin:${relative(BUILTIN_POLICY_DIR, file).split('\\').join('/')}` });
      continue;
    }
    const path = resolve(entry);
    const info = await stat(path).catch(() => null);
    if (info === null) problems.push(`${entry}: no such policy file or folder`);
    else if (info.isDirectory()) {
      const files = await listFolder(path);
      if (files.length === 0) problems.push(`${entry}: folder holds no policy files (.yaml, .yml, .json)`);
      for (const file of files) add({ file, label: toDisplayPath(file) });
    } else add({ file: path, label: toDisplayPath(path) });
  }
  return sources;
};

/** A source's text, or null after one problem line when it cannot be read. */
export const readSourceText = async (source: PolicySource, problems: string[]): Promise<string | null> => {
  try {
    return await readFile(source.file, 'utf8');
  } catch (error) {
    problems.push(`${source.label}: cannot read file (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
    return null;
  }
};
