import type { CxResourceFacts, ServiceAccount } from '../../model/types.ts';
import type { RawResource } from './payload.ts';

const toText = (value: string | number | null | undefined): string | null => {
  if (value === null || value === undefined) return null;
  const text = String(value).trim();
  return text === '' ? null : text;
};

/** YYYY-MM-DD of an Oracle date or timestamp; null when absent or unreadable. */
const toDay = (value: string | null | undefined): string | null => {
  const text = toText(value);
  return text !== null && /^\d{4}-\d{2}-\d{2}/.test(text) ? text.slice(0, 10) : null;
};

const isDeleted = (value: boolean | string | null | undefined): boolean =>
  value === true || (typeof value === 'string' && /^(y|yes|true)$/i.test(value.trim()));

/**
 * Active (oracle-reference §11.3, [INF]): `day` between ResourceStartDate and ResourceEndDate (no
 * end date = open; no start date = started) and DeleteFlag not set. There is no documented flag.
 */
export const isResourceActive = (resource: Pick<CxResourceFacts, 'startDate' | 'endDate' | 'deleted'>, day: string): boolean =>
  !resource.deleted && (resource.startDate === null || resource.startDate <= day) && (resource.endDate === null || resource.endDate >= day);

/** A stable id for duplicate detection across pages. */
export const getResourceId = (raw: RawResource): string =>
  toText(raw.ResourceProfileId) ?? `party:${toText(raw.ResourcePartyNumber) ?? toText(raw.ResourcePartyId) ?? toText(raw.Username) ?? toText(raw.ResourceEmail) ?? '?'}`;

/**
 * One resource as a service account. The username shown is CX's Username, else the email, else
 * the party number (a resource may have no user); the key is its upper case.
 */
export const normaliseResource = (raw: RawResource, day: string): ServiceAccount => {
  const resource: CxResourceFacts = {
    username: toText(raw.Username),
    profileId: toText(raw.ResourceProfileId),
    partyId: toText(raw.ResourcePartyId),
    partyNumber: toText(raw.ResourcePartyNumber),
    startDate: toDay(raw.ResourceStartDate),
    endDate: toDay(raw.ResourceEndDate),
    organizationId: toText(raw.ResourceOrganizationId),
    orgRoleCode: toText(raw.ResourceOrgRoleCode),
    deleted: isDeleted(raw.DeleteFlag),
    lastUpdateDate: toText(raw.LastUpdateDate),
    activeOn: day,
  };
  const email = toText(raw.ResourceEmail);
  const username = resource.username ?? email ?? `party ${resource.partyNumber ?? resource.partyId ?? getResourceId(raw)}`;
  return {
    service: 'cx',
    key: username.toUpperCase(),
    id: getResourceId(raw),
    username,
    active: isResourceActive(resource, day),
    displayName: toText(raw.PartyName),
    email,
    externalId: resource.partyNumber,
    userType: resource.orgRoleCode,
    groups: [],
    permissions: {},
    resource,
  };
};
