import { request, type Dispatcher } from 'undici';
import { TOOL } from '../version.ts';
import type { TokenTransport } from './types.ts';

/** Token POSTs go through the same dispatcher as the audit's GETs (proxy settings included), one try each. */
export const createTokenTransport = (dispatcher: Dispatcher, timeoutMs: number): TokenTransport => async (url, headers, form) => {
  const response = await request(url, {
    method: 'POST',
    dispatcher,
    headers: { 'user-agent': `${TOOL.name}/${TOOL.version}`, ...headers },
    body: form.toString(),
    signal: AbortSignal.timeout(timeoutMs),
  });
  return { status: response.statusCode, text: await response.body.text() };
};
