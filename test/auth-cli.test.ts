import { readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateTenant } from '../src/simulator/generate.ts';
import { readSnapshotManifest } from '../src/snapshot/read.ts';
import { CLIENT_ID, CLIENT_SECRET, createAuthConfigs, createSimOAuthOptions, SECRET_ENV, withOAuthUser } from './auth-fixture.ts';
import { createTempDir, expectNoSecrets, expectOneErrorLine, runCli, startTenant, type TenantFixture } from './cli-helpers.ts';

let dir: string;
const fixtures: TenantFixture[] = [];
beforeAll(async () => {
  dir = await createTempDir('cli-auth-');
});
afterAll(async () => {
  await Promise.all(fixtures.map((fixture) => fixture.sim.close()));
  await rm(dir, { recursive: true, force: true });
});

/** Every file under `root`, as text (the xlsx is a zip: its sheets are checked by the renderer tests). */
const readAll = async (root: string): Promise<string> => {
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  const texts = await Promise.all(entries.filter((entry) => entry.isFile()).map((entry) => readFile(join(entry.parentPath, entry.name), 'latin1')));
  return texts.join('\n');
};

const startWith = async (name: keyof ReturnType<typeof createAuthConfigs>, tokenLifetimeSeconds = 1): Promise<TenantFixture> => {
  const tenant = withOAuthUser(generateTenant({ seed: 11, users: 80 }));
  const fixture = await startTenant(dir, {
    tenant, name,
    sim: { oauth: createSimOAuthOptions({ tokenLifetimeSeconds }), latencyMs: 25 },
    edit: (config) => {
      config.tenant.auth = createAuthConfigs(config.tenant.baseUrl, tenant.auditUser)[name];
      config.collect = { concurrency: 2, pageSize: 10 };
    },
  });
  fixture.env[SECRET_ENV] = CLIENT_SECRET;
  fixtures.push(fixture);
  return fixture;
};

describe('access-audit run with token sign-ins', () => {
  it.each(['oauth2', 'oauth2-jwt', 'fusion-jwt'] as const)('%s: a full run whose output and logs hold no token or secret (--verbose, JSON logs)', async (name) => {
    const fixture = await startWith(name);
    const out = join(dir, `out-${name}`);
    const result = await runCli(['run', '--config', fixture.configFile, '--out', out, '--format', 'json,md,sarif,junit', '--verbose', '--log-format', 'json'], fixture.env);
    expect(result.code, result.stderr).toBe(1);
    const manifest = await readSnapshotManifest(join(out, 'snapshot'));
    expect(manifest.complete).toBe(true);
    expect(manifest.tenant).toMatchObject({ auditUser: name === 'oauth2' ? CLIENT_ID : fixture.tenant.auditUser, authType: name });
    const seen = fixture.sim.oauth?.seen ?? [];
    expect(seen.length).toBeGreaterThan(name === 'fusion-jwt' ? 0 : 1); // short tokens: refreshed during the run
    expectNoSecrets(result, fixture.env);
    const written = await readAll(out);
    for (const secret of [...seen, CLIENT_SECRET]) {
      expect(`${result.stdout}\n${result.stderr}`).not.toContain(secret);
      expect(written).not.toContain(secret);
    }
    expect(result.stderr).not.toMatch(/bearer\s+(?!\[REDACTED\])[A-Za-z0-9._~+/-]{8,}/i);
  });

  it('a wrong client secret: one line with the OAuth error and exit 2, the secret never printed', async () => {
    const fixture = await startWith('oauth2', 3600);
    const result = await runCli(['collect', '--config', fixture.configFile, '--out', join(dir, 'bad-secret')], { ...fixture.env, [SECRET_ENV]: 'not-the-secret-9f8e' });
    expect(result.code).toBe(2);
    expect(expectOneErrorLine(result.stderr)).toMatch(/^access-audit: tenant\.auth: token endpoint POST http:\/\/127\.0\.0\.1:\d+\/oauth2\/v1\/token answered HTTP 401 invalid_client: Client authentication failed\.$/);
    expect(result.stderr).not.toContain('not-the-secret-9f8e');
  });
});
