import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { BIP_PATH, getBipReply } from './bip-routes.ts';
import { HCM_PATH, getHcmReply } from './hcm-routes.ts';
import { createHcmSerialiser, type HcmSerialiser } from './hcm-serialise.ts';
import { getProbeReply } from './probe-routes.ts';
import { createPrng } from './prng.ts';
import { applyQuarter } from './quarters.ts';
import { toAdfErrorReply, toScimErrorReply, toTextReply, toUnauthorizedReply, toUnavailableReply, type Reply } from './replies.ts';
import type { RouteContext } from './route-context.ts';
import { SCIM_PATH, getScimReply } from './scim-routes.ts';
import { CX_PATH, getCxReply } from './cx-routes.ts';
import { CPQ_PATH, IAMS_PATH, getCpqReply, getIamsReply } from './service-routes.ts';
import { createSimOAuth, TOKEN_PATH } from './oauth.ts';
import { createScimSerialiser, type ScimSerialiser } from './scim-serialise.ts';
import { addCount, createStats, resetStats } from './stats.ts';
import { createTenantIndex, getCaller, isIdentityReader } from './tenant-index.ts';
import type { RunningSimulator, SimEndpoint, SimulatorOptions } from './types.ts';

type Decision = Reply | 'reset';

const readBody = async (request: IncomingMessage): Promise<string> => {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
};

/** Which source a path belongs to, for failSource, authorisation and the byPath counters. */
type Route =
  | { kind: 'hcm'; match: RegExpExecArray; key: string }
  | { kind: 'scim'; match: RegExpExecArray; key: string }
  | { kind: 'iams' | 'cpq'; match: RegExpExecArray; key: string }
  | { kind: 'cx'; key: string }
  | { kind: 'probe'; endpoint: SimEndpoint; key: string }
  | { kind: 'bip'; key: string }
  | { kind: 'unknown'; key: string };

const getRoute = (path: string, endpoints: Map<string, SimEndpoint>): Route => {
  const endpoint = endpoints.get(path);
  if (endpoint !== undefined) return { kind: 'probe', endpoint, key: `probe:${path}` };
  if (path === BIP_PATH) return { kind: 'bip', key: 'bip:runReport' };
  const hcm = HCM_PATH.exec(path);
  if (hcm) return { kind: 'hcm', match: hcm, key: hcm[3] !== undefined ? `hcm:${hcm[3]}` : hcm[2] !== undefined ? 'hcm:userAccount' : 'hcm:userAccounts' };
  const scim = SCIM_PATH.exec(path);
  if (scim) return { kind: 'scim', match: scim, key: `scim:${scim[1]}${scim[2] !== undefined ? '/{id}' : ''}` };
  const iams = IAMS_PATH.exec(path);
  if (iams) return { kind: 'iams', match: iams, key: `iams:${iams[2]}${iams[3] !== undefined ? '/{id}' : ''}` };
  if (CX_PATH.test(path)) return { kind: 'cx', key: 'cx:resourceUsers' };
  const cpq = CPQ_PATH.exec(path);
  if (cpq) return { kind: 'cpq', match: cpq, key: `cpq:Users${cpq[3] !== undefined ? '/{id}' : ''}` };
  return { kind: 'unknown', key: 'other' };
};

const getFrameworkVersion = (request: IncomingMessage, fallback: number): number => {
  const header = request.headers['rest-framework-version'];
  const value = Number.parseInt(Array.isArray(header) ? (header[0] ?? '') : (header ?? ''), 10);
  return Number.isInteger(value) && value >= 1 ? value : fallback;
};

/**
 * Starts the Fusion tenant simulator: a real HTTP server on loopback speaking HCM userAccounts,
 * Fusion SCIM and probe endpoints, with deterministic fault injection and request counters.
 */
