import type { Severity } from './severity.ts';

/** A waiver as written in the waivers file (normalised). */
export interface Waiver {
  ruleId: string;
  username: string;
  roleCode: string | null;
  endpoint: string | null;
  justification: string;
  approvedBy: string;
  ticket: string | null;
  /** YYYY-MM-DD, the last day the waiver applies. */
  expires: string;
}

export type FindingStatus = 'open' | 'waived';
export type BaselineState = 'new' | 'existing';

/** One flat, serialisable finding: the row of findings.json (a public contract). */
export interface Finding {
  /** Stable across runs: derived from rule id, username, role code and endpoint. */
  id: string;
  ruleId: string;
  ruleVersion: number;
  severity: Severity;
  title: string;
  message: string;
  username: string;
  roleCode: string | null;
  endpoint: string | null;
  status: FindingStatus;
  waiver: Waiver | null;
  baseline: BaselineState | null;
  evidence: Record<string, unknown>;
  remediation: string;
  references: string[];
}

export type SeverityCounts = Record<Severity, number>;

/** findings.json (schemaVersion 1). */
export interface FindingsDocument {
  schemaVersion: 1;
  tool: { name: string; version: string };
  tenant: string;
  generatedAt: string;
  complete: boolean;
  summary: SeverityCounts;
  findings: Finding[];
  resolved: Finding[];
  waivers: { expired: Waiver[]; stale: Waiver[]; expiringSoon: Waiver[] };
}

/** Rule metadata carried to the renderers (SARIF rules, PDF appendix). */
export interface RuleInfo {
  id: string;
  version: number;
  title: string;
  severity: Severity;
  description: string;
  remediation: string;
  references: string[];
  /** Policy file the rule came from (relative path or `builtin:<file>`). */
  source: string;
}

/** Per-account role drift against a baseline. */
export interface RoleDrift {
  username: string;
  added: string[];
  removed: string[];
}

/** Per-probe outcome drift against a baseline. */
export interface ProbeDrift {
  integration: string;
  path: string;
  before: { outcome: string; totalResults: number | null } | null;
  after: { outcome: string; totalResults: number | null } | null;
}

/** changes.json: what changed since the baseline run (absent without a baseline). */
export interface ChangesDocument {
  schemaVersion: 1;
  baseline: { tenant: string; generatedAt: string; path: string };
  newFindings: number;
  existingFindings: number;
  resolvedFindings: number;
  accountsAdded: string[];
  accountsRemoved: string[];
  roles: RoleDrift[];
  probes: ProbeDrift[];
}

/** evaluation.json: what an evaluation folder was made from (read by `report --run`). */
export interface EvaluationRecord {
  schemaVersion: 1;
  kind: 'fusion-access-audit/evaluation';
  runId: string;
  tenant: string;
  asOf: string;
  failOn: Severity;
  /** Snapshot folder relative to the evaluation folder (normally `snapshot`). */
  snapshot: { dir: string; manifestSha256: string };
  policies: { path: string; sha256: string }[];
  /** SHA-256 over the sorted policy file hashes: one value that names the policy pack. */
  policyPackHash: string;
  waivers: { path: string; sha256: string } | null;
  baseline: { path: string } | null;
  rules: RuleInfo[];
}
