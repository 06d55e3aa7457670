import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { CommandBody } from './index.ts';
import { AuditError, ValidationError } from '../errors.ts';
import { SEVERITIES, compareSeverity, meetsThreshold, type Severity } from '../evaluate/severity.ts';
import type { ChangeReach, EvaluationRecord, Finding } from '../evaluate/types.ts';
import { readChangeFile } from '../gate/change-file.ts';
import { evaluateChange } from '../gate/evaluate-change.ts';
import { toChangedRoleLines, toReachText } from '../report/reach-text.ts';
import { checkOutputFolder, FORCE_OPTION, openOutputFolder, toEvidenceLine, writeStaged } from '../output/output-folder.ts';
import { prepareInputs } from '../run/evaluate-run.ts';
import { parseFormats, writeReports } from '../report/index.ts';
import { readConfigPolicyPaths } from '../run/config-paths.ts';
import { getSnapshotManifestPath, readSnapshot } from '../snapshot/read.ts';
import { sha256 } from '../util/hash.ts';
import { toCountText } from '../util/plural.ts';
import { TOOL } from '../version.ts';
import { getLogger, type GlobalOptions } from './common.ts';
import { setExitCode } from './exit-code.ts';

interface GateArgs extends GlobalOptions {
  snapshot: string;
  change: string;
  config?: string;
  policies?: string[];
  waivers?: string;
  failOn: Severity;
  out?: string;
  format: string;
  force: boolean;
  allowNewRoles: boolean;
}

const LISTED = 50;

/** The findings a change introduces (each marked `>=` when at or above --fail-on) or resolves, worst first. */
export const toFindingLines = (findings: readonly Finding[], failOn: Severity | null): string[] => {
  const sorted = [...findings].sort((a, b) => compareSeverity(a.severity, b.severity) || (a.id < b.id ? -1 : 1));
  const lines = sorted.slice(0, LISTED).map((f) => {
    const mark = failOn !== null && f.status === 'open' && meetsThreshold(f.severity, failOn) ? '>=' : '  ';
    return `  ${mark} ${f.severity.toUpperCase()} ${f.ruleId}${f.status === 'waived' ? ' (waived)' : ''}: ${f.message}`;
  });
  if (sorted.length > LISTED) lines.push(`     … and ${sorted.length - LISTED} more (see summary.md and findings.json)`);
  return lines;
};

/** One line per changed role (its members added and removed, its holders), at most LISTED. */
const toRoleLines = (reach: ChangeReach): string[] => {
  const lines = toChangedRoleLines(reach);
  return [...lines.slice(0, LISTED).map((line) => `  ${line}`), ...(lines.length > LISTED ? [`  … and ${lines.length - LISTED} more changed roles (see summary.md and findings.json)`] : [])];
};

