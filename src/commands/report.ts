import { join, relative, resolve } from 'node:path';
import type { CommandBody } from './index.ts';
import { meetsThreshold, SEVERITIES, type Severity } from '../evaluate/severity.ts';
import { FORCE_OPTION, openOutputFolder, toEvidenceLine, writeStaged } from '../output/output-folder.ts';
import { copyEvaluationFiles, copyOtherReports } from '../report/copy-run.ts';
import { checkRenderInputs, FORMATS, parseFormats, writeReports } from '../report/index.ts';
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
  force: boolean;
}

export const reportCommand: CommandBody<ReportArgs> = {
  builder: (yargs) =>
    yargs
      .option('run', { type: 'string', demandOption: true, describe: 'Run or evaluation folder (evaluation.json, findings.json, snapshot/)' })
      .option('out', { type: 'string', demandOption: true, describe: 'Folder to write the reports into: new, empty, or the --run folder itself (re-rendered in place)' })
      .option('format', { type: 'string', default: FORMATS.join(','), describe: `Comma-separated formats: ${FORMATS.join(', ')}` })
      .option('browser', { type: 'string', describe: 'Chromium executable for the PDF (default: PUPPETEER_EXECUTABLE_PATH, /usr/bin/chromium, …)' })
      .option('fail-on', { choices: SEVERITIES, describe: 'JUnit threshold and exit 1 when an open finding is this severe or worse (default: the evaluation\'s)' })
      .option('sign-key', { type: 'string', describe: 'Ed25519 private key (PEM) to sign manifest.json with (writes manifest.sig)' })
      .option('force', FORCE_OPTION)
      .example('$0 report --run reports/acme-prod-2026Q3 --out reports/acme-prod-2026Q3 --format pdf', 'Re-render the PDF of a run in place (its other reports are kept)')
      .example('$0 report --run eval/acme --out auditor/acme --sign-key audit-signing.pem', 'Auditor pack with a signed evidence manifest') as never,
  handler: async (argv) => {
    const logger = getLogger(argv);
    const formats = parseFormats(argv.format);
    const runDir = resolve(argv.run);
    const input = await readEvaluation(runDir);
    const failOn = argv.failOn ?? input.record.failOn;
    await checkRenderInputs(formats, { browser: argv.browser, signKey: argv.signKey });
    const runId = input.record.runId;
    // The folder may hold this same run (re-rendering in place); any other run is refused.
    const folder = await openOutputFolder(argv.out, { option: '--out', force: argv.force }, runId);
    const inPlace = resolve(argv.out) === runDir;
    const written = await writeStaged(folder, async (staged) => {
      const copied = [...await copyEvaluationFiles(runDir, staged, input.record), ...(inPlace ? await copyOtherReports(runDir, staged, formats) : [])];
      logger.debug(`carried ${copied.length} files of run ${runId} over`);
      return writeReports(staged, input, { formats, browser: argv.browser, signKey: argv.signKey, failOn, logger });
    });
    const outDir = await folder.commit(runId);
    process.stdout.write(`${written.map((file) => join(outDir, relative(folder.dir, file))).join('\n')}\n${await toEvidenceLine(outDir, runId)}\n`);
    if (!input.document.complete) logger.warn(`the evaluation is INCOMPLETE: ${input.model.incompleteReasons[0] ?? 'unknown reason'}; the reports say so`);
    const failing = input.document.findings.filter((f) => f.status === 'open' && meetsThreshold(f.severity, failOn)).length;
    // Re-rendering is not a gate unless asked: only an explicit --fail-on sets exit 1.
    setExitCode(argv.failOn !== undefined && failing > 0 ? 1 : 0);
  },
};
