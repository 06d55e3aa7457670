import { toCollection } from './hcm-serialise.ts';
import { parseIntParam, toAdfErrorReply, toJsonReply, type Reply } from './replies.ts';
import type { RouteContext } from './route-context.ts';
import type { SimUser } from './types.ts';

/** `/hcmRestApi/resources/{version}/userAccounts[/{GUID}[/child/{name}[/{id}]]]` */
export const HCM_PATH = /^\/hcmRestApi\/resources\/(11\.13\.18\.05|latest)\/userAccounts(?:\/([^/]+)(?:\/child\/([^/]+)(?:\/([^/]+))?)?)?$/;

/** Username='X' (framework 2+, spaces allowed) or Username=X (framework 1); case-insensitive. */
const parseUsernameQuery = (q: string): string | null => {
  const quoted = /^\s*Username\s*=\s*'((?:[^']|'')*)'\s*$/i.exec(q);
  if (quoted) return quoted[1]!.replace(/''/g, "'");
  const plain = /^\s*Username=([^;'\s]+)\s*$/i.exec(q);
  return plain ? plain[1]! : null;
};

/** Paging parameters shared by the collection and the child; a Reply when they are invalid. */
const getPaging = (context: RouteContext): { limit: number; offset: number } | Reply => {
  const limit = parseIntParam(context.url.searchParams.get('limit'));
  const offset = parseIntParam(context.url.searchParams.get('offset'));
  if (Number.isNaN(limit) || limit === 0) return toAdfErrorReply(400, context.version, 'The limit query parameter must be a positive integer.', 'SIM-LIMIT');
  if (Number.isNaN(offset)) return toAdfErrorReply(400, context.version, 'The offset query parameter must be a non-negative integer.', 'SIM-OFFSET');
  return { limit: Math.min(limit ?? 25, context.maxLimit), offset: offset ?? 0 };
};

/** expand: userAccountRoles or all; any other child name is a 400 as ADF answers it. */
const getExpand = (context: RouteContext): boolean | Reply => {
  const value = context.url.searchParams.get('expand');
  if (value === null || value === '') return false;
  for (const name of value.split(',')) {
    if (name !== 'userAccountRoles' && name !== 'all') {
      return toAdfErrorReply(400, context.version, `URL request parameter expand with value ${name} is invalid: userAccounts has no child resource named ${name}.`, 'SIM-EXPAND');
    }
  }
  return true;
};

const isReply = (value: unknown): value is Reply => typeof value === 'object' && value !== null && 'status' in value;

export const getHcmReply = (context: RouteContext, match: RegExpExecArray): Reply => {
  const [, restVersion = '11.13.18.05', guid, childName, childId] = match;
  const serialiser = context.getHcmSerialiser(restVersion);
  const params = context.url.searchParams;
  const onlyData = params.get('onlyData') === 'true';
  const totalResults = params.get('totalResults') === 'true';
  const expand = getExpand(context);
  if (isReply(expand)) return expand;
  const paging = getPaging(context);
  if (isReply(paging)) return paging;

  if (guid === undefined) {
    let users: SimUser[] = context.index.hcmUsers;
    const q = params.get('q');
    if (q !== null && q !== '') {
      const wanted = parseUsernameQuery(q);
      if (wanted === null) return toAdfErrorReply(400, context.version, `The query expression q=${q} is not supported: use Username='NAME'.`, 'SIM-QUERY');
      const user = context.index.hcmByUsername.get(wanted.toUpperCase());
      users = user === undefined ? [] : [user];
    }
    const page = Math.floor(paging.offset / paging.limit) + 1;
    if (q === null && context.isMalformedPage('hcm', page)) {
      return toJsonReply(`{"items":[{"Username":42}],"count":1,"hasMore":true,"limit":${paging.limit},"offset":${paging.offset},"links":[]}`);
    }
    const slice = users.slice(paging.offset, paging.offset + paging.limit);
    const items = slice.map((user) => serialiser.toItem(user, { expand, onlyData, version: context.version }));
    return toJsonReply(toCollection(items, { ...paging, total: users.length, totalResults, selfUrl: serialiser.getCollectionUrl(), name: 'userAccounts' }));
  }

  const user = context.index.hcmByGuid.get(guid.toUpperCase());
  if (user === undefined) return toAdfErrorReply(404, context.version, `The requested resource userAccounts/${guid} does not exist.`, 'SIM-404');
  if (childName === undefined) return toJsonReply(serialiser.toItem(user, { expand, onlyData, version: context.version }));
  if (childName !== 'userAccountRoles') return toAdfErrorReply(404, context.version, `userAccounts has no child resource named ${childName}.`, 'SIM-404');
  if (childId !== undefined) {
    const position = user.roles.findIndex((_, i) => String(300_100_000_000_000 + user.userId * 100 + i) === childId);
    if (position < 0) return toAdfErrorReply(404, context.version, `The requested role row ${childId} does not exist.`, 'SIM-404');
    return toJsonReply(serialiser.toRoleRows(user, position, 1, onlyData)[0]!);
  }
  const rows = serialiser.toRoleRows(user, paging.offset, paging.limit, onlyData);
  return toJsonReply(toCollection(rows, { ...paging, total: user.roles.length, totalResults, selfUrl: serialiser.getChildUrl(user), name: 'userAccountRoles' }));
};
