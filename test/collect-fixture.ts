/** Shared set-up for the collector e2e tests: a generated tenant behind the real simulator. */
import { expect } from 'vitest';
import { parseConfig } from '../src/config/load.ts';
import type { Config } from '../src/config/types.ts';
import type { TenantModel } from '../src/model/types.ts';
import { createDemoConfig } from '../src/simulator/demo-config.ts';
import { generateTenant } from '../src/simulator/generate.ts';
import { startSimulator } from '../src/simulator/server.ts';
import type { RunningSimulator, SimTenant, SimulatorOptions } from '../src/simulator/types.ts';

export interface Fixture {
  tenant: SimTenant;
  sim: RunningSimulator;
  config: Config;
  env: Record<string, string>;
  written: ReturnType<typeof createDemoConfig>['config'];
}

/** Fast retries so fault tests stay quick; the real backoff code still runs over loopback. */
export const TEST_COLLECT = { concurrency: 4, pageSize: 40, timeoutMs: 10_000, retries: 8, backoffBaseMs: 5, backoffMaxMs: 40 };

export const startFixture = async (
  options: { seed?: number; users?: number; quarter?: number; sim?: Omit<SimulatorOptions, 'tenant'>; collect?: Partial<typeof TEST_COLLECT> } = {},
): Promise<Fixture> => {
  const tenant = generateTenant({ seed: options.seed ?? 7, users: options.users ?? 120, quarter: options.quarter });
  const sim = await startSimulator({ tenant, ...options.sim });
  const { config: written, env } = createDemoConfig(sim.url, tenant);
  written.collect = { ...TEST_COLLECT, ...options.collect };
  const config = parseConfig(written, '/virtual/access-audit.json', { env });
  return { tenant, sim, config, env, written };
};

/** Asserts the model holds every visible simulated account exactly once with exactly its roles. */
export const expectExactTenant = (model: TenantModel, tenant: SimTenant, hidden: readonly string[] = []): void => {
  const hiddenKeys = new Set(hidden.map((name) => name.toUpperCase()));
  const visible = tenant.users.filter((user) => !hiddenKeys.has(user.scimUsername.toUpperCase()) && (user.inHcm || user.inScim));
  const keys = model.accounts.map((account) => account.key);
  expect(new Set(keys).size).toBe(keys.length);
  expect(keys.length).toBe(visible.length);
  const byKey = new Map(model.accounts.map((account) => [account.key, account]));
  for (const user of visible) {
    const account = byKey.get(user.scimUsername.toUpperCase());
    expect(account, user.scimUsername).toBeDefined();
    if (user.inHcm) expect(account?.hcm?.guid).toBe(user.guid);
    if (user.inScim) expect(account?.scim?.id).toBe(user.guid);
    const expected = [...new Set(user.roles)].sort();
    expect(account?.roles.map((role) => role.code), user.scimUsername).toEqual(expected);
    for (const role of account?.roles ?? []) {
      const sources = [...(user.inHcm ? ['hcm'] : []), ...(user.inScim ? ['scim'] : [])];
      expect(role.sources, `${user.scimUsername} ${role.code}`).toEqual(sources);
    }
  }
};
