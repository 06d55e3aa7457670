import { parseIntParam, toAdfErrorReply, toJsonReply, type Reply } from './replies.ts';
import type { RouteContext } from './route-context.ts';
import type { SimEndpoint } from './types.ts';

/**
 * A data-security probe endpoint: the answer depends on who calls. rows → synthetic items;
 * empty → 200 with nothing (data security missing); denied (and anyone not listed) → 403;
 * error → 500.
 */
export const getProbeReply = (context: RouteContext, endpoint: SimEndpoint): Reply => {
  const behaviour = endpoint.access[context.caller.scimUsername.toUpperCase()] ?? 'denied';
  if (behaviour === 'denied') return toAdfErrorReply(403, context.version, `User ${context.caller.scimUsername} is not authorized to access ${endpoint.path}.`, 'SIM-403');
  if (behaviour === 'error') return toAdfErrorReply(500, context.version, 'Internal error.', 'SIM-500');
  const params = context.url.searchParams;
  const limit = parseIntParam(params.get('limit'));
  const offset = parseIntParam(params.get('offset'));
  if (Number.isNaN(limit) || Number.isNaN(offset)) return toAdfErrorReply(400, context.version, 'limit and offset must be non-negative integers.', 'SIM-400');
  const total = behaviour === 'rows' ? endpoint.totalRows : 0;
  const size = Math.min(limit ?? 25, context.maxLimit);
  const from = Math.min(offset ?? 0, total);
  const name = endpoint.path.split('/').pop() ?? 'rows';
  const items = Array.from({ length: Math.max(0, Math.min(size, total - from)) }, (_, i) => ({ Id: from + i + 1, Name: `${name} ${from + i + 1}` }));
  const body: Record<string, unknown> = { items };
  if (params.get('totalResults') === 'true') body.totalResults = total;
  Object.assign(body, { count: items.length, hasMore: from + items.length < total, limit: size, offset: from, links: [{ rel: 'self', href: `${context.baseUrl}${endpoint.path}`, name, kind: 'collection' }] });
  return toJsonReply(JSON.stringify(body));
};
