/**
 * The CPQ extension of a SCIM user. Oracle's v16 sample names it
 * urn:ietf:params:scim:schemas:extension:oracle:2.0:CPQ:User; the v19 docs call it extensionUser
 * without confirming the URN. So: take the first top-level key that begins with `urn:` and
 * contains `CPQ` (case-insensitive) and holds an object, preferring one the `schemas` array
 * names. Flags are read defensively: a known flag that is absent is null (unknown), never false.
 */

/** Flags every CPQ account reports (null when the service did not send them). */
export const CPQ_PERMISSION_FLAGS = [
  'isSuperUserPermEnabled',
  'isAccessAdminPermEnabled',
  'isUserAdminPermEnabled',
  'isProxyPermEnabled',
  'isWebServicesOnly',
] as const;

/** Misspellings Oracle has published (25D What's New: isAccessAdminPremEnabled) → the canonical name. */
const ALIASES: Record<string, string> = { isAccessAdminPremEnabled: 'isAccessAdminPermEnabled' };

/** Other permission-like flags are kept when present (e.g. an Application Administrator flag). */
const EXTRA_FLAG = /^is[A-Za-z]*(Perm|Permission|Admin)[A-Za-z]*$/;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export const findCpqExtension = (user: Record<string, unknown>, schemas: readonly string[]): Record<string, unknown> | null => {
  const candidates = Object.keys(user).filter((key) => /^urn:/i.test(key) && /cpq/i.test(key) && isRecord(user[key]));
  const named = candidates.find((key) => schemas.some((schema) => schema.toLowerCase() === key.toLowerCase()));
  const key = named ?? candidates.sort()[0];
  return key === undefined ? null : (user[key] as Record<string, unknown>);
};

/** true/false (or the strings "true"/"false"); anything else is unknown. */
const toFlag = (value: unknown): boolean | null => {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string' && /^(true|false)$/i.test(value)) return value.toLowerCase() === 'true';
  return null;
};

export const readCpqPermissions = (extension: Record<string, unknown> | null): Record<string, boolean | null> => {
  const permissions: Record<string, boolean | null> = Object.fromEntries(CPQ_PERMISSION_FLAGS.map((flag) => [flag, null]));
  if (extension === null) return permissions;
  for (const [rawKey, value] of Object.entries(extension)) {
    const key = ALIASES[rawKey] ?? rawKey;
    const known = (CPQ_PERMISSION_FLAGS as readonly string[]).includes(key);
    if (!known && !EXTRA_FLAG.test(key)) continue;
    const flag = toFlag(value);
    const current = permissions[key];
    // An alias only fills a gap; the canonical spelling always wins. A non-boolean never erases a value.
    if (rawKey !== key && current !== null && current !== undefined) continue;
    if (flag === null && current !== undefined) continue;
    permissions[key] = flag;
  }
  return Object.fromEntries(Object.entries(permissions).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
};
