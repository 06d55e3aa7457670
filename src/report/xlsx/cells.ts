import type { Severity } from '../../evaluate/severity.ts';

export type CellInput = string | number | boolean | Date | null;

/** Excel refuses longer cell text. */
const MAX_CELL_TEXT = 32_767;
// XML 1.0 cannot carry these even escaped; a stray one would make the whole workbook unreadable.
// eslint-disable-next-line no-control-regex
const INVALID_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

/**
 * Tenant text as a cell value. exceljs stores a JS string as a string cell (`t="inlineStr"`),
 * never as a formula, so `=HYPERLINK(…)` stays inert text; only `{ formula }` objects become
 * formulas and this module never builds one. Only strings, numbers, booleans, dates reach a cell.
 */
export const toCellText = (value: string): string => {
  const clean = value.replace(INVALID_XML, '\uFFFD');
  return clean.length > MAX_CELL_TEXT ? `${clean.slice(0, MAX_CELL_TEXT - 12)} [truncated]` : clean;
};

export const toCellValue = (value: CellInput): CellInput => (typeof value === 'string' ? toCellText(value) : value);

/** ISO timestamps and YYYY-MM-DD dates become real date cells; anything else stays text. */
export const toDateCell = (value: string | null): Date | string | null => {
  if (value === null || value === '') return null;
  const date = new Date(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value);
  return Number.isNaN(date.getTime()) ? toCellText(value) : date;
};

const SEVERITY_COLOURS: Record<Severity, { fill: string; font: string }> = {
  critical: { fill: 'FF7B1E1E', font: 'FFFFFFFF' },
  high: { fill: 'FFC9302C', font: 'FFFFFFFF' },
  medium: { fill: 'FFF0AD4E', font: 'FF000000' },
  low: { fill: 'FFFFE699', font: 'FF000000' },
  info: { fill: 'FFD9E1F2', font: 'FF000000' },
};

export const getSeverityStyle = (severity: Severity) => ({
  fill: { type: 'pattern' as const, pattern: 'solid' as const, fgColor: { argb: SEVERITY_COLOURS[severity].fill } },
  font: { bold: true, color: { argb: SEVERITY_COLOURS[severity].font } },
});

export const HEADER_STYLE = {
  fill: { type: 'pattern' as const, pattern: 'solid' as const, fgColor: { argb: 'FF1F3A5F' } },
  font: { bold: true, color: { argb: 'FFFFFFFF' } },
};

export const DATE_FORMAT = 'yyyy-mm-dd';
export const DATETIME_FORMAT = 'yyyy-mm-dd hh:mm:ss "UTC"';
