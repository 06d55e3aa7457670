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

/** One direct membership a pull request adds to or removes from a role's definition. */
export interface RoleMemberChange {
  action: 'add' | 'remove';
  /** The role whose definition changes (upper-cased). */
  role: string;
  /** The role or privilege it gains or loses as a direct member (upper-cased). */
  member: string;
  /** The member is a privilege the snapshot's graph does not have yet, introduced on purpose (add only). */
  newPrivilege: boolean;
  /** Where it was written, for messages: `roleMembers.add[0]` or `line 3`. */
  where: string;
}

/** What a change file proposes: role assignments and role-membership (role definition) changes. */
export interface ChangeSet {
  assignments: RoleChange[];
  roleMembers: RoleMemberChange[];
}

/** `roleMembers.add[0].member` (YAML) or `line 3: member` (CSV): how a message names an entry's field. */
export const toFieldLabel = (where: string, field: string): string => (where.startsWith('line ') ? `${where}: ${field}` : `${where}.${field}`);

const ROLE_CODE = /^[A-Za-z0-9_$.-]+$/;
const ROLE_CODE_MESSAGE = 'must be a role code such as ORA_GL_GENERAL_ACCOUNTANT_JOB';
const MEMBER_CODE_MESSAGE = 'must be a role or privilege code such as ORA_AP_PAYABLES_INVOICE_CREATION_DUTY or AP_CREATE_PAYABLES_INVOICE_PRIV';
/** A user name on one line: a line break in a cell is a broken file, and would break every message naming it. */
const USERNAME = /^[^\p{Cc}]+$/u;
const USERNAME_MESSAGE = 'must not contain line breaks or control characters';

const entrySchema = z.strictObject({
  username: z.string().trim().min(1).regex(USERNAME, USERNAME_MESSAGE).describe('Account the role is granted to or taken from.'),
  roleCode: z.string().trim().regex(ROLE_CODE, ROLE_CODE_MESSAGE).describe('Role code.'),
});

const memberFields = {
  role: z.string().trim().regex(ROLE_CODE, ROLE_CODE_MESSAGE).describe('Code of the (custom) role whose definition changes.'),
  member: z.string().trim().regex(ROLE_CODE, MEMBER_CODE_MESSAGE).describe('Role or privilege code the role gains or loses as a direct member.'),
};

const memberAddSchema = z.strictObject({
  ...memberFields,
  newPrivilege: z.boolean().default(false).describe(
    'The member is a privilege the snapshot\'s role graph does not contain yet and the change introduces it on purpose; without it an unknown member code is an error.',
  ),
});

export const changeFileSchema = z.strictObject({
  add: z.array(entrySchema).default([]).describe('Role assignments the change grants.'),
  remove: z.array(entrySchema).default([]).describe('Role assignments the change takes away.'),
  roleMembers: z.strictObject({
    add: z.array(memberAddSchema).default([]).describe('Direct members (roles or privileges) the change adds to roles.'),
    remove: z.array(z.strictObject(memberFields)).default([]).describe('Direct members the change removes from roles.'),
  }).optional().describe('Changes to role definitions (the role graph): applied to the snapshot\'s role graph before evaluation.'),
}).describe('A proposed change to role assignments and role definitions, checked by `access-audit gate`.');

const HINT = 'see "A change file for the gate" in README.md';

