/* eslint-disable @typescript-eslint/no-explicit-any, @typescript-eslint/no-unsafe-return -- JSON payloads read back loosely in assertions */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateTenant } from '../src/simulator/generate.ts';
import { startSimulator } from '../src/simulator/server.ts';
import type { RunningSimulator, SimTenant } from '../src/simulator/types.ts';
import { AUDIT, basic, get } from './simulator-http.ts';

const UA = '/hcmRestApi/resources/11.13.18.05/userAccounts';
const V4 = { 'REST-Framework-Version': '4' };
const tenant: SimTenant = generateTenant({ seed: 42, users: 180 });
const user = (name: string) => tenant.users.find((u) => u.scimUsername === name)!;
let sim: RunningSimulator;

beforeAll(async () => {
  sim = await startSimulator({ tenant });
});
afterAll(async () => {
  await sim.close();
});

describe('HCM userAccounts', () => {
  it('returns a plain array of all roles under framework 1 and a nested collection cut at 25 under 3+', async () => {
    const morgan = user('MORGAN.LEE');
    expect(morgan.roles.length).toBeGreaterThan(25);
    const q = `?q=${encodeURIComponent("Username='MORGAN.LEE'")}&expand=userAccountRoles&onlyData=true`;
    const v1 = (await get(sim.url, `${UA}${q}`)).json();
    expect(Array.isArray(v1.items[0].userAccountRoles)).toBe(true);
    expect(v1.items[0].userAccountRoles.map((r: any) => r.RoleCode)).toEqual(morgan.roles);
    const v3 = (await get(sim.url, `${UA}${q}`, { headers: { 'rest-framework-version': '3' } })).json();
    const nested = v3.items[0].userAccountRoles;
    expect(nested).toMatchObject({ count: 25, hasMore: true, limit: 25, offset: 0 });
    expect(nested.items).toHaveLength(25);
    expect(v3.items[0].links).toBeUndefined();
  });

  it('pages the child collection to every role exactly once', async () => {
    const morgan = user('MORGAN.LEE');
    const codes: string[] = [];
    for (let offset = 0, hasMore = true; hasMore; offset += 10) {
      const page = (await get(sim.url, `${UA}/${morgan.guid}/child/userAccountRoles?limit=10&offset=${offset}&onlyData=true`, { headers: V4 })).json();
      codes.push(...page.items.map((r: any) => r.RoleCode));
      hasMore = page.hasMore;
      expect(page.limit).toBe(10);
    }
    expect(codes).toEqual(morgan.roles);
  });

  it('caps limit, echoes it, pages every HCM account once and adds totalResults only on request', async () => {
    const capped = (await get(sim.url, `${UA}?limit=100000`)).json();
    expect(capped.limit).toBe(500);
    expect(capped.totalResults).toBeUndefined();
    const small = await startSimulator({ tenant, maxLimit: 7 });
    try {
      const seen: string[] = [];
      for (let offset = 0, hasMore = true; hasMore; ) {
        const page = (await get(small.url, `${UA}?limit=50&offset=${offset}&totalResults=true`)).json();
        expect(page.limit).toBe(7);
        expect(page.totalResults).toBe(tenant.users.filter((u) => u.inHcm).length);
        seen.push(...page.items.map((item: any) => item.GUID));
        offset += page.count;
        hasMore = page.hasMore;
      }
      expect(seen).toEqual(tenant.users.filter((u) => u.inHcm).map((u) => u.guid));
    } finally {
      await small.close();
    }
  });

  it('matches q in both syntaxes case-insensitively and returns HCM spelling', async () => {
    for (const q of ["Username='casey.brown'", "Username = 'CASEY.BROWN'", 'Username=Casey.Brown']) {
      const body = (await get(sim.url, `${UA}?q=${encodeURIComponent(q)}`)).json();
      expect(body.items.map((i: any) => i.Username), q).toEqual(['Casey.Brown']);
      expect(body.items[0].links.map((l: any) => l.rel)).toEqual(['self', 'canonical', 'child']);
    }
    const item = (await get(sim.url, `${UA}/${user('INT_OIC_GL').guid}`)).json();
    expect(item).toMatchObject({ Username: 'INT_OIC_GL', PersonId: null, SuspendedFlag: false });
  });

  it('answers expand=roles with a 400 shaped by the framework version', async () => {
    const v4 = await get(sim.url, `${UA}?expand=roles`, { headers: V4 });
    expect(v4.status).toBe(400);
    expect(v4.headers['content-type']).toBe('application/vnd.oracle.adf.error+json');
    expect(v4.json()).toMatchObject({ status: '400', 'o:errorDetails': [{ 'o:errorCode': 'SIM-EXPAND' }] });
    const v1 = await get(sim.url, `${UA}?expand=roles`);
    expect(v1.status).toBe(400);
    expect(v1.headers['content-type']).toMatch(/^text\/plain/);
    expect((await get(sim.url, `${UA}/NOSUCHGUID`, { headers: V4 })).status).toBe(404);
  });
});

