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

const CSV_ERRORS: Record<string, string> = {
  CSV_QUOTE_NOT_CLOSED: 'a quoted cell is never closed',
  CSV_INVALID_CLOSING_QUOTE: 'a closing quote is followed by something other than a comma or line end',
  CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE: 'a closing quote is followed by something other than a comma or line end',
  INVALID_OPENING_QUOTE: 'a quote inside an unquoted cell (quote the whole cell and double the quote)',
};

/**
 * Parses CSV text with a header row (RFC 4180: quoted cells with embedded commas, quotes and line
 * breaks; CRLF or LF; a UTF-8 BOM) through csv-parse. A row with more or fewer cells than the
 * header, a duplicate or empty header name, or broken quoting is an error naming the file and
 * line; every row problem is reported at once. Cell contents never appear in messages.
 */
export const parseCsvText = (text: string, file: string, options: ParseCsvOptions = {}): CsvTable => {
  const kind = options.kind ?? 'usage';
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, {
      bom: true,
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
      trim: true,
      ...(options.comments === false ? {} : { comment: '#', comment_no_infix: true }),
    }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (cause) {
    if (cause instanceof CsvError) {
      const line = (cause as CsvError & { lines?: number }).lines;
      throw new AuditError(kind, `${file}: ${line === undefined ? '' : `line ${line}: `}malformed CSV: ${CSV_ERRORS[cause.code] ?? cause.code}`, { cause });
    }
    throw cause;
  }
  const first = records[0];
  if (first === undefined) return { header: [], rows: [] };
  const header = first.record;
  const problems: string[] = [];
  const seen = new Set<string>();
  header.forEach((name, index) => {
    if (name === '') problems.push(`${file}: line ${first.info.lines}: header: column ${index + 1} has no name`);
    else if (seen.has(name.toLowerCase())) problems.push(`${file}: line ${first.info.lines}: header: column ${name} appears twice`);
    seen.add(name.toLowerCase());
  });
  const rows: CsvRow[] = [];
  for (const { record, info } of records.slice(1)) {
    if (record.length !== header.length) {
      problems.push(`${file}: line ${info.lines}: ${record.length} cell${record.length === 1 ? '' : 's'}, the header has ${header.length} (quote a cell that contains a comma)`);
      continue;
    }
    rows.push({ line: info.lines, cells: Object.fromEntries(header.map((name, index) => [name, record[index] ?? ''])) });
  }
  // A report of 100,000 rows with a stray comma each must not become 100,000 error lines.
  if (problems.length > 0) throw new ValidationError(kind, problems.length > MAX_PROBLEMS ? [...problems.slice(0, MAX_PROBLEMS), `${file}: … and ${problems.length - MAX_PROBLEMS} more problems`] : problems);
  return { header, rows };
};

/**
 * The header name as written for a column matched case-insensitively (CSV contracts whose
 * headers may come in any case), or undefined when the header lacks it.
 */
export const findColumn = (table: CsvTable, name: string): string | undefined => {
  const wanted = name.toLowerCase();
  return table.header.find((column) => column.toLowerCase() === wanted);
};
