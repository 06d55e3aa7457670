import { describe, expect, it } from 'vitest';
import { generateTenant } from '../src/simulator/generate.ts';
import { startSimulator } from '../src/simulator/server.ts';
import type { SimulatorOptions } from '../src/simulator/types.ts';
import { AUDIT, get, getRaw } from './simulator-http.ts';

const UA = '/hcmRestApi/resources/11.13.18.05/userAccounts';
const tenant = generateTenant({ users: 120 });

const withSimulator = async <T>(options: Omit<SimulatorOptions, 'tenant'>, run: (url: string, sim: Awaited<ReturnType<typeof startSimulator>>) => Promise<T>): Promise<T> => {
  const sim = await startSimulator({ tenant, ...options });
  try {
    return await run(sim.url, sim);
  } finally {
    await sim.close();
  }
};

const FAULTS = { rate429: 0.25, rate503: 0.15, resetRate: 0.1, faultSeed: 5 };

describe('fault injection', () => {
  it('injects 429, 503 and resets without Retry-After, counts them, and repeats the sequence for a seed', async () => {
    const outcomes = async (): Promise<string[]> => withSimulator(FAULTS, async (url, sim) => {
      const seen: string[] = [];
      for (let i = 0; i < 80; i += 1) {
        const response = await getRaw(url, `${UA}?limit=1`, { auth: AUDIT });
        if (response === 'reset') {
          seen.push('reset');
          continue;
        }
        seen.push(String(response.status));
        expect(response.headers['retry-after']).toBeUndefined();
        if (response.status === 503) expect(response.headers['content-type']).toMatch(/^text\/html/);
      }
      const count = (key: string) => seen.filter((s) => s === key).length;
      expect(sim.stats.faults).toMatchObject({ throttled429: count('429'), unavailable503: count('503'), resets: count('reset') });
      expect(sim.stats.byStatus).toMatchObject({ 200: count('200'), 429: count('429'), 503: count('503'), reset: count('reset') });
      expect(sim.stats.requests).toBe(80);
      for (const key of ['200', '429', '503', 'reset']) expect(count(key), key).toBeGreaterThan(0);
      return seen;
    });
    expect(await outcomes()).toEqual(await outcomes());
  });

  it('breaks the chosen page of the chosen source every time, and only that page', async () => {
    await withSimulator({ malformedPage: { source: 'hcm', page: 2 } }, async (url, sim) => {
      expect((await get(url, `${UA}?limit=10&offset=0`)).json().items).toHaveLength(10);
      for (let attempt = 0; attempt < 2; attempt += 1) {
        const broken = await get(url, `${UA}?limit=10&offset=10`);
        expect(broken.status).toBe(200);
        expect(broken.json().items[0].Username).toBe(42);
      }
      expect((await get(url, '/hcmRestApi/scim/Users?count=10')).json().Resources).toHaveLength(10);
      expect(sim.stats.faults.malformed).toBe(2);
    });
    await withSimulator({ malformedPage: { source: 'scim', page: 1 } }, async (url, sim) => {
      expect((await get(url, '/hcmRestApi/scim/Users?startIndex=1&count=10')).json().Resources[0].userName).toBe(42);
      expect((await get(url, '/hcmRestApi/scim/Users?startIndex=11&count=10')).json().Resources).toHaveLength(10);
      expect(sim.stats.faults.malformed).toBe(1);
    });
  });

  it('keeps a failed source failing while the others answer', async () => {
    await withSimulator({ failSource: { source: 'scim', status: 503 } }, async (url, sim) => {
      for (let i = 0; i < 3; i += 1) expect((await get(url, '/hcmRestApi/scim/Users')).status).toBe(503);
      expect((await get(url, UA)).status).toBe(200);
      expect(sim.stats.faults.failed).toBe(3);
    });
  });
});

describe('visibility', () => {
  it('hides users from the identity sources when data security is missing', async () => {
    await withSimulator({ hiddenUsers: ['audit_svc'] }, async (url) => {
      const self = (await get(url, `${UA}?q=${encodeURIComponent("Username='AUDIT_SVC'")}`)).json();
      expect(self).toMatchObject({ items: [], count: 0, hasMore: false });
      expect((await get(url, `/hcmRestApi/scim/Users?filter=${encodeURIComponent('userName eq "AUDIT_SVC"')}`)).json().Resources).toEqual([]);
    });
    await withSimulator({ emptyTenant: true }, async (url) => {
      expect((await get(url, `${UA}?totalResults=true`)).json()).toMatchObject({ items: [], count: 0, hasMore: false, totalResults: 0 });
      expect((await get(url, '/hcmRestApi/scim/Users')).json()).toEqual({ itemsPerPage: 0, startIndex: 1, Resources: [] });
    });
  });
});

describe('request accounting', () => {
  it('counts requests in flight, records the maximum and resets in place', async () => {
    await withSimulator({ latencyMs: 1000 }, async (url, sim) => {
      const stats = sim.stats;
      const responses = await Promise.all(Array.from({ length: 6 }, (_, i) => get(url, `${UA}?limit=1&offset=${i}`)));
      expect(responses.every((r) => r.status === 200)).toBe(true);
      expect(stats.maxInFlight).toBe(6);
      expect(stats.inFlight).toBe(0);
      expect(stats.byPath['hcm:userAccounts']).toBe(6);
      sim.resetStats();
      expect(sim.stats).toBe(stats);
      expect(stats).toMatchObject({ requests: 0, maxInFlight: 0, byStatus: {}, byPath: {} });
    });
  });

  it('releases the in-flight count when the socket is reset', async () => {
    await withSimulator({ resetRate: 1 }, async (url, sim) => {
      expect(await getRaw(url, UA, { auth: AUDIT })).toBe('reset');
      expect(await getRaw(url, UA, { auth: AUDIT })).toBe('reset');
      await new Promise((resolve) => setImmediate(resolve));
      expect(sim.stats.inFlight).toBe(0);
      expect(sim.stats.maxInFlight).toBe(1);
      expect(sim.stats.faults.resets).toBe(2);
    });
  });
});
