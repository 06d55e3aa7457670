import type { Config } from '../../config/types.ts';

export const SOURCE = 'hcm';

/** `{baseUrl}/hcmRestApi/resources/{restVersion}/userAccounts[/...]` */
export const getUserAccountsUrl = (config: Config, suffix = ''): URL =>
  new URL(`${config.tenant.baseUrl}/hcmRestApi/resources/${encodeURIComponent(config.tenant.restVersion)}/userAccounts${suffix}`);

export const getHeaders = (frameworkVersion: string): Record<string, string> => ({ 'rest-framework-version': frameworkVersion });
