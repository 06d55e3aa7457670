import { join } from 'node:path';
import { usageError } from '../errors.ts';
import { writeFileAtomic, writeStreamAtomic } from '../util/atomic-write.ts';
import { silentLogger } from '../util/logger.ts';
import { toFindingsJson } from './json.ts';
import { toJunit } from './junit.ts';
import { writeEvidenceManifest, readSigningKey } from './manifest/write.ts';
import { toMarkdown } from './markdown.ts';
import { toSarif } from './sarif.ts';
import { FORMATS, OUTPUT_FILES, type Format, type Renderer, type RenderOptions, type ReportInput } from './types.ts';

export { FORMATS, OUTPUT_FILES, type Format, type ReportInput, type RenderOptions } from './types.ts';
export { verifyEvidence, type VerifyResult } from './manifest/verify.ts';

/** One renderer per format; adding a format touches its module and one line here. */
export const RENDERERS: Record<Format, Renderer> = {
  // exceljs and puppeteer take seconds to load: only the runs that render those formats pay for it.
  xlsx: { kind: 'stream', render: async (input, options, temp) => (await import('./xlsx/workbook.ts')).writeWorkbook(input, options, temp) },
  pdf: { kind: 'data', render: async (input, options) => (await import('./pdf/print.ts')).toPdf(input, options) },
  sarif: { kind: 'data', render: (input) => toSarif(input) },
  junit: { kind: 'data', render: (input, options) => toJunit(input, options.failOn) },
  md: { kind: 'data', render: (input) => toMarkdown(input) },
  json: { kind: 'data', render: (input) => toFindingsJson(input) },
};

export interface WriteReportsOptions extends RenderOptions {
  formats: readonly Format[];
  /** Ed25519 private key (PEM file) to sign manifest.json with. */
  signKey?: string;
}

/** The signing key and (when a PDF is wanted) the browser: checked before anything is rendered or collected. */
export const checkRenderInputs = async (formats: readonly Format[], options: { browser?: string; signKey?: string }): Promise<void> => {
  if (options.signKey !== undefined) await readSigningKey(options.signKey);
  if (formats.includes('pdf')) (await import('./pdf/browser.ts')).getBrowserPath(options.browser);
};

/**
 * Renders the requested formats into `outDir` under their fixed names (each atomically), then
 * writes the evidence manifest over everything in the folder. Returns the paths written.
 */
export const writeReports = async (outDir: string, input: ReportInput, options: WriteReportsOptions): Promise<string[]> => {
  const logger = options.logger ?? silentLogger;
  // Fail on a bad key or a missing browser before spending a minute on the workbook and the PDF.
  await checkRenderInputs(options.formats, options);
  const written: string[] = [];
  for (const format of FORMATS.filter((f) => options.formats.includes(f))) {
    const target = join(outDir, OUTPUT_FILES[format]);
    const started = Date.now();
    const renderer = RENDERERS[format];
    if (renderer.kind === 'stream') await writeStreamAtomic(target, (temp) => renderer.render(input, options, temp));
    else await writeFileAtomic(target, await renderer.render(input, options));
    logger.info(`rendered ${OUTPUT_FILES[format]}`, { ms: Date.now() - started });
    written.push(target);
  }
  const meta = { tenant: input.document.tenant, generatedAt: input.document.generatedAt };
  for (const name of await writeEvidenceManifest(outDir, input.record, meta, options.signKey)) written.push(join(outDir, name));
  logger.info('wrote the evidence manifest (manifest.json)');
  return written;
};

/** `xlsx,pdf` → formats; unknown names are a usage error naming the value. */
export const parseFormats = (value: string): Format[] => {
  const names = value.split(',').map((name) => name.trim().toLowerCase()).filter((name) => name !== '');
  const aliases: Record<string, Format> = { markdown: 'md', excel: 'xlsx', xml: 'junit' };
  const formats = names.map((name) => aliases[name] ?? name);
  const unknown = formats.filter((name) => !(FORMATS as readonly string[]).includes(name));
  if (unknown.length > 0 || formats.length === 0) {
    throw usageError(`--format ${value}: unknown format ${unknown.join(', ') || '(none)'} (known: ${FORMATS.join(', ')})`);
  }
  return [...new Set(formats as Format[])];
};
