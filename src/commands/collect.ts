import { SERVICE_IDS } from '../model/services.ts';
import { describeRoleGraph } from '../model/role-graph.ts';
import type { CommandBody } from './index.ts';
import { createProgressReporter, isInteractive } from '../cli-support/progress.ts';
import { collectTenant } from '../collect/index.ts';
import { readConfig } from '../config/load.ts';
import { AuditError } from '../errors.ts';
import type { TenantModel } from '../model/types.ts';
import { FORCE_OPTION, openOutputFolder, writeStaged } from '../output/output-folder.ts';
import { writeSnapshot } from '../snapshot/write.ts';
import { getLogger, type GlobalOptions } from './common.ts';
import { setExitCode } from './exit-code.ts';

interface CollectArgs extends GlobalOptions {
  config: string;
  out: string;
  skipProbes: boolean;
  allowInsecureHttp: boolean;
  force: boolean;
}

/** A few lines for stdout: what was collected, per source. */
export const toCollectSummary = (model: TenantModel, dir: string): string => {
  const roles = model.accounts.reduce((sum, account) => sum + account.roles.length, 0);
  const probeCounts = new Map<string, number>();
  for (const probe of model.probes) probeCounts.set(probe.outcome, (probeCounts.get(probe.outcome) ?? 0) + 1);
  const lines = [
    `${model.complete ? 'Collected' : 'Collected (INCOMPLETE)'} ${model.tenant.name}: ${model.accounts.length} accounts, ${roles} role assignments, ${model.roles.length} roles, ${model.probes.length} probes`,
    ...model.sources.map((s) => `  ${s.source.padEnd(6)} requests ${s.requests}, pages ${s.pages}, items ${s.items}, retries ${s.retries}, throttled ${s.throttled}, errors ${s.errors}${s.complete ? '' : ' INCOMPLETE'}`),
  ];
  const services = SERVICE_IDS.filter((id) => model.sources.some((source) => source.source === id));
  if (services.length > 0) lines.push(`  service accounts: ${services.map((id) => `${id} ${model.serviceAccounts.filter((a) => a.service === id).length}`).join(', ')}`);
  if (model.roleGraph !== null) {
    lines.push(`  ${describeRoleGraph(model.roleGraph, model.roleGraphCoverage)}`);
    for (const problem of model.roleGraph.problems) lines.push(`  role graph data problem: ${problem}`);
  }
  if (model.probes.length > 0) lines.push(`  probe outcomes: ${[...probeCounts].sort().map(([k, v]) => `${k} ${v}`).join(', ')}`);
  lines.push(`Snapshot: ${dir}`);
  return `${lines.join('\n')}\n`;
};

export const collectCommand: CommandBody<CollectArgs> = {
  builder: (yargs) =>
    yargs
      .option('config', { type: 'string', demandOption: true, describe: 'Config file (YAML or JSON)' })
      .option('out', { type: 'string', demandOption: true, describe: 'Snapshot folder to write' })
      .option('skip-probes', { type: 'boolean', default: false, describe: 'Do not call the data-security probes' })
      .option('allow-insecure-http', { type: 'boolean', default: false, describe: 'Allow plain http:// to a non-loopback host' })
      .option('force', FORCE_OPTION)
      .example('$0 collect --config audit.yaml --out snapshots/acme-2026Q4', 'Collect only; evaluate offline later')
      .example('$0 collect --config audit.yaml --out snapshots/acme --skip-probes --force', 'Re-collect into the same folder without signing in as integrations') as never,
  handler: async (argv) => {
    const logger = getLogger(argv);
    const config = await readConfig(argv.config, { allowInsecureHttp: argv.allowInsecureHttp, skipProbeSecrets: argv.skipProbes });
    const folder = await openOutputFolder(argv.out, { option: '--out', force: argv.force }, null);
    logger.debug(`collecting ${config.tenant.name} from ${config.tenant.baseUrl} (concurrency ${config.collect.concurrency})`);
    const progress = createProgressReporter({ logger, interactive: isInteractive(), quiet: argv.quiet });
    const model = await writeStaged(folder, async (staged) => {
      let collected: TenantModel;
      try {
        collected = await collectTenant(config, { skipProbes: argv.skipProbes, logger, onEvent: (event) => progress.onEvent(event) });
      } finally {
        progress.stop();
      }
      await writeSnapshot(staged, collected);
      return collected;
    });
    const dir = await folder.commit(null);
    process.stdout.write(toCollectSummary(model, dir));
    if (!model.complete) {
      const more = model.incompleteReasons.length > 1 ? ` (+${model.incompleteReasons.length - 1} more in snapshot-manifest.json)` : '';
      setExitCode(2);
      throw new AuditError('collection', `collection incomplete: ${model.incompleteReasons[0] ?? 'unknown reason'}${more}`, {
        hint: `the snapshot in ${dir} is written and marked incomplete; fix the audit account's access or the tenant problem and collect again`,
      });
    }
  },
};
