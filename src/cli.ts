import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { commands } from './commands/index.ts';
import { addGlobalOptions } from './commands/common.ts';
import { getExitCode } from './commands/exit-code.ts';
import { isAuditError } from './errors.ts';
import { redact } from './util/logger.ts';
import { TOOL } from './version.ts';

/**
 * The CLI edge: the only place that maps errors to exit codes and prints them.
 * Exit codes: 0 clean; 1 findings at or above --fail-on; 2 usage, config, policy or
 * collection error (incomplete data).
 */
const main = async (args: string[]): Promise<number> => {
  const verbose = args.includes('--verbose');
  let exitCode = 0;
  try {
    const parser = addGlobalOptions(
      yargs(args)
        .scriptName('access-audit')
        .usage('$0 <command> [options]\n\nAudit who can do what in an Oracle Fusion Cloud tenant.')
        .version(TOOL.version)
        .strict()
        .demandCommand(1, 'Name a command; see --help.')
        .recommendCommands()
        .wrap(Math.min(110, process.stdout.columns || 100))
        .fail((message, error) => {
          throw error ?? new UsageFailure(message);
        }),
    ).command(commands);
    await parser.parseAsync();
    exitCode = getExitCode();
  } catch (error) {
    if (error instanceof UsageFailure) {
      console.error(`access-audit: ${error.message}\nhint: run \`access-audit --help\``);
      return 2;
    }
    if (isAuditError(error)) {
      console.error(redact(`access-audit: ${error.message}`));
      if (error.hint !== undefined) console.error(`hint: ${error.hint}`);
      if (verbose && error.stack !== undefined) console.error(redact(error.stack));
      return error.exitCode;
    }
    console.error(redact(`access-audit: unexpected error: ${(error as Error).message ?? String(error)}`));
    if (verbose) console.error(redact((error as Error).stack ?? ''));
    else console.error('hint: re-run with --verbose for the stack trace');
    return 2;
  }
  return exitCode;
};

class UsageFailure extends Error {}

process.exitCode = await main(hideBin(process.argv));
