import type { HcmAccountFacts, ScimAccountFacts } from './types.ts';

/**
 * What each identity source hands to the merge: already normalised (no raw payload shapes),
 * one record per account as that source spelled it.
 */
export interface HcmRoleRecord {
  code: string;
  roleId: number | null;
  userRoleId: number | null;
}

export interface HcmAccountRecord {
  username: string;
  facts: HcmAccountFacts;
  roles: HcmRoleRecord[];
}

export interface ScimRoleRecord {
  code: string;
  /** SCIM roles[].displayName, the role's name. */
  name: string | null;
}

export interface ScimAccountRecord {
  username: string;
  facts: ScimAccountFacts;
  roles: ScimRoleRecord[];
}
