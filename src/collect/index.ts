import { EnvHttpProxyAgent } from 'undici';
import { createAuthProviders, isTokenEndpointError, isTokenSignIn, type AuthProviders } from '../auth/index.ts';
import { createTokenTransport } from '../auth/transport.ts';
import type { Config } from '../config/types.ts';
import { getAuditUser } from '../config/load.ts';
import { isAuditError } from '../errors.ts';
import { mergeSources, type MergeInput } from '../model/merge.ts';
import type { SourceStats, TenantModel } from '../model/types.ts';
import { silentLogger, type Logger } from '../util/logger.ts';
import type { Credentials } from '../config/types.ts';
import { compareServiceAccounts } from '../model/services.ts';
import { cpqScimSource } from './cpq-scim/index.ts';
import { cxSalesSource } from './cx-sales/index.ts';
import { fusionScimSource } from './fusion-scim/index.ts';
import { hcmUserAccountsSource } from './hcm-user-accounts/index.ts';
import { createHttpClient, type HttpClient, type HttpClientOptions, type HttpEvent } from './http/client.ts';
import type { Counters } from './http/stats.ts';
import { iamsScimSource } from './iams-scim/index.ts';
import { PROBES_SOURCE, readProbes } from './probes/index.ts';
import { collectRoleGraph, readRoleGraphFile, ROLE_GRAPH_SOURCE, type RoleGraphResult } from './role-graph/index.ts';
import { computeCoverage } from '../model/role-graph.ts';
import type { CollectContext, SourceData, SourcePlugin } from './types.ts';

export type { HttpEvent } from './http/client.ts';

/** The identity sources, one folder each; adding one touches its folder and this line. */
export const SOURCES: Record<string, SourcePlugin> = {
  hcm: hcmUserAccountsSource,
  scim: fusionScimSource,
  iams: iamsScimSource,
  cpq: cpqScimSource,
  cx: cxSalesSource,
};

/** The tenant's client signing requests as another account: same host, same concurrency cap, same counters. */
const withCredentials = (client: HttpClient, credentials: Credentials): HttpClient => ({
  getJson: (url, get) => client.getJson(url, { ...get, credentials: get.credentials ?? credentials }),
  postText: (url, post) => client.postText(url, { ...post, credentials: post.credentials ?? credentials }),
  recordPage: (source, items, info) => client.recordPage(source, items, info),
  stats: client.stats,
  close: () => Promise.resolve(),
});

const addCounters = (a: Counters, b: Counters): Counters => ({
  requests: a.requests + b.requests, pages: a.pages + b.pages, items: a.items + b.items,
  retries: a.retries + b.retries, throttled: a.throttled + b.throttled, errors: a.errors + b.errors,
});

export interface CollectOptions {
  skipProbes?: boolean;
  onEvent?: (event: HttpEvent) => void;
  logger?: Logger;
  now?: () => Date;
  /** REST-Framework-Version for HCM REST (default "4"; tests force "1" for the bare-array shape). */
  restFrameworkVersion?: string;
  /** Clock for token lifetimes (tests move it to force a refresh). */
  clock?: () => number;
  /** Test hooks for the HTTP layer (dispatcher, sleep, random). */
  http?: Pick<HttpClientOptions, 'dispatcher' | 'sleep' | 'random'>;
}

/**
 * Gets every token the run needs before the first GET: a wrong client secret or scope is one
 * line and exit 2 before any collection, never a run full of 401s. Basic sign-ins send nothing here.
 */
const signInFirst = async (config: Config, auth: AuthProviders, skipProbes: boolean): Promise<void> => {
  const all = [config.tenant.credentials, config.services.iams?.credentials, config.services.cpq?.credentials, config.services.cxSales?.credentials,
    ...(skipProbes ? [] : config.integrations.map((integration) => integration.credentials))];
  for (const credentials of all) if (credentials !== undefined && credentials !== null) await auth.get(credentials).getAuthorization();
};

const runSource = async (plugin: SourcePlugin, context: CollectContext, onEvent?: (event: HttpEvent) => void): Promise<SourceData> => {
  try {
    return await plugin.collect(context);
  } catch (error) {
    // A source that still fails after retries (or sends a bad payload) leaves the collection
    // incomplete; the other sources' data is kept.
    if (isAuditError(error) && !isTokenEndpointError(error)) return { problems: [error.message] };
    throw error;
  } finally {
    onEvent?.({ source: plugin.id, type: 'done' });
  }
};

/**
 * Collects one tenant: every source in parallel under one concurrency cap, then the probes,
 * then the pure merge. Never throws for tenant-side problems: the model says `complete: false`
 * with one reason line per problem, and the caller decides the exit code.
 */
