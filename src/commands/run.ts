import { join, relative, resolve } from 'node:path';
import type { Argv } from 'yargs';
import type { CommandBody } from './index.ts';
import { createProgressReporter, isInteractive } from '../cli-support/progress.ts';
import { readConfig } from '../config/load.ts';
import { SEVERITIES, type Severity } from '../evaluate/severity.ts';
import { FORCE_OPTION, openOutputFolder, toEvidenceLine, writeStaged } from '../output/output-folder.ts';
import { prepareAudit, runAudit, type RunAuditOptions, type RunAuditResult } from '../pipeline/run-audit.ts';
import { FORMATS, parseFormats } from '../report/index.ts';
import { AuditError } from '../errors.ts';
import { toEvaluateSummary } from './evaluate.ts';
import { getLogger, type GlobalOptions } from './common.ts';
import { setExitCode } from './exit-code.ts';

export interface AuditArgs extends GlobalOptions {
  out?: string;
  baseline?: string;
  crossPod?: boolean;
  waivers?: string;
  policies?: string[];
  asOf?: string;
  failOn: Severity;
  newOnly: boolean;
  format: string;
  skipProbes: boolean;
  browser?: string;
  signKey?: string;
  force: boolean;
}

interface RunArgs extends AuditArgs {
  config: string;
  allowInsecureHttp: boolean;
}

/** Options shared by `run` and `demo`. */
export const addAuditOptions = <T>(yargs: Argv<T>) =>
  yargs
    .option('out', { type: 'string', describe: 'Run folder (default reports/<tenant>-<UTC timestamp>/)' })
    .option('baseline', { type: 'string', describe: 'Previous run folder: mark findings new/existing, list resolved ones and role drift' })
    .option('cross-pod', { type: 'boolean', default: false, describe: 'The baseline is a run of another pod (updated test pod vs production): compare by code across tenants' })
    .option('waivers', { type: 'string', describe: 'Waivers file (replaces the config\'s)' })
    .option('policies', { type: 'string', array: true, describe: 'Policy files or folders (builtin = bundled pack); replaces the config\'s list' })
    .option('as-of', { type: 'string', describe: 'Judge waivers as of this date (YYYY-MM-DD); default: collection time' })
    .option('fail-on', { choices: SEVERITIES, default: 'high', describe: 'Exit 1 when an open finding has this severity or worse' })
    .option('new-only', { type: 'boolean', default: false, describe: 'With --baseline: only new findings count toward --fail-on' })
    .option('format', { type: 'string', default: FORMATS.join(','), describe: `Report formats (${FORMATS.join(', ')})` })
    .option('skip-probes', { type: 'boolean', default: false, describe: 'Do not sign in as the integration accounts (no data-security probes)' })
    .option('browser', { type: 'string', describe: 'Chromium executable for the PDF' })
    .option('sign-key', { type: 'string', describe: 'Ed25519 private key (PEM) to sign manifest.json' })
    .option('force', FORCE_OPTION);

/** The run options `run` and `demo` take from the same flags. */
export const toAuditOptions = (argv: AuditArgs): Omit<RunAuditOptions, 'config' | 'outDir' | 'formats' | 'logger' | 'progress' | 'preloaded'> => ({
  policies: argv.policies ?? null,
  waivers: argv.waivers === undefined ? null : resolve(argv.waivers),
  baseline: argv.baseline === undefined ? null : resolve(argv.baseline),
  crossPod: argv.crossPod === true,
  asOf: argv.asOf ?? null,
  failOn: argv.failOn,
  newOnly: argv.newOnly,
  skipProbes: argv.skipProbes,
  browser: argv.browser,
  signKey: argv.signKey,
});

