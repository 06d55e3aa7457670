import { isLastAdfPage, walkPages, type Page } from '../http/paging.ts';
import { parsePayload } from '../parse-payload.ts';
import type { CollectContext } from '../types.ts';
import { roleRowsPageSchema, type RawRoleRow, type RawUserAccount } from './payload.ts';
import { getHeaders, getUserAccountsUrl, SOURCE } from './urls.ts';

/** Oracle's default child page size: a bare array this long may have been cut short. */
export const DEFAULT_CHILD_LIMIT = 25;

export const getRoleKey = (row: RawRoleRow): string => (row.UserRoleId != null ? `id:${row.UserRoleId}` : `code:${row.RoleCode.toUpperCase()}`);

/** The expanded child in either shape (`roles` accepted as an alias), and whether more rows remain on the server. */
export const getExpandedRoles = (account: RawUserAccount): { rows: RawRoleRow[]; more: boolean } => {
  const child = account.userAccountRoles ?? account.roles;
  if (child === null || child === undefined) return { rows: [], more: false };
  // Framework 1–2 gives a bare array with no hasMore: when it is full, ask the child resource.
  if (Array.isArray(child)) return { rows: child, more: child.length >= DEFAULT_CHILD_LIMIT };
  return { rows: child.items, more: child.hasMore === true };
};

/** Pages `/userAccounts/{GUID}/child/userAccountRoles` from `offset` to the end. */
export const readRoleRows = async (context: CollectContext, guid: string, offset: number): Promise<RawRoleRow[]> => {
  const { client, config } = context;
  const fetch = async (position: number, shouldRun: () => boolean): Promise<Page<RawRoleRow>> => {
    const url = getUserAccountsUrl(config, `/${encodeURIComponent(guid)}/child/userAccountRoles`);
    url.searchParams.set('onlyData', 'true');
    url.searchParams.set('limit', String(config.collect.pageSize));
    url.searchParams.set('offset', String(position));
    const response = await client.getJson(url, { source: SOURCE, headers: getHeaders(context.restFrameworkVersion), shouldRun, priority: 'low' });
    const page = parsePayload(roleRowsPageSchema, response.body, SOURCE, response.displayUrl);
    client.recordPage(SOURCE, page.items.length, { detail: true });
    return { items: page.items, hasMore: page.hasMore ?? null, totalResults: null };
  };
  const result = await walkPages({ start: offset, fetch, isLast: isLastAdfPage, window: 1, getId: getRoleKey });
  return result.items;
};
