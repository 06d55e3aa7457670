import yargs from 'yargs';
import { loadCommands } from './commands/index.ts';
import { addGlobalOptions } from './commands/common.ts';
import { getExitCode, setExitCode } from './commands/exit-code.ts';
import { isAuditError } from './errors.ts';
import { redact } from './util/logger.ts';
import { TOOL } from './version.ts';

/**
 * The CLI's main entry: the only place that maps errors to exit codes and prints them (cli.ts
 * calls it with the process arguments; tests call it in-process).
 * Exit codes: 0 clean; 1 findings at or above --fail-on; 2 usage, config, policy or
 * collection error (incomplete data).
 */
/** Error output follows --log-format, so a log collector reading JSON lines never meets plain text. */
const createErrorPrinter = (args: string[]): ((message: string, hint?: string, stack?: string) => void) => {
  const index = args.findIndex((arg) => arg === '--log-format' || arg.startsWith('--log-format='));
  const format = index < 0 ? 'text' : args[index]?.includes('=') === true ? args[index]?.split('=')[1] : args[index + 1];
  if (format === 'json') {
    return (message, hint, stack) => console.error(redact(JSON.stringify({ time: new Date().toISOString(), level: 'error', message, hint, stack })));
  }
  return (message, hint, stack) => {
    console.error(redact(`access-audit: ${message}`));
    if (hint !== undefined) console.error(`hint: ${hint}`);
    if (stack !== undefined) console.error(redact(stack));
  };
};

export const main = async (args: string[]): Promise<number> => {
  const verbose = args.includes('--verbose');
  setExitCode(0);
  const printError = createErrorPrinter(args);
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
    ).command(await loadCommands(args));
    await parser.parseAsync();
    exitCode = getExitCode();
  } catch (error) {
    if (error instanceof UsageFailure) {
      printError(error.message, 'run `access-audit --help`');
      return 2;
    }
    if (isAuditError(error)) {
      printError(error.message, error.hint, verbose ? error.stack : undefined);
      return error.exitCode;
    }
    const unexpected = error as Error;
    printError(`unexpected error: ${unexpected.message ?? String(error)}`, verbose ? undefined : 're-run with --verbose for the stack trace', verbose ? unexpected.stack : undefined);
    return 2;
  }
  return exitCode;
};

class UsageFailure extends Error {}