export const collectTenant = async (config: Config, options: CollectOptions = {}): Promise<TenantModel> => {
  const now = options.now ?? (() => new Date());
  const logger = options.logger ?? silentLogger;
  const startedAt = now().toISOString();
  // One provider per credentials for the whole collection: every client shares its token.
  const tokenDispatcher = options.http?.dispatcher ?? new EnvHttpProxyAgent();
  const auth = createAuthProviders(createTokenTransport(tokenDispatcher, config.collect.timeoutMs), options.clock ?? Date.now);
  // A role-graph file is an input: read and checked before the first request (exit 2, no snapshot).
  const graphFile = config.roleGraph?.kind === 'file' ? await readRoleGraphFile(config.roleGraph, startedAt) : null;
  const createClient = (credentials: Credentials): HttpClient => createHttpClient({
    ...config.collect,
    credentials,
    auth,
    onEvent: options.onEvent,
    logger,
    ...options.http,
  });
  try {
    await signInFirst(config, auth, options.skipProbes === true);
  } catch (error) {
    if (options.http?.dispatcher === undefined) await tokenDispatcher.close();
    throw error;
  }
  const client = createClient(config.tenant.credentials);
  const serviceClients: HttpClient[] = [];
  const auditUser = getAuditUser(config);
  const context: CollectContext = {
    client, config, logger, restFrameworkVersion: options.restFrameworkVersion ?? '4', auditUser, startedAt,
    createClient: (credentials, baseUrl) => {
      if (new URL(baseUrl).origin === new URL(config.tenant.baseUrl).origin) return withCredentials(client, credentials);
      const created = createClient(credentials);
      serviceClients.push(created);
      return created;
    },
  };
  const getCounters = (source: string): Counters =>
    serviceClients.reduce((sum, extra) => addCounters(sum, extra.stats.get(source)), client.stats.get(source));
  try {
    const plugins = Object.values(SOURCES).filter((plugin) => plugin.isEnabled?.(config) ?? true);
    const noGraph: RoleGraphResult = { graph: graphFile, problems: [] };
    const [results, probes, graphResult] = await Promise.all([
      Promise.all(plugins.map((plugin) => runSource(plugin, context, options.onEvent))),
      readProbes(client, config, options.skipProbes === true).finally(() => options.onEvent?.({ source: PROBES_SOURCE, type: 'done' })),
      config.roleGraph?.kind === 'bip'
        ? collectRoleGraph(client, config.tenant.baseUrl, config.roleGraph.reportPath, now).finally(() => options.onEvent?.({ source: ROLE_GRAPH_SOURCE, type: 'done' }))
        : noGraph,
    ]);
    // One list per kind across the sources, built once (no array copied per source).
    const input: MergeInput = {
      hcm: results.flatMap((data) => data.hcm ?? []),
      scim: results.flatMap((data) => data.scim ?? []),
      catalogue: results.flatMap((data) => data.catalogue ?? []),
    };
    const sources: SourceStats[] = [];
    const serviceAccounts = results.flatMap((data) => data.serviceAccounts ?? []).sort(compareServiceAccounts);
    plugins.forEach((plugin, index) => {
      const data = results[index] ?? { problems: [] };
      sources.push({ source: plugin.id, ...getCounters(plugin.id), complete: data.problems.length === 0, problem: data.problems[0] ?? null });
    });
    // Probe answers (401/403/errors) are results for the policies, never a collection failure.
    sources.push({ source: PROBES_SOURCE, ...client.stats.get(PROBES_SOURCE), complete: true, problem: null });
    if (config.roleGraph !== null) {
      sources.push({ source: ROLE_GRAPH_SOURCE, ...client.stats.get(ROLE_GRAPH_SOURCE), complete: graphResult.problems.length === 0, problem: graphResult.problems[0] ?? null });
    }
    const incompleteReasons = [...results.flatMap((data) => data.problems), ...graphResult.problems];
    for (const reason of incompleteReasons) logger.debug(`incomplete: ${reason}`);
    const merged = mergeSources(input);
    const roleGraph = graphResult.graph;
    return {
      tenant: {
        name: config.tenant.name, baseUrl: config.tenant.baseUrl, restVersion: config.tenant.restVersion, auditUser,
        ...(isTokenSignIn(config.tenant.credentials) ? { authType: config.tenant.credentials.type as NonNullable<TenantModel['tenant']['authType']> } : {}),
      },
      startedAt,
      finishedAt: now().toISOString(),
      complete: incompleteReasons.length === 0,
      incompleteReasons,
      sources,
      accounts: merged.accounts,
      roles: merged.roles,
      integrations: config.integrations.map((integration) => ({ username: integration.username, probes: integration.probes })),
      probes,
      serviceAccounts,
      roleGraph,
      roleGraphCoverage: roleGraph === null ? null : computeCoverage(roleGraph, merged.accounts.flatMap((account) => account.roles.map((role) => role.code))),
    };
  } finally {
    await Promise.all([client, ...serviceClients].map((open) => open.close()));
    if (options.http?.dispatcher === undefined) await tokenDispatcher.close();
  }
};
