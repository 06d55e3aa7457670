import type { CheckResult } from './rule-types.ts';

/**
 * What a finding is about. Most findings are about an ACCOUNT (username set). A ROLE finding is
 * about a role's definition, whoever holds it (a custom role wrapping a seeded job, a conflict
 * inside one role): it is reported once on the role, not once per holder.
 *
 * The convention, kept inside findings.json's flat shape so account findings stay byte for byte
 * what they were: a role finding has `username: ""` and `roleCode` set (the role), and its
 * evidence carries `holders` (how many accounts hold the role, directly or inherited). Its id is
 * derived like every other (rule, "", role, endpoint); a waiver targets it by `roleCode` with no
 * `username`. Renderers show it as "role <code>" where an account's username would go.
 */
export interface FindingSubject {
  username: string;
  roleCode: string | null;
}

export const isRoleFinding = (subject: FindingSubject): boolean => subject.username === '' && subject.roleCode !== null;

/** "role XX_INT_GL" for a role finding, else the username (for user columns and titles). */
export const toSubjectLabel = (subject: FindingSubject): string =>
  isRoleFinding(subject) ? `role ${subject.roleCode as string}` : subject.username;

/** A bare result about a role (see above): the engine then stamps it like any other. */
export const createRoleResult = (result: {
  roleCode: string;
  holders: number;
  message: string;
  evidence?: Record<string, unknown>;
} & Pick<CheckResult, 'severity' | 'remediation' | 'endpoint'>): CheckResult => {
  const { holders, evidence, ...rest } = result;
  return { ...rest, username: '', evidence: { subject: 'role', roleCode: result.roleCode, holders, ...evidence } };
};
