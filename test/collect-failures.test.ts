import { afterEach, describe, expect, it } from 'vitest';
import { collectTenant } from '../src/collect/index.ts';
import { parseConfig } from '../src/config/load.ts';
import { startFixture, type Fixture } from './collect-fixture.ts';

let fixture: Fixture | undefined;
afterEach(async () => {
  await fixture?.sim.close();
  fixture = undefined;
});

const withPassword = (f: Fixture, password: string) =>
  parseConfig(f.written, '/virtual/access-audit.json', { env: { ...f.env, FUSION_AUDIT_PASSWORD: password } });

describe('incomplete collections', () => {
  it('bad admin credentials: incomplete, each source names URL and 401, no retries', async () => {
    fixture = await startFixture({ users: 60 });
    const model = await collectTenant(withPassword(fixture, 'not-the-password'), { skipProbes: true });
    expect(model.complete).toBe(false);
    expect(model.incompleteReasons).toHaveLength(4);
    expect(model.incompleteReasons[0]).toMatch(/^hcm: GET http:\/\/127\.0\.0\.1:\d+\/hcmRestApi\/resources\/11\.13\.18\.05\/userAccounts\?.*: HTTP 401 \(credentials rejected/);
    expect(model.incompleteReasons[1]).toMatch(/^scim: GET http:\/\/127\.0\.0\.1:\d+\/hcmRestApi\/scim\/(Users|Roles)\?.*: HTTP 401/);
    expect(model.incompleteReasons[2]).toMatch(/^cx: GET http:\/\/127\.0\.0\.1:\d+\/crmRestApi\/resources\/11\.13\.18\.05\/resourceUsers\?.*: HTTP 401/);
    // The role-graph report is signed in the same way: the web tier refuses it before SOAP.
    expect(model.incompleteReasons[3]).toMatch(/^role-graph: POST http:\/\/127\.0\.0\.1:\d+\/xmlpserver\/services\/ExternalReportWSSService: HTTP 401/);
    expect(model.sources.every((s) => s.retries === 0)).toBe(true);
    expect(model.accounts).toEqual([]);
  });

  it('a malformed HCM page: one line naming source, URL and field path; SCIM data kept', async () => {
    fixture = await startFixture({ users: 200, sim: { malformedPage: { source: 'hcm', page: 3 } } });
    const model = await collectTenant(fixture.config, { skipProbes: true });
    expect(model.complete).toBe(false);
    expect(model.incompleteReasons).toHaveLength(1);
    expect(model.incompleteReasons[0]).toMatch(/^hcm http:\/\/127\.0\.0\.1:\d+\/hcmRestApi\/resources\/11\.13\.18\.05\/userAccounts\?.*offset=80.*: items\[0\]\.Username: expected string, received number$/);
    expect(model.sources.find((s) => s.source === 'hcm')?.complete).toBe(false);
    expect(model.sources.find((s) => s.source === 'scim')?.complete).toBe(true);
    expect(model.accounts.length).toBeGreaterThan(100);
  });

  it('a malformed SCIM page names the SCIM field path', async () => {
    fixture = await startFixture({ users: 200, sim: { malformedPage: { source: 'scim', page: 2 } } });
    const model = await collectTenant(fixture.config, { skipProbes: true });
    expect(model.incompleteReasons).toHaveLength(1);
    expect(model.incompleteReasons[0]).toMatch(/^scim http:\/\/127\.0\.0\.1:\d+\/hcmRestApi\/scim\/Users\?startIndex=41&count=40: Resources\[0\]\.(id|userName): /);
  });

  it('a source that never recovers: incomplete after the retries, with status', async () => {
    fixture = await startFixture({ users: 60, sim: { failSource: { source: 'scim', status: 503 } }, collect: { retries: 3 } });
    const model = await collectTenant(fixture.config, { skipProbes: true });
    expect(model.complete).toBe(false);
    expect(model.incompleteReasons[0]).toMatch(/^scim: GET http:\/\/127\.0\.0\.1:\d+\/hcmRestApi\/scim\/(Users|Roles)\?.*: HTTP 503 .*after 3 retries$/);
    const scim = model.sources.find((s) => s.source === 'scim');
    expect(scim).toMatchObject({ complete: false, retries: 6, throttled: 8 }); // Users and Roles: 4 tries each
    expect(model.accounts.length).toBe(fixture.tenant.users.filter((u) => u.inHcm).length);
  });

  it('a 404 is not retried', async () => {
    fixture = await startFixture({ users: 60, sim: { failSource: { source: 'hcm', status: 404 } } });
    const model = await collectTenant(fixture.config, { skipProbes: true });
    expect(model.incompleteReasons[0]).toMatch(/^hcm: GET .*: HTTP 404 \(no such resource/);
    expect(model.sources.find((s) => s.source === 'hcm')?.retries).toBe(0);
  });

  it('the audit account cannot see itself: incomplete, with a clear reason', async () => {
    fixture = await startFixture({ users: 60, sim: { hiddenUsers: ['AUDIT_SVC'] } });
    const model = await collectTenant(fixture.config, { skipProbes: true });
    expect(model.complete).toBe(false);
    expect(model.incompleteReasons).toHaveLength(1);
    expect(model.incompleteReasons[0]).toMatch(/^hcm: GET .*userAccounts\?q=Username%3D%27AUDIT_SVC%27.*: HTTP 200 with no row for the audit account AUDIT_SVC: it cannot see its own user account/);
  });

  it('an empty 200 tenant never reads as clean', async () => {
    fixture = await startFixture({ users: 60, sim: { emptyTenant: true } });
    const model = await collectTenant(fixture.config, { skipProbes: true });
    expect(model.complete).toBe(false);
    expect(model.accounts).toEqual([]);
    expect(model.incompleteReasons.some((r) => /^hcm: .*no user accounts at all/.test(r))).toBe(true);
    expect(model.incompleteReasons.some((r) => /^scim: .*no users at all/.test(r))).toBe(true);
  });
});
