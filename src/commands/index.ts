import type { CommandModule } from 'yargs';

/** A verb's options and handler; its name and one-line description live in COMMANDS. */
export type CommandBody<T> = Omit<CommandModule<object, T>, 'command' | 'describe'>;

export interface CommandEntry {
  /** The yargs command string (verb and positionals). */
  command: string;
  describe: string;
  /**
   * Imports the verb's module only when that verb runs: `--help` and `--version` load none of
   * them (no zod, undici, exceljs, …), so they start as fast as yargs itself.
   */
  load: () => Promise<CommandBody<never>>;
}

/** Every CLI verb, one module each. Adding a verb touches its own file and one entry here. */
export const COMMANDS: readonly CommandEntry[] = [
  { command: 'run', describe: 'Collect the tenant, evaluate it and render every report into one run folder', load: async () => (await import('./run.ts')).runCommand as CommandBody<never> },
  { command: 'demo', describe: 'Audit the bundled tenant simulator into reports/demo/ (no Oracle tenant needed)', load: async () => (await import('./demo.ts')).demoCommand as CommandBody<never> },
  { command: 'gate', describe: 'What-if check of a pull request that changes role assignments: report only what the change introduces or resolves', load: async () => (await import('./gate.ts')).gateCommand as CommandBody<never> },
  { command: 'collect', describe: 'Collect users, roles and probe results from a Fusion tenant into a snapshot folder', load: async () => (await import('./collect.ts')).collectCommand as CommandBody<never> },
  { command: 'evaluate', describe: 'Evaluate a snapshot against the policy pack (offline) and write findings.json', load: async () => (await import('./evaluate.ts')).evaluateCommand as CommandBody<never> },
  { command: 'explain [username]', describe: 'Explain effective access offline: an account\'s roles down to privileges and its findings, or who holds a --role or --privilege and through which paths', load: async () => (await import('./explain.ts')).explainCommand as CommandBody<never> },
  { command: 'policies <command>', describe: 'Work with policy files', load: async () => (await import('./policies.ts')).policiesCommand as CommandBody<never> },
  { command: 'simulate', describe: 'Run the bundled Fusion tenant simulator (HCM userAccounts, SCIM, probe endpoints) on loopback', load: async () => (await import('./simulate.ts')).simulateCommand as CommandBody<never> },
  { command: 'report', describe: 'Render reports (xlsx, pdf, sarif, junit, md, json) and the evidence manifest from a run or evaluation folder, offline', load: async () => (await import('./report.ts')).reportCommand as CommandBody<never> },
  { command: 'summarize <runs..>', describe: 'One cross-tenant summary.md and workbook from several verified run folders (a row per tenant, then the top findings)', load: async () => (await import('./summarize.ts')).summarizeCommand as CommandBody<never> },
  { command: 'verify <dir>', describe: 'Check a run folder against its evidence manifest (and signature): exit 0 intact, 1 changed, 2 unreadable', load: async () => (await import('./verify.ts')).verifyCommand as CommandBody<never> },
];

export const getVerb = (entry: CommandEntry): string => entry.command.split(' ')[0]!;

/** Options that take a value, so the word after them is not mistaken for the verb. */
const GLOBAL_VALUE_OPTIONS = new Set(['--log-format']);

/** The verb the arguments name (the first word that is neither an option nor its value), if any. */
export const findVerb = (args: readonly string[]): string | null => {
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i]!;
    if (arg === '--') return null;
    if (GLOBAL_VALUE_OPTIONS.has(arg)) i += 1;
    else if (!arg.startsWith('-')) return arg;
  }
  return null;
};

/**
 * The commands for yargs: the named verb fully loaded, every other one as its name and
 * description only (enough for the command list, `strict` and "did you mean").
 */
export const loadCommands = async (args: readonly string[]): Promise<CommandModule<object, never>[]> => {
  const verb = findVerb(args);
  return Promise.all(COMMANDS.map(async (entry): Promise<CommandModule<object, never>> => {
    const { command, describe } = entry;
    if (getVerb(entry) !== verb) return { command, describe, handler: () => undefined };
    return { ...(await entry.load()), command, describe };
  }));
};
