import { z } from 'zod';
import type { Config, IntegrationConfig } from '../../config/types.ts';
import { isAuditError } from '../../errors.ts';
import type { ProbeDefinition, ProbeResult } from '../../model/types.ts';
import type { HttpClient } from '../http/client.ts';
import { isHttpFailure } from '../http/errors.ts';

export const PROBES_SOURCE = 'probes';

/** Only what a probe reads from any ADF collection; everything else is ignored. */
const probePageSchema = z.object({ items: z.array(z.unknown()), totalResults: z.number().nullish() });

const toResult = (integration: IntegrationConfig, probe: ProbeDefinition, fields: Partial<ProbeResult>): ProbeResult => ({
  integration: integration.username,
  path: probe.path,
  expect: probe.expect,
  minCount: probe.minCount,
  outcome: 'error',
  httpStatus: null,
  count: null,
  totalResults: null,
  detail: null,
  ...fields,
});

/**
 * One probe: `GET {baseUrl}{path}?limit=1&totalResults=true` as the integration itself. 401 and
 * 403 are results (unauthenticated, denied), not failures; 401 is never retried because a
 * retry could lock a production integration account. Only GETs are ever sent.
 */
const readProbe = async (client: HttpClient, config: Config, integration: IntegrationConfig, probe: ProbeDefinition): Promise<ProbeResult> => {
  if (integration.credentials === null) return toResult(integration, probe, { outcome: 'skipped', detail: 'no credentials' });
  const url = new URL(`${config.tenant.baseUrl}${probe.path}`);
  url.searchParams.set('limit', '1');
  url.searchParams.set('totalResults', 'true');
  try {
    const response = await client.getJson(url, { source: PROBES_SOURCE, credentials: integration.credentials, acceptStatuses: [401, 403] });
    if (response.status === 401) return toResult(integration, probe, { outcome: 'unauthenticated', httpStatus: 401 });
    if (response.status === 403) return toResult(integration, probe, { outcome: 'denied', httpStatus: 403 });
    const page = probePageSchema.safeParse(response.body);
    if (!page.success) {
      return toResult(integration, probe, { httpStatus: response.status, detail: `HTTP ${response.status} from ${response.displayUrl} is not an ADF collection (no items array)` });
    }
    client.recordPage(PROBES_SOURCE, page.data.items.length);
    const count = page.data.items.length;
    return toResult(integration, probe, {
      outcome: count > 0 ? 'rows' : 'empty',
      httpStatus: response.status,
      count,
      totalResults: page.data.totalResults ?? null,
    });
  } catch (error) {
    if (!isAuditError(error)) throw error;
    return toResult(integration, probe, { httpStatus: isHttpFailure(error) ? error.status : null, detail: error.message });
  }
};

/** Every probe of every integration, in config order; `skip` marks them all `skipped`. */
export const readProbes = async (client: HttpClient, config: Config, skip: boolean): Promise<ProbeResult[]> => {
  const jobs = config.integrations.flatMap((integration) =>
    integration.probes.map((probe) =>
      skip ? Promise.resolve(toResult(integration, probe, { outcome: 'skipped', detail: '--skip-probes' })) : readProbe(client, config, integration, probe)));
  return Promise.all(jobs);
};
