import type { TenantIndex } from './tenant-index.ts';
import type { SimUser } from './types.ts';

/**
 * Pre-serialised HCM JSON fragments. A page is assembled by string concatenation from cached
 * per-user and per-role pieces, so a 500-row page never runs JSON.stringify over objects.
 */
export interface HcmSerialiser {
  /** One userAccounts item. `expand` adds userAccountRoles in the shape the framework version picks. */
  toItem(user: SimUser, options: { expand: boolean; onlyData: boolean; version: number }): string;
  /** Role rows [offset, offset + limit) as JSON object strings. */
  toRoleRows(user: SimUser, offset: number, limit: number, onlyData: boolean): string[];
  getCollectionUrl(): string;
  getChildUrl(user: SimUser): string;
}

const DAY_MS = 86_400_000;
const EPOCH = Date.UTC(2015, 0, 1);

/** Stable pseudo dates derived from the UserId (ISO with +00:00, as HCM writes them). */
export const getUserDates = (user: SimUser): { created: Date; updated: Date } => {
  const created = new Date(EPOCH + ((user.userId * 7919) % 3000) * DAY_MS + ((user.userId * 104_729) % DAY_MS));
  return { created, updated: new Date(created.getTime() + ((user.userId * 31) % 400) * DAY_MS) };
};
const toOracleIso = (date: Date): string => date.toISOString().replace('Z', '+00:00');

const link = (rel: string, href: string, name: string, kind: string): string =>
  `{"rel":"${rel}","href":${JSON.stringify(href)},"name":"${name}","kind":"${kind}"}`;

export const createHcmSerialiser = (index: TenantIndex, baseUrl: string, restVersion: string): HcmSerialiser => {
  const collectionUrl = `${baseUrl}/hcmRestApi/resources/${restVersion}/userAccounts`;
  const cores = new Map<number, string>();
  const whos = new Map<number, string>();
  const roleParts = new Map<string, string>();

  const getWho = (user: SimUser): string => {
    let who = whos.get(user.userId);
    if (who === undefined) {
      const { created, updated } = getUserDates(user);
      who = `"CreatedBy":"HCM_USER_PROVISIONING","CreationDate":"${toOracleIso(created)}","LastUpdatedBy":"IT_SECURITY_MANAGER","LastUpdateDate":"${toOracleIso(updated)}"`;
      whos.set(user.userId, who);
    }
    return who;
  };
  const getCore = (user: SimUser): string => {
    let core = cores.get(user.userId);
    if (core === undefined) {
      core = `"UserId":${user.userId},"Username":${JSON.stringify(user.hcmUsername)},"SuspendedFlag":${user.suspended},`
        + `"PersonId":${user.personId ?? 'null'},"PersonNumber":${user.personNumber === null ? 'null' : JSON.stringify(user.personNumber)},`
        + `"CredentialsEmailSentFlag":${user.personId !== null},"GUID":"${user.guid}",${getWho(user)}`;
      cores.set(user.userId, core);
    }
    return core;
  };
  const getRolePart = (code: string): string => {
    let part = roleParts.get(code);
    if (part === undefined) {
      part = `"RoleId":${index.roleByCode.get(code)?.roleId ?? 0},"RoleCode":${JSON.stringify(code)}`;
      roleParts.set(code, part);
    }
    return part;
  };
  const getChildUrl = (user: SimUser): string => `${collectionUrl}/${user.guid}/child/userAccountRoles`;

  const toRoleRows = (user: SimUser, offset: number, limit: number, onlyData: boolean): string[] => {
    const rows: string[] = [];
    const end = Math.min(user.roles.length, offset + limit);
    for (let i = offset; i < end; i += 1) {
      const userRoleId = 300_100_000_000_000 + user.userId * 100 + i;
      const links = onlyData ? '' : `,"links":[${link('self', `${getChildUrl(user)}/${userRoleId}`, 'userAccountRoles', 'item')}]`;
      rows.push(`{"UserRoleId":${userRoleId},${getRolePart(user.roles[i]!)},${getWho(user)}${links}}`);
    }
    return rows;
  };

  // The expanded child of the usual collector request (onlyData) is cached whole per user.
  const allRowsOnlyData = new Map<number, string>();
  const getAllRows = (user: SimUser, onlyData: boolean): string => {
    if (!onlyData) return toRoleRows(user, 0, user.roles.length, false).join(',');
    let rows = allRowsOnlyData.get(user.userId);
    if (rows === undefined) allRowsOnlyData.set(user.userId, (rows = toRoleRows(user, 0, user.roles.length, true).join(',')));
    return rows;
  };

  const toChild = (user: SimUser, onlyData: boolean, version: number): string => {
    if (version < 3) return `[${getAllRows(user, onlyData)}]`;
    // Framework 3+: a nested collection cut at the default limit of 25.
    const count = Math.min(25, user.roles.length);
    const rows = user.roles.length <= 25 ? getAllRows(user, onlyData) : toRoleRows(user, 0, 25, onlyData).join(',');
    return `{"items":[${rows}],"count":${count},"hasMore":${user.roles.length > 25},"limit":25,"offset":0,`
      + `"links":[${link('self', getChildUrl(user), 'userAccountRoles', 'collection')}]}`;
  };

  return {
    getCollectionUrl: () => collectionUrl,
    getChildUrl,
    toRoleRows,
    toItem: (user, { expand, onlyData, version }) => {
      const child = expand ? `,"userAccountRoles":${toChild(user, onlyData, version)}` : '';
      const self = `${collectionUrl}/${user.guid}`;
      const links = onlyData ? '' : `,"links":[${link('self', self, 'userAccounts', 'item')},${link('canonical', self, 'userAccounts', 'item')},`
        + `${link('child', getChildUrl(user), 'userAccountRoles', 'collection')}]`;
      return `{${getCore(user)}${child}${links}}`;
    },
  };
};

/** The collection envelope; totalResults only when asked for. */
export const toCollection = (items: string[], page: { total: number; offset: number; limit: number; totalResults: boolean; selfUrl: string; name: string }): string =>
  `{"items":[${items.join(',')}],${page.totalResults ? `"totalResults":${page.total},` : ''}"count":${items.length},`
  + `"hasMore":${page.offset + items.length < page.total},"limit":${page.limit},"offset":${page.offset},`
  + `"links":[${link('self', page.selfUrl, page.name, 'collection')}]}`;
