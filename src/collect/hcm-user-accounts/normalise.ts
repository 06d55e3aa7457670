import type { HcmAccountRecord } from '../../model/source-records.ts';
import { intern, internNullable } from '../intern.ts';
import { normaliseDate } from '../parse-payload.ts';
import type { RawRoleRow, RawUserAccount } from './payload.ts';

/** Raw userAccounts row + all its role rows → the record the merge reads. */
export const normaliseHcmAccount = (raw: RawUserAccount, rows: RawRoleRow[]): HcmAccountRecord => ({
  username: raw.Username,
  facts: {
    userId: raw.UserId ?? null,
    guid: raw.GUID,
    personId: raw.PersonId ?? null,
    personNumber: raw.PersonNumber ?? null,
    // SuspendedFlag is the only active/inactive indicator on this resource; absent means not suspended.
    suspended: raw.SuspendedFlag === true,
    createdBy: internNullable(raw.CreatedBy ?? null),
    creationDate: normaliseDate(raw.CreationDate),
    lastUpdateDate: normaliseDate(raw.LastUpdateDate),
  },
  roles: rows.map((row) => ({ code: intern(row.RoleCode.trim().toUpperCase()), roleId: row.RoleId ?? null, userRoleId: row.UserRoleId ?? null })),
});
