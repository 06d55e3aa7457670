import { resolve } from 'node:path';
import type { CommandModule } from 'yargs';
import type { CommandBody } from './index.ts';
import { readPolicies } from '../policy/load.ts';
import { toCountText } from '../util/plural.ts';
import type { GlobalOptions } from './common.ts';
import { setExitCode } from './exit-code.ts';

interface ValidateArgs extends GlobalOptions {
  paths?: string[];
  snapshot?: string;
}

interface TestArgs extends GlobalOptions {
  dir?: string;
  policies?: string[];
}

const validateCommand: CommandModule<object, ValidateArgs> = {
  command: 'validate [paths..]',
  describe: 'Validate policy files and folders (default: the bundled pack); lists every problem',
  builder: (yargs) => yargs.positional('paths', { type: 'string', array: true, describe: 'Policy files or folders; the word builtin means the bundled pack' })
    .option('snapshot', { type: 'string', describe: 'Snapshot folder: warn about every role or privilege code the policies name that its role graph does not contain' })
    .example('$0 policies validate builtin my-rules/ --snapshot reports/last/snapshot', 'Check the codes of every rule against the pod')
    .example('$0 policies validate policies/', 'List every problem in your policy files with file, line and path')
    .example('$0 policies validate builtin custom.yaml', 'Check a custom rule together with the bundled pack') as never,
  handler: async (argv) => {
    const paths = argv.paths !== undefined && argv.paths.length > 0 ? argv.paths : null;
    // Every problem is thrown as one ValidationError; cli.ts prints each line and exits 2.
    const pack = await readPolicies(paths);
    const disabled = pack.ruleCount - pack.rules.length;
    let warnings: string[] = [];
    if (argv.snapshot !== undefined) {
      const [{ readSnapshot }, { indexRoleGraph }, { findUnknownCodes }] = await Promise.all([
        import('../snapshot/read.ts'), import('../model/effective-access.ts'), import('../policy/code-references.ts'),
      ]);
      const { model } = await readSnapshot(resolve(argv.snapshot));
      warnings = findUnknownCodes(pack.codeReferences, model, model.roleGraph === null ? null : indexRoleGraph(model.roleGraph));
      for (const warning of warnings) process.stderr.write(`warning: ${warning}\n`);
    }
    const warned = warnings.length > 0 ? `, ${toCountText(warnings.length, 'warning')}` : '';
    process.stdout.write(`${toCountText(pack.ruleCount, 'rule')} in ${toCountText(pack.files.length, 'file')}: OK${disabled > 0 ? ` (${disabled} disabled)` : ''}${warned}\n`);
    setExitCode(0);
  },
};

const testCommand: CommandModule<object, TestArgs> = {
  command: 'test [dir]',
  describe: 'Run policy unit tests: YAML cases (a small tenant and the findings it must and must not produce); exit 1 on any failure',
  builder: (yargs) => yargs.positional('dir', { type: 'string', describe: 'Folder or file of cases (default: the bundled pack\'s own cases, policy-tests/)' })
    .option('policies', { type: 'string', array: true, describe: 'Policy files or folders to test (default: the bundled pack; builtin = bundled pack)' })
    .example('$0 policies test my-tests/ --policies builtin my-rules/', 'Test your own rules next to the bundled pack') as never,
  handler: async (argv) => {
    const { BUILTIN_CASES_DIR, formatCaseResults, readPolicyCases, runPolicyCase } = await import('../policy-test/run.ts');
    const [pack, cases] = await Promise.all([readPolicies(argv.policies ?? null), readPolicyCases([argv.dir ?? BUILTIN_CASES_DIR])]);
    const results = cases.map((entry) => runPolicyCase(entry, pack));
    process.stdout.write(formatCaseResults(results, argv.verbose));
    setExitCode(results.every((result) => result.passed) ? 0 : 1);
  },
};

export const policiesCommand: CommandBody<GlobalOptions> = {
  builder: (yargs) => yargs.command(validateCommand as CommandModule<object, never>).command(testCommand as CommandModule<object, never>).demandCommand(1, 'Name a policies subcommand; see --help.')
    .example('$0 policies validate policies/', 'Validate a policy folder')
    .example('$0 policies test', 'Run the bundled pack\'s own policy cases') as never,
  handler: () => undefined,
};
