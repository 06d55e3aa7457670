import type { ChangesDocument, EvaluationRecord, FindingsDocument } from '../evaluate/types.ts';
import type { TenantModel } from '../model/types.ts';
import type { SnapshotManifest } from '../snapshot/schema.ts';
import type { Severity } from '../evaluate/severity.ts';
import type { Logger } from '../util/logger.ts';

/** Everything a renderer may read: the evaluation plus the model it was made from. */
export interface ReportInput {
  document: FindingsDocument;
  changes: ChangesDocument | null;
  record: EvaluationRecord;
  model: TenantModel;
  snapshotManifest: SnapshotManifest;
}

export const FORMATS = ['xlsx', 'pdf', 'sarif', 'junit', 'md', 'json'] as const;
export type Format = (typeof FORMATS)[number];

/** Fixed output names: auditors and CI scripts rely on them. */
export const OUTPUT_FILES: Record<Format, string> = {
  xlsx: 'access-audit.xlsx',
  pdf: 'access-audit.pdf',
  sarif: 'results.sarif',
  junit: 'junit.xml',
  md: 'summary.md',
  json: 'findings.json',
};

export interface RenderOptions {
  /** Chromium executable for the PDF (else PUPPETEER_EXECUTABLE_PATH and the usual paths). */
  browser?: string;
  /** Rows per worksheet including the header; Excel's limit unless a test lowers it. */
  maxRowsPerSheet?: number;
  /** Findings printed per rule in the PDF before pointing at the workbook. */
  pdfRowsPerRule?: number;
  /** JUnit threshold; the evaluation's failOn unless given. */
  failOn?: Severity;
  logger?: Logger;
}

/** A renderer returns text or bytes; the workbook streams into the temp path the writer gives it. */
export type Renderer =
  | { kind: 'data'; render: (input: ReportInput, options: RenderOptions) => string | Uint8Array | Promise<string | Uint8Array> }
  | { kind: 'stream'; render: (input: ReportInput, options: RenderOptions, tempPath: string) => Promise<void> };
