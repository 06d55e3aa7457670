import type { ServiceAccount } from '../../model/types.ts';
import { getWorkEmail, toDisplayName } from '../service-fields.ts';
import type { RawIamsUser } from './payload.ts';

/** One IAMS user plus the groups whose member lists named it. */
export const normaliseIamsUser = (raw: RawIamsUser, groups: readonly string[]): ServiceAccount => ({
  service: 'iams',
  key: raw.userName.trim().toUpperCase(),
  id: raw.id,
  username: raw.userName,
  // SCIM makes `active` optional; a missing value is the default, an active account.
  active: raw.active !== false,
  displayName: toDisplayName(raw),
  email: getWorkEmail(raw.emails),
  externalId: raw.externalId ?? null,
  userType: raw.userType ?? null,
  groups: [...groups].sort(),
  permissions: {},
});
