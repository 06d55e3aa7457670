import { dirname, resolve } from 'node:path';
import type { z } from 'zod';
import { ValidationError } from '../errors.ts';
import { createLocator } from '../util/locate.ts';
import { readStructuredFileText } from '../util/read-structured.ts';
import { formatIssues, type Locator } from '../util/zod-issues.ts';
import { registerSecret } from '../util/logger.ts';
import { isLoopbackUrl } from '../util/url.ts';
import { resolveCredentials, getEffectiveUser } from '../auth/index.ts';
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
  const { text, value } = await readStructuredFileText(path, 'config');
  return parseConfig(value, path, options, createLocator(text));
};

/** Schema problems in the same `file:line: path: message` form as policy and waiver files, typos with a suggestion. */
export const toConfigProblems = (error: z.ZodError, file: string, locate: Locator | null): string[] =>
  formatIssues(file, locate, error.issues, [], writtenConfigSchema);

export const parseConfig = (raw: unknown, file: string, options: LoadConfigOptions = {}, locate: Locator | null = null): Config => {
  const parsed = writtenConfigSchema.safeParse(raw);
  if (!parsed.success) throw new ValidationError('config', toConfigProblems(parsed.error, file, locate), 'see the config reference in README.md');
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
    if ('baseUrl' in service && service.baseUrl !== config.tenant.baseUrl) checkBaseUrl(service.baseUrl, `services.${name}.baseUrl`, file, options, problems);
  }
  // Token endpoints carry client secrets: the same https rule as the pod.
  const checkTokenUrl = (auth: AuthConfig | undefined, where: string): void => {
    if (auth !== undefined && 'tokenUrl' in auth) checkBaseUrl(auth.tokenUrl, `${where}.tokenUrl`, file, options, problems);
  };
  checkTokenUrl(config.tenant.auth, 'tenant.auth');
  for (const [name, service] of Object.entries(config.services ?? {})) checkTokenUrl(service.auth, `services.${name}.auth`);
  config.integrations.forEach((integration, index) => checkTokenUrl(integration.auth, `integrations[${index}].auth`));
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
  const baseDir = dirname(file);
  /** Secrets come from env vars (registered with the logger's redaction) and key files next to the config. */
  const secret = (auth: AuthConfig, location: string): Credentials | null => resolveCredentials(auth, {
    env, baseDir, where: `${file}: ${location}`, problems,
    readSecret: (field, name) => {
      const value = env[name];
      if (value === undefined || value === '') {
        problems.push(`${file}: ${location}.${field}: environment variable ${name} is not set`);
        return null;
      }
      // From here on, every log line and error message blanks this value wherever it appears.
      registerSecret(value);
      // A pasted token with a line break would be an invalid header: undici throws an unexpected error deep in collection.
      if (/[\r\n\0]/.test(value)) {
        problems.push(`${file}: ${location}.${field}: environment variable ${name} contains a line break or NUL (remove it, e.g. trim the trailing newline)`);
        return null;
      }
      return value;
    },
  }, location);
  const tenantCredentials = secret(config.tenant.auth, 'tenant.auth');
  const integrations = config.integrations.map((integration, index) => ({
    username: integration.username,
    probes: integration.probes.map((probe) => ({ path: probe.path, expect: probe.expect, minCount: probe.minCount ?? null })),
    credentials: integration.auth === undefined || options.skipProbeSecrets === true || integration.probes.length === 0
      ? null
      : secret(integration.auth, `integrations[${index}].auth`),
  }));
  const { iams, cpq, cxSales } = config.services ?? {};
  const iamsCredentials = iams === undefined ? null : secret(iams.auth, 'services.iams.auth');
  const cpqCredentials = cpq === undefined ? null : secret(cpq.auth, 'services.cpq.auth');
  // CX Sales lives on the tenant's pod: the tenant's credentials (one token) unless it names its own.
  const cxCredentials = cxSales === undefined ? null : cxSales.auth === undefined ? tenantCredentials : secret(cxSales.auth, 'services.cxSales.auth');
  if (problems.length > 0 || tenantCredentials === null) throw new ValidationError('config', problems, 'export the variable before running');
  const base = baseDir;
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
      cxSales: cxSales === undefined || cxCredentials === null ? null : {
        baseUrl: config.tenant.baseUrl.replace(/\/+$/, ''), restVersion: config.tenant.restVersion, resource: cxSales.resource,
        pageSize: cxSales.pageSize ?? config.collect.pageSize, credentials: cxCredentials,
      },
    },
    roleGraph: config.roleGraph === undefined ? null
      : 'report' in config.roleGraph ? { kind: 'bip', reportPath: config.roleGraph.report }
        : { kind: 'file', path: resolve(base, config.roleGraph.file), configured: config.roleGraph.file },
    policies: config.policies?.map((entry) => (entry === 'builtin' ? 'builtin' : resolve(base, entry))) ?? null,
    waivers: config.waivers === undefined ? null : resolve(base, config.waivers),
  };
};

/** The audit account's username, used to recognise it in the tenant. */
/** The Fusion user the tenant sign-in acts as: the basic username, the OAuth client id, the JWT subject; null for a bearer token. */
export const getAuditUser = (config: Config): string | null => getEffectiveUser(config.tenant.credentials);
