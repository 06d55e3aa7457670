import { lstat, readFile, stat } from 'node:fs/promises';
import { extname } from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import { AuditError, type ErrorKind } from '../errors.ts';

/** Inputs a person writes (config, policy, waiver, change file) are small; a bigger one is a mistake or an attack. */
export const MAX_INPUT_BYTES = 10 * 1024 * 1024;
/** YAML aliases expanded when reading (billion-laughs guard); real files use a handful. */
const MAX_YAML_ALIASES = 1000;

const toCode = (cause: unknown): string => (cause as NodeJS.ErrnoException).code ?? 'error';

/**
 * Reads a small text input after checking its size, so a 2 GB file is one line, not an
 * out-of-memory crash. With `noSymlink`, a symlink is refused (lstat, never followed): the data
 * files of a snapshot or run folder must be what the folder holds.
 */
export const readInputText = async (file: string, kind: ErrorKind, options: { label?: string; maxBytes?: number; noSymlink?: boolean } = {}): Promise<string> => {
  const label = options.label ?? file;
  const max = options.maxBytes ?? MAX_INPUT_BYTES;
  let info;
  try {
    info = options.noSymlink === true ? await lstat(file) : await stat(file);
  } catch (cause) {
    throw new AuditError(kind, `${label}: cannot read file (${toCode(cause)})`, { cause });
  }
  if (info.isSymbolicLink()) throw new AuditError(kind, `${label}: is a symbolic link; refusing to follow it`, { hint: 'copy the real file into the folder' });
  if (info.isDirectory()) throw new AuditError(kind, `${label}: is a folder, expected a file`);
  if (!info.isFile()) throw new AuditError(kind, `${label}: not a regular file`);
  if (info.size > max) throw new AuditError(kind, `${label}: file is ${info.size} bytes, over the ${max}-byte limit for this input`);
  try {
    return await readFile(file, 'utf8');
  } catch (cause) {
    throw new AuditError(kind, `${label}: cannot read file (${toCode(cause)})`, { cause });
  }
};

/**
 * A JSON.parse error without the text it quotes: Node puts the start of the input in its message,
 * which for a planted file could be someone else's secret. Only the position is kept.
 */
export const toJsonErrorText = (text: string, cause: unknown): string => {
  const message = (cause as Error).message ?? '';
  const position = /position (\d+)/.exec(message)?.[1];
  if (position !== undefined) {
    const offset = Number(position);
    const before = text.slice(0, offset);
    const line = before.split('\n').length;
    const column = offset - before.lastIndexOf('\n');
    return `invalid JSON: syntax error at line ${line}, column ${column}`;
  }
  if (/end of (JSON )?input/i.test(message)) return 'invalid JSON: unexpected end of input';
  return 'invalid JSON: syntax error (not a JSON document)';
};

/** JSON.parse with a content-free error naming the file. */
export const parseJsonText = (text: string, label: string, kind: ErrorKind): unknown => {
  try {
    return JSON.parse(text) as unknown;
  } catch (cause) {
    throw new AuditError(kind, `${label}: ${toJsonErrorText(text, cause)}`, { cause });
  }
};

/**
 * Reads a YAML or JSON file into plain data. Syntax errors name the file, line and column.
 * JSON is valid YAML, but `.json` files go through JSON.parse for exact JSON semantics.
 */
export const readStructuredFile = async (file: string, kind: ErrorKind): Promise<unknown> => (await readStructuredFileText(file, kind)).value;

/** The same, also returning the text (for line numbers in later messages). */
export const readStructuredFileText = async (file: string, kind: ErrorKind): Promise<{ text: string; value: unknown }> => {
  const text = await readInputText(file, kind);
  return { text, value: parseStructuredText(text, file, kind) };
};

export const parseStructuredText = (text: string, file: string, kind: ErrorKind): unknown => {
  if (extname(file).toLowerCase() === '.json') return parseJsonText(text, file, kind);
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: true, lineCounter });
  const first = doc.errors[0];
  if (first) {
    // Without prettyErrors, yaml leaves linePos unset: derive it from the offset.
    const pos = first.linePos?.[0] ?? lineCounter.linePos(first.pos[0]);
    const where = pos ? `line ${pos.line}, column ${pos.col}: ` : '';
    throw new AuditError(kind, `${file}: invalid YAML: ${where}${first.message.split('\n')[0] ?? ''}`);
  }
  try {
    return doc.toJS({ maxAliasCount: MAX_YAML_ALIASES }) as unknown;
  } catch (cause) {
    // yaml throws a ReferenceError for excessive aliases, and for an alias to an unknown anchor.
    throw new AuditError(kind, `${file}: invalid YAML: ${(cause as Error).message.split('\n')[0] ?? 'cannot be read'} (aliases are limited to ${MAX_YAML_ALIASES} expansions)`, { cause });
  }
};
