import { IDENTITY_READ_ROLES } from './role-catalogue.ts';
import type { SimRole, SimTenant, SimUser } from './types.ts';

/** Lookup tables built once per server, so no request scans the whole tenant. */
export interface TenantIndex {
  tenant: SimTenant;
  /** Upper-case username (either spelling) → user, for sign-in. */
  byUsername: Map<string, SimUser>;
  /** Users HCM lists, in UserId order (hidden and empty-tenant rules applied). */
  hcmUsers: SimUser[];
  hcmByGuid: Map<string, SimUser>;
  hcmByUsername: Map<string, SimUser>;
  scimUsers: SimUser[];
  scimById: Map<string, SimUser>;
  scimByUsername: Map<string, SimUser>;
  roles: SimRole[];
  roleByCode: Map<string, SimRole>;
  roleById: Map<string, SimRole>;
  /** Role code → SCIM-visible member ids; built on first use (it is large for big tenants). */
  getMembers(code: string): string[];
}

export const createTenantIndex = (tenant: SimTenant, hiddenUsers: readonly string[], emptyTenant: boolean): TenantIndex => {
  const hidden = new Set(hiddenUsers.map((name) => name.toUpperCase()));
  const isVisible = (user: SimUser): boolean => !emptyTenant && !hidden.has(user.scimUsername.toUpperCase());
  const sorted = [...tenant.users].sort((a, b) => a.userId - b.userId);
  const hcmUsers = sorted.filter((user) => user.inHcm && isVisible(user));
  const scimUsers = sorted.filter((user) => user.inScim && isVisible(user));
  const byUsername = new Map<string, SimUser>();
  for (const user of sorted) {
    byUsername.set(user.scimUsername.toUpperCase(), user);
    byUsername.set(user.hcmUsername.toUpperCase(), user);
  }
  let members: Map<string, string[]> | null = null;
  return {
    tenant,
    byUsername,
    hcmUsers,
    hcmByGuid: new Map(hcmUsers.map((user) => [user.guid, user])),
    hcmByUsername: new Map(hcmUsers.map((user) => [user.hcmUsername.toUpperCase(), user])),
    scimUsers,
    scimById: new Map(scimUsers.map((user) => [user.guid, user])),
    scimByUsername: new Map(scimUsers.map((user) => [user.scimUsername.toUpperCase(), user])),
    roles: tenant.roles,
    roleByCode: new Map(tenant.roles.map((role) => [role.code, role])),
    roleById: new Map(tenant.roles.map((role) => [role.id, role])),
    getMembers: (code) => {
      if (members === null) {
        members = new Map();
        for (const user of scimUsers) {
          for (const role of user.roles) {
            const list = members.get(role) ?? [];
            list.push(user.guid);
            members.set(role, list);
          }
        }
      }
      return members.get(code) ?? [];
    },
  };
};

/** Sign-in check for Basic auth; null means 401. Suspended or SCIM-inactive accounts cannot sign in. */
export const getCaller = (index: TenantIndex, header: string | undefined): SimUser | null => {
  if (header === undefined || !/^basic\s+/i.test(header)) return null;
  const decoded = Buffer.from(header.replace(/^basic\s+/i, ''), 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return null;
  const user = index.byUsername.get(decoded.slice(0, colon).toUpperCase());
  if (user === undefined || user.password === null || user.password !== decoded.slice(colon + 1)) return null;
  return user.suspended || !user.scimActive ? null : user;
};

/** Who may read userAccounts and SCIM: the audit account and holders of an identity-read role. */
export const isIdentityReader = (index: TenantIndex, user: SimUser): boolean =>
  user.scimUsername.toUpperCase() === index.tenant.auditUser.toUpperCase() || user.roles.some((code) => IDENTITY_READ_ROLES.has(code));
