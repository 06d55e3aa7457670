import { resolve } from 'node:path';
import type { CommandBody } from './index.ts';
import { stringify } from 'yaml';
import { usageError } from '../errors.ts';
import { createDemoConfig } from '../simulator/demo-config.ts';
import { DEFAULT_SEED, DEFAULT_USERS, MAX_USERS, generateTenant } from '../simulator/generate.ts';
import { DEFAULT_QUARTER, QUARTERS, isQuarter, type Quarter } from '../simulator/quarters.ts';
import { startSimulator } from '../simulator/server.ts';
import type { SimulatorOptions } from '../simulator/types.ts';
import { writeFileAtomic } from '../util/atomic-write.ts';
import { getLogger, type GlobalOptions } from './common.ts';

interface SimulateArgs extends GlobalOptions {
  host: string;
  port: number;
  seed: number;
  users: number;
  quarter: string;
  latencyMs: number;
  rate429: number;
  rate503: number;
  resetRate: number;
  malformedPage: string | undefined;
  writeConfig: string | undefined;
  printEnv: boolean;
}

/** `hcm:2` → { source: 'hcm', page: 2 }. */
export const parseMalformedPage = (value: string): NonNullable<SimulatorOptions['malformedPage']> => {
  const match = /^(hcm|scim):([1-9]\d*)$/.exec(value);
  if (!match) throw usageError(`--malformed-page: expected SOURCE:PAGE such as hcm:2 or scim:1, got ${JSON.stringify(value)}`);
  return { source: match[1] as 'hcm' | 'scim', page: Number(match[2]) };
};

/** `--quarter`: 1 or 2, else a usage error naming the value. */
export const parseQuarter = (value: string): Quarter => {
  const quarter = /^\d+$/.test(value.trim()) ? Number(value) : Number.NaN;
  if (!isQuarter(quarter)) throw usageError(`--quarter: must be ${QUARTERS.join(' or ')}, got ${JSON.stringify(value)}`);
  return quarter;
};

/** The `--quarter` option of simulate and demo (a string, so a bad value is named as typed). */
export const QUARTER_OPTION = {
  type: 'string',
  default: String(DEFAULT_QUARTER),
  describe: `Quarter of the simulated tenant: ${QUARTERS.join(' or ')} (2: Oracle's update added POZ_MAINTAIN_SUPPLIER_PRIV to a seeded duty, and one account gained a role; docs/simulator.md)`,
} as const;

const checkRate = (name: string, value: number): number => {
  if (!(value >= 0 && value <= 1)) throw usageError(`--${name}: must be a fraction between 0 and 1, got ${value}`);
  return value;
};

const waitForSignal = (): Promise<string> =>
  new Promise((resolveSignal) => {
    const onSignal = (signal: string): void => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      resolveSignal(signal);
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  });

export const simulateCommand: CommandBody<SimulateArgs> = {
  builder: (yargs) =>
    yargs
      .option('host', { type: 'string', default: '127.0.0.1', describe: 'Interface to listen on' })
      .option('port', { type: 'number', default: 0, describe: 'Port (0 picks a free one)' })
      .option('seed', { type: 'number', default: DEFAULT_SEED, describe: 'Tenant generator seed' })
      .option('users', { type: 'number', default: DEFAULT_USERS, describe: `Accounts to generate (at most ${MAX_USERS})` })
      .option('quarter', QUARTER_OPTION)
      .option('latency-ms', { type: 'number', default: 0, describe: 'Delay before every answer' })
      .option('rate-429', { type: 'number', default: 0, describe: 'Share of requests answered 429 (no Retry-After)' })
      .option('rate-503', { type: 'number', default: 0, describe: 'Share of requests answered 503 (HTML, no Retry-After)' })
      .option('reset-rate', { type: 'number', default: 0, describe: 'Share of requests whose connection is reset' })
      .option('malformed-page', { type: 'string', describe: 'Break one page, e.g. hcm:2 or scim:1' })
      .option('write-config', { type: 'string', describe: 'Write a config file for this simulator (passwords stay in env vars)' })
      .option('print-env', { type: 'boolean', default: false, describe: 'Print `export NAME=value` lines for the simulator passwords on stdout (after the URL), for copy-paste' })
      .example('$0 simulate --write-config demo.yaml --print-env', 'Serve the demo tenant, write a config for it and print the exports its passwords need')
      .example('$0 simulate --users 5000 --rate-429 0.05 --latency-ms 20', 'A bigger, slower, throttling tenant for resilience testing')
      .example('$0 simulate --quarter 2 --write-config q2.yaml', 'The same tenant after a quarterly update, to audit with last quarter\'s run as --baseline') as never,
  handler: async (argv) => {
    const logger = getLogger(argv);
    if (!Number.isInteger(argv.users) || argv.users < 1 || argv.users > MAX_USERS) throw usageError(`--users: must be an integer from 1 to ${MAX_USERS}`);
    if (!Number.isInteger(argv.port) || argv.port < 0 || argv.port > 65_535) throw usageError('--port: must be an integer from 0 to 65535');
    if (!(argv.latencyMs >= 0)) throw usageError('--latency-ms: must be zero or more');
    const tenant = generateTenant({ seed: argv.seed, users: argv.users, quarter: parseQuarter(argv.quarter) });
    const simulator = await startSimulator({
      tenant,
      host: argv.host,
      port: argv.port,
      latencyMs: argv.latencyMs,
      rate429: checkRate('rate-429', argv.rate429),
      rate503: checkRate('rate-503', argv.rate503),
      resetRate: checkRate('reset-rate', argv.resetRate),
      ...(argv.malformedPage === undefined ? {} : { malformedPage: parseMalformedPage(argv.malformedPage) }),
    });
    process.stdout.write(`${simulator.url}\n`);
    // The simulator's passwords are test doubles (docs/simulator.md), so printing them is safe and saves typing them.
    if (argv.printEnv) process.stdout.write(Object.entries(createDemoConfig(simulator.url, tenant).env).map(([name, value]) => `export ${name}=${value}\n`).join(''));
    logger.info(`simulating ${tenant.users.length} accounts (seed ${tenant.seed}, quarter ${tenant.quarter}); audit user ${tenant.auditUser}; Ctrl-C to stop`);
    if (argv.writeConfig !== undefined) {
      const file = resolve(argv.writeConfig);
      const { config, env } = createDemoConfig(simulator.url, tenant);
      await writeFileAtomic(file, stringify(config));
      logger.info(`wrote ${file}; set these environment variables: ${Object.keys(env).join(', ')}`);
      logger.info('the simulator passwords are documented in docs/simulator.md (sim- + lower-case username; test doubles, not secrets)');
    }
    const signal = await waitForSignal();
    logger.info(`${signal}: stopping the simulator after ${simulator.stats.requests} requests`);
    await simulator.close();
  },
};
