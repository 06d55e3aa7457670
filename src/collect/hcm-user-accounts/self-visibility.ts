import { toAccountKey } from '../../model/merge.ts';
import { parsePayload } from '../parse-payload.ts';
import type { CollectContext } from '../types.ts';
import { userAccountsPageSchema } from './payload.ts';
import { getHeaders, getUserAccountsUrl, SOURCE } from './urls.ts';

/**
 * Looks the audit account up by name. An account without data security over users gets
 * HTTP 200 with zero items, not an error, so "I can see myself" is the proof that an empty or
 * short list is real. Returns a problem line, or null when the account sees itself.
 */
export const readSelfVisibility = async (context: CollectContext, auditUser: string): Promise<string | null> => {
  const url = getUserAccountsUrl(context.config);
  // REST framework ≥ 2 expression syntax; a quote inside the name is doubled.
  url.searchParams.set('q', `Username='${auditUser.replace(/'/g, "''")}'`);
  url.searchParams.set('onlyData', 'true');
  url.searchParams.set('limit', '1');
  const response = await context.client.getJson(url, { source: SOURCE, headers: getHeaders(context.restFrameworkVersion) });
  const page = parsePayload(userAccountsPageSchema, response.body, SOURCE, response.displayUrl);
  context.client.recordPage(SOURCE, page.items.length, { detail: true });
  if (page.items.some((item) => toAccountKey(item.Username) === toAccountKey(auditUser))) return null;
  return `${SOURCE}: GET ${response.displayUrl}: HTTP ${response.status} with no row for the audit account ${auditUser}: it cannot see its own user account (data security over users is missing), so the account list cannot be trusted`;
};
