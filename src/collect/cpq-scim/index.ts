import { isLastScimPage, walkPages, type Page } from '../http/paging.ts';
import { parsePayload } from '../parse-payload.ts';
import type { CollectContext, SourceData, SourcePlugin } from '../types.ts';
import { normaliseCpqUser } from './normalise.ts';
import { cpqUsersPageSchema, type RawCpqUser } from './payload.ts';

const SOURCE = 'cpq';
/** CPQ documents a default count of 50 and no maximum: never ask for more than this. */
const MAX_COUNT = 500;

/**
 * GET {baseUrl}/rest/{version}/scim/Users?startIndex=&count= (1-based). totalResults is not
 * documented, so the shared SCIM walk stops on an empty page or one shorter than the largest
 * the server has returned (its real page size, whatever we asked for).
 */
const collectCpq = async (context: CollectContext): Promise<SourceData> => {
  const service = context.config.services.cpq;
  if (service === null) return { problems: [] };
  const client = context.createClient(service.credentials, service.baseUrl);
  const count = Math.min(context.config.collect.pageSize, MAX_COUNT);
  let firstUrl = '';
  const fetch = async (startIndex: number, shouldRun: () => boolean): Promise<Page<RawCpqUser>> => {
    const url = new URL(`${service.baseUrl}/rest/${service.version}/scim/Users`);
    url.searchParams.set('startIndex', String(startIndex));
    url.searchParams.set('count', String(count));
    const response = await client.getJson(url, { source: SOURCE, shouldRun });
    if (startIndex === 1) firstUrl = response.displayUrl;
    const page = parsePayload(cpqUsersPageSchema, response.body, SOURCE, response.displayUrl);
    const items = page.Resources ?? [];
    client.recordPage(SOURCE, items.length, { total: startIndex === 1 ? page.totalResults : null });
    return { items, hasMore: null, totalResults: page.totalResults ?? null };
  };
  const result = await walkPages({ start: 1, fetch, isLast: isLastScimPage, window: context.config.collect.concurrency, getId: (user) => user.id });
  if (result.duplicates > 0) context.logger.warn(`${SOURCE}: ${result.duplicates} user(s) appeared on two pages (CPQ changed during collection); each is kept once`);
  const problems = result.items.length === 0
    ? [`${SOURCE}: GET ${firstUrl}: HTTP 200 with no users at all: the CPQ account sees no users (missing permission?); an empty service is not a clean one`]
    : [];
  return { serviceAccounts: result.items.map(normaliseCpqUser), problems };
};

/** Oracle CPQ SCIM Users with the CPQ permission flags. */
export const cpqScimSource: SourcePlugin = {
  id: 'cpq',
  title: 'CPQ SCIM Users',
  isEnabled: (config) => config.services.cpq !== null,
  collect: collectCpq,
};
