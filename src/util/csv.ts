import { CsvError, parse } from 'csv-parse/sync';
import { AuditError, ValidationError, type ErrorKind } from '../errors.ts';

/** One data row: its cells by header name, and the line it ends on (for messages). */
export interface CsvRow {
  line: number;
  cells: Record<string, string>;
}

export interface CsvTable {
  /** Header names as written (trimmed, BOM removed). */
  header: string[];
  rows: CsvRow[];
}

export interface ParseCsvOptions {
  kind?: ErrorKind;
  /** Lines starting with `#` are comments (hand-written change files). Default true. */
  comments?: boolean;
}

const MAX_PROBLEMS = 20;

interface ParsedRecord {
  record: string[];
  info: { lines: number };
}

const CSV_ERRORS: Record<string, string> = {
  CSV_QUOTE_NOT_CLOSED: 'a quoted cell is never closed',
  CSV_INVALID_CLOSING_QUOTE: 'a closing quote is followed by something other than a comma or line end',
  CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE: 'a closing quote is followed by something other than a comma or line end',
  INVALID_OPENING_QUOTE: 'a quote inside an unquoted cell (quote the whole cell and double the quote)',
};

/** csv-parse with its errors as one line naming the file and line (never a cell's content). */
const parseOrFail = <T>(text: string, file: string, kind: ErrorKind, options: Record<string, unknown>): T => {
  try {
    return parse(text, options) as unknown as T;
  } catch (cause) {
    if (cause instanceof CsvError) {
      const line = (cause as CsvError & { lines?: number }).lines;
      throw new AuditError(kind, `${file}: ${line === undefined ? '' : `line ${line}: `}malformed CSV: ${CSV_ERRORS[cause.code] ?? cause.code}`, { cause });
    }
    throw cause;
  }
};

const getCsvOptions = (options: ParseCsvOptions): Record<string, unknown> => ({
  bom: true, relax_column_count: true, skip_empty_lines: true, ...(options.comments === false ? {} : { comment: '#', comment_no_infix: true }),
});

/** Empty or repeated (case-insensitively) header names. */
const checkHeaderNames = (header: readonly string[], file: string, line: () => number, problems: string[]): void => {
  const seen = new Set<string>();
  header.forEach((name, index) => {
    if (name === '') problems.push(`${file}: line ${line()}: header: column ${index + 1} has no name`);
    else if (seen.has(name.toLowerCase())) problems.push(`${file}: line ${line()}: header: column ${name} appears twice`);
    seen.add(name.toLowerCase());
  });
};

const toCellCountProblem = (file: string, line: number, cells: number, columns: number): string =>
  `${file}: line ${line}: ${cells} cell${cells === 1 ? '' : 's'}, the header has ${columns} (quote a cell that contains a comma)`;

/** All problems at once, but a report of 100,000 rows with a stray comma each never becomes 100,000 lines. */
const throwProblems = (kind: ErrorKind, file: string, problems: string[]): never => {
  throw new ValidationError(kind, problems.length > MAX_PROBLEMS ? [...problems.slice(0, MAX_PROBLEMS), `${file}: … and ${problems.length - MAX_PROBLEMS} more problems`] : problems);
};

/**
 * Parses CSV text with a header row (RFC 4180: quoted cells with embedded commas, quotes and line
 * breaks; CRLF or LF; a UTF-8 BOM) through csv-parse. A row with more or fewer cells than the
 * header, a duplicate or empty header name, or broken quoting is an error naming the file and
 * line; every row problem is reported at once. Cell contents never appear in messages.
 */
export const parseCsvText = (text: string, file: string, options: ParseCsvOptions = {}): CsvTable => {
  const kind = options.kind ?? 'usage';
  const records = parseOrFail<ParsedRecord[]>(text, file, kind, { ...getCsvOptions(options), info: true, trim: true });
  const first = records[0];
  if (first === undefined) return { header: [], rows: [] };
  const header = first.record;
  const problems: string[] = [];
  checkHeaderNames(header, file, () => first.info.lines, problems);
  const rows: CsvRow[] = [];
  for (const { record, info } of records.slice(1)) {
    if (record.length !== header.length) {
      problems.push(toCellCountProblem(file, info.lines, record.length, header.length));
      continue;
    }
    rows.push({ line: info.lines, cells: Object.fromEntries(header.map((name, index) => [name, record[index] ?? ''])) });
  }
  if (problems.length > 0) throwProblems(kind, file, problems);
  return { header, rows };
};

/**
 * The header name as written for a column matched case-insensitively (CSV contracts whose
 * headers may come in any case), or undefined when the header lacks it.
 */
export const findColumn = (table: { header: readonly string[] }, name: string): string | undefined => {
  const wanted = name.toLowerCase();
  return table.header.find((column) => column.toLowerCase() === wanted);
};

/** A parsed CSV as arrays (large inputs: no object per row); exact line numbers computed on demand. */
export interface CsvRecords {
  /** Header names as written (trimmed, BOM removed). */
  header: string[];
  /** Data records in order, each with as many cells as the header (cells untrimmed). */
  records: string[][];
  /** The line a data record (0-based index into `records`) ends on, for messages. */
  lineOf(index: number): number;
}

/**
 * The fast path of parseCsvText for inputs of 100,000 rows (the role-graph report): the same
 * csv-parse reading (BOM, CRLF/LF, RFC 4180 quoting, header and cell-count checks), without
 * per-record bookkeeping. Line numbers, needed only in messages, come from a second, exact parse
 * the first time one is asked for.
 */
export const parseCsvRecords = (text: string, file: string, options: ParseCsvOptions = {}): CsvRecords => {
  const kind = options.kind ?? 'usage';
  const all = parseOrFail<string[][]>(text, file, kind, getCsvOptions(options));
  let lines: number[] | null = null;
  const lineOfRecord = (index: number): number => {
    lines ??= parseOrFail<ParsedRecord[]>(text, file, kind, { ...getCsvOptions(options), info: true }).map((entry) => entry.info.lines);
    return lines[index] ?? 0;
  };
  const header = (all[0] ?? []).map((name) => name.trim());
  const records = all.slice(1);
  const problems: string[] = [];
  checkHeaderNames(header, file, () => lineOfRecord(0), problems);
  records.forEach((record, index) => {
    if (record.length !== header.length && problems.length <= MAX_PROBLEMS) problems.push(toCellCountProblem(file, lineOfRecord(index + 1), record.length, header.length));
  });
  if (problems.length > 0) throwProblems(kind, file, problems);
  return { header, records, lineOf: (index) => lineOfRecord(index + 1) };
};
