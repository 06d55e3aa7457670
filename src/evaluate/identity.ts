import type { Account, TenantModel } from '../model/types.ts';
import type { AccountView, IdentitySettings, IntegrationReason, ServiceAccountView } from './rule-types.ts';

/** The agreed default: INT_<SYSTEM>_<MODULE>, case-insensitive (so INTERN.JOE is not one). */
export const DEFAULT_INTEGRATION_PATTERN = '^INT_[A-Z0-9]+_[A-Z0-9]+$';

export const createDefaultIdentitySettings = (): IdentitySettings => ({
  namingPattern: new RegExp(DEFAULT_INTEGRATION_PATTERN, 'i'),
  personlessRolePatterns: [],
});

export const isPersonAccount = (account: Account): boolean =>
  (account.hcm?.personId ?? null) !== null || (account.scim?.worker ?? null) !== null;

export const isActiveAccount = (account: Account): boolean =>
  account.hcm?.suspended !== true && account.scim?.active !== false;

/** Why an account is an integration user, or null; the first reason that applies wins. */
export const getIntegrationReason = (
  account: Account,
  configured: ReadonlySet<string>,
  settings: IdentitySettings,
): IntegrationReason | null => {
  if (configured.has(account.key)) return 'configured';
  if (settings.namingPattern.test(account.username)) return 'naming-pattern';
  if (settings.personlessRolePatterns.length > 0 && !isPersonAccount(account)
    && account.roles.some((role) => settings.personlessRolePatterns.some((pattern) => pattern.test(role.code)))) {
    return 'no-person-integration-roles';
  }
  return null;
};

export const getConfiguredIntegrations = (model: TenantModel): Set<string> =>
  new Set(model.integrations.map((integration) => integration.username.toUpperCase()));

/** Computes each account's facts once; rules then only filter. */
export const createAccountViews = (model: TenantModel, settings: IdentitySettings): AccountView[] => {
  const configured = getConfiguredIntegrations(model);
  const auditUser = model.tenant.auditUser?.toUpperCase() ?? null;
  return model.accounts.map((account) => ({
    account,
    key: account.key,
    integrationReason: getIntegrationReason(account, configured, settings),
    isPerson: isPersonAccount(account),
    active: isActiveAccount(account),
    isAuditUser: auditUser !== null && account.key === auditUser,
  }));
};

/** Evidence fields every account-based finding carries. */
export const toAccountEvidence = (view: AccountView): Record<string, unknown> => ({
  integrationReason: view.integrationReason,
  isPerson: view.isPerson,
  active: view.active,
  auditAccount: view.isAuditUser,
  sources: view.account.sources,
});

/** Service accounts are integration accounts when configured or named like one (they carry no person record to test). */
export const createServiceAccountViews = (model: TenantModel, settings: IdentitySettings): ServiceAccountView[] => {
  const configured = getConfiguredIntegrations(model);
  return model.serviceAccounts.map((account) => ({
    account,
    integrationReason: configured.has(account.key) ? 'configured' : settings.namingPattern.test(account.username) ? 'naming-pattern' : null,
  }));
};

/** Evidence fields every service-account finding carries. */
export const toServiceEvidence = (view: ServiceAccountView): Record<string, unknown> => ({
  service: view.account.service,
  serviceAccountId: view.account.id,
  integrationReason: view.integrationReason,
  active: view.account.active,
  email: view.account.email,
  userType: view.account.userType,
});
