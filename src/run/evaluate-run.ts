import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { AuditError, usageError, ValidationError } from '../errors.ts';
import { evaluateTenant } from '../evaluate/engine.ts';
import type { BaselineInput } from '../evaluate/baseline.ts';
import { meetsThreshold, type Severity } from '../evaluate/severity.ts';
import type { ChangesDocument, EvaluationRecord, FindingsDocument, Waiver } from '../evaluate/types.ts';
import type { TenantModel } from '../model/types.ts';
import { toDisplayPath } from '../policy/files.ts';
import { readPolicies, type PolicyPack } from '../policy/load.ts';
import { toSuggestionText } from '../util/suggest.ts';
import { readWaivers } from '../policy/waivers.ts';
import { getSnapshotManifestPath, readSnapshot } from '../snapshot/read.ts';
import type { SnapshotManifest } from '../snapshot/schema.ts';
import { sha256 } from '../util/hash.ts';
import { TOOL } from '../version.ts';
import { readFindingsDocument, readRunJson } from './read.ts';
import { evaluationRecordSchema, RUN_FILES } from './schema.ts';
import { writeEvaluation } from './write.ts';

export interface RunEvaluationOptions {
  snapshotDir: string;
  outDir: string;
  /** Policy files/folders/`builtin`; null = the bundled pack. */
  policies: string[] | null;
  waivers: string | null;
  /** A previous run folder (its findings.json and snapshot/). */
  baseline: string | null;
  /** YYYY-MM-DD or ISO date-time; null = the snapshot's finishedAt. */
  asOf: string | null;
  failOn: Severity;
  /**
   * The baseline is a run of another pod (e.g. production, compared with the updated test pod):
   * a baseline of another tenant is then expected instead of refused.
   */
  crossPod?: boolean;
  /** With a baseline: only new open findings count toward the exit code. */
  newOnly?: boolean;
  expiringSoonDays?: number;
  /** Defaults to a hash of the inputs (deterministic). */
  runId?: string;
  /** Inputs already read and checked before an expensive step (run loads them before collecting). */
  preloaded?: PreparedInputs;
}

/** The policy pack, waivers and baseline, read and cross-checked. */
export interface PreparedInputs {
  pack: PolicyPack;
  waivers: { waivers: Waiver[]; record: EvaluationRecord['waivers'] };
  baseline: BaselineInput | undefined;
}

export interface RunEvaluationResult {
  document: FindingsDocument;
  changes: ChangesDocument | null;
  record: EvaluationRecord;
  model: TenantModel;
  manifest: SnapshotManifest;
  /** Open findings at or above failOn that count toward the exit code. */
  failing: number;
  /** 0 clean, 1 failing findings, 2 incomplete snapshot. */
  exitCode: 0 | 1 | 2;
}