const parseYamlChange = (text: string, file: string): ChangeSet => {
  const parsed = changeFileSchema.safeParse(parseStructuredText(text, file, 'usage') ?? {});
  if (!parsed.success) throw new ValidationError('usage', formatIssues(file, createLocator(text), parsed.error.issues, [], changeFileSchema), HINT);
  const { add, remove, roleMembers } = parsed.data;
  return {
    assignments: [
      ...add.map((e, i) => ({ action: 'add' as const, username: e.username, roleCode: e.roleCode.toUpperCase(), where: `add[${i}]` })),
      ...remove.map((e, i) => ({ action: 'remove' as const, username: e.username, roleCode: e.roleCode.toUpperCase(), where: `remove[${i}]` })),
    ],
    roleMembers: [
      ...(roleMembers?.add ?? []).map((e, i) => ({
        action: 'add' as const, role: e.role.toUpperCase(), member: e.member.toUpperCase(), newPrivilege: e.newPrivilege, where: `roleMembers.add[${i}]`,
      })),
      ...(roleMembers?.remove ?? []).map((e, i) => ({
        action: 'remove' as const, role: e.role.toUpperCase(), member: e.member.toUpperCase(), newPrivilege: false, where: `roleMembers.remove[${i}]`,
      })),
    ],
  };
};

/** The CSV columns of a role-assignment change file (header names, case ignored). */
export const CHANGE_CSV_COLUMNS = ['action', 'username', 'roleCode'] as const;
/** The CSV columns of a role-membership change file; `newPrivilege` is optional. */
export const ROLE_MEMBER_CSV_COLUMNS = ['action', 'role', 'member', 'newPrivilege'] as const;

const ASSIGNMENT_PAIR = ['username', 'roleCode'] as const;
const MEMBER_PAIR = ['role', 'member'] as const;
/** Suggestions prefer the earlier name on a tie: `rol` is `role`, not `roleCode`. */
const ALL_COLUMNS = ['action', ...MEMBER_PAIR, ...ASSIGNMENT_PAIR, 'newPrivilege'] as const;
type Column = (typeof ALL_COLUMNS)[number];
const HEADERS_TEXT = `${CHANGE_CSV_COLUMNS.join(',')} (role assignments) or ${ROLE_MEMBER_CSV_COLUMNS.slice(0, 3).join(',')}[,newPrivilege] (role-membership changes)`;

const TRUE_WORDS = new Set(['true', 'yes', 'y']);
const FALSE_WORDS = new Set(['', 'false', 'no', 'n']);

/** Maps the header to the known columns; one problem per unknown, missing or misplaced column. */
const readCsvHeader = (header: readonly string[], file: string): Map<Column, string> => {
  const problems: string[] = [];
  const column = new Map<Column, string>();
  const find = (name: string): Column | undefined => ALL_COLUMNS.find((c) => c.toLowerCase() === name.toLowerCase());
  if (!header.some((name) => find(name) !== undefined)) {
    throw new ValidationError('usage', [`${file}: line 1: header: the first line must name the columns ${HEADERS_TEXT}`], HINT);
  }
  const suggested = new Set<string>();
  for (const name of header) {
    const known = find(name);
    if (known !== undefined) {
      column.set(known, name);
      continue;
    }
    const suggestion = getSuggestion(name, ALL_COLUMNS);
    if (suggestion !== null) suggested.add(suggestion);
    problems.push(`${file}: line 1: header: unknown column ${name}${suggestion === null ? '' : ` (did you mean ${suggestion}?)`}`);
  }
  // A mistyped column is reported once, as the typo, not again as missing.
  const has = (name: Column): boolean => column.has(name) || suggested.has(name);
  const missing: string[] = has('action') ? [] : ['action'];
  const pairs = [ASSIGNMENT_PAIR, MEMBER_PAIR].filter((pair) => pair.some(has));
  if (pairs.length === 0) missing.push(`${ASSIGNMENT_PAIR.join(',')} or ${MEMBER_PAIR.join(',')}`);
  for (const pair of pairs) missing.push(...pair.filter((name) => !has(name)));
  if (missing.length > 0) problems.push(`${file}: line 1: header: missing column ${missing.join(', ')} (the header is ${HEADERS_TEXT})`);
  if (column.has('newPrivilege') && !pairs.includes(MEMBER_PAIR)) {
    problems.push(`${file}: line 1: header: column newPrivilege belongs to role-membership rows (columns ${MEMBER_PAIR.join(',')})`);
  }
  if (problems.length > 0) throw new ValidationError('usage', problems, HINT);
  return column;
};

