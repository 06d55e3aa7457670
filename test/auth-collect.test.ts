import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { collectTenant } from '../src/collect/index.ts';
import { parseConfig } from '../src/config/load.ts';
import { isAuditError } from '../src/errors.ts';
import { createDemoConfig } from '../src/simulator/demo-config.ts';
import { generateTenant } from '../src/simulator/generate.ts';
import { startSimulator } from '../src/simulator/server.ts';
import type { RunningSimulator, SimOAuthOptions, SimTenant } from '../src/simulator/types.ts';
import { createAuthConfigs, createSimOAuthOptions, CLIENT_ID, CLIENT_SECRET, OTHER_CERT_FILE, SECRET_ENV, withOAuthUser, writeEncryptedPkcs1Key } from './auth-fixture.ts';
import { expectExactTenant, TEST_COLLECT } from './collect-fixture.ts';

let sim: RunningSimulator | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

type AuthName = keyof ReturnType<typeof createAuthConfigs>;

/** A simulator with the OAuth app, and a config whose tenant signs in with `name`. */
const start = async (name: AuthName, options: { oauth?: Partial<SimOAuthOptions>; latencyMs?: number; pageSize?: number; edit?: (auth: Record<string, unknown>) => void } = {}) => {
  const tenant: SimTenant = withOAuthUser(generateTenant({ seed: 7, users: 120 }));
  sim = await startSimulator({ tenant, oauth: createSimOAuthOptions(options.oauth), latencyMs: options.latencyMs });
  const { config: written, env } = createDemoConfig(sim.url, tenant);
  written.collect = { ...TEST_COLLECT, ...(options.pageSize === undefined ? {} : { pageSize: options.pageSize }) };
  const auth = createAuthConfigs(sim.url, tenant.auditUser)[name] as Record<string, unknown>;
  options.edit?.(auth);
  written.tenant.auth = auth as never;
  const fullEnv = { ...env, [SECRET_ENV]: CLIENT_SECRET };
  return { tenant, written, env: fullEnv, config: () => parseConfig(written, '/virtual/access-audit.json', { env: fullEnv }) };
};