/** reports/<tenant>-<UTC timestamp>[-<run id>]/ with a timestamp safe in file names: two runs in one second still differ. */
export const getDefaultRunDir = (tenant: string, now: Date = new Date(), runId?: string): string =>
  resolve('reports', `${tenant.replace(/[^A-Za-z0-9._-]/g, '_')}-${now.toISOString().replace(/[:.]/g, '').replace(/\d{3}Z$/, 'Z')}${runId === undefined ? '' : `-${runId}`}`);

/** What `run` and `demo` print on stdout when they finish. */
export const toRunSummary = async (result: RunAuditResult, outDir: string): Promise<string> => {
  const files = result.written.map((file) => `  ${file}`).join('\n');
  return `${toEvaluateSummary(result.evaluation, outDir)}Reports in ${outDir}:\n${files}\n${await toEvidenceLine(outDir, result.evaluation.record.runId)}\n`;
};

export interface AuditFolderChoice {
  /** --out as given, or the command's default. */
  out: string | undefined;
  /** The folder used without --out; `run` names it after the run id once that is known. */
  fallback: (runId?: string) => string;
  /** The default folder is the command's own (demo): replaced whole. */
  ownDefault: boolean;
}

/**
 * `run` and `demo`: checks every input, opens the output folder, collects into a staged copy of
 * it and moves the finished run into place. A failure leaves the target as it was.
 */
export const runAuditIntoFolder = async (argv: AuditArgs, base: Pick<RunAuditOptions, 'config' | 'formats' | 'logger'>, choice: AuditFolderChoice): Promise<{ result: RunAuditResult; outDir: string }> => {
  const options = toAuditOptions(argv);
  const preloaded = await prepareAudit({ ...base, ...options });
  const target = choice.out === undefined ? choice.fallback() : resolve(choice.out);
  const folder = await openOutputFolder(target, { option: '--out', force: argv.force, own: choice.out === undefined && choice.ownDefault });
  const progress = createProgressReporter({ logger: base.logger, interactive: isInteractive(), quiet: argv.quiet });
  const result = await writeStaged(folder, (outDir) => runAudit({ ...base, ...options, outDir, progress, preloaded }));
  const runId = result.evaluation.record.runId;
  const final = choice.out === undefined && !choice.ownDefault ? choice.fallback(runId) : target;
  const outDir = await folder.commit(runId, final);
  return { result: { ...result, written: result.written.map((file) => join(outDir, relative(folder.dir, file))) }, outDir };
};

export const runCommand: CommandBody<RunArgs> = {
  builder: (yargs) =>
    addAuditOptions(yargs)
      .option('config', { type: 'string', demandOption: true, describe: 'Config file (YAML or JSON)' })
      .option('allow-insecure-http', { type: 'boolean', default: false, describe: 'Permit plain http:// to a non-loopback host' })
      .example('$0 run --config audit.yaml', 'Audit the tenant into reports/<tenant>-<timestamp>/')
      .example('$0 run --config audit.yaml --baseline reports/acme-2026Q3 --new-only', 'Quarterly re-validation: fail only on new findings')
      .example('$0 run --config audit.yaml --skip-probes --format xlsx,pdf', 'Auditor pack without signing in as integrations') as never,
  handler: async (argv) => {
    const logger = getLogger(argv);
    const formats = parseFormats(argv.format);
    const config = await readConfig(argv.config, { allowInsecureHttp: argv.allowInsecureHttp, skipProbeSecrets: argv.skipProbes });
    const startedAt = new Date();
    const { result, outDir } = await runAuditIntoFolder(argv, { config, formats, logger }, {
      out: argv.out, ownDefault: false, fallback: (runId) => getDefaultRunDir(config.tenant.name, startedAt, runId),
    });
    process.stdout.write(await toRunSummary(result, outDir));
    if (!result.evaluation.model.complete) {
      throw new AuditError('collection', `collection INCOMPLETE: ${result.evaluation.model.incompleteReasons.join('; ')}`,
        { hint: `the reports in ${outDir} are marked INCOMPLETE; fix the cause and run again` });
    }
    setExitCode(result.evaluation.exitCode);
  },
};
