/**
 * Contract of the bundled Fusion tenant simulator (shared by the collectors' tests, the
 * policy tests, the demo and the benchmarks). The generator is pure and deterministic.
 */
import type { ProbeExpectation } from '../model/types.ts';
import type { RoleGraphMode, SimRoleGraph } from './role-graph/types.ts';

/** A violation the generator planted on purpose; the default policy pack must find each one. */
export interface PlantedViolation {
  ruleId: string;
  username: string;
  roleCode: string | null;
  endpoint: string | null;
}

export interface SimRole {
  code: string;
  roleId: number;
  name: string;
  /** JOB | ABSTRACT | DATA | DUTY */
  category: string;
  /** SCIM role id (32 hex). */
  id: string;
}

export interface SimUser {
  userId: number;
  guid: string;
  /** Spelling HCM returns. */
  hcmUsername: string;
  /** Spelling SCIM returns (may differ in case only). */
  scimUsername: string;
  personId: number | null;
  personNumber: string | null;
  inHcm: boolean;
  inScim: boolean;
  suspended: boolean;
  scimActive: boolean;
  displayName: string;
  givenName: string;
  familyName: string;
  email: string;
  userCategory: string;
  worker: { personNumber: string; manager: string | null; job: string; department: string; businessUnit: string } | null;
  /** Role codes assigned directly (each has a UserRoleId in HCM). */
  roles: string[];
  /** Sign-in password (Basic auth); null means the account cannot sign in. */
  password: string | null;
}

/** How a probe endpoint answers a given integration user (`error`: HTTP 500, added for probe-error). */
export type ProbeBehaviour = 'rows' | 'empty' | 'denied' | 'error';

export interface SimEndpoint {
  /** REST path, e.g. /fscmRestApi/resources/11.13.18.05/journals */
  path: string;
  /** Rows the endpoint holds for callers whose behaviour is `rows`. */
  totalRows: number;
  /** Per-username (upper case) behaviour; callers not listed get `denied`. */
  access: Record<string, ProbeBehaviour>;
}

export interface SimIntegration {
  username: string;
  probes: { path: string; expect: ProbeExpectation; minCount?: number }[];
}

/** An account of an adjacent SCIM service (IAMS or CPQ). */
export interface SimServiceUser {
  /** IAMS: 32 lower-case hex; CPQ: a numeric string. */
  id: string;
  userName: string;
  externalId: string | null;
  givenName: string;
  familyName: string;
  email: string;
  /** IAMS userType (LIVE) or CPQ extension userType (FULL_ACCESS, …). */
  userType: string;
  active: boolean;
  /** CPQ flags sent in the CPQ extension; a flag missing here is not sent. null: no extension at all. */
  permissions: Record<string, boolean> | null;
}

export interface SimIamsGroup {
  id: string;
  /** Member user ids (users only; IAMS has no nesting). */
  members: string[];
}

/** The account a collector signs in to a service with (Basic auth). */
export interface SimServiceAdmin {
  username: string;
  password: string;
}

/** A CX Sales resource as resourceUsers lists it (oracle-reference §11.3). */
export interface SimResource {
  profileId: number;
  partyId: number;
  partyNumber: string;
  partyName: string;
  username: string | null;
  email: string;
  /** YYYY-MM-DD */
  startDate: string;
  endDate: string | null;
  organizationId: number;
  orgRoleCode: string;
  deleted: boolean;
}

/** Oracle Life Sciences IAMS and CPQ (oracle-reference §3), and CX Sales resources on the pod (§11), served by the same simulator. */
export interface SimServices {
  iams: { tenant: string; admin: SimServiceAdmin; users: SimServiceUser[]; groups: SimIamsGroup[] };
  cpq: { version: string; admin: SimServiceAdmin; users: SimServiceUser[] };
  cx: { resources: SimResource[] };
}

/** One applied quarterly delta (quarters.ts) and what it does to this tenant, for tests and the demo. */
export interface SimQuarterChange {
  quarter: number;
  roleContent: {
    role: string;
    added: { kind: 'role' | 'privilege'; code: string }[];
    /** The rule the addition completes for the role's holders. */
    ruleId: string;
    /** Accounts holding the role (directly or inherited) after the change. */
    holders: string[];
    /** Holders whose effective privileges grew through it. */
    accountsGained: string[];
    /** Active holders the addition alone gives a new finding of `ruleId` (cause role-content). */
    newFindings: string[];
  }[];
  /** Accounts that gained roles, and the rules that then fire on them (cause assignment). */
  assignments: { username: string; add: string[]; ruleIds: string[] }[];
}

