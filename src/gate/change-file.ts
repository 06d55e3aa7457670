import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { z } from 'zod';
import { AuditError, ValidationError } from '../errors.ts';
import { parseStructuredText } from '../util/read-structured.ts';
import { formatZodIssues } from '../util/zod-issues.ts';

/** One role assignment a pull request adds or removes. */
export interface RoleChange {
  action: 'add' | 'remove';
  username: string;
  roleCode: string;
  /** Where it was written, for messages: `add[2]` or `line 3`. */
  where: string;
}

const entrySchema = z.strictObject({
  username: z.string().trim().min(1).describe('Account the role is granted to or taken from.'),
  roleCode: z.string().trim().regex(/^[A-Za-z0-9_$.-]+$/, 'must be a role code such as ORA_GL_GENERAL_ACCOUNTANT_JOB').describe('Role code.'),
});

export const changeFileSchema = z.strictObject({
  add: z.array(entrySchema).default([]).describe('Role assignments the change grants.'),
  remove: z.array(entrySchema).default([]).describe('Role assignments the change takes away.'),
}).describe('A proposed change to role assignments, checked by `access-audit gate`.');

const parseYamlChange = (text: string, file: string): RoleChange[] => {
  const parsed = changeFileSchema.safeParse(parseStructuredText(text, file, 'usage') ?? {});
  if (!parsed.success) throw new ValidationError('usage', formatZodIssues(file, parsed.error));
  return [
    ...parsed.data.add.map((e, i) => ({ action: 'add' as const, username: e.username, roleCode: e.roleCode.toUpperCase(), where: `add[${i}]` })),
    ...parsed.data.remove.map((e, i) => ({ action: 'remove' as const, username: e.username, roleCode: e.roleCode.toUpperCase(), where: `remove[${i}]` })),
  ];
};

/** CSV with a header `action,username,roleCode` (any column order; no quoting needed for these values). */
const parseCsvChange = (text: string, file: string): RoleChange[] => {
  const lines = text.split(/\r?\n/).map((line, index) => ({ line: line.trim(), number: index + 1 })).filter((l) => l.line !== '' && !l.line.startsWith('#'));
  const header = lines.shift();
  if (header === undefined) return [];
  const columns = header.line.split(',').map((c) => c.trim().replace(/^"|"$/g, ''));
  const index = (name: string): number => columns.findIndex((c) => c.toLowerCase() === name.toLowerCase());
  const [ai, ui, ri] = [index('action'), index('username'), index('roleCode')];
  if (ai < 0 || ui < 0 || ri < 0) throw new AuditError('usage', `${file}: line ${header.number}: header must name the columns action,username,roleCode`);
  const problems: string[] = [];
  const changes: RoleChange[] = [];
  for (const { line, number } of lines) {
    const cells = line.split(',').map((c) => c.trim().replace(/^"|"$/g, ''));
    const action = (cells[ai] ?? '').toLowerCase();
    const username = cells[ui] ?? '';
    const roleCode = (cells[ri] ?? '').toUpperCase();
    if (action !== 'add' && action !== 'remove') problems.push(`${file}: line ${number}: action: must be add or remove`);
    else if (username === '') problems.push(`${file}: line ${number}: username: missing`);
    else if (!/^[A-Z0-9_$.-]+$/.test(roleCode)) problems.push(`${file}: line ${number}: roleCode: must be a role code such as ORA_GL_GENERAL_ACCOUNTANT_JOB`);
    else changes.push({ action, username, roleCode, where: `line ${number}` });
  }
  if (problems.length > 0) throw new ValidationError('usage', problems);
  return changes;
};

/** Reads a change file: YAML/JSON (`add:`/`remove:` lists) or CSV (`action,username,roleCode`). */
export const readChangeFile = async (file: string): Promise<RoleChange[]> => {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (cause) {
    throw new AuditError('usage', `${file}: cannot read change file (${(cause as NodeJS.ErrnoException).code ?? 'error'})`, { cause });
  }
  return extname(file).toLowerCase() === '.csv' ? parseCsvChange(text, file) : parseYamlChange(text, file);
};
