import { extname } from 'node:path';
import { z } from 'zod';
import { ValidationError } from '../errors.ts';
import { parseCsvText } from '../util/csv.ts';
import { createLocator, formatIssues } from '../util/locate.ts';
import { parseStructuredText, readInputText } from '../util/read-structured.ts';
import { getSuggestion, toSuggestionText } from '../util/suggest.ts';

/** One role assignment a pull request adds or removes. */
export interface RoleChange {
  action: 'add' | 'remove';
  username: string;
  roleCode: string;
  /** Where it was written, for messages: `add[2]` or `line 3`. */
  where: string;
}

const ROLE_CODE = /^[A-Za-z0-9_$.-]+$/;
const ROLE_CODE_MESSAGE = 'must be a role code such as ORA_GL_GENERAL_ACCOUNTANT_JOB';
/** A user name on one line: a line break in a cell is a broken file, and would break every message naming it. */
const USERNAME = /^[^\p{Cc}]+$/u;
const USERNAME_MESSAGE = 'must not contain line breaks or control characters';

const entrySchema = z.strictObject({
  username: z.string().trim().min(1).regex(USERNAME, USERNAME_MESSAGE).describe('Account the role is granted to or taken from.'),
  roleCode: z.string().trim().regex(ROLE_CODE, ROLE_CODE_MESSAGE).describe('Role code.'),
});

export const changeFileSchema = z.strictObject({
  add: z.array(entrySchema).default([]).describe('Role assignments the change grants.'),
  remove: z.array(entrySchema).default([]).describe('Role assignments the change takes away.'),
}).describe('A proposed change to role assignments, checked by `access-audit gate`.');

const HINT = 'see "A change file for the gate" in README.md';

const parseYamlChange = (text: string, file: string): RoleChange[] => {
  const parsed = changeFileSchema.safeParse(parseStructuredText(text, file, 'usage') ?? {});
  if (!parsed.success) throw new ValidationError('usage', formatIssues(file, createLocator(text), parsed.error.issues, [], changeFileSchema), HINT);
  return [
    ...parsed.data.add.map((e, i) => ({ action: 'add' as const, username: e.username, roleCode: e.roleCode.toUpperCase(), where: `add[${i}]` })),
    ...parsed.data.remove.map((e, i) => ({ action: 'remove' as const, username: e.username, roleCode: e.roleCode.toUpperCase(), where: `remove[${i}]` })),
  ];
};

/** The CSV columns of a role-assignment change file (header names, case ignored). */
export const CHANGE_CSV_COLUMNS = ['action', 'username', 'roleCode'] as const;

/** CSV with a header `action,username,roleCode` (any order), read by the shared CSV reader. */
const parseCsvChange = (text: string, file: string): RoleChange[] => {
  const table = parseCsvText(text, file);
  if (table.header.length === 0) return [];
  const problems: string[] = [];
  const column = new Map<string, string>();
  const isKnown = (name: string): boolean => CHANGE_CSV_COLUMNS.some((c) => c.toLowerCase() === name.toLowerCase());
  if (!table.header.some(isKnown)) {
    throw new ValidationError('usage', [`${file}: line 1: header: the first line must name the columns ${CHANGE_CSV_COLUMNS.join(',')}`], HINT);
  }
  const suggested = new Set<string>();
  for (const name of table.header) {
    const known = CHANGE_CSV_COLUMNS.find((c) => c.toLowerCase() === name.toLowerCase());
    if (known !== undefined) {
      column.set(known, name);
      continue;
    }
    const suggestion = getSuggestion(name, CHANGE_CSV_COLUMNS);
    if (suggestion !== null) suggested.add(suggestion);
    problems.push(`${file}: line 1: header: unknown column ${name}${suggestion === null ? '' : ` (did you mean ${suggestion}?)`}`);
  }
  // A mistyped column is reported once, as the typo, not again as missing.
  const missing = CHANGE_CSV_COLUMNS.filter((c) => !column.has(c) && !suggested.has(c));
  if (missing.length > 0) problems.push(`${file}: line 1: header: missing column ${missing.join(', ')} (the header is ${CHANGE_CSV_COLUMNS.join(',')})`);
  if (problems.length > 0) throw new ValidationError('usage', problems, HINT);
  const cell = (cells: Record<string, string>, name: string): string => cells[column.get(name) ?? name] ?? '';
  const changes: RoleChange[] = [];
  for (const { line, cells } of table.rows) {
    const action = cell(cells, 'action').toLowerCase();
    const username = cell(cells, 'username');
    const roleCode = cell(cells, 'roleCode').toUpperCase();
    if (action !== 'add' && action !== 'remove') problems.push(`${file}: line ${line}: action: must be add or remove${toSuggestionText(action, ['add', 'remove'])}`);
    else if (username === '') problems.push(`${file}: line ${line}: username: missing`);
    else if (!USERNAME.test(username)) problems.push(`${file}: line ${line}: username: ${USERNAME_MESSAGE}`);
    else if (!ROLE_CODE.test(roleCode)) problems.push(`${file}: line ${line}: roleCode: ${ROLE_CODE_MESSAGE}`);
    else changes.push({ action, username, roleCode, where: `line ${line}` });
  }
  if (problems.length > 0) throw new ValidationError('usage', problems, HINT);
  return changes;
};

/** Reads a change file: YAML/JSON (`add:`/`remove:` lists) or CSV (`action,username,roleCode`). */
export const readChangeFile = async (file: string): Promise<RoleChange[]> => {
  const text = await readInputText(file, 'usage');
  return extname(file).toLowerCase() === '.csv' ? parseCsvChange(text, file) : parseYamlChange(text, file);
};
