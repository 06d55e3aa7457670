import type { CommandModule } from 'yargs';
import type { CommandBody } from './index.ts';
import { readPolicies } from '../policy/load.ts';
import { toCountText } from '../util/plural.ts';
import type { GlobalOptions } from './common.ts';
import { setExitCode } from './exit-code.ts';

interface ValidateArgs extends GlobalOptions {
  paths?: string[];
}

const validateCommand: CommandModule<object, ValidateArgs> = {
  command: 'validate [paths..]',
  describe: 'Validate policy files and folders (default: the bundled pack); lists every problem',
  builder: (yargs) => yargs.positional('paths', { type: 'string', array: true, describe: 'Policy files or folders; the word builtin means the bundled pack' })
    .example('$0 policies validate policies/', 'List every problem in your policy files with file, line and path')
    .example('$0 policies validate builtin custom.yaml', 'Check a custom rule together with the bundled pack') as never,
  handler: async (argv) => {
    const paths = argv.paths !== undefined && argv.paths.length > 0 ? argv.paths : null;
    // Every problem is thrown as one ValidationError; cli.ts prints each line and exits 2.
    const pack = await readPolicies(paths);
    const disabled = pack.ruleCount - pack.rules.length;
    process.stdout.write(`${toCountText(pack.ruleCount, 'rule')} in ${toCountText(pack.files.length, 'file')}: OK${disabled > 0 ? ` (${disabled} disabled)` : ''}\n`);
    setExitCode(0);
  },
};

export const policiesCommand: CommandBody<GlobalOptions> = {
  builder: (yargs) => yargs.command(validateCommand as CommandModule<object, never>).demandCommand(1, 'Name a policies subcommand; see --help.')
    .example('$0 policies validate policies/', 'Validate a policy folder') as never,
  handler: () => undefined,
};
