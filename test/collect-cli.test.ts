import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSnapshot } from '../src/snapshot/read.ts';
import { runCli } from './cli-helpers.ts';
import { startFixture, type Fixture } from './collect-fixture.ts';

let fixture: Fixture;
let dir: string;
let configFile: string;
beforeAll(async () => {
  fixture = await startFixture({ users: 80 });
  dir = await mkdtemp(join(tmpdir(), 'collect-cli-'));
  configFile = join(dir, 'access-audit.json');
  await writeFile(configFile, JSON.stringify(fixture.written));
});
afterAll(async () => {
  await fixture.sim.close();
  await rm(dir, { recursive: true, force: true });
});

const readAllText = async (folder: string): Promise<string> => {
  const names = await readdir(folder);
  const texts = await Promise.all(names.map((name) => readFile(join(folder, name), 'utf8')));
  return texts.join('\n');
};

const expectNoSecrets = (text: string): void => {
  for (const secret of Object.values(fixture.env)) {
    expect(text).not.toContain(secret);
    // Basic auth header values too.
  }
  expect(text).not.toMatch(/basic\s+[A-Za-z0-9+/=]{8,}/i);
};

describe('access-audit collect', () => {
  it('writes a complete snapshot, prints a summary, exits 0 and leaks no secret', async () => {
    const out = join(dir, 'snap-ok');
    const result = await runCli(['collect', '--config', configFile, '--out', out], fixture.env);
    expect(result.stderr).not.toMatch(/error/i);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Collected demo-tenant: \d+ accounts, \d+ role assignments/);
    const { model, manifest } = await readSnapshot(out);
    expect(manifest.complete).toBe(true);
    expect(model.accounts.length).toBe(fixture.tenant.users.filter((u) => u.inHcm || u.inScim).length);
    expect(model.probes.some((p) => p.outcome === 'unauthenticated')).toBe(true);
    expectNoSecrets(`${result.stdout}\n${result.stderr}\n${await readAllText(out)}`);
  });

  it('bad admin credentials: writes the snapshot marked incomplete, one error line + hint, exit 2', async () => {
    const out = join(dir, 'snap-bad');
    const env = { ...fixture.env, FUSION_AUDIT_PASSWORD: 'wrong-admin-password' };
    const result = await runCli(['collect', '--config', configFile, '--out', out, '--skip-probes'], env);
    expect(result.code).toBe(2);
    const lines = result.stderr.trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^access-audit: collection incomplete: hcm: GET http:\/\/127\.0\.0\.1:\d+\/hcmRestApi\/.*: HTTP 401 .*\(\+1 more in manifest\.json\)$/);
    expect(lines[1]).toMatch(/^hint: /);
    expect(result.stderr).not.toMatch(/^\s+at /m);
    const { manifest } = await readSnapshot(out);
    expect(manifest.complete).toBe(false);
    expect(manifest.incompleteReasons).toHaveLength(2);
    expectNoSecrets(`${result.stdout}\n${result.stderr}\n${await readAllText(out)}`);
    expect(`${result.stderr}${await readAllText(out)}`).not.toContain('wrong-admin-password');
  });
});
