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
  /** The control that reduces the accepted risk (free text, e.g. a monthly review), or null. */
  mitigatingControl: string | null;
  /** YYYY-MM-DD, the last day the waiver applies. */
  expires: string;
}

export type FindingStatus = 'open' | 'waived';
export type BaselineState = 'new' | 'existing';

/**
 * Why a finding is new against the baseline: a role the account holds changed content
 * (role-content), the account gained a role (assignment), the account is new or its own facts
 * changed (account), the rule is new or its version changed (policy), a probe answered
 * differently (probe).
 */
export const FINDING_CAUSES = ['role-content', 'assignment', 'account', 'policy', 'probe'] as const;
export type FindingCause = (typeof FINDING_CAUSES)[number];

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
  /** Why a new finding is new (null when existing, without a baseline, or when nothing explains it). */
  cause: FindingCause | null;
  /** What the cause points at: the changed or gained role code, the probe path, the rule version change. */
  causeDetail: string | null;
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
  /** `access-audit gate` only: what the change file changes and how many accounts it reaches. */
  change?: ChangeReach;
}

/** What a gate's change file changes and whom it reaches (counts of accounts, never lists: a seeded-duty change can reach thousands). */
export interface ChangeReach {
  /** The change file as given on the command line. */
  file: string;
  /** Role assignments the change adds and removes, and the distinct accounts they are for. */
  assignments: { added: number; removed: number; accounts: number };
  /**
   * One entry per role whose definition changes (code order): the direct members added and
   * removed, and how many accounts hold the role, directly or inherited, before or after the change.
   */
  roles: { role: string; added: RoleMemberRef[]; removed: RoleMemberRef[]; holders: number }[];
  /** Distinct accounts holding at least one changed role. */
  roleHolders: number;
  /** Distinct accounts the whole change reaches: the holders of the changed roles and the accounts whose assignments change. */
  accounts: number;
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

/** One member a role gained or lost. */
export interface RoleMemberRef {
  kind: 'role' | 'privilege';
  code: string;
}

/** A role whose direct members changed between the baseline's role graph and this one (keyed by code). */
export interface RoleContentChange {
  role: string;
  name: string | null;
  seeded: boolean;
  /** Seeded (ORA_) roles change with Oracle's quarterly update; custom roles are tenant changes. */
  changedBy: 'vendor-update' | 'tenant';
  added: RoleMemberRef[];
  removed: RoleMemberRef[];
  /** Accounts that hold the role now, directly or inherited. */
  holders: number;
  /** Privileges the role gives now (effectively) that it did not give in the baseline. */
  privilegesGained: string[];
  /** Holders whose effective privileges grew by one of privilegesGained. */
  accountsGained: string[];
}

/** New findings that share one cause, one thing it points at and one rule: one line for a reviewer. */
export interface CauseGroup {
  cause: FindingCause | null;
  detail: string | null;
  ruleId: string;
  title: string;
  severity: Severity;
  /** New findings in the group (accounts, or roles for role-level findings). */
  count: number;
  /** The line shown in the PDF, the workbook and summary.md. */
  summary: string;
}

/** changes.json: what changed since the baseline run (absent without a baseline). */
export interface ChangesDocument {
  schemaVersion: 1;
  /** The tenant evaluated now. */
  tenant: string;
  baseline: { tenant: string; generatedAt: string; path: string };
  /** The baseline is a run of another pod (e.g. the updated test pod against production). */
  crossPod: boolean;
  newFindings: number;
  existingFindings: number;
  resolvedFindings: number;
  accountsAdded: string[];
  accountsRemoved: string[];
  roles: RoleDrift[];
  probes: ProbeDrift[];
  /** Whether both runs had a role graph (roleContent is empty otherwise). */
  roleGraphCompared: boolean;
  roleContent: RoleContentChange[];
  /** New findings grouped by cause, detail and rule, largest group first. */
  causes: CauseGroup[];
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
