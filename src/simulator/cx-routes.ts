import { parseIntParam, toAdfErrorReply, toJsonReply, type Reply } from './replies.ts';
import type { SimResource } from './types.ts';

/** `/crmRestApi/resources/{version}/resourceUsers` (oracle-reference §11.2). */
export const CX_PATH = /^\/crmRestApi\/resources\/([^/]+)\/resourceUsers$/;

/** The list call's fields as CX names them (the wire shape, oracle-reference §11.3). */
const toItem = (resource: SimResource): Record<string, unknown> => ({
  ResourceProfileId: resource.profileId,
  ResourcePartyId: resource.partyId,
  ResourcePartyNumber: resource.partyNumber,
  PartyName: resource.partyName,
  Username: resource.username,
  ResourceEmail: resource.email,
  ResourceStartDate: resource.startDate,
  ResourceEndDate: resource.endDate,
  ResourceOrganizationId: resource.organizationId,
  ResourceOrgRoleCode: resource.orgRoleCode,
  DeleteFlag: resource.deleted,
  LastUpdateDate: '2025-03-01T12:00:00+00:00',
});
const KNOWN_FIELDS = new Set(Object.keys(toItem({} as SimResource)));

export interface CxRouteContext {
  resources: readonly SimResource[];
  url: URL;
  version: number;
  maxLimit: number;
  /** false: the caller has no data security over resources, so the list is empty (HTTP 200). */
  canSeeResources: boolean;
  /** Fields this pod does not have: never sent, and a 400 when asked for with `fields`. */
  missingFields: readonly string[];
}

/** ADF paging: limit (default 25, capped and echoed), offset, hasMore, totalResults on request, fields. */
export const getCxReply = (context: CxRouteContext): Reply => {
  const { url } = context;
  const limit = parseIntParam(url.searchParams.get('limit'));
  const offset = parseIntParam(url.searchParams.get('offset'));
  if (Number.isNaN(limit) || Number.isNaN(offset)) return toAdfErrorReply(400, context.version, 'limit and offset must be non-negative integers.');
  const fields = url.searchParams.get('fields')?.split(',').filter((field) => field !== '') ?? null;
  const unknown = fields?.find((field) => !KNOWN_FIELDS.has(field) || context.missingFields.includes(field));
  if (unknown !== undefined) return toAdfErrorReply(400, context.version, `The attribute ${unknown} is not valid for resourceUsers.`);
  const visible = context.canSeeResources ? context.resources : [];
  const size = Math.min(limit ?? 25, context.maxLimit);
  const start = offset ?? 0;
  const items = visible.slice(start, start + size).map((resource) => {
    const item = toItem(resource);
    for (const field of context.missingFields) delete item[field];
    return fields === null ? item : Object.fromEntries(fields.map((field) => [field, item[field]]));
  });
  const body = {
    items, count: items.length, hasMore: start + items.length < visible.length, limit: size, offset: start,
    ...(url.searchParams.get('totalResults') === 'true' ? { totalResults: visible.length } : {}),
  };
  return toJsonReply(JSON.stringify(body));
};