export const startSimulator = async (options: SimulatorOptions): Promise<RunningSimulator> => {
  const tenant = options.quarter === undefined ? options.tenant : applyQuarter(options.tenant, options.quarter);
  const index = createTenantIndex(tenant, options.hiddenUsers ?? [], options.emptyTenant ?? false);
  const endpoints = new Map(tenant.endpoints.map((endpoint) => [endpoint.path, endpoint]));
  const stats = createStats();
  const oauth = options.oauth === undefined ? null : createSimOAuth(options.oauth, index);
  const faultPrng = createPrng(options.faultSeed ?? tenant.seed);
  const [rateReset, rate429, rate503] = [options.resetRate ?? 0, options.rate429 ?? 0, options.rate503 ?? 0];
  const latencyMs = options.latencyMs ?? 0;
  const maxLimit = options.maxLimit ?? 500;
  const defaultVersion = options.defaultFrameworkVersion ?? 1;
  const timers = new Set<NodeJS.Timeout>();
  let cxThrottled = 0;
  let baseUrl = '';
  const hcmSerialisers = new Map<string, HcmSerialiser>();
  const getHcmSerialiser = (restVersion: string): HcmSerialiser => {
    let serialiser = hcmSerialisers.get(restVersion);
    if (serialiser === undefined) hcmSerialisers.set(restVersion, (serialiser = createHcmSerialiser(index, baseUrl, restVersion)));
    return serialiser;
  };
  let scim: ScimSerialiser | null = null;

  const isMalformedPage = (source: 'hcm' | 'scim' | 'cpq', page: number): boolean => {
    const hit = options.malformedPage?.source === source && options.malformedPage.page === page;
    if (hit) stats.faults.malformed += 1;
    return hit;
  };

  const decide = (request: IncomingMessage, route: Route, url: URL, body: string): Decision => {
    // Read-only, except BI Publisher's SOAP service, which is only POST (runReport reads).
    if (route.kind === 'bip' && request.method !== 'POST') {
      return { ...toTextReply(405, `Method ${request.method ?? ''} is not allowed: SOAP requests are POSTed.`), headers: { allow: 'POST' } };
    }
    if (route.kind !== 'bip' && request.method !== 'GET' && request.method !== 'HEAD') {
      return { ...toTextReply(405, `Method ${request.method ?? ''} is not allowed: the simulator is read-only.`), headers: { allow: 'GET, HEAD' } };
    }
    if (rateReset + rate429 + rate503 > 0) {
      const draw = faultPrng.next();
      if (draw < rateReset) return 'reset';
      if (draw < rateReset + rate429) {
        stats.faults.throttled429 += 1;
        return toTextReply(429, 'Too Many Requests');
      }
      if (draw < rateReset + rate429 + rate503) {
        stats.faults.unavailable503 += 1;
        return toUnavailableReply();
      }
    }
    const version = getFrameworkVersion(request, defaultVersion);
    if (route.kind === 'unknown') return toAdfErrorReply(404, version, `No resource at ${url.pathname}.`, 'SIM-404');
    if (options.failSource !== undefined && options.failSource.source === route.kind) {
      stats.faults.failed += 1;
      const { status } = options.failSource;
      return route.kind === 'hcm' || route.kind === 'cx' ? toAdfErrorReply(status, version, 'Source unavailable.', `SIM-${status}`) : toScimErrorReply(status, 'Source unavailable.');
    }
    if (route.kind === 'iams' || route.kind === 'cpq') {
      // Other hosts in real life: their own admin accounts, not Fusion sign-ins.
      const service = {
        services: tenant.services, url, baseUrl, authorization: request.headers.authorization, maxLimit,
        iamsGroupPageSize: options.iamsGroupPageSize ?? null, isMalformedPage,
      };
      return route.kind === 'iams' ? getIamsReply(service, route.match) : getCpqReply(service, route.match);
    }
    const caller = getCaller(index, request.headers.authorization) ?? oauth?.getBearerCaller(request.headers.authorization) ?? null;
    if (route.kind === 'bip') {
      return getBipReply({
        graph: tenant.roleGraph, mode: options.roleGraphMode ?? 'normal', contentType: request.headers['content-type'], body,
        signedIn: caller !== null, mayRunReports: caller !== null && isIdentityReader(index, caller),
      });
    }
    if (caller === null) return toUnauthorizedReply();
    const context: RouteContext = { index, url, version, maxLimit, caller, baseUrl, isMalformedPage, getHcmSerialiser, scim: scim! };
    if (route.kind === 'probe') return getProbeReply(context, route.endpoint);
    if (route.kind === 'cx') {
      if (cxThrottled < (options.cxThrottle ?? 0)) {
        cxThrottled += 1;
        stats.faults.throttled429 += 1;
        return { ...toTextReply(429, 'Too Many Requests'), headers: { 'retry-after': '0' } };
      }
      // Without data security over resources CX answers 200 with no rows, never 403 (§11.5).
      return getCxReply({ resources: tenant.services.cx.resources, url, version, maxLimit, canSeeResources: isIdentityReader(index, caller), missingFields: options.cxMissingFields ?? [] });
    }
    if (!isIdentityReader(index, caller)) {
      const detail = `User ${caller.scimUsername} lacks the privilege to read ${url.pathname}.`;
      return route.kind === 'scim' ? toScimErrorReply(403, detail) : toAdfErrorReply(403, version, detail, 'SIM-403');
    }
    return route.kind === 'hcm' ? getHcmReply(context, route.match) : getScimReply(context, route.match);
  };

  const send = (request: IncomingMessage, response: ServerResponse, decision: Decision): void => {
    if (decision === 'reset') {
      stats.faults.resets += 1;
      addCount(stats.byStatus, 'reset');
      request.socket.destroy();
      return;
    }
    if (response.destroyed) return;
    addCount(stats.byStatus, String(decision.status));
    response.writeHead(decision.status, {
      'content-type': decision.contentType,
      'content-length': Buffer.byteLength(decision.body),
      ...decision.headers,
    });
    response.end(decision.body);
  };

  const server = createServer((request, response) => {
    stats.requests += 1;
    stats.inFlight += 1;
    stats.maxInFlight = Math.max(stats.maxInFlight, stats.inFlight);
    let open = true;
    response.on('close', () => {
      if (open) stats.inFlight -= 1;
      open = false;
    });
    const url = new URL(request.url ?? '/', 'http://simulator.invalid');
    if (oauth !== null && url.pathname === TOKEN_PATH && request.method === 'POST') {
      addCount(stats.byPath, 'oauth:token');
      void readBody(request).then((body) => send(request, response, oauth.getTokenReply(request.headers.authorization, body, request.headers['content-type'])));
      return;
    }
    const route = getRoute(url.pathname.replace(/(.)\/+$/, '$1'), endpoints);
    addCount(stats.byPath, route.key);
    const answer = (body: string): void => {
      let decision: Decision;
      try {
        decision = decide(request, route, url, body);
      } catch (error) {
        decision = toTextReply(500, `simulator bug: ${(error as Error).message}`);
      }
      if (latencyMs <= 0) return send(request, response, decision);
      const timer = setTimeout(() => {
        timers.delete(timer);
        send(request, response, decision);
      }, latencyMs);
      timers.add(timer);
    };
    // Only the SOAP service takes a body (a small envelope).
    if (request.method !== 'POST') return answer('');
    void readBody(request).then(answer);
  });
  server.keepAliveTimeout = 10_000;

  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  baseUrl = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  scim = createScimSerialiser(index, baseUrl);
  // Build the cached fragments of the usual collector requests now, so the first pass over a
  // large tenant is as fast as later ones (benchmarks time the collection, not this).
  const hcm = getHcmSerialiser('11.13.18.05');
  for (const user of index.hcmUsers) hcm.toItem(user, { expand: true, onlyData: true, version: 4 });
  for (const user of index.scimUsers) scim.toUser(user, true);

  return {
    url: baseUrl,
    stats,
    resetStats: () => resetStats(stats),
    oauth,
    close: async () => {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
    },
  };
};
