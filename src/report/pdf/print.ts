import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer from 'puppeteer';
import { AuditError } from '../../errors.ts';
import { silentLogger, type Logger } from '../../util/logger.ts';
import type { RenderOptions, ReportInput } from '../types.ts';
import { getBrowserPath } from './browser.ts';
import { readReportTemplate, toFooterTemplate } from './html.ts';
import { toViewModel } from './view-model.ts';

const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-extensions', '--disable-dev-shm-usage'];
const DEFAULT_ROWS_PER_RULE = 150;

/** The report HTML, also used by tests that inspect the markup. */
export const toReportHtml = async (input: ReportInput, options: RenderOptions = {}): Promise<string> => {
  const template = await readReportTemplate();
  return template(toViewModel(input, options.pdfRowsPerRule ?? DEFAULT_ROWS_PER_RULE));
};

export interface PrintOptions {
  executablePath: string;
  footerTemplate: string;
  logger?: Logger;
}

/**
 * Prints HTML with Chromium. The page runs with JavaScript disabled, and every request
 * (images, fonts, CSS urls, links a hostile display name might smuggle in) is aborted: the
 * document arrives through setContent, so nothing needs the network. A fresh profile directory
 * is used and removed, so nothing persists between runs.
 */
export const printHtmlToPdf = async (html: string, options: PrintOptions): Promise<{ pdf: Uint8Array; blocked: number }> => {
  const { executablePath } = options;
  const userDataDir = await mkdtemp(join(tmpdir(), 'access-audit-chromium-'));
  let browser;
  try {
    browser = await puppeteer.launch({ executablePath, headless: true, args: ARGS, userDataDir, pipe: true });
  } catch (cause) {
    await rm(userDataDir, { recursive: true, force: true });
    throw new AuditError('browser', `${executablePath}: Chromium did not start: ${(cause as Error).message.split('\n')[0] ?? ''}`, { hint: 'apt-get install chromium, or pass --browser PATH', cause });
  }
  let blocked = 0;
  try {
    const page = await browser.newPage();
    await page.setJavaScriptEnabled(false);
    await page.setRequestInterception(true);
    page.on('request', (request) => {
      const url = request.url();
      if (url.startsWith('data:') || url === 'about:blank') {
        void request.continue();
        return;
      }
      blocked += 1;
      void request.abort('blockedbyclient');
    });
    await page.setContent(html, { waitUntil: 'load', timeout: 120_000 });
    const pdf = await page.pdf({
      format: 'A4',
      printBackground: true,
      displayHeaderFooter: true,
      headerTemplate: '<span></span>',
      footerTemplate: options.footerTemplate,
      margin: { top: '16mm', bottom: '18mm', left: '14mm', right: '14mm' },
      timeout: 300_000,
    });
    if (blocked > 0) options.logger?.debug('pdf: blocked requests while rendering', { blocked });
    return { pdf, blocked };
  } finally {
    await browser.close();
    await rm(userDataDir, { recursive: true, force: true });
  }
};

/** access-audit.pdf: the auditor's report. */
export const toPdf = async (input: ReportInput, options: RenderOptions = {}): Promise<Uint8Array> => {
  const executablePath = getBrowserPath(options.browser);
  const html = await toReportHtml(input, options);
  const footerTemplate = toFooterTemplate(input.record.runId, input.document.tenant);
  const { pdf } = await printHtmlToPdf(html, { executablePath, footerTemplate, logger: options.logger ?? silentLogger });
  return pdf;
};
