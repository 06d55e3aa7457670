/**
 * Contract of the bundled Fusion tenant simulator (shared by the collectors' tests, the
 * policy tests, the demo and the benchmarks). The generator is pure and deterministic.
 */
import type { ProbeExpectation } from '../model/types.ts';

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

/** How a probe endpoint answers a given integration user. */
export type ProbeBehaviour = 'rows' | 'empty' | 'denied';

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

export interface SimTenant {
  seed: number;
  auditUser: string;
  users: SimUser[];
  roles: SimRole[];
  endpoints: SimEndpoint[];
  /** The integrations a config for this tenant lists (what the demo config uses). */
  integrations: SimIntegration[];
  planted: PlantedViolation[];
  /** Usernames that must not get any finding of medium or above. */
  clean: string[];
}
