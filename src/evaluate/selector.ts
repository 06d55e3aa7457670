import type { AccountSelector, AccountView, ServiceAccountView } from './rule-types.ts';

const isExcluded = (selector: AccountSelector, username: string): boolean =>
  selector.exclude.has(username.toUpperCase()) || selector.excludePatterns.some((pattern) => pattern.test(username));

const isNameIncluded = (selector: AccountSelector, username: string): boolean =>
  selector.usernamePatterns.length === 0 || selector.usernamePatterns.some((pattern) => pattern.test(username));

export const isAccountSelected = (selector: AccountSelector, view: AccountView): boolean => {
  if (selector.kind === 'integration' && view.integrationReason === null) return false;
  if (selector.kind === 'person' && view.integrationReason !== null) return false;
  if (selector.activeOnly && !view.active) return false;
  return isNameIncluded(selector, view.account.username) && !isExcluded(selector, view.account.username);
};

/**
 * Selection of a configured integration name (probe users, the `integrations` list): when the
 * account is in the snapshot its facts decide; otherwise it counts as an active integration user.
 */
export const isNameSelected = (selector: AccountSelector, username: string, view: AccountView | undefined): boolean => {
  if (view !== undefined) return isAccountSelected(selector, view);
  if (selector.kind === 'person') return false;
  return isNameIncluded(selector, username) && !isExcluded(selector, username);
};

/** The same selector over an adjacent service's account: its own active flag and integration reason. */
export const isServiceAccountSelected = (selector: AccountSelector, view: ServiceAccountView): boolean => {
  if (selector.kind === 'integration' && view.integrationReason === null) return false;
  if (selector.kind === 'person' && view.integrationReason !== null) return false;
  if (selector.activeOnly && !view.account.active) return false;
  return isNameIncluded(selector, view.account.username) && !isExcluded(selector, view.account.username);
};
