import type { ScimAccountRecord } from '../../model/source-records.ts';
import { intern, internNullable } from '../intern.ts';
import type { RoleInfo } from '../../model/types.ts';
import { FA_USER_EXTENSION, type RawScimRole, type RawScimUser } from './payload.ts';

const toManager = (value: string | { value?: string | null; displayName?: string | null } | null | undefined): string | null =>
  value === null || value === undefined ? null : typeof value === 'string' ? value : (value.displayName ?? value.value ?? null);

export const normaliseScimUser = (raw: RawScimUser): ScimAccountRecord => {
  const extension = raw[FA_USER_EXTENSION];
  const worker = extension?.workerInformation;
  return {
    username: raw.userName,
    facts: {
      id: raw.id,
      // SCIM makes `active` optional; a missing value is the default, an active account.
      active: raw.active !== false,
      displayName: raw.displayName ?? null,
      givenName: raw.name?.givenName ?? null,
      familyName: raw.name?.familyName ?? null,
      emails: (raw.emails ?? []).map((email) => email.value),
      userCategory: internNullable(extension?.userCategory ?? null),
      accountType: extension?.accountType ?? null,
      worker: worker === null || worker === undefined ? null : {
        personNumber: worker.personNumber ?? null,
        manager: toManager(worker.manager),
        job: worker.job ?? null,
        department: worker.department ?? null,
        businessUnit: worker.businessUnit ?? null,
      },
    },
    // roles[].value is the role code, displayName its name.
    roles: (raw.roles ?? []).map((role) => ({ code: intern(role.value.trim().toUpperCase()), name: internNullable(role.displayName ?? null) })),
  };
};

/** /scim/Roles: `name` is the code, `displayName` the name, `category` JOB/ABSTRACT/DATA/DUTY. */
export const normaliseScimRole = (raw: RawScimRole): RoleInfo => ({
  code: raw.name.trim().toUpperCase(),
  name: raw.displayName ?? null,
  category: raw.category?.toUpperCase() ?? null,
});
