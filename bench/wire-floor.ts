/**
 * The floor under `collect` at 0 ms latency (issue 12): the same pages the collector reads,
 * fetched once by the bench, then only JSON.parse over their text and only JSON.stringify over
 * the snapshot's accounts, timed in this process. No collector can parse fewer bytes (the
 * payloads are what Oracle's documented parameters give; `fields=` on the child is [INF]) or
 * write a smaller snapshot, so these two figures bound the tool's CPU from below.
 */
import { readFile } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import { request } from 'undici';
import { PAGE_SIZE } from './collect.ts';

interface Wire { texts: string[]; bytes: number }

const getText = async (url: URL, headers: Record<string, string>): Promise<string> => {
  const response = await request(url, { headers });
  const text = await response.body.text();
  if (response.statusCode !== 200) throw new Error(`wire floor: GET ${url.pathname}: HTTP ${response.statusCode}`);
  return text;
};

/** HCM userAccounts list pages (expand, onlyData), the child pages past 25 roles, SCIM Users and Roles pages. */
export const fetchCollectionPages = async (baseUrl: string, restVersion: string, username: string, password: string): Promise<Wire> => {
  const auth = { authorization: `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}` };
  const hcmHeaders = { ...auth, 'rest-framework-version': '4' };
  const texts: string[] = [];
  const hcm = `${baseUrl}/hcmRestApi/resources/${restVersion}/userAccounts`;
  for (let offset = 0; ; offset += PAGE_SIZE) {
    const url = new URL(`${hcm}?expand=userAccountRoles&onlyData=true&limit=${PAGE_SIZE}&offset=${offset}`);
    const text = await getText(url, hcmHeaders);
    texts.push(text);
    const page = JSON.parse(text) as { items: { GUID: string; userAccountRoles?: { hasMore?: boolean; count: number } }[]; hasMore: boolean };
    for (const item of page.items) {
      if (item.userAccountRoles?.hasMore !== true) continue;
      for (let at = item.userAccountRoles.count; ; at += PAGE_SIZE) {
        const child = await getText(new URL(`${hcm}/${item.GUID}/child/userAccountRoles?onlyData=true&limit=${PAGE_SIZE}&offset=${at}`), hcmHeaders);
        texts.push(child);
        if ((JSON.parse(child) as { hasMore: boolean }).hasMore !== true) break;
      }
    }
    if (!page.hasMore) break;
  }
  for (const [path, query] of [['Users', ''], ['Roles', '&attributes=id,name,displayName,category,description']] as const) {
    for (let start = 1; ; start += PAGE_SIZE) {
      const text = await getText(new URL(`${baseUrl}/hcmRestApi/scim/${path}?startIndex=${start}&count=${PAGE_SIZE}${query}`), auth);
      texts.push(text);
      if (((JSON.parse(text) as { Resources?: unknown[] }).Resources ?? []).length < PAGE_SIZE) break;
    }
  }
  return { texts, bytes: texts.reduce((sum, text) => sum + Buffer.byteLength(text), 0) };
};

/** Best of `runs` passes of `work`, in seconds (the floor: the least the machine needed). */
const best = (runs: number, work: () => void): number => {
  let fastest = Infinity;
  for (let i = 0; i < runs; i += 1) {
    const started = performance.now();
    work();
    fastest = Math.min(fastest, performance.now() - started);
  }
  return fastest / 1000;
};

/** Seconds for JSON.parse over every page, and for JSON.stringify over every account of the snapshot. */
export const measureFloor = async (wire: Wire, accountsFile: string): Promise<{ parseSeconds: number; stringifySeconds: number; snapshotBytes: number }> => {
  const parseSeconds = best(3, () => {
    for (const text of wire.texts) JSON.parse(text);
  });
  const lines = (await readFile(accountsFile, 'utf8')).split('\n').filter((line) => line !== '');
  const accounts = lines.map((line) => JSON.parse(line) as unknown);
  let snapshotBytes = 0;
  const stringifySeconds = best(3, () => {
    snapshotBytes = 0;
    for (const account of accounts) snapshotBytes += JSON.stringify(account).length + 1;
  });
  return { parseSeconds, stringifySeconds, snapshotBytes };
};