export const gateCommand: CommandBody<GateArgs> = {
  builder: (yargs) =>
    yargs
      .option('snapshot', { type: 'string', demandOption: true, describe: 'Snapshot folder of the last collection (a run folder\'s snapshot/)' })
      .option('change', { type: 'string', demandOption: true, describe: 'Change file: YAML (add:/remove: lists of {username, roleCode}; roleMembers: add:/remove: lists of {role, member}) or CSV (action,username,roleCode or action,role,member)' })
      .option('config', { type: 'string', describe: 'Config file: only its policies and waivers entries are used' })
      .option('policies', { type: 'string', array: true, describe: 'Policy files or folders (builtin = bundled pack)' })
      .option('waivers', { type: 'string', describe: 'Waivers file' })
      .option('fail-on', { choices: SEVERITIES, default: 'high', describe: 'Exit 1 when the change introduces an open finding this severe or worse' })
      .option('out', { type: 'string', describe: 'Folder for results.sarif, junit.xml, summary.md, findings.json (default reports/gate, replaced on each run)' })
      .option('force', FORCE_OPTION)
      .option('format', { type: 'string', default: 'sarif,junit,md,json', describe: 'Report formats' })
      .option('allow-new-roles', { type: 'boolean', default: false, describe: 'The change creates roles the snapshot does not know yet: assigned roles, and roles roleMembers adds members to (otherwise an unknown role code is an error)' })
      .example('$0 gate --snapshot reports/last/snapshot --change access-changes/change.yaml', 'Fail the pull request when it grants a risky role')
      .example('$0 gate --snapshot reports/last/snapshot --change change.csv --fail-on critical --allow-new-roles', 'CSV change that also creates a new custom role')
      .example('$0 gate --snapshot reports/last/snapshot --change role-change.yaml', 'Judge a change to a custom role\'s definition (roleMembers) for every account that inherits it') as never,
  handler: async (argv) => {
    const logger = getLogger(argv);
    const formats = parseFormats(argv.format);
    const fromConfig = argv.config === undefined ? { policies: null, waivers: null } : await readConfigPolicyPaths(argv.config);
    const snapshotDir = resolve(argv.snapshot);
    const changeFile = resolve(argv.change);
    const waiverFile = argv.waivers === undefined ? fromConfig.waivers : resolve(argv.waivers);
    const [{ model, manifest }, inputs, changes] = await Promise.all([
      readSnapshot(snapshotDir),
      prepareInputs({ policies: argv.policies ?? fromConfig.policies, waivers: waiverFile, baseline: null, asOf: null }),
      readChangeFile(changeFile),
    ]);
    const { pack, waivers: { waivers } } = inputs;
    // reports/gate (the default) is the gate's own folder, replaced on each run; any other folder holds one run.
    const folderOptions = { option: '--out', force: argv.force, own: argv.out === undefined };
    const target = resolve(argv.out ?? 'reports/gate');
    await checkOutputFolder(target, folderOptions);
    const result = evaluateChange({
      model, changes, changeFile: argv.change, rules: pack.rules, identity: pack.identity, waivers, asOf: model.finishedAt, tool: TOOL, allowNewRoles: argv.allowNewRoles,
    });
    if (result.problems.length > 0) throw new ValidationError('usage', result.problems, 'the change file must apply to the snapshot it is checked against');
    const folder = await openOutputFolder(target, folderOptions);
    const manifestSha256 = sha256(await readFile(await getSnapshotManifestPath(snapshotDir)));
    const changeSha256 = sha256(await readFile(changeFile));
    const record: EvaluationRecord = {
      schemaVersion: 1,
      kind: 'fusion-access-audit/evaluation',
      runId: `gate-${sha256([manifestSha256, pack.packHash, changeSha256].join('|')).slice(0, 12)}`,
      tenant: model.tenant.name,
      asOf: result.document.generatedAt,
      failOn: argv.failOn,
      snapshot: { dir: snapshotDir, manifestSha256 },
      policies: pack.files,
      policyPackHash: pack.packHash,
      waivers: null,
      baseline: { path: argv.snapshot },
      rules: pack.rules.map((rule) => rule.info),
    };
    await writeStaged(folder, (staged) => writeReports(staged, { document: result.document, changes: result.drift, record, model: result.model, snapshotManifest: manifest },
      { formats, logger, failOn: argv.failOn }));
    const outDir = await folder.commit(record.runId);
    const failing = result.document.findings.filter((f) => f.status === 'open' && meetsThreshold(f.severity, argv.failOn));
    const introduced = result.document.findings;
    const reach = result.document.change;
    const counted = [
      ...(changes.assignments.length > 0 || changes.roleMembers.length === 0 ? [toCountText(changes.assignments.length, 'role change')] : []),
      ...(changes.roleMembers.length > 0 ? [toCountText(changes.roleMembers.length, 'role-membership change')] : []),
    ];
    const lines = [
      `Gate ${model.tenant.name}: ${counted.join(' and ')} from ${argv.change}`,
      ...(reach === undefined ? [] : [...toRoleLines(reach), `  ${toReachText(reach)}`]),
      `  introduces ${toCountText(introduced.length, 'finding')} (${failing.length} at or above --fail-on ${argv.failOn}, marked >=), resolves ${toCountText(result.document.resolved.length, 'finding')}`,
      ...(introduced.length > 0 ? ['Introduced:', ...toFindingLines(introduced, argv.failOn)] : []),
      ...(result.document.resolved.length > 0 ? ['Resolved:', ...toFindingLines(result.document.resolved, null)] : []),
      `Reports in ${outDir}`,
      await toEvidenceLine(outDir, record.runId),
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
    if (!model.complete) {
      throw new AuditError('snapshot', `${argv.snapshot}: the snapshot is INCOMPLETE (${model.incompleteReasons[0] ?? 'unknown reason'}): the gate cannot pass on a partial picture`,
        { hint: 'collect the tenant again, then re-run the gate' });
    }
    setExitCode(failing.length > 0 ? 1 : 0);
  },
};
