import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import { AuditError, type ErrorKind } from '../errors.ts';

/**
 * Reads a YAML or JSON file into plain data. Syntax errors name the file, line and column.
 * JSON is valid YAML, but `.json` files go through JSON.parse for exact JSON semantics.
 */
export const readStructuredFile = async (file: string, kind: ErrorKind): Promise<unknown> => {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    throw new AuditError(kind, `${file}: cannot read file (${code ?? 'error'})`, { cause });
  }
  return parseStructuredText(text, file, kind);
};

export const parseStructuredText = (text: string, file: string, kind: ErrorKind): unknown => {
  if (extname(file).toLowerCase() === '.json') {
    try {
      return JSON.parse(text) as unknown;
    } catch (cause) {
      throw new AuditError(kind, `${file}: invalid JSON: ${(cause as Error).message}`, { cause });
    }
  }
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: true, lineCounter });
  const first = doc.errors[0];
  if (first) {
    // Without prettyErrors, yaml leaves linePos unset: derive it from the offset.
    const pos = first.linePos?.[0] ?? lineCounter.linePos(first.pos[0]);
    const where = pos ? `line ${pos.line}, column ${pos.col}: ` : '';
    throw new AuditError(kind, `${file}: invalid YAML: ${where}${first.message.split('\n')[0] ?? ''}`);
  }
  return doc.toJS() as unknown;
};
