import { join } from 'node:path';
import { compareSeverity, SEVERITIES, type Severity } from '../evaluate/severity.ts';
import type { Finding, SeverityCounts } from '../evaluate/types.ts';
import { verifyEvidence } from '../report/index.ts';
import { readFindingsDocument, readRunJson } from '../run/read.ts';
import { evaluationRecordSchema, RUN_FILES } from '../run/schema.ts';
import { readSnapshotManifest } from '../snapshot/read.ts';
import { isAuditError } from '../errors.ts';

/** One rule's weight in a tenant: its severity and how many open findings it has there. */
export interface RuleCount {
  ruleId: string;
  severity: Severity;
  count: number;
}

/** What the cross-tenant summary needs from one run folder. */
export interface TenantRun {
  dir: string;
  tenant: string;
  runId: string;
  generatedAt: string;
  complete: boolean;
  incompleteReasons: string[];
  /** Accounts collected (from the run's snapshot manifest), null when the folder has no snapshot. */
  accounts: number | null;
  /** Open findings by severity. */
  open: SeverityCounts;
  waived: number;
  /** Open findings new since the run's baseline; null when the run had no baseline. */
  newSinceBaseline: number | null;
  /** Rules with open findings, worst severity first, then most findings. */
  rules: RuleCount[];
  /** The open findings. */
  findings: Finding[];
}

export type RunReadResult = { ok: true; run: TenantRun } | { ok: false; dir: string; reason: string };

const countOpen = (findings: readonly Finding[]): SeverityCounts => {
  const counts = Object.fromEntries(SEVERITIES.map((severity) => [severity, 0])) as SeverityCounts;
  for (const finding of findings) counts[finding.severity] += 1;
  return counts;
};

const countRules = (findings: readonly Finding[]): RuleCount[] => {
  const byRule = new Map<string, RuleCount>();
  for (const finding of findings) {
    const entry = byRule.get(finding.ruleId) ?? { ruleId: finding.ruleId, severity: finding.severity, count: 0 };
    entry.count += 1;
    if (compareSeverity(finding.severity, entry.severity) < 0) entry.severity = finding.severity;
    byRule.set(finding.ruleId, entry);
  }
  return [...byRule.values()].sort((a, b) => compareSeverity(a.severity, b.severity) || b.count - a.count || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0));
};

/**
 * Reads one run folder for the summary, after `verify`'s checks: every file its evidence
 * manifest lists must match (and a present signature must not be invalid). Reads nothing
 * outside the folder. A folder that fails is returned with the reason, never thrown.
 */
export const readTenantRun = async (dir: string): Promise<RunReadResult> => {
  try {
    const verified = await verifyEvidence(dir);
    if (verified.problems.length > 0) return { ok: false, dir, reason: `evidence check failed: ${verified.problems[0]}${verified.problems.length > 1 ? ` (+${verified.problems.length - 1} more)` : ''}` };
    if (verified.signature === 'invalid') return { ok: false, dir, reason: 'evidence check failed: manifest.sig does not match manifest.json' };
    const document = await readFindingsDocument(join(dir, RUN_FILES.findings));
    const snapshot = await readSnapshotManifest(join(dir, RUN_FILES.snapshot)).catch(() => null);
    const open = document.findings.filter((finding) => finding.status === 'open');
    const record = await readRunJson(join(dir, RUN_FILES.evaluation), evaluationRecordSchema, true);
    const hasBaseline = record === null ? document.findings.some((finding) => finding.baseline !== null) : record.baseline !== null;
    return {
      ok: true,
      run: {
        dir,
        tenant: document.tenant,
        runId: verified.manifest.runId,
        generatedAt: document.generatedAt,
        complete: document.complete && (snapshot?.complete ?? true),
        incompleteReasons: snapshot?.incompleteReasons ?? [],
        accounts: snapshot?.counts.accounts ?? null,
        open: countOpen(open),
        waived: document.findings.length - open.length,
        newSinceBaseline: hasBaseline ? open.filter((finding) => finding.baseline === 'new').length : null,
        rules: countRules(open),
        findings: open,
      },
    };
  } catch (error) {
    if (isAuditError(error)) return { ok: false, dir, reason: error.message };
    throw error;
  }
};
