import { getUserDates } from './hcm-serialise.ts';
import type { TenantIndex } from './tenant-index.ts';
import type { SimRole, SimUser } from './types.ts';

/** Pre-serialised SCIM resources (§2.3/§2.4): per-user and per-role fragments joined per request. */
export interface ScimSerialiser {
  toUser(user: SimUser, withRoles: boolean): string;
  toRole(role: SimRole, withMembers: boolean): string;
}

/** Fusion SCIM writes meta dates as "2009-05-25 00:00:00.000" (not ISO-8601). */
const toScimDate = (date: Date): string => date.toISOString().replace('T', ' ').replace('Z', '');

export const createScimSerialiser = (index: TenantIndex, baseUrl: string): ScimSerialiser => {
  const users = new Map<number, string>();
  const roleEntries = new Map<string, string>();
  const roleCores = new Map<string, string>();

  const getUserCore = (user: SimUser): string => {
    let core = users.get(user.userId);
    if (core === undefined) {
      const { created, updated } = getUserDates(user);
      const extension: Record<string, unknown> = { userCategory: user.userCategory };
      if (user.worker !== null) extension.workerInformation = user.worker;
      core = JSON.stringify({
        id: user.guid,
        meta: { created: toScimDate(created), lastModified: toScimDate(updated), location: `${baseUrl}/hcmRestApi/scim/Users/${user.guid}` },
        schemas: ['urn:scim:schemas:core:2.0:User', 'urn:scim:schemas:extension:fa:2.0:faUser'],
        userName: user.scimUsername,
        name: { familyName: user.familyName, givenName: user.givenName },
        displayName: user.displayName,
        emails: [{ value: user.email, type: 'W', primary: true }],
        active: user.scimActive,
        'urn:scim:schemas:extension:fa:2.0:faUser': extension,
      }).slice(0, -1);
      users.set(user.userId, core);
    }
    return core;
  };
  const getRoleEntry = (code: string): string => {
    let entry = roleEntries.get(code);
    if (entry === undefined) {
      const role = index.roleByCode.get(code);
      entry = JSON.stringify({ id: role?.id ?? code, value: code, displayName: role?.name ?? code, description: role?.name ?? code });
      roleEntries.set(code, entry);
    }
    return entry;
  };
  const getRoleCore = (role: SimRole): string => {
    let core = roleCores.get(role.code);
    if (core === undefined) {
      core = JSON.stringify({
        id: role.id,
        meta: { created: '2015-01-01 00:00:00.000', lastModified: '2024-01-01 00:00:00.000', location: `${baseUrl}/hcmRestApi/scim/Roles/${role.id}` },
        schemas: ['urn:oracle:apps:scim:schemas:fa:1.0:Role'],
        name: role.code,
        displayName: role.name,
        description: role.name,
        category: role.category,
      }).slice(0, -1);
      roleCores.set(role.code, core);
    }
    return core;
  };
  return {
    toUser: (user, withRoles) => `${getUserCore(user)}${withRoles ? `,"roles":[${user.roles.map(getRoleEntry).join(',')}]` : ''}}`,
    toRole: (role, withMembers) => {
      const members = withMembers ? `,"members":[${index.getMembers(role.code).map((id) => `{"value":"${id}"}`).join(',')}]` : '';
      return `${getRoleCore(role)}${members}}`;
    },
  };
};
