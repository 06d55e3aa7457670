import { resolve } from 'node:path';
import type { CommandBody } from './index.ts';
import { SEVERITIES, type Severity } from '../evaluate/severity.ts';
import { readConfigPolicyPaths } from '../run/config-paths.ts';
import { FORCE_OPTION, openOutputFolder, writeStaged } from '../output/output-folder.ts';
import { prepareInputs, runEvaluation, type RunEvaluationResult } from '../run/evaluate-run.ts';
import { toCountText } from '../util/plural.ts';
import { getLogger, type GlobalOptions } from './common.ts';
import { setExitCode } from './exit-code.ts';

interface EvaluateArgs extends GlobalOptions {
  snapshot: string;
  config?: string;
  policies?: string[];
  waivers?: string;
  baseline?: string;
  crossPod?: boolean;
  asOf?: string;
  failOn: Severity;
  newOnly: boolean;
  expiringSoonDays: number;
  out: string;
  force: boolean;
}

/** A few lines for stdout: counts by severity, waivers, baseline changes. */
export const toEvaluateSummary = (result: RunEvaluationResult, outDir: string): string => {
  const { document, changes } = result;
  const counts = SEVERITIES.map((severity) => `${severity} ${document.summary[severity]}`).join(', ');
  const waived = document.findings.filter((finding) => finding.status === 'waived').length;
  const lines = [
    `${document.complete ? 'Evaluated' : 'Evaluated (INCOMPLETE snapshot)'} ${document.tenant}: ${toCountText(document.findings.length - waived, 'open finding')} (${counts}), ${waived} waived`,
  ];
  const { expired, stale, expiringSoon } = document.waivers;
  if (expired.length + stale.length + expiringSoon.length > 0) {
    lines.push(`  waivers: ${expired.length} expired, ${stale.length} stale (waive nothing), ${expiringSoon.length} expiring soon`);
    for (const [label, list] of [['expired', expired], ['stale', stale], ['expiring', expiringSoon]] as const) {
      for (const waiver of list) lines.push(`    ${label.padEnd(8)} ${waiver.ruleId} ${waiver.username}${waiver.roleCode === null ? '' : ` ${waiver.roleCode}`} (ticket ${waiver.ticket ?? 'none'}, expires ${waiver.expires})`);
    }
  }
  if (changes !== null) {
    if (changes.crossPod) lines.push(`  cross-pod: ${changes.tenant} compared with a run of ${changes.baseline.tenant}`);
    lines.push(`  since baseline: ${changes.newFindings} new, ${changes.existingFindings} existing, ${changes.resolvedFindings} resolved; `
      + `${toCountText(changes.roles.length, 'account')} with role changes, ${changes.roleContent.length} roles with content changes, ${toCountText(changes.probes.length, 'probe change')}`);
    for (const group of changes.causes.slice(0, 10)) lines.push(`  new (${group.cause ?? 'undetermined'}): ${group.summary}`);
  }
  lines.push(`  ${toCountText(result.failing, 'finding')} at or above --fail-on ${result.record.failOn}`);
  lines.push(`Findings: ${resolve(outDir, 'findings.json')}`);
  return `${lines.join('\n')}\n`;
};

export const evaluateCommand: CommandBody<EvaluateArgs> = {
  builder: (yargs) =>
    yargs
      .option('snapshot', { type: 'string', demandOption: true, describe: 'Snapshot folder (from collect, or a run folder\'s snapshot/)' })
      .option('config', { type: 'string', describe: 'Config file: only its policies and waivers entries are used (no secrets needed)' })
      .option('policies', { type: 'string', array: true, describe: 'Policy files or folders (the word builtin adds the bundled pack); replaces the config\'s list' })
      .option('waivers', { type: 'string', describe: 'Waivers file (YAML or JSON); replaces the config\'s' })
      .option('baseline', { type: 'string', describe: 'A previous run folder to compare with (quarterly re-validation)' })
      .option('cross-pod', { type: 'boolean', default: false, describe: 'The baseline is a run of another pod (e.g. production while this is the updated test pod): compare by code across tenants' })
      .option('as-of', { type: 'string', describe: 'Evaluate as of this date (YYYY-MM-DD); default: the snapshot\'s collection time' })
      .option('fail-on', { choices: SEVERITIES, default: 'high', describe: 'Exit 1 when an open finding has this severity or worse' })
      .option('new-only', { type: 'boolean', default: false, describe: 'With --baseline: only new findings count toward --fail-on' })
      .option('expiring-soon-days', { type: 'number', default: 30, describe: 'Waivers expiring within this many days are listed as expiring soon' })
      .option('out', { type: 'string', demandOption: true, describe: 'Evaluation folder to write (findings.json, evaluation.json, snapshot/); refused when it holds another run' })
      .option('force', FORCE_OPTION)
      .example('$0 evaluate --snapshot reports/acme-prod-2026Q3/snapshot --out eval/acme', 'Re-evaluate a collected snapshot offline with the bundled pack')
      .example('$0 evaluate --snapshot snap --policies policies/ --waivers waivers.yaml --as-of 2026-12-31 --out eval/ye', 'Your own pack and waivers, judged as of year end') as never,
  handler: async (argv) => {
    const logger = getLogger(argv);
    const fromConfig = argv.config === undefined ? { policies: null, waivers: null } : await readConfigPolicyPaths(argv.config);
    if (argv.newOnly && argv.baseline === undefined) logger.warn('--new-only has no effect without --baseline');
    const options = {
      snapshotDir: resolve(argv.snapshot),
      policies: argv.policies ?? fromConfig.policies,
      waivers: argv.waivers === undefined ? fromConfig.waivers : resolve(argv.waivers),
      baseline: argv.baseline ?? null,
      crossPod: argv.crossPod === true,
      asOf: argv.asOf ?? null,
      failOn: argv.failOn,
      newOnly: argv.newOnly,
      expiringSoonDays: argv.expiringSoonDays,
    };
    const preloaded = await prepareInputs(options);
    // Same inputs, same run id: re-evaluating into the folder of the same run replaces it; any other run is refused.
    const folder = await openOutputFolder(argv.out, { option: '--out', force: argv.force });
    const result = await writeStaged(folder, (outDir) => runEvaluation({ ...options, outDir, preloaded }));
    const outDir = await folder.commit(result.record.runId);
    logger.debug(`policy pack ${result.record.policyPackHash} (${result.record.rules.length} rules)`);
    process.stdout.write(toEvaluateSummary(result, outDir));
    process.stdout.write(`Run ${result.record.runId} · snapshot manifest SHA-256 ${result.record.snapshot.manifestSha256}\n`);
    if (!result.model.complete) {
      logger.warn(`the snapshot is INCOMPLETE: ${result.model.incompleteReasons[0] ?? 'unknown reason'}; findings were written but cannot be trusted as complete`);
    }
    setExitCode(result.exitCode);
  },
};
