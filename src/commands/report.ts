import { resolve } from 'node:path';
import type { CommandBody } from './index.ts';
import { meetsThreshold, SEVERITIES, type Severity } from '../evaluate/severity.ts';
import { copyEvaluationFiles } from '../report/copy-run.ts';
import { FORMATS, parseFormats, writeReports } from '../report/index.ts';
import { readEvaluation } from '../run/read.ts';
import { getLogger, type GlobalOptions } from './common.ts';
import { setExitCode } from './exit-code.ts';

interface ReportArgs extends GlobalOptions {
  run: string;
  out: string;
  format: string;
  browser?: string;
  failOn?: Severity;
  signKey?: string;
}

export const reportCommand: CommandBody<ReportArgs> = {
  builder: (yargs) =>
    yargs
      .option('run', { type: 'string', demandOption: true, describe: 'Run or evaluation folder (evaluation.json, findings.json, snapshot/)' })
      .option('out', { type: 'string', demandOption: true, describe: 'Folder to write the reports into (may be the --run folder)' })
      .option('format', { type: 'string', default: FORMATS.join(','), describe: `Comma-separated formats: ${FORMATS.join(', ')}` })
      .option('browser', { type: 'string', describe: 'Chromium executable for the PDF (default: PUPPETEER_EXECUTABLE_PATH, /usr/bin/chromium, …)' })
      .option('fail-on', { choices: SEVERITIES, describe: 'JUnit threshold and exit 1 when an open finding is this severe or worse (default: the evaluation\'s)' })
      .option('sign-key', { type: 'string', describe: 'Ed25519 private key (PEM) to sign manifest.json with (writes manifest.sig)' }) as never,
  handler: async (argv) => {
    const logger = getLogger(argv);
    const formats = parseFormats(argv.format);
    const runDir = resolve(argv.run);
    const outDir = resolve(argv.out);
    const input = await readEvaluation(runDir);
    const copied = await copyEvaluationFiles(runDir, outDir, input.record);
    if (copied.length > 0) logger.info(`copied ${copied.length} evaluation files to ${outDir}`);
    const failOn = argv.failOn ?? input.record.failOn;
    const written = await writeReports(outDir, input, { formats, browser: argv.browser, signKey: argv.signKey, failOn, logger });
    process.stdout.write(`${written.join('\n')}\n`);
    if (!input.document.complete) logger.warn(`the evaluation is INCOMPLETE: ${input.model.incompleteReasons[0] ?? 'unknown reason'}; the reports say so`);
    const failing = input.document.findings.filter((f) => f.status === 'open' && meetsThreshold(f.severity, failOn)).length;
    // Re-rendering is not a gate unless asked: only an explicit --fail-on sets exit 1.
    setExitCode(argv.failOn !== undefined && failing > 0 ? 1 : 0);
  },
};
