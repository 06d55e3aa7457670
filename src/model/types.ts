import type { RoleGraph, RoleGraphCoverage } from './role-graph.ts';

/**
 * The normalised identity model: what every collector produces and every rule reads.
 * Plain, serialisable data only (it is written to and read from the snapshot as JSON).
 */

/** Where a fact came from. */
export type SourceId = 'hcm' | 'scim';

/** One role held by one account. */
export interface RoleAssignment {
  /** Role code as Oracle reports it, e.g. ORA_GL_GENERAL_ACCOUNTANT_JOB (upper case). */
  code: string;
  /** Role display name when any source knew it (SCIM roles[].displayName or /scim/Roles), else null. */
  name: string | null;
  /** Role category (JOB, ABSTRACT, DATA, DUTY) when /scim/Roles told us, else null. */
  category: string | null;
  /** Which sources reported this assignment, sorted. */
  sources: SourceId[];
  /** HCM RoleId / UserRoleId when HCM reported it. */
  hcmRoleId: number | null;
  hcmUserRoleId: number | null;
}

/** What HCM REST userAccounts said about the account. */
export interface HcmAccountFacts {
  userId: number | null;
  guid: string;
  personId: number | null;
  personNumber: string | null;
  suspended: boolean;
  createdBy: string | null;
  creationDate: string | null;
  lastUpdateDate: string | null;
}

export interface WorkerInformation {
  personNumber: string | null;
  manager: string | null;
  job: string | null;
  department: string | null;
  businessUnit: string | null;
}

/** What Fusion SCIM /Users said about the account. */
export interface ScimAccountFacts {
  id: string;
  active: boolean;
  displayName: string | null;
  givenName: string | null;
  familyName: string | null;
  emails: string[];
  userCategory: string | null;
  accountType: string | null;
  worker: WorkerInformation | null;
}

/** One sign-in account, merged across sources. */
export interface Account {
  /** Username upper-cased: the merge key (Oracle compares usernames case-insensitively). */
  key: string;
  /** Username as a source reported it (HCM's spelling wins when both have it). */
  username: string;
  /** Sources the account was found in, sorted. */
  sources: SourceId[];
  hcm: HcmAccountFacts | null;
  scim: ScimAccountFacts | null;
  /** Roles sorted by code; each code appears once. */
  roles: RoleAssignment[];
}

/** How a data-security probe turned out. */
export type ProbeOutcome = 'rows' | 'empty' | 'denied' | 'unauthenticated' | 'error' | 'skipped';
export type ProbeExpectation = 'rows' | 'denied';

/** A probe as configured (never holds a secret). */
export interface ProbeDefinition {
  path: string;
  expect: ProbeExpectation;
  minCount: number | null;
}

/** An integration account as configured (never holds a secret). */
export interface IntegrationDefinition {
  username: string;
  probes: ProbeDefinition[];
}

export interface ProbeResult {
  integration: string;
  path: string;
  expect: ProbeExpectation;
  minCount: number | null;
  outcome: ProbeOutcome;
  httpStatus: number | null;
  /** Rows on the page (0 or 1 with limit=1), null when no 200. */
  count: number | null;
  /** totalResults the server reported, null when absent. */
  totalResults: number | null;
  /** One line explaining an `error` outcome (never a credential). */
  detail: string | null;
}

/** The role catalogue from /hcmRestApi/scim/Roles, keyed by code. */
export interface RoleInfo {
  code: string;
  name: string | null;
  category: string | null;
}

/** Per-source collection statistics (also in the snapshot manifest). */
export interface SourceStats {
  source: string;
  requests: number;
  pages: number;
  items: number;
  retries: number;
  throttled: number;
  errors: number;
  complete: boolean;
  /** Why the source is incomplete: source, URL without credentials, status. */
  problem: string | null;
}

export interface TenantInfo {
  name: string;
  baseUrl: string;
  restVersion: string;
  /**
   * The Fusion username the audit runs as: the Basic username, the OAuth client id (client
   * credentials), the asserted username (both JWT methods); null for an opaque bearer token.
   */
  auditUser: string | null;
  /** How the audit signed in, recorded only for OAuth/JWT sign-ins (Basic and bearer snapshots are unchanged). */
  authType?: 'oauth2' | 'oauth2-jwt' | 'fusion-jwt';
}

/** An adjacent Oracle service audited next to Fusion: SCIM (oracle-reference §3) or CX Sales resources (§11). */
export type ServiceId = 'iams' | 'cpq' | 'cx';

/**
 * What CX Sales `resourceUsers` says about a sales resource (oracle-reference §11.3). A resource
 * is a trading-community party: its party id is neither the HCM PersonId nor the user GUID, so
 * it is kept for the record and never joined on.
 */
export interface CxResourceFacts {
  /** `Username` as CX sent it; null when the resource has none (then only the email can match). */
  username: string | null;
  profileId: string | null;
  partyId: string | null;
  partyNumber: string | null;
  /** ISO dates as sent (YYYY-MM-DD); null start means "always", null end means open. */
  startDate: string | null;
  endDate: string | null;
  organizationId: string | null;
  orgRoleCode: string | null;
  /** DeleteFlag as sent (true only when CX said so). */
  deleted: boolean;
  lastUpdateDate: string | null;
  /** The UTC day `active` was judged on (the collection's start): a snapshot re-evaluated later keeps its verdict. */
  activeOn: string;
}

/**
 * One account of an adjacent service (Life Sciences IAMS or CPQ). Kept apart from the Fusion
 * accounts: the services are other systems, matched to Fusion only by the rules.
 */
export interface ServiceAccount {
  service: ServiceId;
  /** userName upper-cased (the match key against Fusion usernames). */
  key: string;
  id: string;
  username: string;
  /** SCIM `active`; absent means active (the SCIM default). */
  active: boolean;
  displayName: string | null;
  /** The work (or first) email, as sent. */
  email: string | null;
  externalId: string | null;
  /** IAMS userType (e.g. LIVE) or CPQ extension userType (e.g. FULL_ACCESS). */
  userType: string | null;
  /** IAMS group ids the user is a member of, sorted; [] for CPQ. */
  groups: string[];
  /**
   * CPQ permission flags by name (isSuperUserPermEnabled, isAccessAdminPermEnabled, …): true or
   * false as the service sent them, null when a known flag was absent (unknown, never guessed).
   * {} for IAMS.
   */
  permissions: Record<string, boolean | null>;
  /** CX Sales only: the resource's facts (absent for IAMS and CPQ, whose snapshots are unchanged). */
  resource?: CxResourceFacts;
}

/** Everything a collection produced: the hand-off between collect and evaluate. */
export interface TenantModel {
  tenant: TenantInfo;
  startedAt: string;
  finishedAt: string;
  complete: boolean;
  /** One line per reason the collection is incomplete. */
  incompleteReasons: string[];
  sources: SourceStats[];
  /** Sorted by key. */
  accounts: Account[];
  roles: RoleInfo[];
  integrations: IntegrationDefinition[];
  probes: ProbeResult[];
  /** Accounts of the adjacent services (IAMS, CPQ, CX Sales), sorted by service then key; [] when none is configured. */
  serviceAccounts: ServiceAccount[];
  /**
   * The role graph (job → duty → privilege) when one was collected (BI Publisher report or CSV
   * file), else null: rules then judge directly assigned roles only.
   */
  roleGraph: RoleGraph | null;
  /** How many of the assigned role codes the graph resolves; null without a graph. */
  roleGraphCoverage: RoleGraphCoverage | null;
}