describe('token sign-ins, end to end against the simulator', () => {
  it.each(['oauth2', 'oauth2-jwt', 'fusion-jwt'] as const)('%s: collects the whole tenant and records the effective user', async (name) => {
    const setup = await start(name);
    const model = await collectTenant(setup.config());
    expect(model.incompleteReasons).toEqual([]);
    expectExactTenant(model, setup.tenant);
    const effective = name === 'oauth2' ? CLIENT_ID : setup.tenant.auditUser;
    expect(model.tenant).toMatchObject({ auditUser: effective, authType: name });
    expect(sim?.oauth?.tokensIssued).toBe(name === 'fusion-jwt' ? 0 : 1);
  });

  it('oauth2: the client-id user is the audit account, and self-visibility is checked for it', async () => {
    const setup = await start('oauth2');
    sim = sim!;
    await sim.close();
    sim = await startSimulator({ tenant: setup.tenant, oauth: createSimOAuthOptions(), hiddenUsers: [CLIENT_ID] });
    setup.written.tenant.baseUrl = sim.url;
    (setup.written.tenant.auth as { tokenUrl: string }).tokenUrl = `${sim.url}/oauth2/v1/token`;
    const model = await collectTenant(setup.config());
    expect(model.complete).toBe(false);
    expect(model.incompleteReasons.join('\n')).toContain(`audit account ${CLIENT_ID}`);
  });

  it('refreshes a short-lived token mid-run, before it expires (no 401 on the way)', async () => {
    const setup = await start('oauth2', { oauth: { tokenLifetimeSeconds: 1 }, latencyMs: 50, pageSize: 8 });
    const model = await collectTenant(setup.config());
    expect(model.incompleteReasons).toEqual([]);
    expectExactTenant(model, setup.tenant);
    expect(sim?.oauth?.tokensIssued).toBeGreaterThanOrEqual(2);
    // The only 401s are the planted wrong-password probes (Basic), one request each.
    expect(sim?.stats.byStatus['401'] ?? 0).toBe(model.probes.filter((p) => p.outcome === 'unauthenticated').length);
  });

  it('renews once after a token is refused early (401), and the run stays complete', async () => {
    const setup = await start('oauth2', { oauth: { tokenMaxUses: 20 }, pageSize: 8 });
    const model = await collectTenant(setup.config());
    expect(model.incompleteReasons).toEqual([]);
    expectExactTenant(model, setup.tenant);
    expect(sim?.oauth?.tokensIssued).toBeGreaterThanOrEqual(2);
    expect(sim?.stats.byStatus['401'] ?? 0).toBeGreaterThan(model.probes.filter((p) => p.outcome === 'unauthenticated').length);
  });

  it('fusion-jwt: signs a fresh JWT before the old one expires', async () => {
    const setup = await start('fusion-jwt');
    let clock = Date.now();
    const model = await collectTenant(setup.config(), { clock: () => (clock += 30_000) });
    expect(model.incompleteReasons).toEqual([]);
    expect(new Set(sim?.oauth?.seen).size).toBeGreaterThan(1);
  });

  it('a wrong client secret is one line with the OAuth error, before any GET', async () => {
    const setup = await start('oauth2');
    const config = parseConfig(setup.written, '/virtual/access-audit.json', { env: { ...setup.env, [SECRET_ENV]: 'wrong-secret-value' } });
    const error = await collectTenant(config).catch((caught: unknown) => caught);
    expect(isAuditError(error)).toBe(true);
    expect((error as Error).message).toMatch(/^tenant\.auth: token endpoint POST http:\/\/127\.0\.0\.1:\d+\/oauth2\/v1\/token answered HTTP 401 invalid_client: Client authentication failed\.$/);
    expect((error as Error).message).not.toContain('wrong-secret-value');
    expect(sim?.stats.byPath['hcm:userAccounts'] ?? 0).toBe(0);
  });

  it('a wrong scope and an assertion signed by an untrusted key are refused with their OAuth errors', async () => {
    let setup = await start('oauth2', { edit: (auth) => { auth.scope = 'urn:opc:resource:consumer::all'; } });
    await expect(collectTenant(setup.config())).rejects.toThrow(/HTTP 400 invalid_scope/);
    await sim?.close();
    setup = await start('oauth2-jwt', { oauth: { certificatePem: (await import('node:fs')).readFileSync(OTHER_CERT_FILE, 'utf8'), certificateAlias: 'other' } });
    await expect(collectTenant(setup.config())).rejects.toThrow(/HTTP 400 invalid_grant: assertion rejected: kid\/x5t does not name a trusted certificate/);
  });

  it('fusion-jwt signed by another key is a final 401 (renewed once, never more)', async () => {
    const setup = await start('fusion-jwt', { oauth: { certificatePem: (await import('node:fs')).readFileSync(OTHER_CERT_FILE, 'utf8') } });
    const model = await collectTenant(setup.config());
    expect(model.complete).toBe(false);
    expect(model.incompleteReasons.join('\n')).toMatch(/HTTP 401/);
    expect(model.accounts).toEqual([]);
  });

  it('reads an encrypted PKCS#1 key with the passphrase from its env var, and says which field is wrong otherwise', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'auth-key-'));
    const keyFile = await writeEncryptedPkcs1Key(dir, 'correct horse battery');
    const setup = await start('oauth2-jwt', { edit: (auth) => { auth.privateKeyFile = keyFile; auth.privateKeyPassphraseEnv = 'KEY_PASS'; } });
    const model = await collectTenant(parseConfig(setup.written, '/virtual/a.json', { env: { ...setup.env, KEY_PASS: 'correct horse battery' } }));
    expect(model.incompleteReasons).toEqual([]);
    expect(() => parseConfig(setup.written, '/virtual/a.json', { env: { ...setup.env, KEY_PASS: 'wrong' } }))
      .toThrow(/^\/virtual\/a\.json: tenant\.auth\.privateKeyFile: .*encrypted.key: wrong passphrase/);
    delete (setup.written.tenant.auth as Record<string, unknown>).privateKeyPassphraseEnv;
    expect(() => parseConfig(setup.written, '/virtual/a.json', { env: setup.env })).toThrow(/the key is encrypted: name its passphrase in privateKeyPassphraseEnv/);
    (setup.written.tenant.auth as Record<string, unknown>).privateKeyFile = join(dir, 'missing.key');
    expect(() => parseConfig(setup.written, '/virtual/a.json', { env: setup.env })).toThrow(/tenant\.auth\.privateKeyFile: cannot read .*missing\.key \(ENOENT\)/);
  });

  it('rejects a certificate that does not belong to the key, and an http:// token endpoint off loopback', async () => {
    const setup = await start('fusion-jwt', { edit: (auth) => { auth.certificateFile = OTHER_CERT_FILE; } });
    expect(() => setup.config()).toThrow(/tenant\.auth\.certificateFile: .*other-test\.crt: does not belong to the private key/);
    const oauth = await start('oauth2', { edit: (auth) => { auth.tokenUrl = 'http://idcs.example.com/oauth2/v1/token'; } });
    expect(() => oauth.config()).toThrow(/tenant\.auth\.tokenUrl: plain http:\/\/ is only allowed for loopback hosts/);
  });
});
