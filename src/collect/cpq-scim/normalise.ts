import type { ServiceAccount } from '../../model/types.ts';
import { toServiceAccountBase } from '../service-fields.ts';
import { findCpqExtension, readCpqPermissions } from './extension.ts';
import type { RawCpqUser } from './payload.ts';

export const normaliseCpqUser = (raw: RawCpqUser): ServiceAccount => {
  const extension = findCpqExtension(raw, raw.schemas ?? []);
  const extensionType = extension?.userType;
  return {
    ...toServiceAccountBase('cpq', raw),
    // CPQ keeps its user type (FULL_ACCESS, …) in the extension; a top-level one is the fallback.
    userType: typeof extensionType === 'string' ? extensionType : (raw.userType ?? null),
    groups: [],
    permissions: readCpqPermissions(extension),
  };
};
