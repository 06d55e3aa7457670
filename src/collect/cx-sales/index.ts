import { isHttpFailure } from '../http/errors.ts';
import { isLastAdfPage, walkPages, type Page } from '../http/paging.ts';
import { parsePayload } from '../parse-payload.ts';
import type { CollectContext, SourceData, SourcePlugin } from '../types.ts';
import { getResourceId, normaliseResource } from './normalise.ts';
import { RESOURCE_FIELDS, resourcePageSchema, type RawResource } from './payload.ts';

const SOURCE = 'cx';

/**
 * GET {baseUrl}/crmRestApi/resources/{version}/resourceUsers (the CRM base path, never
 * /hcmRestApi) with onlyData, limit/offset, totalResults on the first page and `fields=` to keep
 * pages small, until hasMore is false. A pod that refuses one of the fields (HTTP 400: Oracle
 * does not document them all on the list call) is read again without `fields`.
 */
const collectCxSales = async (context: CollectContext): Promise<SourceData> => {
  const service = context.config.services.cxSales;
  if (service === null) return { problems: [] };
  const client = service.credentials === context.config.tenant.credentials ? context.client : context.createClient(service.credentials, service.baseUrl);
  const day = context.startedAt.slice(0, 10);
  let withFields = true;
  let firstUrl = '';
  const fetch = async (offset: number, shouldRun: () => boolean): Promise<Page<RawResource>> => {
    const url = new URL(`${service.baseUrl}/crmRestApi/resources/${service.restVersion}/${service.resource}`);
    url.searchParams.set('onlyData', 'true');
    url.searchParams.set('limit', String(service.pageSize));
    url.searchParams.set('offset', String(offset));
    if (offset === 0) url.searchParams.set('totalResults', 'true');
    if (withFields) url.searchParams.set('fields', RESOURCE_FIELDS.join(','));
    const response = await client.getJson(url, { source: SOURCE, shouldRun, ...(offset === 0 && withFields ? { acceptStatuses: [400] } : {}) });
    if (response.status === 400) {
      context.logger.warn(`${SOURCE}: GET ${response.displayUrl}: HTTP 400 with fields=; reading whole resources instead`);
      withFields = false;
      return fetch(offset, shouldRun);
    }
    if (offset === 0) firstUrl = response.displayUrl;
    const page = parsePayload(resourcePageSchema, response.body, SOURCE, response.displayUrl);
    client.recordPage(SOURCE, page.items.length);
    return { items: page.items, hasMore: page.hasMore ?? null, totalResults: page.totalResults ?? null };
  };
  let result;
  try {
    result = await walkPages({ start: 0, fetch, isLast: isLastAdfPage, window: context.config.collect.concurrency, getId: getResourceId });
  } catch (error) {
    if (isHttpFailure(error) && error.status === 404) {
      return { problems: [`${SOURCE}: GET ${error.url}: HTTP 404: no ${service.resource} resource on this pod (is CX Sales provisioned, and is services.cxSales.resource right?)`] };
    }
    throw error;
  }
  if (result.duplicates > 0) context.logger.warn(`${SOURCE}: ${result.duplicates} resource(s) appeared on two pages (CX changed during collection); each is kept once`);
  // Oracle's CX connector docs: missing data security answers 200 with count 0, not an error.
  const problems = result.items.length === 0
    ? [`${SOURCE}: GET ${firstUrl}: HTTP 200 with no resources at all: the audit account lacks data security over sales resources; an empty CX Sales is not a clean one`]
    : [];
  return { serviceAccounts: result.items.map((raw) => normaliseResource(raw, day)), problems };
};

/** CX Sales resources (resourceUsers), on the tenant's own pod. */
export const cxSalesSource: SourcePlugin = {
  id: 'cx',
  title: 'CX Sales resourceUsers',
  isEnabled: (config) => config.services.cxSales !== null,
  collect: collectCxSales,
};
