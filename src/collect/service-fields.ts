/** Field readers shared by the adjacent SCIM service collectors (IAMS, CPQ). */

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
