import type { z } from 'zod';
import { isAuditError } from '../../errors.ts';
import { isLastScimPage, walkPages, type Page } from '../http/paging.ts';
import { parsePayload } from '../parse-payload.ts';
import type { CollectContext, SourceData, SourcePlugin } from '../types.ts';
import { normaliseScimRole, normaliseScimUser } from './normalise.ts';
import { scimRolesPageSchema, scimUsersPageSchema } from './payload.ts';

const SOURCE = 'scim';

/**
 * Pages a SCIM list (startIndex is 1-based; count ≤ the configured page size). Each item is
 * normalised as its page arrives, so the raw payload (meta, schemas, role descriptions) is
 * dropped at once instead of living until the last page.
 */
const readScimList = async <T, R>(
  context: CollectContext,
  path: string,
  schema: z.ZodType<{ Resources?: T[] | null; totalResults?: number | null }>,
  getId: (item: T) => string,
  toRecord: (item: T) => R,
  query: Record<string, string> = {},
): Promise<{ items: R[]; url: string }> => {
  const { client, config } = context;
  let firstUrl = '';
  const fetch = async (startIndex: number, shouldRun: () => boolean): Promise<Page<{ id: string; record: R }>> => {
    const url = new URL(`${config.tenant.baseUrl}/hcmRestApi/scim/${path}`);
    for (const [key, value] of Object.entries(query)) url.searchParams.set(key, value);
    url.searchParams.set('startIndex', String(startIndex));
    url.searchParams.set('count', String(config.collect.pageSize));
    const response = await client.getJson(url, { source: SOURCE, shouldRun });
    if (startIndex === 1) firstUrl = response.displayUrl;
    const page = parsePayload(schema, response.body, SOURCE, response.displayUrl);
    const items = page.Resources ?? [];
    // Users is the list the progress bar counts; the role catalogue is detail.
    client.recordPage(SOURCE, items.length, { total: startIndex === 1 ? page.totalResults : null, detail: path !== 'Users' });
    return { items: items.map((item) => ({ id: getId(item), record: toRecord(item) })), hasMore: null, totalResults: page.totalResults ?? null };
  };
  const result = await walkPages({ start: 1, fetch, isLast: isLastScimPage, window: config.collect.concurrency, getId: (entry) => entry.id });
  if (result.duplicates > 0) context.logger.warn(`${SOURCE}: ${result.duplicates} ${path} entr(ies) appeared on two pages (the tenant changed during collection); each is kept once`);
  return { items: result.items.map((entry) => entry.record), url: firstUrl };
};

const collectScim = async (context: CollectContext): Promise<SourceData> => {
  // allSettled: when Users fails, Roles still finishes, so the statistics are final.
  const [usersResult, roles] = await Promise.allSettled([
    readScimList(context, 'Users', scimUsersPageSchema, (user) => user.id, normaliseScimUser),
    // Without members: a widely granted role's member list can hold the whole tenant.
    readScimList(context, 'Roles', scimRolesPageSchema, (role) => role.id ?? role.name, normaliseScimRole, { attributes: 'id,name,displayName,category,description' })
      .catch((error: unknown) => {
        // The catalogue only adds names and categories: keep the users, report the gap.
        if (isAuditError(error)) return { items: [], url: '', problem: error.message };
        throw error;
      }),
  ]);
  if (usersResult.status === 'rejected') throw usersResult.reason;
  if (roles.status === 'rejected') throw roles.reason;
  const users = usersResult.value;
  const problems: string[] = [];
  if (users.items.length === 0) {
    problems.push(`${SOURCE}: GET ${users.url}: HTTP 200 with no users at all: the audit account sees no users (missing privilege or data security?); an empty tenant is not a clean one`);
  }
  if ('problem' in roles.value) problems.push(roles.value.problem);
  return { scim: users.items, catalogue: roles.value.items, problems };
};

/** Fusion SCIM /Users (active, roles with names, faUser extension) and /Roles (the role catalogue). */
export const fusionScimSource: SourcePlugin = { id: 'scim', title: 'Fusion SCIM Users and Roles', collect: collectScim };
