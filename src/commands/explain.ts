import { resolve } from 'node:path';
import type { CommandBody } from './index.ts';
import { usageError } from '../errors.ts';
import { evaluateTenant } from '../evaluate/engine.ts';
import type { Finding } from '../evaluate/types.ts';
import { explainAccount, explainCode } from '../explain/explain-access.ts';
import { toAccountText, toCodeText } from '../explain/to-text.ts';
import { indexRoleGraph } from '../model/effective-access.ts';
import type { TenantModel } from '../model/types.ts';
import { readPolicies } from '../policy/load.ts';
import { readWaivers } from '../policy/waivers.ts';
import { readConfigPolicyPaths } from '../run/config-paths.ts';
import { readEvaluation } from '../run/read.ts';
import { readSnapshot } from '../snapshot/read.ts';
import { toJsonText } from '../util/stable-json.ts';
import { TOOL } from '../version.ts';
import type { GlobalOptions } from './common.ts';

interface ExplainArgs extends GlobalOptions {
  username?: string;
  snapshot?: string;
  run?: string;
  privilege?: string;
  role?: string;
  json: boolean;
  config?: string;
  policies?: string[];
  waivers?: string;
}

/** The model and the findings on it: a run's own findings.json, or a fresh offline evaluation of a snapshot. */
const readSubject = async (argv: ExplainArgs): Promise<{ model: TenantModel; findings: Finding[]; identity: Awaited<ReturnType<typeof readPolicies>>['identity'] }> => {
  const fromConfig = argv.config === undefined ? { policies: null, waivers: null } : await readConfigPolicyPaths(argv.config);
  const pack = await readPolicies(argv.policies ?? fromConfig.policies);
  if (argv.run !== undefined) {
    const run = await readEvaluation(resolve(argv.run));
    return { model: run.model, findings: run.document.findings, identity: pack.identity };
  }
  const { model } = await readSnapshot(resolve(argv.snapshot as string));
  const waiverFile = argv.waivers === undefined ? fromConfig.waivers : resolve(argv.waivers);
  const waivers = waiverFile === null ? [] : await readWaivers(waiverFile);
  const { document } = evaluateTenant(model, pack.rules, { asOf: model.finishedAt, waivers, tool: TOOL, identity: pack.identity });
  return { model, findings: document.findings, identity: pack.identity };
};

export const explainCommand: CommandBody<ExplainArgs> = {
  builder: (yargs) =>
    yargs
      .positional('username', { type: 'string', describe: 'Account to explain: its direct roles, what they inherit down to privileges, its findings' })
      .option('snapshot', { type: 'string', describe: 'Snapshot folder (from collect); findings come from evaluating it offline with the pack' })
      .option('run', { type: 'string', describe: 'Run or evaluation folder: its snapshot and its own findings.json' })
      .option('privilege', { type: 'string', describe: 'Who holds this privilege (or duty), and through which paths' })
      .option('role', { type: 'string', describe: 'Who holds this role, directly or inherited, and through which paths' })
      .option('json', { type: 'boolean', default: false, describe: 'Print JSON instead of the indented text' })
      .option('config', { type: 'string', describe: 'Config file: only its policies and waivers entries are used (no secrets needed)' })
      .option('policies', { type: 'string', array: true, describe: 'Policy files or folders (builtin = the bundled pack); replaces the config\'s list' })
      .option('waivers', { type: 'string', describe: 'Waivers file; replaces the config\'s (with --snapshot)' })
      .check((argv) => {
        if ((argv.snapshot === undefined) === (argv.run === undefined)) throw usageError('explain: give one of --snapshot DIR or --run DIR');
        const subjects = [argv.username, argv.privilege, argv.role].filter((value) => value !== undefined);
        if (subjects.length !== 1) throw usageError('explain: name one USERNAME, or --privilege CODE, or --role CODE');
        return true;
      })
      .example('$0 explain INT_OIC_GL --run reports/demo', 'Direct roles, what they inherit, and the account\'s findings')
      .example('$0 explain --privilege GL_POST_JOURNAL_PRIV --snapshot snap --json', 'Who holds a privilege and through which paths, as JSON') as never,
  handler: async (argv) => {
    const { model, findings, identity } = await readSubject(argv);
    const graph = model.roleGraph === null ? null : indexRoleGraph(model.roleGraph);
    if (argv.username !== undefined) {
      const explanation = explainAccount(model, graph, identity, findings, argv.username);
      if (explanation === null) throw usageError(`explain: ${argv.username} is not an account of the snapshot`, 'usernames are matched case-insensitively; list them in the workbook\'s Accounts sheet');
      process.stdout.write(argv.json ? toJsonText(explanation) : toAccountText(explanation));
      return;
    }
    const kind = argv.privilege === undefined ? 'role' : 'privilege';
    if (kind === 'privilege' && graph === null) {
      throw usageError('explain --privilege: the snapshot holds no role graph, so privileges are unknown', 'configure roleGraph (README: "The role graph") and collect again');
    }
    const explanation = explainCode(model, graph, findings, kind, (argv.privilege ?? argv.role) as string);
    process.stdout.write(argv.json ? toJsonText(explanation) : toCodeText(explanation));
  },
};
