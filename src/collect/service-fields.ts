/** Payload parts and field readers shared by the adjacent SCIM service collectors (IAMS, CPQ). */
import { z } from 'zod';
import type { ServiceAccount, ServiceId } from '../model/types.ts';

export const optionalString = z.string().nullish();

/** The SCIM core user attributes both services send (zod shape, spread into each payload schema). */
export const scimUserCoreShape = {
  userName: z.string().min(1),
  externalId: optionalString,
  displayName: optionalString,
  name: z.object({ givenName: optionalString, familyName: optionalString, formatted: optionalString }).nullish(),
  emails: z.array(z.object({ value: z.string(), type: optionalString, primary: z.boolean().nullish() })).nullish(),
  userType: optionalString,
  active: z.boolean().nullish(),
};

type RawScimUserCore = z.infer<z.ZodObject<typeof scimUserCoreShape>> & { id: string };

/** The account fields every service fills the same way. */
export const toServiceAccountBase = (service: ServiceId, raw: RawScimUserCore): Pick<ServiceAccount, 'service' | 'key' | 'id' | 'username' | 'active' | 'displayName' | 'email' | 'externalId'> => ({
  service,
  key: raw.userName.trim().toUpperCase(),
  id: raw.id,
  username: raw.userName,
  // SCIM makes `active` optional; a missing value is the default, an active account.
  active: raw.active !== false,
  displayName: toDisplayName(raw),
  email: getWorkEmail(raw.emails),
  externalId: raw.externalId ?? null,
});

interface RawEmail {
  value: string;
  type?: string | null;
  primary?: boolean | null;
}

/** The work email (SCIM "work", Oracle's "W"), else the primary one, else the first; null when none. */
export const getWorkEmail = (emails: readonly RawEmail[] | null | undefined): string | null => {
  const list = (emails ?? []).filter((email) => email.value.trim() !== '');
  const work = list.find((email) => /^(work|w)$/i.test(email.type ?? ''));
  return (work ?? list.find((email) => email.primary === true) ?? list[0])?.value ?? null;
};

/** displayName, else "given family" from name, else null. */
export const toDisplayName = (raw: { displayName?: string | null; name?: { givenName?: string | null; familyName?: string | null; formatted?: string | null } | null }): string | null => {
  if (raw.displayName !== null && raw.displayName !== undefined && raw.displayName !== '') return raw.displayName;
  const formatted = raw.name?.formatted ?? null;
  if (formatted !== null && formatted !== '') return formatted;
  const parts = [raw.name?.givenName, raw.name?.familyName].filter((part): part is string => typeof part === 'string' && part !== '');
  return parts.length === 0 ? null : parts.join(' ');
};
