import { randomBytes } from 'node:crypto';
import { lstat, mkdir, readdir, readFile, readlink, rename, rm } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { AuditError } from '../errors.ts';
import { sha256 } from '../util/hash.ts';
import { toCountText } from '../util/plural.ts';
import { isToolFile } from './tool-files.ts';

/**
 * The one place that decides where a command may write. An output folder holds exactly one
 * run: everything is written into a hidden staging folder beside the target and renamed into
 * place at the end, so a failure part-way leaves the earlier folder as it was and no file that
 * claims to be complete; the tool never writes through a symbolic link.
 */
export interface OutputFolderOptions {
  /** How the user named the folder, for messages: `--out`. */
  option: string;
  /** --force: replace a folder that holds another run (only the tool's own files are allowed in it). */
  force: boolean;
  /** The command's own default folder (reports/demo, reports/gate): replaced whole like --force. */
  own?: boolean;
}

export interface StagedFolder {
  /** Where to write now. */
  dir: string;
  /**
   * Moves the staged folder to its target (optionally a name only known at the end, such as
   * one with the run id). `runId` lets a folder that holds the same run be re-rendered.
   */
  commit(runId: string | null, target?: string): Promise<string>;
  /** Removes the staged folder (after a failure). */
  discard(): Promise<void>;
}

const code = (cause: unknown): string => (cause as NodeJS.ErrnoException).code ?? 'error';

const lstatOrNull = async (path: string) => lstat(path).catch((cause: unknown) => {
  if (code(cause) === 'ENOENT') return null;
  if (code(cause) === 'ENOTDIR') throw new AuditError('usage', `${path}: a part of this path is a file, not a folder`, { cause, hint: 'name a folder you can write to' });
  throw new AuditError('usage', `${path}: cannot inspect (${code(cause)})`, { cause });
});

/** Every path component from the working directory down (or just the target outside it) must not be a symlink. */
const checkNoSymlink = async (target: string, label: string): Promise<void> => {
  const cwd = process.cwd();
  const inside = relative(cwd, target);
  const components = inside !== '' && !inside.startsWith('..') && !isAbsolute(inside)
    ? inside.split(sep).map((_, index, parts) => join(cwd, ...parts.slice(0, index + 1)))
    : [target];
  for (const component of components) {
    const info = await lstatOrNull(component);
    if (info === null) return;
    if (info.isSymbolicLink()) {
      const to = await readlink(component).catch(() => '?');
      throw new AuditError('usage', `${label}: ${component} is a symbolic link (to ${to}); refusing to write through it`,
        { hint: 'name the real folder; a link could redirect the tool\'s writes' });
    }
  }
};

/** Relative paths of every file below `dir` (symlinks count as files: they are never followed). */
const listFiles = async (dir: string): Promise<string[]> => {
  const out: string[] = [];
  const walk = async (current: string): Promise<void> => {
    for (const entry of await readdir(current, { withFileTypes: true })) {
      const full = join(current, entry.name);
      if (entry.isDirectory()) await walk(full);
      else out.push(relative(dir, full).split(sep).join('/'));
    }
  };
  await walk(dir);
  return out.sort();
};

/** The run id the folder's evaluation.json or evidence manifest states, or null. */
const readRunId = async (dir: string): Promise<string | null> => {
  for (const name of ['evaluation.json', 'manifest.json']) {
    try {
      const value = JSON.parse(await readFile(join(dir, name), 'utf8')) as { runId?: unknown };
      if (typeof value.runId === 'string') return value.runId;
    } catch {
      // absent or unreadable: not evidence of a run
    }
  }
  return null;
};

/**
 * Checks a target before anything is written: not a symlink, not a file, and either empty,
 * absent, holding the same run, or (with --force / the command's own folder) holding only files
 * the tool writes. `runId` undefined = not known yet (checked again at commit).
 */
