import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateTenant } from '../src/simulator/generate.ts';
import { startSimulator } from '../src/simulator/server.ts';
import { CPQ_EXTENSION } from '../src/simulator/services.ts';
import type { RunningSimulator, SimTenant } from '../src/simulator/types.ts';
import { AUDIT, basic, get } from './simulator-http.ts';

const tenant: SimTenant = generateTenant({ seed: 42, users: 400 });
const IAMS = `/scim/v1/${tenant.services.iams.tenant}`;
const iamsAuth = basic(tenant.services.iams.admin.username, tenant.services.iams.admin.password);
const cpqAuth = basic(tenant.services.cpq.admin.username, tenant.services.cpq.admin.password);
let sim: RunningSimulator;

beforeAll(async () => {
  sim = await startSimulator({ tenant });
});
afterAll(async () => {
  await sim.close();
});

describe('generated services', () => {
  it('are deterministic, small, scale a little with users, with unique ids', () => {
    expect(generateTenant({ seed: 42, users: 400 }).services).toEqual(tenant.services);
    const small = generateTenant({ seed: 42, users: 60 });
    expect(tenant.services.cpq.users.length).toBeGreaterThan(small.services.cpq.users.length);
    expect(generateTenant({ seed: 42, users: 100_000 }).services.cpq.users.length).toBeLessThanOrEqual(120);
    const ids = [...tenant.services.iams.users, ...tenant.services.cpq.users].map((u) => u.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('plants each service rule on a service account, none of them clean', () => {
    const names = new Set([...tenant.services.iams.users, ...tenant.services.cpq.users].map((u) => u.userName));
    const planted = tenant.planted.filter((p) => names.has(p.username) && !p.ruleId.startsWith('cx-'));
    expect([...new Set(planted.map((p) => p.ruleId))].sort()).toEqual(['cpq-integration-not-web-services-only', 'cpq-privileged-permission', 'iams-inactive-in-groups', 'service-account-without-fusion-account']);
    for (const p of planted) expect(tenant.clean).not.toContain(p.username);
    expect(tenant.clean).toEqual(expect.arrayContaining(['casey.brown@example.com', 'INT_CPQ_SYNC', 'INT_CPQ_LEGACY']));
  });

  it('plants both CX rules on resources, keeps future-dated, end-dated and deleted resources apart from them', () => {
    const resources = tenant.services.cx.resources;
    const planted = tenant.planted.filter((p) => p.ruleId.startsWith('cx-'));
    expect(planted.map((p) => `${p.ruleId} ${p.username}`).sort()).toEqual([
      'cx-resource-of-leaver OMAR.HADDAD', 'cx-resource-of-leaver lee.wong', 'cx-resource-of-leaver nina.patel@example.com',
      'cx-resource-without-fusion-account pat.fieldrep',
    ]);
    expect(resources.find((r) => r.username === null)?.email).toBe('nina.patel@example.com');
    expect(resources.filter((r) => r.startDate > '2090-01-01').map((r) => r.username)).toEqual(['RUTH.MILLER', 'new.hire']);
    expect(resources.filter((r) => r.endDate !== null).map((r) => r.username)).toEqual(['SARA.NGUYEN']);
    expect(tenant.clean).toEqual(expect.arrayContaining(['mlee_sales', 'new.hire', 'old.rep']));
    expect(tenant.clean).not.toContain('RUTH.MILLER');
    expect(new Set(resources.map((r) => r.profileId)).size).toBe(resources.length);
  });
});

describe('CX resourceUsers route', () => {
  it('pages with limit/offset (default 25, echoed), hasMore, totalResults on request, fields; unknown fields are a 400', async () => {
    const path = '/crmRestApi/resources/11.13.18.05/resourceUsers';
    const first = (await get(sim.url, `${path}?onlyData=true&totalResults=true`, { auth: AUDIT })).json();
    expect(first).toMatchObject({ count: Math.min(25, tenant.services.cx.resources.length), limit: 25, offset: 0, totalResults: tenant.services.cx.resources.length });
    const page = (await get(sim.url, `${path}?limit=3&offset=3&fields=Username,ResourceEmail`, { auth: AUDIT })).json();
    expect(page.items).toHaveLength(3);
    expect(Object.keys(page.items[0])).toEqual(['Username', 'ResourceEmail']);
    expect(page.totalResults).toBeUndefined();
    expect((await get(sim.url, `${path}?fields=PersonId`, { auth: AUDIT })).status).toBe(400);
    expect((await get(sim.url, path, { auth: basic('AUDIT_SVC', 'wrong') })).status).toBe(401);
  });
});

describe('IAMS routes', () => {
  it('lists groups with the IAMS ListResponse URN and no paging fields, and reads a group with its members', async () => {
    const list = (await get(sim.url, `${IAMS}/Groups`, { auth: iamsAuth })).json();
    expect(list.schemas).toEqual(['urn:scim:schemas:core:2.0:ListResponse']);
    expect(list.startIndex).toBeUndefined();
    expect(list.Resources.map((g: { id: string }) => g.id)).toEqual(tenant.services.iams.groups.map((g) => g.id));
    const group = (await get(sim.url, `${IAMS}/Groups/demo-pharma.lshdme.admin`, { auth: iamsAuth })).json();
    expect(group.members).toHaveLength(2);
    expect(group.members[0]).toEqual({ value: expect.any(String), display: expect.any(String), $ref: expect.stringContaining(`${IAMS}/Users/`) });
  });

  it('reads a user by id; a Users search needs a userName/externalId eq filter (400 without)', async () => {
    const user = tenant.services.iams.users[0]!;
    const read = (await get(sim.url, `${IAMS}/Users/${user.id}`, { auth: iamsAuth })).json();
    expect(read).toMatchObject({ id: user.id, userName: user.userName, userType: 'LIVE', active: true, emails: [{ value: user.email, type: 'work' }] });
    expect((await get(sim.url, `${IAMS}/Users`, { auth: iamsAuth })).status).toBe(400);
    expect((await get(sim.url, `${IAMS}/Users?filter=${encodeURIComponent('userName co "a"')}`, { auth: iamsAuth })).status).toBe(400);
    const search = (await get(sim.url, `${IAMS}/Users?filter=${encodeURIComponent(`userName eq "${user.userName.toUpperCase()}"`)}`, { auth: iamsAuth })).json();
    expect(search).toMatchObject({ schemas: ['urn:scim:schemas:core:2.0:ListResponse'], totalResults: 1, Resources: [{ id: user.id }] });
    expect((await get(sim.url, `${IAMS}/Users/ffffffffffffffffffffffffffffffff`, { auth: iamsAuth })).status).toBe(404);
  });

  it('signs in with its own admin account only: Fusion credentials get 401, an unknown tenant 404', async () => {
    expect((await get(sim.url, `${IAMS}/Groups`, { auth: AUDIT })).status).toBe(401);
    expect((await get(sim.url, `${IAMS}/Groups`, { auth: basic(tenant.services.iams.admin.username, 'nope') })).status).toBe(401);
    expect((await get(sim.url, '/scim/v1/other-tenant/Groups', { auth: iamsAuth })).status).toBe(404);
  });
});

describe('CPQ routes', () => {
  it('pages Users 1-based with a default count of 50, no totalResults, and the CPQ extension', async () => {
    const first = (await get(sim.url, '/rest/v19/scim/Users', { auth: cpqAuth })).json();
    expect(first.schemas).toEqual(['urn:ietf:params:scim:api:messages:2.0:ListResponse']);
    expect(first.totalResults).toBeUndefined();
    expect(first.Resources).toHaveLength(Math.min(50, tenant.services.cpq.users.length));
    const page = (await get(sim.url, '/rest/v19/scim/Users?startIndex=3&count=2', { auth: cpqAuth })).json();
    expect(page).toMatchObject({ startIndex: 3, itemsPerPage: 2 });
    expect(page.Resources.map((u: { id: string }) => u.id)).toEqual(tenant.services.cpq.users.slice(2, 4).map((u) => u.id));
    const admin = first.Resources.find((u: { userName: string }) => u.userName === 'INT_CPQ_ADMIN');
    expect(admin.schemas).toContain(CPQ_EXTENSION);
    expect(admin[CPQ_EXTENSION]).toMatchObject({ userType: 'FULL_ACCESS', isSuperUserPermEnabled: true, isAccessAdminPermEnabled: true, isWebServicesOnly: false });
    const legacy = first.Resources.find((u: { userName: string }) => u.userName === 'INT_CPQ_LEGACY');
    expect(legacy[CPQ_EXTENSION]).toBeUndefined();
  });

  it('answers the lower-case v16-style path and /Users/{id}; rejects bad paging and other credentials', async () => {
    const user = tenant.services.cpq.users[0]!;
    expect((await get(sim.url, `/rest/v19/scim/users/${user.id}`, { auth: cpqAuth })).json()).toMatchObject({ id: user.id, userName: user.userName });
    expect((await get(sim.url, '/rest/v19/scim/Users?startIndex=0', { auth: cpqAuth })).status).toBe(400);
    expect((await get(sim.url, '/rest/v19/scim/Users', { auth: iamsAuth })).status).toBe(401);
    expect((await get(sim.url, '/rest/v19/scim/Users/999', { auth: cpqAuth })).status).toBe(404);
  });
});
