import { parseIntParam, toJsonReply, toScimErrorReply, type Reply } from './replies.ts';
import type { RouteContext } from './route-context.ts';

/** `/hcmRestApi/scim/{Users|Roles}[/{id}]` */
export const SCIM_PATH = /^\/hcmRestApi\/scim\/(Users|Roles)(?:\/([^/]+))?$/;

/** The only filter form the simulator understands: `<attribute> eq "value"` (case-insensitive). */
const parseEqFilter = (filter: string, attribute: string): string | null => {
  const match = /^\s*(\w+)\s+eq\s+"((?:[^"\\]|\\.)*)"\s*$/i.exec(filter);
  return match && match[1]!.toLowerCase() === attribute.toLowerCase() ? match[2]!.replace(/\\(.)/g, '$1') : null;
};

/** Whether `attributes` (when given) names `name`. Absent attributes means everything. */
const hasAttribute = (context: RouteContext, name: string): boolean => {
  const value = context.url.searchParams.get('attributes');
  return value === null || value.split(',').some((part) => part.trim().toLowerCase() === name.toLowerCase());
};

export const getScimReply = (context: RouteContext, match: RegExpExecArray): Reply => {
  const [, resource, id] = match;
  const serialiser = context.scim;
  const isUsers = resource === 'Users';
  if (id !== undefined) {
    if (isUsers) {
      const user = context.index.scimById.get(id.toUpperCase());
      return user === undefined ? toScimErrorReply(404, `User ${id} not found.`) : toJsonReply(serialiser.toUser(user, hasAttribute(context, 'roles')));
    }
    const role = context.index.roleById.get(id.toUpperCase());
    return role === undefined ? toScimErrorReply(404, `Role ${id} not found.`) : toJsonReply(serialiser.toRole(role, true));
  }

  const params = context.url.searchParams;
  const startIndex = parseIntParam(params.get('startIndex'));
  const count = parseIntParam(params.get('count'));
  if (Number.isNaN(startIndex) || startIndex === 0) return toScimErrorReply(400, 'startIndex must be a positive integer (1-based).');
  if (Number.isNaN(count)) return toScimErrorReply(400, 'count must be a non-negative integer.');
  const start = startIndex ?? 1;
  const size = Math.min(count ?? 25, context.maxLimit);
  const filter = params.get('filter');

  let resources: string[];
  if (isUsers) {
    let users = context.index.scimUsers;
    if (filter !== null && filter !== '') {
      const wanted = parseEqFilter(filter, 'userName');
      if (wanted === null) return toScimErrorReply(400, `Unsupported filter ${filter}: use userName eq "NAME".`);
      const user = context.index.scimByUsername.get(wanted.toUpperCase());
      users = user === undefined ? [] : [user];
    } else if (size > 0 && context.isMalformedPage('scim', Math.floor((start - 1) / size) + 1)) {
      return toJsonReply(`{"itemsPerPage":1,"startIndex":${start},"Resources":[{"userName":42}]}`);
    }
    const withRoles = hasAttribute(context, 'roles');
    resources = users.slice(start - 1, start - 1 + size).map((user) => serialiser.toUser(user, withRoles));
  } else {
    let roles = context.index.roles;
    if (filter !== null && filter !== '') {
      const wanted = parseEqFilter(filter, 'name');
      if (wanted === null) return toScimErrorReply(400, `Unsupported filter ${filter}: use name eq "CODE".`);
      const role = context.index.roleByCode.get(wanted.toUpperCase());
      roles = role === undefined ? [] : [role];
    }
    const withMembers = hasAttribute(context, 'members');
    resources = roles.slice(start - 1, start - 1 + size).map((role) => serialiser.toRole(role, withMembers));
  }
  // Fusion documents no totalResults and no ListResponse schemas: leave both out.
  return toJsonReply(`{"itemsPerPage":${resources.length},"startIndex":${start},"Resources":[${resources.join(',')}]}`);
};
