import type { RoleAssignment, TenantModel } from '../../model/types.ts';

/** Role display names from the assignment, else from the /scim/Roles catalogue. */
export const createRoleNameLookup = (model: TenantModel): ((role: RoleAssignment) => string | null) => {
  const catalogue = new Map(model.roles.map((role) => [role.code, role.name]));
  return (role) => role.name ?? catalogue.get(role.code) ?? null;
};

export const toRoleLabel = (code: string, name: string | null): string => (name === null ? code : `${code} (${name})`);
