import type { ServiceAccount } from '../../model/types.ts';
import { toServiceAccountBase } from '../service-fields.ts';
import type { RawIamsUser } from './payload.ts';

/** One IAMS user plus the groups whose member lists named it. */
export const normaliseIamsUser = (raw: RawIamsUser, groups: readonly string[]): ServiceAccount => ({
  ...toServiceAccountBase('iams', raw),
  userType: raw.userType ?? null,
  groups: [...groups].sort(),
  permissions: {},
});