describe('Fusion SCIM', () => {
  it('pages Users without totalResults or ListResponse schemas, capped at maxLimit', async () => {
    const first = (await get(sim.url, '/hcmRestApi/scim/Users?startIndex=1&count=900')).json();
    expect(Object.keys(first).sort()).toEqual(['Resources', 'itemsPerPage', 'startIndex']);
    expect(first.itemsPerPage).toBe(tenant.users.filter((u) => u.inScim).length);
    const small = await startSimulator({ tenant, maxLimit: 20 });
    try {
      const names: string[] = [];
      for (let start = 1; ; ) {
        const page = (await get(small.url, `/hcmRestApi/scim/Users?startIndex=${start}&count=50`)).json();
        names.push(...page.Resources.map((r: any) => r.userName));
        if (page.Resources.length < page.itemsPerPage || page.itemsPerPage < 20 || page.Resources.length === 0) break;
        start += page.itemsPerPage;
      }
      expect(names).toEqual(tenant.users.filter((u) => u.inScim).map((u) => u.scimUsername));
    } finally {
      await small.close();
    }
  });

  it('serves the Fusion resource shape, filters and attributes', async () => {
    const filter = encodeURIComponent('userName eq "casey.brown"');
    const body = (await get(sim.url, `/hcmRestApi/scim/Users?filter=${filter}`)).json();
    const casey = body.Resources[0];
    expect(casey.userName).toBe('CASEY.BROWN');
    expect(casey.schemas).toEqual(['urn:scim:schemas:core:2.0:User', 'urn:scim:schemas:extension:fa:2.0:faUser']);
    expect(casey.emails[0].type).toBe('W');
    expect(casey.meta.created).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3}$/);
    expect(casey['urn:scim:schemas:extension:fa:2.0:faUser'].workerInformation.personNumber).toBe(user('CASEY.BROWN').personNumber);
    expect(casey.roles.map((r: any) => r.value)).toEqual(user('CASEY.BROWN').roles);
    const slim = (await get(sim.url, `/hcmRestApi/scim/Users?filter=${filter}&attributes=userName,active`)).json();
    expect(slim.Resources[0].roles).toBeUndefined();
    expect((await get(sim.url, `/hcmRestApi/scim/Users/${user('CASEY.BROWN').guid}`)).json().userName).toBe('CASEY.BROWN');

    const code = 'ORA_FND_IT_SECURITY_MANAGER_JOB';
    const roles = (await get(sim.url, `/hcmRestApi/scim/Roles?filter=${encodeURIComponent(`name eq "${code}"`)}&attributes=name,displayName`)).json();
    expect(roles.Resources).toHaveLength(1);
    expect(roles.Resources[0]).toMatchObject({ name: code, displayName: 'IT Security Manager', category: 'JOB' });
    expect(roles.Resources[0].members).toBeUndefined();
    const role = (await get(sim.url, `/hcmRestApi/scim/Roles/${roles.Resources[0].id}`)).json();
    const holders = tenant.users.filter((u) => u.inScim && u.roles.includes(code)).map((u) => u.guid);
    expect(role.members.map((m: any) => m.value)).toEqual(holders);
  });
});