export interface SimTenant {
  seed: number;
  /** 1: as generated; 2 and later: the quarterly deltas of quarters.ts applied. */
  quarter: number;
  /** The deltas applied to reach `quarter` (empty in quarter 1). */
  quarterChanges: SimQuarterChange[];
  auditUser: string;
  users: SimUser[];
  roles: SimRole[];
  endpoints: SimEndpoint[];
  /** The integrations a config for this tenant lists (what the demo config uses). */
  integrations: SimIntegration[];
  planted: PlantedViolation[];
  /** Usernames that must not get any finding of medium or above. */
  clean: string[];
  /** The adjacent SCIM services; their planted violations are in `planted`, their clean accounts in `clean`. */
  services: SimServices;
  /** The role graph the BI Publisher SOAP service returns (role-graph/generate.ts). */
  roleGraph: SimRoleGraph;
}

/** The identity domain's confidential app and Fusion's trusted JWT issuer (oracle-reference §11.6–§11.9). */
export interface SimOAuthOptions {
  clientId: string;
  clientSecret: string;
  /** The only scope the app grants (compared as an opaque string). */
  scope: string;
  /** PEM certificate trusted for user assertions and Fusion direct JWTs. */
  certificatePem?: string;
  /** Alias of that certificate (matched against a JWT `kid`). */
  certificateAlias?: string;
  /** Trusted Issuer of the Fusion API Authentication provider (fusion-jwt `iss`). */
  trustedIssuer?: string;
  /** expires_in of issued access tokens, default 3600; short values force a refresh in long runs. */
  tokenLifetimeSeconds?: number;
  /** An access token is refused (401) after this many requests, as if revoked early. */
  tokenMaxUses?: number;
}

/** Options of `startSimulator` (server.ts). */
export interface SimulatorOptions {
  tenant: SimTenant;
  /** Serve the tenant as it is in this quarter (quarters.ts): 1 or 2; default the tenant's own. */
  quarter?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** 0 (default) picks a free port. */
  port?: number;
  /** Delay before every answer, in milliseconds. */
  latencyMs?: number;
  /** Share of requests answered 429 (no Retry-After). */
  rate429?: number;
  /** Share of requests answered 503 with an HTML page (no Retry-After). */
  rate503?: number;
  /** Share of requests whose socket is destroyed without an answer. */
  resetRate?: number;
  /** Seed of the fault sequence (default: the tenant seed). */
  faultSeed?: number;
  /** This page (1-based) of this source always answers a payload that fails validation. */
  malformedPage?: { source: 'hcm' | 'scim' | 'cpq'; page: number };
  /** Every request to this source answers this status (never recovers). */
  failSource?: { source: 'hcm' | 'scim' | 'iams' | 'cpq' | 'cx'; status: number };
  /** The first this many requests to CX resourceUsers answer 429 with Retry-After: 0 (throttling). */
  cxThrottle?: number;
  /** resourceUsers fields this pod lacks (a 400 when named in `fields`, as Oracle answers). */
  cxMissingFields?: string[];
  /** IAMS /Groups pages with startIndex/count at this size (default: no paging, the whole list as IAMS documents). */
  iamsGroupPageSize?: number;
  /** Largest page served (limit / count), default 500. */
  maxLimit?: number;
  /** REST-Framework-Version when the request has none, default 1. */
  defaultFrameworkVersion?: number;
  /** Usernames the identity sources do not show (data security missing), e.g. the audit user itself. */
  hiddenUsers?: string[];
  /** Identity sources answer empty pages (an empty 200 must never read as a clean tenant). */
  emptyTenant?: boolean;
  /** Serve a token endpoint and accept bearer tokens and Fusion direct JWTs (default: Basic only). */
  oauth?: SimOAuthOptions;
  /** How the role-graph report answers: normal (default), empty (200, no rows), inverted (edges read backwards). */
  roleGraphMode?: RoleGraphMode;
}

export interface SimulatorStats {
  requests: number;
  inFlight: number;
  maxInFlight: number;
  /** HTTP status (as a string) → answers; resets count under "reset". */
  byStatus: Record<string, number>;
  /** Route pattern (e.g. "hcm:userAccounts", "scim:Users", a probe path) → requests. */
  byPath: Record<string, number>;
  faults: { throttled429: number; unavailable503: number; resets: number; malformed: number; failed: number };
}

export interface RunningSimulator {
  /** Base URL, e.g. http://127.0.0.1:40123 (no trailing slash). */
  url: string;
  close(): Promise<void>;
  /** Live counters (the same object throughout; resetStats zeroes it in place). */
  stats: SimulatorStats;
  resetStats(): void;
  /** Tokens issued and direct JWTs accepted (only with `oauth`), for leak tests. */
  oauth: { readonly seen: string[]; readonly tokensIssued: number } | null;
}
