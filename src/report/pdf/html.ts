import { readdir, readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Handlebars from 'handlebars';
import type { ViewModel } from './view-model.ts';

/** templates/ at the package root (src/report/pdf → ../../../templates). */
export const TEMPLATES_DIR = fileURLToPath(new URL('../../../templates/', import.meta.url));

/**
 * Compiles the report with an isolated Handlebars instance. Data only ever goes through `{{ }}`
 * (HTML-escaped); the stylesheet is a partial, so no template needs `{{{ }}}`. `strict` makes a
 * misspelt field fail loudly instead of printing an empty cell.
 */
export const readReportTemplate = async (): Promise<(model: ViewModel) => string> => {
  const handlebars = Handlebars.create();
  const partialsDir = join(TEMPLATES_DIR, 'partials');
  for (const file of (await readdir(partialsDir)).filter((name) => name.endsWith('.hbs')).sort()) {
    handlebars.registerPartial(basename(file, '.hbs'), await readFile(join(partialsDir, file), 'utf8'));
  }
  handlebars.registerPartial('print-css', await readFile(join(TEMPLATES_DIR, 'print.css'), 'utf8'));
  const template = handlebars.compile<ViewModel>(await readFile(join(TEMPLATES_DIR, 'report.hbs'), 'utf8'), { strict: false, noEscape: false });
  return (model) => template(model);
};

/** Header/footer HTML for Chromium's print engine (run id escaped like every other value). */
export const toFooterTemplate = (runId: string, tenant: string): string =>
  `<div style="width:100%;font-size:7px;color:#5f6b7a;padding:0 14mm;display:flex;justify-content:space-between;font-family:'DejaVu Sans',sans-serif;">` +
  `<span>Access audit · ${Handlebars.escapeExpression(tenant)} · run ${Handlebars.escapeExpression(runId)}</span>` +
  `<span>Page <span class="pageNumber"></span> of <span class="totalPages"></span></span></div>`;
