import type ExcelJS from 'exceljs';
import { DATE_FORMAT, DATETIME_FORMAT, getSeverityStyle, HEADER_STYLE, toCellValue, type CellInput } from './cells.ts';
import { isSeverity } from '../../evaluate/severity.ts';

export interface ColumnSpec {
  header: string;
  width: number;
  /** How cells in this column are formatted. */
  kind?: 'text' | 'date' | 'datetime' | 'severity' | 'wrap';
}

export interface SheetWriter {
  addRow(values: CellInput[]): Promise<void>;
  close(): Promise<void>;
  readonly rows: number;
}

/** Rows between yields, so the zip stream drains instead of the whole sheet piling up in memory. */
const YIELD_EVERY = 2_000;
export const EXCEL_MAX_ROWS = 1_048_576;

const yieldToIo = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

const toColumnLetter = (index: number): string => {
  let n = index;
  let out = '';
  while (n > 0) {
    const rem = (n - 1) % 26;
    out = String.fromCharCode(65 + rem) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
};

const openSheet = (workbook: ExcelJS.stream.xlsx.WorkbookWriter, name: string, columns: ColumnSpec[]): ExcelJS.Worksheet => {
  const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1, xSplit: 0 }] });
  sheet.columns = columns.map((column) => ({
    width: column.width,
    style: column.kind === 'date' ? { numFmt: DATE_FORMAT } : column.kind === 'datetime' ? { numFmt: DATETIME_FORMAT } : column.kind === 'wrap' ? { alignment: { wrapText: true, vertical: 'top' } } : {},
  }));
  sheet.autoFilter = `A1:${toColumnLetter(columns.length)}1`;
  const header = sheet.addRow(columns.map((column) => column.header));
  header.eachCell((cell) => {
    cell.fill = HEADER_STYLE.fill;
    cell.font = HEADER_STYLE.font;
  });
  header.commit();
  return sheet;
};

/**
 * Writes rows to a streamed worksheet; past `maxRows` (header included) it continues on
 * "Name (2)", "Name (3)", … with the same header, because Excel stops at 1,048,576 rows.
 */
export const createSheetWriter = (
  workbook: ExcelJS.stream.xlsx.WorkbookWriter,
  name: string,
  columns: ColumnSpec[],
  maxRows: number = EXCEL_MAX_ROWS,
): SheetWriter => {
  const severityColumns = columns.flatMap((column, index) => (column.kind === 'severity' ? [index + 1] : []));
  let part = 1;
  let sheet = openSheet(workbook, name, columns);
  let rowsInSheet = 1;
  let total = 0;
  return {
    get rows() {
      return total;
    },
    async addRow(values) {
      if (rowsInSheet >= maxRows) {
        sheet.commit();
        part += 1;
        sheet = openSheet(workbook, `${name} (${part})`, columns);
        rowsInSheet = 1;
      }
      const row = sheet.addRow(values.map(toCellValue));
      for (const index of severityColumns) {
        const cell = row.getCell(index);
        if (isSeverity(cell.value)) Object.assign(cell, getSeverityStyle(cell.value));
      }
      row.commit();
      rowsInSheet += 1;
      total += 1;
      if (total % YIELD_EVERY === 0) await yieldToIo();
    },
    close() {
      sheet.commit();
      return Promise.resolve();
    },
  };
};