describe('authentication and authorisation', () => {
  it('answers 401 in plain text for unknown, wrong, suspended and locked accounts', async () => {
    const cases = [undefined, basic('NOBODY', 'x'), basic('AUDIT_SVC', 'wrong'), basic('LEE.WONG', 'sim-lee.wong'), basic('INT_HCM_LOAD', 'sim-int_hcm_load')];
    for (const auth of cases) {
      const response = await get(sim.url, UA, { auth: auth ?? '' });
      expect(response.status, String(auth)).toBe(401);
      expect(response.headers['content-type']).toMatch(/^text\/plain/);
      expect(() => JSON.parse(response.body)).toThrow();
    }
  });

  it('forbids identity reads to ordinary integrations and allows them to the audit user only', async () => {
    expect((await get(sim.url, UA, { auth: basic('INT_OIC_GL', 'sim-int_oic_gl') })).status).toBe(403);
    expect((await get(sim.url, '/hcmRestApi/scim/Users', { auth: basic('CASEY.BROWN', 'sim-casey.brown') })).status).toBe(403);
    expect((await get(sim.url, UA, { auth: AUDIT })).status).toBe(200);
  });

  it('refuses anything but GET and HEAD with 405', async () => {
    const post = await get(sim.url, UA, { method: 'POST' });
    expect(post.status).toBe(405);
    expect(post.headers.allow).toBe('GET, HEAD');
    expect((await get(sim.url, UA, { method: 'DELETE' })).status).toBe(405);
    const head = await get(sim.url, UA, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.body).toBe('');
  });
});

describe('probe endpoints', () => {
  const probe = (path: string, name: string, headers: Record<string, string> = {}) =>
    get(sim.url, `${path}?limit=1&totalResults=true`, { auth: basic(name, `sim-${name.toLowerCase()}`), headers });

  it('answers according to the calling integration', async () => {
    const rows = await probe('/fscmRestApi/resources/11.13.18.05/journals', 'INT_OIC_GL');
    expect(rows.status).toBe(200);
    expect(rows.json()).toMatchObject({ count: 1, totalResults: 2500, hasMore: true, limit: 1 });
    const empty = await probe('/fscmRestApi/resources/11.13.18.05/purchaseOrders', 'INT_OIC_PO');
    expect(empty.json()).toMatchObject({ items: [], count: 0, hasMore: false, totalResults: 0 });
    expect((await probe('/fscmRestApi/resources/11.13.18.05/suppliers', 'INT_OIC_PO')).status).toBe(403);
    expect((await probe('/hcmRestApi/resources/11.13.18.05/workers', 'INT_OIC_GL')).status).toBe(403);
    expect((await probe('/hcmRestApi/resources/11.13.18.05/workers', 'INT_OIC_PO')).status).toBe(200);
    const failure = await probe('/fscmRestApi/resources/11.13.18.05/receivablesInvoices', 'INT_OIC_PO', V4);
    expect(failure.status).toBe(500);
    expect(failure.body).toBe('');
    expect((await probe('/fscmRestApi/resources/11.13.18.05/journals', 'AUDIT_SVC')).status).toBe(403);
    const invoices = (await get(sim.url, '/fscmRestApi/resources/11.13.18.05/invoices?limit=10', { auth: basic('INT_OIC_AP', 'sim-int_oic_ap') })).json();
    expect(invoices.items).toHaveLength(10);
    expect(invoices.totalResults).toBeUndefined();
  });
});
