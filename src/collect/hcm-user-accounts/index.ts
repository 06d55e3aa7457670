import { toAccountKey } from '../../model/merge.ts';
import { isLastAdfPage, walkPages, type Page } from '../http/paging.ts';
import { parsePayload } from '../parse-payload.ts';
import type { HcmAccountRecord } from '../../model/source-records.ts';
import type { CollectContext, SourceData, SourcePlugin } from '../types.ts';
import { normaliseHcmAccount } from './normalise.ts';
import { userAccountsPageSchema, type RawRoleRow, type RawUserAccount } from './payload.ts';
import { getExpandedRoles, getRoleKey, readRoleRows } from './read-role-rows.ts';
import { readSelfVisibility } from './self-visibility.ts';
import { getHeaders, getUserAccountsUrl, SOURCE } from './urls.ts';

/** One account as the walk holds it: normalised at once, or pending its remaining role pages. */
interface HcmEntry {
  guid: string;
  record: HcmAccountRecord | Promise<HcmAccountRecord>;
}

/**
 * Every userAccounts row, paged with limit/offset, normalised as its page arrives so the raw
 * payload can be dropped early. Accounts whose expanded roles were cut short get their remaining
 * role pages requested right away as follow-up work, which shares the slots with the list walk
 * (the walk keeps a quarter of them while both wait; see priority-gate.ts).
 */
const readUserAccounts = async (context: CollectContext): Promise<{ entries: HcmEntry[]; url: string }> => {
  const { client, config } = context;
  let firstUrl = '';
  const toEntry = (raw: RawUserAccount): HcmEntry => {
    if (!getExpandedRoles(raw).more) return { guid: raw.GUID, record: normaliseHcmAccount(raw, getExpandedRoles(raw).rows) };
    const pending = readAllRoleRows(context, raw).then((rows) => normaliseHcmAccount(raw, rows));
    pending.catch(() => undefined); // observed when awaited below; a page the walk does not use is moot
    return { guid: raw.GUID, record: pending };
  };
  const fetch = async (offset: number, shouldRun: () => boolean): Promise<Page<HcmEntry>> => {
    const url = getUserAccountsUrl(config);
    url.searchParams.set('expand', 'userAccountRoles');
    url.searchParams.set('onlyData', 'true');
    url.searchParams.set('limit', String(config.collect.pageSize));
    url.searchParams.set('offset', String(offset));
    // Asked once, only to queue the remaining pages in parallel; the walk never stops on it.
    if (offset === 0) url.searchParams.set('totalResults', 'true');
    const response = await client.getJson(url, { source: SOURCE, headers: getHeaders(context.restFrameworkVersion), shouldRun });
    if (offset === 0) firstUrl = response.displayUrl;
    const page = parsePayload(userAccountsPageSchema, response.body, SOURCE, response.displayUrl);
    client.recordPage(SOURCE, page.items.length, { total: offset === 0 ? page.totalResults : null });
    return { items: page.items.map(toEntry), hasMore: page.hasMore ?? null, totalResults: page.totalResults ?? null };
  };
  const result = await walkPages({ start: 0, fetch, isLast: isLastAdfPage, window: config.collect.concurrency, getId: (entry) => entry.guid });
  if (result.duplicates > 0) context.logger.warn(`${SOURCE}: ${result.duplicates} account(s) appeared on two pages (the tenant changed during collection); each is kept once`);
  return { entries: result.items, url: firstUrl };
};

/** All role rows of one account: the expanded ones plus, when cut short, the rest from the child resource. */
const readAllRoleRows = async (context: CollectContext, account: RawUserAccount): Promise<RawRoleRow[]> => {
  const expanded = getExpandedRoles(account);
  if (!expanded.more) return expanded.rows;
  const rest = await readRoleRows(context, account.GUID, expanded.rows.length);
  const seen = new Set(expanded.rows.map(getRoleKey));
  return [...expanded.rows, ...rest.filter((row) => !seen.has(getRoleKey(row)))];
};

const collectHcm = async (context: CollectContext): Promise<SourceData> => {
  const self = context.auditUser === null ? Promise.resolve(null) : readSelfVisibility(context, context.auditUser);
  // allSettled: when one fails the other still finishes, so the statistics are final.
  const [listResult, selfResult] = await Promise.allSettled([readUserAccounts(context), self]);
  if (listResult.status === 'rejected') throw listResult.reason;
  if (selfResult.status === 'rejected') throw selfResult.reason;
  const [list, selfProblem] = [listResult.value, selfResult.value];
  const records = await Promise.all(list.entries.map((entry) => Promise.resolve(entry.record)));
  const problems: string[] = [];
  if (records.length === 0) {
    problems.push(`${SOURCE}: GET ${list.url}: HTTP 200 with no user accounts at all: the audit account sees no users (missing data security?); an empty tenant is not a clean one`);
  }
  if (selfProblem !== null) problems.push(selfProblem);
  else if (context.auditUser !== null && records.length > 0 && !records.some((r) => toAccountKey(r.username) === toAccountKey(context.auditUser ?? ''))) {
    problems.push(`${SOURCE}: GET ${list.url}: the audit account ${context.auditUser} finds itself by name but is missing from the full list: the list is incomplete`);
  }
  return { hcm: records, problems };
};

/** HCM REST userAccounts (expand=userAccountRoles): ids, person links, SuspendedFlag, direct roles. */
export const hcmUserAccountsSource: SourcePlugin = { id: 'hcm', title: 'HCM REST userAccounts', collect: collectHcm };