/** --as-of: a date (midnight UTC) or a full ISO date-time. */
export const parseAsOf = (value: string): string => {
  const text = /^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00.000Z` : value;
  const at = new Date(text);
  // A date-time without a zone would be read in the machine's time zone: not deterministic.
  const shape = /^(\d{4})-(\d{2})-(\d{2})(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?$/;
  const parts = shape.exec(value);
  const hint = 'write YYYY-MM-DD or an ISO date-time with a zone, e.g. 2025-06-30T00:00:00Z';
  if (parts === null || Number.isNaN(at.getTime())) throw usageError(`--as-of ${value}: not a date`, hint);
  // Date rolls 2026-02-30 over to March 2: a date that does not exist is an error, as in waiver files.
  const [year, month, day] = [Number(parts[1]), Number(parts[2]), Number(parts[3])];
  const calendar = new Date(Date.UTC(year, month - 1, day));
  if (calendar.getUTCMonth() !== month - 1 || calendar.getUTCDate() !== day) throw usageError(`--as-of ${value}: no such day`, hint);
  return at.toISOString();
};

/** --expiring-soon-days: a whole number of days, zero or more. */
export const checkExpiringSoonDays = (value: number | undefined): void => {
  if (value !== undefined && (!Number.isInteger(value) || value < 0)) throw usageError(`--expiring-soon-days ${value}: must be a whole number of days, 0 or more`);
};

/** A waiver for a rule the pack does not have can never match: a typo or a removed rule, never silently stale. */
const checkWaiverRules = (waivers: readonly Waiver[], pack: PolicyPack, file: string | null): void => {
  const ids = pack.rules.map((rule) => rule.info.id);
  const problems = waivers.flatMap((waiver, index) => (ids.includes(waiver.ruleId) ? []
    : [`${file ?? 'waivers'}: waivers[${index}].ruleId: ${waiver.ruleId} is not a rule of the policy pack${toSuggestionText(waiver.ruleId, ids)}`]));
  if (problems.length > 0) throw new ValidationError('waiver', problems, 'remove the waiver, or fix its ruleId (`access-audit policies validate` lists the rules)');
};

/** Reads the policy pack, waivers and baseline, and checks them against each other (no snapshot needed). */
export const prepareInputs = async (options: Pick<RunEvaluationOptions, 'policies' | 'waivers' | 'baseline' | 'asOf' | 'expiringSoonDays'>): Promise<PreparedInputs> => {
  if (options.asOf !== null) parseAsOf(options.asOf);
  checkExpiringSoonDays(options.expiringSoonDays);
  const pack = await readPolicies(options.policies);
  const waivers = await readWaiverFile(options.waivers);
  checkWaiverRules(waivers.waivers, pack, options.waivers);
  const baseline = options.baseline === null ? undefined : await readBaseline(options.baseline);
  return { pack, waivers, baseline };
};

const exists = async (path: string): Promise<boolean> => (await stat(path).catch(() => null)) !== null;

/** A baseline run folder: its findings.json, and its snapshot when it still has one. */
export const readBaseline = async (dir: string): Promise<BaselineInput> => {
  const findings = await readFindingsDocument(join(dir, RUN_FILES.findings));
  const record = await readRunJson(join(dir, RUN_FILES.evaluation), evaluationRecordSchema, true);
  const snapshotDir = join(dir, record?.snapshot.dir ?? RUN_FILES.snapshot);
  const model = (await exists(await getSnapshotManifestPath(snapshotDir))) ? (await readSnapshot(snapshotDir)).model : null;
  return { findings, model, path: dir, rules: record?.rules.map((rule) => ({ id: rule.id, version: rule.version })) ?? null };
};

const readWaiverFile = async (file: string | null): Promise<{ waivers: Waiver[]; record: EvaluationRecord['waivers'] }> => {
  if (file === null) return { waivers: [], record: null };
  const waivers = await readWaivers(file);
  return { waivers, record: { path: toDisplayPath(file), sha256: sha256(await readFile(file)) } };
};

/** The reusable core of `evaluate` (and of `run` / `gate`): read, evaluate, write. */
export const runEvaluation = async (options: RunEvaluationOptions): Promise<RunEvaluationResult> => {
  const { pack, waivers, baseline } = options.preloaded ?? await prepareInputs(options);
  const { model, manifest } = await readSnapshot(options.snapshotDir);
  if (baseline !== undefined && baseline.findings.tenant !== model.tenant.name && options.crossPod !== true) {
    throw new AuditError('usage', `${options.baseline}: baseline is for tenant ${baseline.findings.tenant}, the snapshot is ${model.tenant.name}`,
      { hint: 'to compare two pods on purpose (the updated test pod against production), add --cross-pod' });
  }
  const asOf = options.asOf === null ? model.finishedAt : parseAsOf(options.asOf);
  const { document, changes } = evaluateTenant(model, pack.rules, {
    asOf,
    waivers: waivers.waivers,
    expiringSoonDays: options.expiringSoonDays,
    baseline,
    tool: TOOL,
    identity: pack.identity,
  });
  const manifestSha256 = sha256(await readFile(await getSnapshotManifestPath(options.snapshotDir)));
  const record: EvaluationRecord = {
    schemaVersion: 1,
    kind: 'fusion-access-audit/evaluation',
    runId: options.runId ?? sha256([manifestSha256, pack.packHash, waivers.record?.sha256 ?? '', document.generatedAt, options.baseline ?? ''].join('|')).slice(0, 12),
    tenant: model.tenant.name,
    asOf: document.generatedAt,
    failOn: options.failOn,
    snapshot: { dir: RUN_FILES.snapshot, manifestSha256 },
    policies: pack.files,
    policyPackHash: pack.packHash,
    waivers: waivers.record,
    baseline: options.baseline === null ? null : { path: options.baseline },
    rules: pack.rules.map((rule) => rule.info),
  };
  await writeEvaluation(options.outDir, { snapshotDir: options.snapshotDir, model, manifest, document, changes, record });
  const countNewOnly = options.newOnly === true && baseline !== undefined;
  const failing = document.findings.filter((finding) => finding.status === 'open' && meetsThreshold(finding.severity, options.failOn)
    && (!countNewOnly || finding.baseline === 'new')).length;
  const exitCode = !model.complete ? 2 : failing > 0 ? 1 : 0;
  return { document, changes, record, model, manifest, failing, exitCode };
};
