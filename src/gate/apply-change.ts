import type { Account, RoleAssignment, TenantModel } from '../model/types.ts';
import { toSuggestionText } from '../util/suggest.ts';
import type { RoleChange } from './change-file.ts';

export interface ApplyOptions {
  /** The change creates roles the snapshot has never seen (--allow-new-roles). */
  allowNewRoles?: boolean;
}

/**
 * Role codes the snapshot knows: held by some account, listed in the role catalogue, or a role of
 * the role graph. A code outside this set is most likely a typo, and evaluating it would judge a
 * role nobody has.
 */
export const getKnownRoleCodes = (model: TenantModel): Set<string> => new Set([
  ...model.roles.map((role) => role.code),
  ...model.accounts.flatMap((account) => account.roles.map((role) => role.code)),
  ...(model.roleGraph?.roles ?? []).map((role) => role.code),
]);

/**
 * Applies proposed role changes to a collected model (pure). Returns the changed model plus one
 * problem line per change that does not fit the snapshot (unknown account, unknown role, role
 * already held, role not held), so a gate never silently evaluates something other than what
 * was proposed.
 */
export const applyRoleChanges = (model: TenantModel, changes: readonly RoleChange[], file: string, options: ApplyOptions = {}): { model: TenantModel; problems: string[] } => {
  const catalogue = new Map(model.roles.map((role) => [role.code, role]));
  const known = getKnownRoleCodes(model);
  const byKey = new Map(model.accounts.map((account) => [account.key, { ...account, roles: [...account.roles] }]));
  const problems: string[] = [];
  for (const change of changes) {
    const account = byKey.get(change.username.toUpperCase());
    if (account === undefined) {
      problems.push(`${file}: ${change.where}: username: ${change.username} is not in the snapshot${toSuggestionText(change.username, model.accounts.map((a) => a.username))}`);
      continue;
    }
    if (change.action === 'add' && !known.has(change.roleCode) && options.allowNewRoles !== true) {
      problems.push(`${file}: ${change.where}: roleCode: ${change.roleCode} is not a role the snapshot knows${toSuggestionText(change.roleCode, known)}; `
        + 'pass --allow-new-roles if the change creates it');
      continue;
    }
    const held = account.roles.findIndex((role) => role.code === change.roleCode);
    if (change.action === 'add') {
      if (held >= 0) problems.push(`${file}: ${change.where}: ${account.username} already holds ${change.roleCode}`);
      else account.roles.push(toAddedRole(change.roleCode, catalogue.get(change.roleCode)));
    } else if (held < 0) {
      problems.push(`${file}: ${change.where}: ${account.username} does not hold ${change.roleCode}`);
    } else {
      account.roles.splice(held, 1);
    }
  }
  const accounts: Account[] = [...byKey.values()].map((account) => ({ ...account, roles: account.roles.sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0)) }));
  return { model: { ...model, accounts }, problems };
};

/** A role the change grants: no source reported it yet, so `sources` is empty. */
const toAddedRole = (code: string, info: { name: string | null; category: string | null } | undefined): RoleAssignment => ({
  code,
  name: info?.name ?? null,
  category: info?.category ?? null,
  sources: [],
  hcmRoleId: null,
  hcmUserRoleId: null,
});
