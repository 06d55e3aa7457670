import { ValidationError, type ErrorKind } from '../../errors.ts';
import type { RoleMemberKind } from '../../model/role-graph.ts';
import { findColumn, parseCsvRecords } from '../../util/csv.ts';

/**
 * The role-graph CSV contract (bip/README.md, issue 8): a header row, then one row per currently
 * effective direct edge, plus one row per role without members. Headers in any case and order;
 * extra columns ignored.
 */
export const ROLE_GRAPH_COLUMNS = ['ROLE_CODE', 'ROLE_NAME', 'ROLE_TYPE', 'IS_SEEDED', 'MEMBER_KIND', 'MEMBER_CODE', 'MEMBER_NAME'] as const;
const REQUIRED_COLUMNS = ['ROLE_CODE', 'MEMBER_KIND', 'MEMBER_CODE'] as const;

type Column = (typeof ROLE_GRAPH_COLUMNS)[number];

/** One row as the code uses it. */
export interface RoleGraphRow {
  roleCode: string;
  roleName: string | null;
  roleType: string | null;
  seeded: boolean;
  /** null: a role without members. */
  memberKind: RoleMemberKind | null;
  memberCode: string | null;
  memberName: string | null;
}

const SEEDED_VALUES: Record<string, boolean> = { y: true, yes: true, true: true, n: false, no: false, false: false };
const KIND_VALUES: Record<string, RoleMemberKind> = { role: 'role', privilege: 'privilege' };

const MAX_ROW_PROBLEMS = 20;

/** IS_SEEDED Y/N (or true/false, yes/no); empty: seeded when the code starts with ORA_ (Oracle's predefined prefix). */
export const parseSeeded = (value: string, code: string): boolean | undefined =>
  value === '' ? code.toUpperCase().startsWith('ORA_') : SEEDED_VALUES[value.toLowerCase()];

const toRow = (cells: (column: Column) => string, line: () => number, location: string, problems: string[]): RoleGraphRow | null => {
  const roleCode = cells('ROLE_CODE');
  const kindText = cells('MEMBER_KIND');
  const memberCode = cells('MEMBER_CODE');
  const seededText = cells('IS_SEEDED');
  const before = problems.length;
  if (roleCode === '') problems.push(`${location}: line ${line()}: ROLE_CODE is empty`);
  const seeded = parseSeeded(seededText, roleCode);
  if (seeded === undefined) problems.push(`${location}: line ${line()}: IS_SEEDED must be Y, N, true, false or empty`);
  const memberKind = kindText === '' ? null : KIND_VALUES[kindText.toLowerCase()];
  if (memberKind === undefined) problems.push(`${location}: line ${line()}: MEMBER_KIND must be ROLE, PRIVILEGE or empty (a role without members)`);
  else if (memberKind === null && memberCode !== '') problems.push(`${location}: line ${line()}: MEMBER_KIND is empty but MEMBER_CODE is set`);
  else if (memberKind !== null && memberCode === '') problems.push(`${location}: line ${line()}: MEMBER_CODE is empty for a ${kindText} member`);
  if (problems.length > before || memberKind === undefined || seeded === undefined) return null;
  const orNull = (value: string): string | null => (value === '' ? null : value);
  return {
    roleCode, roleName: orNull(cells('ROLE_NAME')), roleType: orNull(cells('ROLE_TYPE')), seeded,
    memberKind, memberCode: orNull(memberCode), memberName: orNull(cells('MEMBER_NAME')),
  };
};

/** The required columns the header lacks, as one line, or null. */
const checkHeader = (table: { header: readonly string[] }, location: string): string | null => {
  const missing = REQUIRED_COLUMNS.filter((name) => findColumn(table, name) === undefined);
  if (missing.length === 0) return null;
  const found = table.header.length === 0 ? 'no header row' : `found ${table.header.join(', ')}`;
  return `${location}: the header lacks the required column${missing.length === 1 ? '' : 's'} ${missing.join(', ')} (${found}); expected ${ROLE_GRAPH_COLUMNS.join(', ')}`;
};

/**
 * Parses the CSV text (BOM, CRLF/LF and RFC 4180 quoting through csv-parse) into rows. Every
 * problem is reported at once (up to 20 lines) in one ValidationError of `kind`; never a cell value.
 */
export const parseRoleGraphCsv = (text: string, location: string, kind: ErrorKind): RoleGraphRow[] => {
  // 100,000 rows: arrays and column indexes, no object per row; exact lines only for messages.
  const table = parseCsvRecords(text, location, { kind, comments: false });
  if (table.header.length === 0) return [];
  const header = checkHeader(table, location);
  if (header !== null) throw new ValidationError(kind, [header]);
  const indexes = new Map(ROLE_GRAPH_COLUMNS.map((column) => {
    const name = findColumn(table, column);
    return [column, name === undefined ? -1 : table.header.indexOf(name)];
  }));
  const problems: string[] = [];
  const rows: RoleGraphRow[] = [];
  table.records.forEach((record, index) => {
    const cells = (column: Column): string => (record[indexes.get(column) ?? -1] ?? '').trim();
    // The exact line (quoted cells may span lines) is worked out only for a message.
    const parsed = toRow(cells, () => table.lineOf(index), location, problems);
    if (parsed !== null) rows.push(parsed);
  });
  if (problems.length > 0) {
    const shown = problems.length > MAX_ROW_PROBLEMS ? [...problems.slice(0, MAX_ROW_PROBLEMS), `${location}: … and ${problems.length - MAX_ROW_PROBLEMS} more row problems`] : problems;
    throw new ValidationError(kind, shown);
  }
  return rows;
};
