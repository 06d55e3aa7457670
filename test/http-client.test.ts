import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createHttpClient } from '../src/collect/http/client.ts';
import { HttpFailure } from '../src/collect/http/errors.ts';

/** A scripted loopback server: answers the n-th request with script[n] (the last one repeats). */
type Step = (request: IncomingMessage, response: ServerResponse) => void;
let close: (() => Promise<void>) | undefined;
const serve = async (script: Step[]) => {
  const seen: IncomingMessage[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const server = createServer((request, response) => {
    inFlight += 1;
    maxInFlight = Math.max(maxInFlight, inFlight);
    response.on('close', () => (inFlight -= 1));
    const step = script[Math.min(seen.length, script.length - 1)]!;
    seen.push(request);
    step(request, response);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  close = () => new Promise((done) => { server.closeAllConnections(); server.close(() => done()); });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, seen, getMaxInFlight: () => maxInFlight };
};
afterEach(async () => {
  await close?.();
  close = undefined;
});

const json = (status: number, body: unknown, headers: Record<string, string> = {}): Step => (_req, res) => {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
};
const delayed = (ms: number, step: Step): Step => (req, res) => { setTimeout(() => step(req, res), ms); };

const createClient = (overrides: Partial<Parameters<typeof createHttpClient>[0]> = {}) => {
  const sleeps: number[] = [];
  const client = createHttpClient({
    concurrency: 2, timeoutMs: 2000, retries: 3, backoffBaseMs: 10, backoffMaxMs: 5000,
    credentials: { type: 'basic', username: 'AUDIT_SVC', password: 'hunter2-secret' },
    sleep: (ms) => { sleeps.push(ms); return Promise.resolve(); },
    ...overrides,
  });
  return { client, sleeps };
};

describe('the HTTP client over loopback', () => {
  it('honours Retry-After in seconds and counts throttling', async () => {
    const server = await serve([json(429, {}, { 'retry-after': '2' }), json(200, { items: [] })]);
    const { client, sleeps } = createClient();
    const response = await client.getJson(new URL(`${server.url}/x`), { source: 'hcm' });
    expect(response.status).toBe(200);
    expect(sleeps).toEqual([2000]);
    expect(client.stats.get('hcm')).toMatchObject({ requests: 2, retries: 1, throttled: 1, errors: 0 });
    expect(server.seen[0]!.headers.authorization).toBe(`Basic ${Buffer.from('AUDIT_SVC:hunter2-secret').toString('base64')}`);
    await client.close();
  });

  it('never retries 401, 403, 400 or 404, and the error line carries no credential', async () => {
    for (const status of [401, 403, 400, 404]) {
      const server = await serve([json(status, { title: 'no' })]);
      const { client, sleeps } = createClient();
      const failure = await client.getJson(new URL(`${server.url}/hcmRestApi/x?limit=1`), { source: 'hcm' }).catch((e: unknown) => e);
      expect(failure).toBeInstanceOf(HttpFailure);
      expect((failure as HttpFailure).status).toBe(status);
      expect((failure as Error).message).toMatch(new RegExp(`^hcm: GET http://127\\.0\\.0\\.1:\\d+/hcmRestApi/x\\?limit=1: HTTP ${status}`));
      expect((failure as Error).message).not.toContain('hunter2');
      expect(server.seen).toHaveLength(1);
      expect(sleeps).toEqual([]);
      await client.close();
      await close?.();
      close = undefined;
    }
  });

  it('returns accepted statuses (probes) without retrying a 401', async () => {
    const server = await serve([json(401, {})]);
    const { client } = createClient();
    const response = await client.getJson(new URL(`${server.url}/p`), { source: 'probes', acceptStatuses: [401, 403] });
    expect(response.status).toBe(401);
    expect(server.seen).toHaveLength(1);
    expect(client.stats.get('probes').errors).toBe(0);
    await client.close();
  });

  it('retries a timeout and gives up with one clear line', async () => {
    const server = await serve([delayed(1500, json(200, { items: [] }))]);
    const { client, sleeps } = createClient({ timeoutMs: 150, retries: 2 });
    const failure = await client.getJson(new URL(`${server.url}/slow`), { source: 'scim' }).catch((e: unknown) => e);
    expect((failure as Error).message).toMatch(/^scim: GET http:\/\/127\.0\.0\.1:\d+\/slow: timed out after 2 retries$/);
    expect(sleeps).toHaveLength(2);
    expect(server.seen).toHaveLength(3);
    await client.close();
  });

  it('retries a connection reset', async () => {
    const server = await serve([(req) => req.socket.destroy(), json(200, { ok: true })]);
    const { client } = createClient();
    const response = await client.getJson(new URL(`${server.url}/r`), { source: 'hcm' });
    expect(response.body).toEqual({ ok: true });
    expect(client.stats.get('hcm').retries).toBe(1);
    await client.close();
  });

  it('keeps the cap with normal and low-priority work queued, and finishes both', async () => {
    const server = await serve([delayed(20, json(200, {}))]);
    const { client } = createClient({ concurrency: 3 });
    const order: string[] = [];
    const get = (name: string, priority: 'normal' | 'low') =>
      client.getJson(new URL(`${server.url}/${name}`), { source: 'hcm', priority }).then(() => order.push(name));
    await Promise.all([
      ...Array.from({ length: 6 }, (_, i) => get(`low${i}`, 'low')),
      ...Array.from({ length: 6 }, (_, i) => get(`normal${i}`, 'normal')),
    ]);
    expect(server.getMaxInFlight()).toBeLessThanOrEqual(3);
    expect(order).toHaveLength(12);
    // The lows came first; once the normals wait too, they keep a slot of the three (test/priority-gate.test.ts).
    expect(order.slice(0, 3).every((name) => name.startsWith('low'))).toBe(true);
    expect(order.slice(3, 9).filter((name) => name.startsWith('normal')).length).toBeGreaterThanOrEqual(2);
    await client.close();
  });
});
