import { dirname, resolve } from 'node:path';
import { ValidationError } from '../errors.ts';
import { readStructuredFile } from '../util/read-structured.ts';
import { formatZodIssues } from '../util/zod-issues.ts';
import { registerSecret } from '../util/logger.ts';
import { isLoopbackUrl } from '../util/url.ts';
import { writtenConfigSchema, type AuthConfig, type ParsedConfig } from './schema.ts';
import type { Config, Credentials } from './types.ts';

export interface LoadConfigOptions {
  /** Permit plain http:// to non-loopback hosts (--allow-insecure-http). */
  allowInsecureHttp?: boolean;
  /** Environment to read secrets from (defaults to process.env). */
  env?: NodeJS.ProcessEnv;
  /** Skip reading integration secrets (--skip-probes: they will not sign in). */
  skipProbeSecrets?: boolean;
}

/** Reads, validates and normalises a config file; every problem is reported at once. */
export const readConfig = async (file: string, options: LoadConfigOptions = {}): Promise<Config> => {
  const path = resolve(file);
  const raw = await readStructuredFile(path, 'config');
  return parseConfig(raw, path, options);
};

export const parseConfig = (raw: unknown, file: string, options: LoadConfigOptions = {}): Config => {
  const parsed = writtenConfigSchema.safeParse(raw);
  if (!parsed.success) throw new ValidationError('config', formatZodIssues(file, parsed.error), 'see the config reference in README.md');
  const problems = checkConfig(parsed.data, file, options);
  if (problems.length > 0) throw new ValidationError('config', problems);
  return normaliseConfig(parsed.data, file, options);
};

/** Semantic checks the schema cannot express. */
/** The same URL rules for the tenant and every service: https (http only to loopback), no credentials. */
const checkBaseUrl = (value: string, where: string, file: string, options: LoadConfigOptions, problems: string[]): void => {
  const url = new URL(value);
  if (url.protocol !== 'https:' && url.protocol !== 'http:') problems.push(`${file}: ${where}: must be an https:// URL`);
  if (url.protocol === 'http:' && !isLoopbackUrl(url) && options.allowInsecureHttp !== true) {
    problems.push(`${file}: ${where}: plain http:// is only allowed for loopback hosts (use https://, or --allow-insecure-http)`);
  }
  if (url.username !== '' || url.password !== '') problems.push(`${file}: ${where}: must not contain credentials`);
};

const checkConfig = (config: ParsedConfig, file: string, options: LoadConfigOptions): string[] => {
  const problems: string[] = [];
  checkBaseUrl(config.tenant.baseUrl, 'tenant.baseUrl', file, options, problems);
  // A service on the tenant's own URL (the simulator) has the tenant's problems: reported once.
  for (const [name, service] of Object.entries(config.services ?? {})) {
    if (service.baseUrl !== config.tenant.baseUrl) checkBaseUrl(service.baseUrl, `services.${name}.baseUrl`, file, options, problems);
  }
  const seen = new Set<string>();
  config.integrations.forEach((integration, index) => {
    const key = integration.username.toUpperCase();
    if (seen.has(key)) problems.push(`${file}: integrations[${index}].username: duplicate integration ${integration.username}`);
    seen.add(key);
    if (integration.probes.length > 0 && integration.auth === undefined) {
      problems.push(`${file}: integrations[${index}].auth: required when probes are listed`);
    }
  });
  return problems;
};

const normaliseConfig = (config: ParsedConfig, file: string, options: LoadConfigOptions): Config => {
  const env = options.env ?? process.env;
  const problems: string[] = [];
  const secret = (auth: AuthConfig, where: string): Credentials | null => {
    const name = auth.type === 'basic' ? auth.passwordEnv : auth.tokenEnv;
    const value = env[name];
    if (value === undefined || value === '') {
      problems.push(`${file}: ${where}: environment variable ${name} is not set`);
      return null;
    }
    // From here on, every log line and error message blanks this value wherever it appears.
    registerSecret(value);
    return auth.type === 'basic' ? { type: 'basic', username: auth.username, password: value } : { type: 'bearer', token: value };
  };
  const tenantCredentials = secret(config.tenant.auth, `tenant.auth.${config.tenant.auth.type === 'basic' ? 'passwordEnv' : 'tokenEnv'}`);
  const integrations = config.integrations.map((integration, index) => ({
    username: integration.username,
    probes: integration.probes.map((probe) => ({ path: probe.path, expect: probe.expect, minCount: probe.minCount ?? null })),
    credentials: integration.auth === undefined || options.skipProbeSecrets === true || integration.probes.length === 0
      ? null
      : secret(integration.auth, `integrations[${index}].auth.${integration.auth.type === 'basic' ? 'passwordEnv' : 'tokenEnv'}`),
  }));
  const authWhere = (auth: AuthConfig, prefix: string): string => `${prefix}.auth.${auth.type === 'basic' ? 'passwordEnv' : 'tokenEnv'}`;
  const { iams, cpq } = config.services ?? {};
  const iamsCredentials = iams === undefined ? null : secret(iams.auth, authWhere(iams.auth, 'services.iams'));
  const cpqCredentials = cpq === undefined ? null : secret(cpq.auth, authWhere(cpq.auth, 'services.cpq'));
  if (problems.length > 0 || tenantCredentials === null) throw new ValidationError('config', problems, 'export the variable before running');
  const base = dirname(file);
  return {
    file,
    tenant: { name: config.tenant.name, baseUrl: config.tenant.baseUrl.replace(/\/+$/, ''), restVersion: config.tenant.restVersion, credentials: tenantCredentials },
    collect: { ...config.collect },
    integrations,
    services: {
      iams: iams === undefined || iamsCredentials === null ? null
        : { baseUrl: iams.baseUrl.replace(/\/+$/, ''), tenant: iams.tenant, credentials: iamsCredentials },
      cpq: cpq === undefined || cpqCredentials === null ? null
        : { baseUrl: cpq.baseUrl.replace(/\/+$/, ''), version: cpq.version, credentials: cpqCredentials },
    },
    policies: config.policies?.map((entry) => (entry === 'builtin' ? 'builtin' : resolve(base, entry))) ?? null,
    waivers: config.waivers === undefined ? null : resolve(base, config.waivers),
  };
};

/** The audit account's username, used to recognise it in the tenant. */
export const getAuditUser = (config: Config): string | null =>
  config.tenant.credentials.type === 'basic' ? config.tenant.credentials.username : null;
