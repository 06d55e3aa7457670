import { parseIntParam, toJsonReply, toScimErrorReply, toUnauthorizedReply, type Reply } from './replies.ts';
import { CPQ_EXTENSION } from './services.ts';
import type { SimServiceAdmin, SimServices, SimServiceUser } from './types.ts';

/** `/scim/v1/{tenant}/{Users|Groups}[/{id}]` (Life Sciences IAMS, oracle-reference §3.1). */
export const IAMS_PATH = /^\/scim\/v1\/([^/]+)\/(Users|Groups)(?:\/([^/]+))?$/;
/** `/rest/{version}/scim/Users[/{id}]` (CPQ, §3.2); Oracle's docs use both Users and users. */
export const CPQ_PATH = /^\/rest\/(v\d+)\/scim\/(users)(?:\/([^/]+))?$/i;

const IAMS_LIST = 'urn:scim:schemas:core:2.0:ListResponse';
const CPQ_LIST = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';

export interface ServiceRouteContext {
  services: SimServices;
  url: URL;
  baseUrl: string;
  authorization: string | undefined;
  maxLimit: number;
  /** IAMS /Groups page size; null: the whole list in one answer, as IAMS documents. */
  iamsGroupPageSize: number | null;
  isMalformedPage(source: 'cpq', page: number): boolean;
}

/** Basic auth against the service's own admin account (not a Fusion account). */
const isAdmin = (admin: SimServiceAdmin, header: string | undefined): boolean => {
  if (header === undefined || !/^basic\s+/i.test(header)) return false;
  const decoded = Buffer.from(header.replace(/^basic\s+/i, ''), 'base64').toString('utf8');
  return decoded === `${admin.username}:${admin.password}`;
};

const toIamsUser = (user: SimServiceUser, location: string): Record<string, unknown> => ({
  schemas: ['urn:scim:schemas:core:2.0:User'],
  id: user.id,
  ...(user.externalId === null ? {} : { externalId: user.externalId }),
  userName: user.userName,
  name: { givenName: user.givenName, familyName: user.familyName },
  emails: [{ value: user.email, type: 'work' }],
  userType: user.userType,
  active: user.active,
  meta: { created: '2024-01-15T09:00:00Z', lastModified: '2025-03-01T12:00:00Z', location: `${location}/Users/${user.id}`, resourceType: 'User' },
});

const parseEq = (filter: string): { attribute: string; value: string } | null => {
  const match = /^\s*(\w+)\s+eq\s+"([^"]*)"\s*$/i.exec(filter);
  return match === null ? null : { attribute: match[1]!, value: match[2]! };
};

