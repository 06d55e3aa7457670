import { createServer, request, type IncomingMessage, type Server } from 'node:http';
import { connect } from 'node:net';
import type { Duplex } from 'node:stream';
import { mkdtemp, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSnapshot } from '../src/snapshot/read.ts';
import { runCli } from './cli-helpers.ts';
import { startFixture, type Fixture } from './collect-fixture.ts';

/**
 * A real forward proxy on loopback that relays to the simulator and records what passed
 * through it: CONNECT tunnels (how undici's proxy agent reaches targets by default) and
 * absolute-form requests (the other way clients talk to an HTTP proxy).
 */
const startProxy = async (): Promise<{ url: string; seen: string[]; server: Server }> => {
  const seen: string[] = [];
  const server = createServer((incoming, outgoing) => {
    seen.push(incoming.url ?? '');
    const target = new URL(incoming.url ?? '/');
    const relay = request(target, { method: incoming.method, headers: incoming.headers }, (answer) => {
      outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(outgoing);
    });
    relay.on('error', () => outgoing.destroy());
    incoming.pipe(relay);
  });
  server.on('connect', (incoming: IncomingMessage, client: Duplex, head: Buffer) => {
    seen.push(`CONNECT ${incoming.url ?? ''}`);
    const [host, port] = (incoming.url ?? '').split(':');
    const upstream = connect(Number(port), host ?? '127.0.0.1', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
  });
  await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen, server };
};

let fixture: Fixture;
let proxy: Awaited<ReturnType<typeof startProxy>>;
let dir: string;
let configFile: string;
beforeAll(async () => {
  fixture = await startFixture({ users: 40 });
  proxy = await startProxy();
  dir = await mkdtemp(join(tmpdir(), 'collect-proxy-'));
  configFile = join(dir, 'access-audit.json');
  await writeFile(configFile, JSON.stringify(fixture.written));
});
afterAll(async () => {
  await fixture.sim.close();
  await new Promise((closed) => proxy.server.close(closed));
});

const noProxyEnv = { HTTPS_PROXY: undefined, https_proxy: undefined, HTTP_PROXY: undefined, http_proxy: undefined, NO_PROXY: undefined, no_proxy: undefined };

describe('corporate proxy', () => {
  it('sends every request through HTTP_PROXY, and the collection is the same', async () => {
    const result = await runCli(['collect', '--config', configFile, '--out', join(dir, 'via-proxy')], { ...fixture.env, ...noProxyEnv, HTTP_PROXY: proxy.url });
    expect(result.code, result.stderr).toBe(0);
    const target = new URL(fixture.sim.url);
    expect(proxy.seen.length).toBeGreaterThan(0);
    expect(proxy.seen.every((line) => line === `CONNECT ${target.host}` || line.startsWith(fixture.sim.url))).toBe(true);
    const { model } = await readSnapshot(join(dir, 'via-proxy'));
    expect(model.complete).toBe(true);
    expect(model.accounts.length).toBeGreaterThan(0);
  });

  it('bypasses the proxy for hosts listed in NO_PROXY', async () => {
    const before = proxy.seen.length;
    const result = await runCli(['collect', '--config', configFile, '--out', join(dir, 'no-proxy')], { ...fixture.env, ...noProxyEnv, HTTP_PROXY: proxy.url, NO_PROXY: '127.0.0.1' });
    expect(result.code, result.stderr).toBe(0);
    expect(proxy.seen.length).toBe(before);
  });
});
