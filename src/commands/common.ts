import type { Argv } from 'yargs';
import { createLogger, type LogFormat, type Logger } from '../util/logger.ts';

/** Options every command accepts (declared once in cli.ts). */
export interface GlobalOptions {
  verbose: boolean;
  quiet: boolean;
  logFormat: LogFormat;
}

export const getLogger = (argv: GlobalOptions): Logger =>
  createLogger({ level: argv.quiet ? 'warn' : argv.verbose ? 'debug' : 'info', format: argv.logFormat });

export const addGlobalOptions = <T>(yargs: Argv<T>) =>
  yargs
    .option('verbose', { type: 'boolean', default: false, describe: 'More detail, and stack traces on errors' })
    .option('quiet', { type: 'boolean', default: false, describe: 'Only warnings and errors' })
    .option('log-format', { choices: ['text', 'json'] as const, default: 'text' as const, describe: 'Log lines as text or JSON (stderr)' });
