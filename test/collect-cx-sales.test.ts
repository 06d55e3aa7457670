import { afterEach, describe, expect, it } from 'vitest';
import { collectTenant } from '../src/collect/index.ts';
import { parseConfig } from '../src/config/load.ts';
import type { ServiceAccount } from '../src/model/types.ts';
import { silentLogger } from '../src/util/logger.ts';
import { startFixture, type Fixture } from './collect-fixture.ts';

let fixture: Fixture | undefined;
afterEach(async () => {
  await fixture?.sim.close();
  fixture = undefined;
});

const NOW = new Date('2026-06-15T08:00:00Z');
const cxOf = (accounts: ServiceAccount[]): ServiceAccount[] => accounts.filter((account) => account.service === 'cx');

describe('CX Sales resourceUsers collector', () => {
  it('reads every resource through limit/offset paging under /crmRestApi, with fields and totalResults on the first page', async () => {
    fixture = await startFixture({ users: 400, collect: { pageSize: 7 } });
    const model = await collectTenant(fixture.config, { now: () => NOW });
    expect(model.incompleteReasons).toEqual([]);
    const cx = cxOf(model.serviceAccounts);
    expect(cx).toHaveLength(fixture.tenant.services.cx.resources.length);
    const pages = Math.ceil(cx.length / 7);
    expect(fixture.sim.stats.byPath['cx:resourceUsers']).toBeGreaterThanOrEqual(pages);
    expect(model.sources.find((source) => source.source === 'cx')).toMatchObject({ complete: true, items: cx.length, pages });
    const byName = new Map(cx.map((account) => [account.username, account]));
    expect(byName.get('CASEY.BROWN')).toMatchObject({
      active: true, email: 'casey.brown@example.com', displayName: 'Casey Brown', userType: 'SALES_MANAGER',
      resource: { username: 'CASEY.BROWN', startDate: '2019-03-01', endDate: null, deleted: false, activeOn: '2026-06-15' },
    });
    // Future-dated, end-dated and deleted resources are not active; a resource without a Username shows its email.
    expect(byName.get('new.hire')?.active).toBe(false);
    expect(byName.get('SARA.NGUYEN')?.active).toBe(false);
    expect(byName.get('old.rep')).toMatchObject({ active: false, resource: { deleted: true } });
    expect(byName.get('nina.patel@example.com')).toMatchObject({ active: true, resource: { username: null } });
  });

  it('survives throttling (429 with Retry-After) on resourceUsers', async () => {
    fixture = await startFixture({ users: 100, sim: { cxThrottle: 3 }, collect: { pageSize: 5 } });
    const model = await collectTenant(fixture.config, { now: () => NOW });
    expect(model.incompleteReasons).toEqual([]);
    expect(cxOf(model.serviceAccounts)).toHaveLength(fixture.tenant.services.cx.resources.length);
    expect(model.sources.find((source) => source.source === 'cx')).toMatchObject({ throttled: 3, retries: 3 });
  });

  it('a pod that lacks one of the fields (400 to fields=) is read again without fields=', async () => {
    fixture = await startFixture({ users: 60, sim: { cxMissingFields: ['DeleteFlag'] } });
    const warnings: string[] = [];
    const logger = { ...silentLogger, warn: (message: string) => warnings.push(message) };
    const model = await collectTenant(fixture.config, { now: () => NOW, logger });
    expect(model.incompleteReasons).toEqual([]);
    const cx = cxOf(model.serviceAccounts);
    expect(cx).toHaveLength(fixture.tenant.services.cx.resources.length);
    // Without DeleteFlag nothing says deleted: old.rep counts as active, as the pod shows it.
    expect(cx.find((account) => account.username === 'old.rep')?.resource?.deleted).toBe(false);
    expect(warnings).toEqual([expect.stringMatching(/^cx: GET .*fields=.*HTTP 400 with fields=; reading whole resources instead$/)]);
  });

  it('a 200 with no resources is incomplete (missing data security), never "no resources"', async () => {
    fixture = await startFixture({ users: 60 });
    fixture.tenant.services.cx.resources.length = 0;
    const model = await collectTenant(fixture.config, { now: () => NOW });
    expect(model.complete).toBe(false);
    expect(model.incompleteReasons).toEqual([expect.stringMatching(/^cx: GET http:\/\/127\.0\.0\.1:\d+\/crmRestApi\/resources\/11\.13\.18\.05\/resourceUsers\?.*HTTP 200 with no resources at all: the audit account lacks data security/)]);
  });

  it('uses its own credentials when services.cxSales names them, and the tenant\'s otherwise', async () => {
    fixture = await startFixture({ users: 60 });
    fixture.written.services = { ...fixture.written.services, cxSales: { auth: { type: 'basic', username: 'CASEY.BROWN', passwordEnv: 'CASEY_PASSWORD' } } };
    const config = parseConfig(fixture.written, '/virtual/a.json', { env: { ...fixture.env, CASEY_PASSWORD: 'sim-casey.brown' } });
    // CASEY.BROWN has no data security over resources: an empty 200, reported as incomplete.
    const model = await collectTenant(config, { now: () => NOW });
    expect(model.incompleteReasons.join('\n')).toMatch(/^cx: .*no resources at all/);
    expect(config.services.cxSales?.credentials).not.toBe(config.tenant.credentials);
  });

  it('a pod without the resource (404) is one incomplete line naming it', async () => {
    fixture = await startFixture({ users: 60, sim: { failSource: { source: 'cx', status: 404 } } });
    const model = await collectTenant(fixture.config, { now: () => NOW });
    expect(model.incompleteReasons).toEqual([expect.stringMatching(/^cx: GET .*resourceUsers.*: HTTP 404: no resourceUsers resource on this pod/)]);
  });
});