export const checkOutputFolder = async (target: string, options: OutputFolderOptions, runId?: string | null): Promise<void> => {
  const label = `${options.option} ${target}`;
  const withOption = (error: unknown): never => {
    throw error instanceof AuditError && !error.message.startsWith(options.option) ? new AuditError('usage', `${options.option} ${error.message}`, { hint: error.hint }) : error;
  };
  await checkNoSymlink(target, label).catch(withOption);
  const info = await lstatOrNull(target).catch(withOption);
  if (info === null) return;
  if (!info.isDirectory()) throw new AuditError('usage', `${label}: is a file, not a folder`, { hint: 'name a new or empty folder' });
  let files: string[];
  try {
    files = await listFiles(target);
  } catch (cause) {
    throw new AuditError('usage', `${label}: cannot read the folder (${code(cause)})`, { cause });
  }
  if (files.length === 0) return;
  const existing = await readRunId(target);
  const foreign = files.filter((file) => !isToolFile(file));
  if (foreign.length === 0 && existing !== null && (runId === undefined || existing === runId)) return;
  if (foreign.length > 0) {
    throw new AuditError('usage', `${label}: holds ${toCountText(foreign.length, 'file')} the tool did not write (${foreign.slice(0, 3).join(', ')}${foreign.length > 3 ? ', …' : ''}); refusing to mix a run into it`,
      { hint: 'name a new or empty folder' });
  }
  if (options.force || options.own === true) return;
  throw new AuditError('usage', `${label}: already holds ${existing === null ? 'an earlier run' : `run ${existing}`} (${toCountText(files.length, 'file')}); an output folder holds exactly one run`,
    { hint: `name a new folder, or pass --force to replace that run` });
};

const getSiblingPath = (target: string, tag: string): string =>
  join(dirname(target), `.${basename(target)}.${tag}-${process.pid}-${randomBytes(4).toString('hex')}`);

/** Moves the staged folder into place: the old folder (already checked to hold only the tool's files) goes as a whole. */
const moveIntoPlace = async (staged: string, target: string): Promise<void> => {
  const previous = await lstatOrNull(target);
  if (previous === null) {
    await rename(staged, target);
    return;
  }
  const old = getSiblingPath(target, 'old');
  await rename(target, old);
  try {
    await rename(staged, target);
  } catch (cause) {
    await rename(old, target);
    throw cause;
  }
  await rm(old, { recursive: true, force: true });
};

/**
 * Validates the target and opens a staging folder beside it (same file system, so the final
 * rename is atomic). Creating the staging folder is also the writability check, done before any
 * expensive work.
 */
export const openOutputFolder = async (target: string, options: OutputFolderOptions, runId?: string | null): Promise<StagedFolder> => {
  const absolute = resolve(target);
  await checkOutputFolder(absolute, options, runId);
  const staging = getSiblingPath(absolute, 'partial');
  try {
    await mkdir(dirname(absolute), { recursive: true });
    await mkdir(staging);
  } catch (cause) {
    throw new AuditError('usage', `${options.option} ${absolute}: cannot write there (${code(cause)})`, { cause, hint: 'name a folder you can write to' });
  }
  return {
    dir: staging,
    commit: async (finalRunId, finalTarget) => {
      const destination = resolve(finalTarget ?? absolute);
      try {
        await checkOutputFolder(destination, options, finalRunId);
        await moveIntoPlace(staging, destination);
      } catch (cause) {
        await rm(staging, { recursive: true, force: true });
        if (cause instanceof AuditError) throw cause;
        throw new AuditError('io', `${options.option} ${destination}: cannot move the finished run into place (${code(cause)})`, { cause });
      }
      return destination;
    },
    discard: () => rm(staging, { recursive: true, force: true }),
  };
};

/** Runs `work` in a staged folder; on any error the staging folder is removed and the target is untouched. */
export const writeStaged = async <T>(folder: StagedFolder, work: (dir: string) => Promise<T>): Promise<T> => {
  try {
    return await work(folder.dir);
  } catch (error) {
    await folder.discard();
    throw error;
  }
};

/** The --force option every writing command takes. */
export const FORCE_OPTION = {
  type: 'boolean',
  default: false,
  describe: 'Replace an output folder that holds another run (only files the tool writes may be in it)',
} as const;

/** What an auditor writes in their working papers: the run id and the hash of the evidence manifest. */
export const toEvidenceLine = async (dir: string, runId: string): Promise<string> => {
  const manifest = join(dir, 'manifest.json');
  const hash = await readFile(manifest).then((bytes) => sha256(bytes), () => null);
  return hash === null ? `Run ${runId}` : `Run ${runId} · manifest.json SHA-256 ${hash}`;
};
