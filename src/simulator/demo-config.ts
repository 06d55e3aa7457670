import type { WrittenConfig } from '../config/schema.ts';
import { getSimPassword } from './generate.ts';
import type { SimTenant } from './types.ts';

/** The integration whose demo password is deliberately wrong (planted probe-unauthenticated). */
export const WRONG_PASSWORD_INTEGRATION = 'INT_BI_EXTRACT';
export const AUDIT_PASSWORD_ENV = 'FUSION_AUDIT_PASSWORD';
/** Passwords of the simulated services' own audit accounts (test doubles, docs/simulator.md). */
export const IAMS_PASSWORD_ENV = 'IAMS_AUDIT_PASSWORD';
export const CPQ_PASSWORD_ENV = 'CPQ_AUDIT_PASSWORD';

/** Env var holding an integration's password: upper case, anything but [A-Z0-9_] becomes `_`. */
export const getPasswordEnvName = (username: string): string => `${username.toUpperCase().replace(/[^A-Z0-9_]/g, '_')}_PASSWORD`;

/**
 * A config for a running simulator plus the environment that carries its passwords. The config
 * holds only env var NAMES; `env` holds the test-double passwords (documented in docs/simulator.md).
 */
export const createDemoConfig = (url: string, tenant: SimTenant): { config: WrittenConfig; env: Record<string, string> } => {
  const { iams, cpq } = tenant.services;
  const env: Record<string, string> = {
    [AUDIT_PASSWORD_ENV]: getSimPassword(tenant.auditUser),
    [IAMS_PASSWORD_ENV]: iams.admin.password,
    [CPQ_PASSWORD_ENV]: cpq.admin.password,
  };
  const integrations = tenant.integrations.map((integration) => {
    const passwordEnv = getPasswordEnvName(integration.username);
    // A wrong password for the planted case; accounts with a null password fail whatever is sent.
    env[passwordEnv] = integration.username === WRONG_PASSWORD_INTEGRATION ? 'wrong-password' : getSimPassword(integration.username);
    return {
      username: integration.username,
      auth: { type: 'basic' as const, username: integration.username, passwordEnv },
      probes: integration.probes.map((probe) => ({ path: probe.path, expect: probe.expect, ...(probe.minCount === undefined ? {} : { minCount: probe.minCount }) })),
    };
  });
  const config: WrittenConfig = {
    tenant: {
      name: 'demo-tenant',
      baseUrl: url,
      restVersion: '11.13.18.05',
      auth: { type: 'basic', username: tenant.auditUser, passwordEnv: AUDIT_PASSWORD_ENV },
    },
    collect: { concurrency: 4 },
    // Both services are served by the same simulator (separate hosts in real life).
    services: {
      iams: { baseUrl: url, tenant: iams.tenant, auth: { type: 'basic', username: iams.admin.username, passwordEnv: IAMS_PASSWORD_ENV } },
      cpq: { baseUrl: url, version: cpq.version, auth: { type: 'basic', username: cpq.admin.username, passwordEnv: CPQ_PASSWORD_ENV } },
      // CX Sales resources live on the pod itself: the tenant's URL and audit account.
      cxSales: {},
    },
    integrations,
    // The role graph through BI Publisher's SOAP service, as bip/README.md sets it up.
    roleGraph: { report: tenant.roleGraph.reportPath },
  };
  return { config, env };
};