/**
 * CSV with a header naming `action,username,roleCode` (role assignments), `action,role,member`
 * plus an optional `newPrivilege` (role-membership changes), or all of them (then each row fills
 * one pair and leaves the other empty). Any column order; read by the shared CSV reader.
 */
const parseCsvChange = (text: string, file: string): ChangeSet => {
  const table = parseCsvText(text, file);
  if (table.header.length === 0) return { assignments: [], roleMembers: [] };
  const column = readCsvHeader(table.header, file);
  const problems: string[] = [];
  const cell = (cells: Record<string, string>, name: Column): string => {
    const header = column.get(name);
    return header === undefined ? '' : (cells[header] ?? '');
  };
  const mixed = column.has('username') && column.has('role');
  const changes: ChangeSet = { assignments: [], roleMembers: [] };
  for (const { line, cells } of table.rows) {
    const at = `${file}: line ${line}`;
    const action = cell(cells, 'action').toLowerCase();
    if (action !== 'add' && action !== 'remove') {
      problems.push(`${at}: action: must be add or remove${toSuggestionText(action, ['add', 'remove'])}`);
      continue;
    }
    const username = cell(cells, 'username');
    const roleCode = cell(cells, 'roleCode').toUpperCase();
    const role = cell(cells, 'role').toUpperCase();
    const member = cell(cells, 'member').toUpperCase();
    const flag = cell(cells, 'newPrivilege').toLowerCase();
    const isAssignment = column.has('username') && (!mixed || username !== '' || roleCode !== '');
    const isMember = column.has('role') && (!mixed || role !== '' || member !== '');
    if (mixed && isAssignment === isMember) {
      problems.push(`${at}: a row is either a role assignment (username, roleCode) or a role-membership change (role, member): fill one pair and leave the other empty`);
    } else if (isAssignment) {
      if (TRUE_WORDS.has(flag)) problems.push(`${at}: newPrivilege: only for role-membership rows (role, member)`);
      else if (username === '') problems.push(`${at}: username: missing`);
      else if (!USERNAME.test(username)) problems.push(`${at}: username: ${USERNAME_MESSAGE}`);
      else if (!ROLE_CODE.test(roleCode)) problems.push(`${at}: roleCode: ${ROLE_CODE_MESSAGE}`);
      else changes.assignments.push({ action, username, roleCode, where: `line ${line}` });
    } else if (!ROLE_CODE.test(role)) {
      problems.push(`${at}: role: ${role === '' ? 'missing' : ROLE_CODE_MESSAGE}`);
    } else if (!ROLE_CODE.test(member)) {
      problems.push(`${at}: member: ${member === '' ? 'missing' : MEMBER_CODE_MESSAGE}`);
    } else if (!TRUE_WORDS.has(flag) && !FALSE_WORDS.has(flag)) {
      problems.push(`${at}: newPrivilege: must be true or false (or empty for false)`);
    } else if (action === 'remove' && TRUE_WORDS.has(flag)) {
      problems.push(`${at}: newPrivilege: only an added member can be a new privilege`);
    } else {
      changes.roleMembers.push({ action, role, member, newPrivilege: TRUE_WORDS.has(flag), where: `line ${line}` });
    }
  }
  if (problems.length > 0) throw new ValidationError('usage', problems, HINT);
  return changes;
};

/**
 * Reads a change file: YAML/JSON (`add:`/`remove:` lists and `roleMembers:`) or CSV
 * (`action,username,roleCode` and/or `action,role,member[,newPrivilege]`).
 */
export const readChangeFile = async (file: string): Promise<ChangeSet> => {
  const text = await readInputText(file, 'usage');
  return extname(file).toLowerCase() === '.csv' ? parseCsvChange(text, file) : parseYamlChange(text, file);
};
