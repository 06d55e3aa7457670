import type { IamsServiceConfig } from '../../config/types.ts';
import type { HttpClient } from '../http/client.ts';
import { parsePayload } from '../parse-payload.ts';
import type { CollectContext, SourceData, SourcePlugin } from '../types.ts';
import { normaliseIamsUser } from './normalise.ts';
import { iamsGroupListSchema, iamsGroupSchema, iamsUserSchema, type RawIamsGroup, type RawIamsUser } from './payload.ts';

const SOURCE = 'iams';

const toUrl = (service: IamsServiceConfig, path: string): URL =>
  new URL(`${service.baseUrl}/scim/v1/${encodeURIComponent(service.tenant)}/${path}`);

/**
 * GET /Groups. IAMS documents no paging, so the first answer may be the whole list. The walk
 * pages with startIndex/count only while the server shows it pages: it stops on an empty page,
 * on a page that adds no new group (a server ignoring startIndex), when totalResults is reached,
 * when a server that echoes no startIndex and no totalResults answered (one page is all), or
 * on a page shorter than the largest seen.
 */
const readGroupIds = async (client: HttpClient, service: IamsServiceConfig, pageSize: number): Promise<{ ids: string[]; url: string }> => {
  const ids = new Set<string>();
  let firstUrl = '';
  let fullPage = 0;
  for (let start = 1; ;) {
    const url = toUrl(service, 'Groups');
    url.searchParams.set('startIndex', String(start));
    url.searchParams.set('count', String(pageSize));
    const response = await client.getJson(url, { source: SOURCE });
    if (start === 1) firstUrl = response.displayUrl;
    const page = parsePayload(iamsGroupListSchema, response.body, SOURCE, response.displayUrl);
    const items = page.Resources ?? [];
    client.recordPage(SOURCE, items.length);
    const before = ids.size;
    for (const group of items) ids.add(group.id);
    fullPage = Math.max(fullPage, items.length);
    const total = page.totalResults ?? null;
    const pages = (page.startIndex ?? null) !== null || total !== null;
    if (items.length === 0 || ids.size === before || !pages) break;
    if (total !== null ? ids.size >= total : items.length < fullPage) break;
    start += items.length;
  }
  return { ids: [...ids], url: firstUrl };
};

/** GET /Groups/{id}: the member list (users only). */
const readGroup = async (client: HttpClient, service: IamsServiceConfig, id: string): Promise<RawIamsGroup> => {
  const response = await client.getJson(toUrl(service, `Groups/${encodeURIComponent(id)}`), { source: SOURCE });
  const group = parsePayload(iamsGroupSchema, response.body, SOURCE, response.displayUrl);
  client.recordPage(SOURCE, 1);
  return group;
};

/** GET /Users/{id}; null for a member that no longer exists (404): it cannot sign in. */
const readUser = async (client: HttpClient, service: IamsServiceConfig, id: string, context: CollectContext): Promise<RawIamsUser | null> => {
  const response = await client.getJson(toUrl(service, `Users/${encodeURIComponent(id)}`), { source: SOURCE, acceptStatuses: [404], priority: 'low' });
  if (response.status === 404) {
    context.logger.warn(`${SOURCE}: GET ${response.displayUrl}: HTTP 404: a group lists member ${id}, but the user does not exist; skipped`);
    return null;
  }
  const user = parsePayload(iamsUserSchema, response.body, SOURCE, response.displayUrl);
  client.recordPage(SOURCE, 1);
  return user;
};

/**
 * IAMS has no list-all-users call (a Users search needs an exact userName/externalId filter),
 * so users are enumerated through group member lists: every group, then every distinct member.
 * A user in no group cannot be seen by any read-only caller; docs/collect.md says so.
 */
const collectIams = async (context: CollectContext): Promise<SourceData> => {
  const service = context.config.services.iams;
  if (service === null) return { problems: [] };
  const client = context.createClient(service.credentials, service.baseUrl);
  const groups = await readGroupIds(client, service, context.config.collect.pageSize);
  if (groups.ids.length === 0) {
    return { serviceAccounts: [], problems: [`${SOURCE}: GET ${groups.url}: HTTP 200 with no groups at all: IAMS users are found through group members, so none could be read (missing privilege?)`] };
  }
  const details = await Promise.all(groups.ids.map((id) => readGroup(client, service, id)));
  const membership = new Map<string, Set<string>>();
  for (const group of details) {
    for (const member of group.members ?? []) {
      const set = membership.get(member.value) ?? new Set<string>();
      set.add(group.id);
      membership.set(member.value, set);
    }
  }
  const ids = [...membership.keys()].sort();
  const users = await Promise.all(ids.map((id) => readUser(client, service, id, context)));
  const serviceAccounts = users.flatMap((user, index) => (user === null ? [] : [normaliseIamsUser(user, [...(membership.get(ids[index]!) ?? [])])]));
  return { serviceAccounts, problems: [] };
};

/** Oracle Life Sciences IAMS: groups, their members, each member user. */
export const iamsScimSource: SourcePlugin = {
  id: 'iams',
  title: 'Life Sciences IAMS Groups and Users',
  isEnabled: (config) => config.services.iams !== null,
  collect: collectIams,
};
