import { resolve } from 'node:path';
import type { CommandBody } from './index.ts';
import { parseConfig } from '../config/load.ts';
import { AuditError } from '../errors.ts';
import { parseFormats } from '../report/index.ts';
import { createDemoConfig } from '../simulator/demo-config.ts';
import { DEFAULT_SEED, DEFAULT_USERS, generateTenant } from '../simulator/generate.ts';
import { startSimulator } from '../simulator/server.ts';
import { addAuditOptions, runAuditIntoFolder, toRunSummary, type AuditArgs } from './run.ts';
import { parseQuarter, QUARTER_OPTION } from './simulate.ts';
import { getLogger } from './common.ts';
import { setExitCode } from './exit-code.ts';

interface DemoArgs extends AuditArgs {
  seed: number;
  users: number;
  quarter: string;
}

/**
 * The bundled tenant simulator on a free loopback port, audited end to end with a bundled
 * config, then stopped. The demo tenant has planted violations on purpose, so findings are
 * expected: the demo exits 0 when the reports were produced and the collection was complete.
 */
export const demoCommand: CommandBody<DemoArgs> = {
  builder: (yargs) =>
    addAuditOptions(yargs)
      .option('seed', { type: 'number', default: DEFAULT_SEED, describe: 'Simulator tenant seed' })
      .option('users', { type: 'number', default: DEFAULT_USERS, describe: 'Accounts in the simulated tenant' })
      .option('quarter', QUARTER_OPTION)
      .example('$0 demo', 'Writes reports/demo/access-audit.xlsx, access-audit.pdf and the CI formats')
      .example('$0 demo --quarter 2 --out reports/demo-q2 --baseline reports/demo', 'The next quarter against the first: roleContent in changes.json, and why each new finding is new') as never,
  handler: async (argv) => {
    const logger = getLogger(argv);
    const formats = parseFormats(argv.format);
    const tenant = generateTenant({ seed: argv.seed, users: argv.users, quarter: parseQuarter(argv.quarter) });
    const simulator = await startSimulator({ tenant });
    try {
      const { config: written, env } = createDemoConfig(simulator.url, tenant);
      const config = parseConfig(written, '<demo config>', { env, skipProbeSecrets: argv.skipProbes });
      logger.info(`simulator listening on ${simulator.url} (${tenant.users.length} accounts, seed ${tenant.seed}, quarter ${tenant.quarter})`);
      // The demo folder is the demo's own: running the quickstart twice replaces it whole.
      const { result, outDir } = await runAuditIntoFolder(argv, { config, formats, logger }, { out: argv.out, ownDefault: true, fallback: () => resolve('reports/demo') });
      process.stdout.write(await toRunSummary(result, outDir));
      if (!result.evaluation.model.complete) {
        throw new AuditError('collection', `demo collection INCOMPLETE: ${result.evaluation.model.incompleteReasons.join('; ')}`);
      }
      if (result.evaluation.exitCode === 1) {
        process.stdout.write(`The demo tenant has planted violations on purpose: \`access-audit run\` would exit 1 here (--fail-on ${argv.failOn}).\n`);
      }
      setExitCode(0);
    } finally {
      await simulator.close();
    }
  },
};