export const getIamsReply = (context: ServiceRouteContext, match: RegExpExecArray): Reply => {
  const { iams } = context.services;
  const [, tenant, resource, id] = match;
  if (tenant !== iams.tenant) return toScimErrorReply(404, `Unknown tenant ${tenant ?? ''}.`);
  if (!isAdmin(iams.admin, context.authorization)) return toUnauthorizedReply();
  const location = `${context.baseUrl}/scim/v1/${iams.tenant}`;
  if (resource === 'Groups') {
    if (id !== undefined) {
      const group = iams.groups.find((entry) => entry.id === decodeURIComponent(id));
      if (group === undefined) return toScimErrorReply(404, `Group ${id} not found.`);
      const byId = new Map(iams.users.map((user) => [user.id, user]));
      const members = group.members.map((value) => ({ value, display: byId.get(value)?.userName ?? value, $ref: `${location}/Users/${value}` }));
      return toJsonReply(JSON.stringify({ schemas: ['urn:scim:schemas:core:2.0:Group'], id: group.id, displayName: group.id, members }));
    }
    const all = iams.groups.map((group) => ({ id: group.id, displayName: group.id }));
    if (context.iamsGroupPageSize === null) return toJsonReply(JSON.stringify({ schemas: [IAMS_LIST], totalResults: all.length, Resources: all }));
    const start = parseIntParam(context.url.searchParams.get('startIndex')) ?? 1;
    const page = all.slice(Math.max(0, start - 1), Math.max(0, start - 1) + context.iamsGroupPageSize);
    return toJsonReply(JSON.stringify({ schemas: [IAMS_LIST], totalResults: all.length, startIndex: start, itemsPerPage: page.length, Resources: page }));
  }
  if (id !== undefined) {
    const user = iams.users.find((entry) => entry.id === id);
    return user === undefined ? toScimErrorReply(404, `User ${id} not found.`) : toJsonReply(JSON.stringify(toIamsUser(user, location)));
  }
  // IAMS has no list-all-users call: a search needs userName or externalId eq, no wildcards.
  const filter = parseEq(context.url.searchParams.get('filter') ?? '');
  if (filter === null || !/^(userName|externalId)$/i.test(filter.attribute)) {
    return toScimErrorReply(400, 'A filter is required: userName eq "NAME" or externalId eq "ID".');
  }
  const byName = filter.attribute.toLowerCase() === 'username';
  const found = iams.users.filter((user) => (byName ? user.userName.toLowerCase() === filter.value.toLowerCase() : user.externalId === filter.value));
  return toJsonReply(JSON.stringify({ schemas: [IAMS_LIST], totalResults: found.length, Resources: found.slice(0, 1).map((user) => toIamsUser(user, location)) }));
};

const toCpqUser = (user: SimServiceUser, location: string): Record<string, unknown> => ({
  schemas: [
    'urn:ietf:params:scim:schemas:core:2.0:User',
    'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User',
    ...(user.permissions === null ? [] : [CPQ_EXTENSION]),
  ],
  id: user.id,
  userName: user.userName,
  active: user.active,
  name: { givenName: user.givenName, familyName: user.familyName },
  emails: [{ value: user.email, type: 'work', primary: true }],
  meta: { resourceType: 'User', location: `${location}/${user.id}` },
  'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User': { organization: 'Acme Sales' },
  ...(user.permissions === null ? {} : { [CPQ_EXTENSION]: { userType: user.userType, enabledForSso: false, ...user.permissions } }),
});

export const getCpqReply = (context: ServiceRouteContext, match: RegExpExecArray): Reply => {
  const { cpq } = context.services;
  if (!isAdmin(cpq.admin, context.authorization)) return toUnauthorizedReply();
  const [, version, resource, id] = match;
  const location = `${context.baseUrl}/rest/${version ?? cpq.version}/scim/${resource ?? 'Users'}`;
  if (id !== undefined) {
    const user = cpq.users.find((entry) => entry.id === id);
    return user === undefined ? toScimErrorReply(404, `User ${id} not found.`) : toJsonReply(JSON.stringify(toCpqUser(user, location)));
  }
  const startIndex = parseIntParam(context.url.searchParams.get('startIndex'));
  const count = parseIntParam(context.url.searchParams.get('count'));
  if (Number.isNaN(startIndex) || startIndex === 0) return toScimErrorReply(400, 'startIndex must be a positive integer (1-based).');
  if (Number.isNaN(count)) return toScimErrorReply(400, 'count must be a non-negative integer.');
  const start = startIndex ?? 1;
  // CPQ's documented default is 50; the simulator caps larger requests at maxLimit.
  const size = Math.min(count ?? 50, context.maxLimit);
  if (size > 0 && context.isMalformedPage('cpq', Math.floor((start - 1) / size) + 1)) {
    return toJsonReply(`{"startIndex":${start},"itemsPerPage":1,"Resources":[{"id":"1","userName":false}]}`);
  }
  const page = cpq.users.slice(start - 1, start - 1 + size).map((user) => toCpqUser(user, location));
  // totalResults is not documented for CPQ: left out, so collectors must page until a short page.
  return toJsonReply(JSON.stringify({ schemas: [CPQ_LIST], startIndex: start, itemsPerPage: page.length, Resources: page }));
};
