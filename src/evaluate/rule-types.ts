import type { RoleGraphIndex } from '../model/effective-access.ts';
import type { Account, ServiceAccount, TenantModel } from '../model/types.ts';
import type { Severity } from './severity.ts';
import type { RuleInfo } from './types.ts';

/**
 * What the engine hands a check, and what a check hands back. Checks are pure functions built
 * by the policy loader from a rule's validated options; the engine owns everything else
 * (selection, finding ids, severity stamping, waivers, baseline).
 */

/** Why an account counts as an integration user (recorded in every finding's evidence). */
export type IntegrationReason = 'configured' | 'naming-pattern' | 'no-person-integration-roles';

/** How the pack recognises integration users (the policy's `integrationUsers` block). */
export interface IdentitySettings {
  /** Usernames matching this (case-insensitive) are integration users. */
  namingPattern: RegExp;
  /** When non-empty: an account with no person record holding a role matching one of these is one too. */
  personlessRolePatterns: RegExp[];
}

/** One account plus the facts every rule needs, computed once per evaluation. */
export interface AccountView {
  account: Account;
  /** Upper-cased username (the merge key). */
  key: string;
  integrationReason: IntegrationReason | null;
  /** Has an HCM PersonId or a SCIM worker record. */
  isPerson: boolean;
  /** Not suspended in HCM and not inactive in SCIM. */
  active: boolean;
  /** The account the audit itself signs in as (snapshot tenant.auditUser). */
  isAuditUser: boolean;
}

/** One account of an adjacent SCIM service (IAMS, CPQ) plus whether it is an integration account. */
export interface ServiceAccountView {
  account: ServiceAccount;
  /** Listed under `integrations` (configured) or matches the naming pattern; the service has no person record. */
  integrationReason: IntegrationReason | null;
}

/** The accounts a rule applies to. All patterns are case-insensitive. */
export interface AccountSelector {
  kind: 'integration' | 'person' | 'any';
  activeOnly: boolean;
  /** When non-empty, the username must match one of these. */
  usernamePatterns: RegExp[];
  /** Usernames (upper-cased) the rule never applies to. */
  exclude: Set<string>;
  excludePatterns: RegExp[];
}

/** A bare result: the engine stamps rule id, version, severity, remediation, references and id. */
export interface CheckResult {
  username: string;
  roleCode?: string | null;
  endpoint?: string | null;
  message: string;
  evidence: Record<string, unknown>;
  /** Overrides the rule's severity (e.g. a tier of broad roles). */
  severity?: Severity;
  /** Overrides the rule's remediation (e.g. "copy it into a custom role" for a tier). */
  remediation?: string;
  /**
   * The username is an adjacent service's account (IAMS, CPQ): the finding keeps that spelling
   * and is never matched to a Fusion account's facts (or labelled as the audit account).
   */
  serviceAccount?: boolean;
}

export interface CheckContext {
  model: TenantModel;
  /** Accounts the rule's selector picked, in model order. */
  accounts: AccountView[];
  /** Any account of the tenant by username (case-insensitive). */
  getAccount: (username: string) => AccountView | undefined;
  /**
   * Whether the selector picks a username that may not be an account of the snapshot
   * (configured integrations, probe users): configured integrations count as integration users.
   */
  isSelectedName: (username: string) => boolean;
  /** Adjacent-service accounts the selector picked (kind, activeOnly and names apply), in model order. */
  serviceAccounts: ServiceAccountView[];
  /**
   * The snapshot's role graph, indexed once per evaluation (closures memoised across rules), or
   * null when no graph was collected: rules then judge directly assigned roles only, exactly as
   * before the graph existed.
   */
  graph: RoleGraphIndex | null;
}

export type CheckFunction = (context: CheckContext) => CheckResult[];

/** A rule ready to run: metadata, compiled selector, and the check bound to its options. */
export interface LoadedRule {
  info: RuleInfo;
  selector: AccountSelector;
  check: { name: string; run: CheckFunction };
}
