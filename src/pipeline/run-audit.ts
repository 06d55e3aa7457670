import { join } from 'node:path';
import { collectTenant } from '../collect/index.ts';
import type { Config } from '../config/types.ts';
import { checkRenderInputs, writeReports, type Format } from '../report/index.ts';
import { prepareInputs, runEvaluation, type PreparedInputs, type RunEvaluationOptions, type RunEvaluationResult } from '../run/evaluate-run.ts';
import { RUN_FILES } from '../run/schema.ts';
import { writeSnapshot } from '../snapshot/write.ts';
import type { Logger } from '../util/logger.ts';
import { describeRoleGraph } from '../model/role-graph.ts';
import type { ProgressReporter } from '../cli-support/progress.ts';

export interface RunAuditOptions extends Pick<RunEvaluationOptions, 'baseline' | 'asOf' | 'failOn' | 'crossPod'> {
  config: Config;
  outDir: string;
  /** CLI overrides of the config's policies / waivers (null = use the config's). */
  policies: string[] | null;
  waivers: string | null;
  newOnly: boolean;
  formats: readonly Format[];
  skipProbes: boolean;
  browser?: string;
  signKey?: string;
  logger: Logger;
  progress: ProgressReporter;
  /** Policy pack, waivers and baseline read before collection (see prepareAudit). */
  preloaded: PreparedInputs;
}

export interface RunAuditResult {
  evaluation: RunEvaluationResult;
  written: string[];
}

/**
 * Everything `run` needs besides the tenant, checked before it collects (a typo costs a second,
 * not a 50,000-account collection): as-of date, policy pack, waivers against the pack, baseline,
 * signing key and the browser for the PDF. The output folder is checked when it is opened.
 */
export const prepareAudit = async (options: Pick<RunAuditOptions, 'config' | 'policies' | 'waivers' | 'baseline' | 'asOf' | 'formats' | 'browser' | 'signKey'>): Promise<PreparedInputs> => {
  await checkRenderInputs(options.formats, { browser: options.browser, signKey: options.signKey });
  return prepareInputs({
    policies: options.policies ?? options.config.policies,
    waivers: options.waivers ?? options.config.waivers,
    baseline: options.baseline,
    asOf: options.asOf,
  });
};

/**
 * The whole job: collect → snapshot → evaluate → render, into one run folder. The snapshot is
 * written first, so a failure later still leaves the evidence that was collected.
 */
export const runAudit = async (options: RunAuditOptions): Promise<RunAuditResult> => {
  const { config, outDir, logger } = options;
  logger.info(`collecting ${config.tenant.name} (${config.tenant.baseUrl})`);
  let model;
  try {
    model = await collectTenant(config, { skipProbes: options.skipProbes, logger, onEvent: (event) => options.progress.onEvent(event) });
  } finally {
    options.progress.stop();
  }
  const snapshotDir = join(outDir, RUN_FILES.snapshot);
  await writeSnapshot(snapshotDir, model);
  logger.info(`snapshot: ${model.accounts.length} accounts, ${model.probes.length} probes${model.complete ? '' : ' (INCOMPLETE)'}`);
  if (model.roleGraph !== null) logger.info(describeRoleGraph(model.roleGraph, model.roleGraphCoverage));
  for (const problem of model.roleGraph?.problems ?? []) logger.info(`role graph data problem: ${problem}`);
  // Evaluate what was written, not the in-memory model: the findings then provably come from the
  // hashed snapshot an auditor can re-evaluate offline.
  const evaluation = await runEvaluation({
    snapshotDir,
    outDir,
    policies: options.policies ?? config.policies,
    waivers: options.waivers ?? config.waivers,
    baseline: options.baseline,
    crossPod: options.crossPod,
    asOf: options.asOf,
    failOn: options.failOn,
    newOnly: options.newOnly,
    preloaded: options.preloaded,
  });
  const written = await writeReports(outDir, {
    document: evaluation.document,
    changes: evaluation.changes,
    record: evaluation.record,
    model: evaluation.model,
    snapshotManifest: evaluation.manifest,
  }, { formats: options.formats, browser: options.browser, signKey: options.signKey, logger, failOn: options.failOn });
  return { evaluation, written };
};
