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

/** Stderr without the progress lines (`progress …` / `collected …`, one per source). */
const withoutProgress = (stderr: string): string =>
  stderr.split('\n').filter((line) => line !== '' && !/^(progress|collected) [\w-]+: /.test(line)).join('\n');

describe('access-audit collect', () => {
  it('writes a complete snapshot, prints a summary, exits 0 and leaks no secret', async () => {
    const out = join(dir, 'snap-ok');
    const result = await runCli(['collect', '--config', configFile, '--out', out], fixture.env);
    expect(result.code).toBe(0);
    // Progress like `run`: one closing line per source (CI is set, so plain lines, not bars).
    expect(result.stderr).toMatch(/^collected hcm: \d+ pages?, \d+ items?, \d+ requests?, 0 retries, 0 throttled, 0 errors$/m);
    expect(withoutProgress(result.stderr)).toBe('');
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
    const lines = withoutProgress(result.stderr).split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^access-audit: collection incomplete: hcm: GET http:\/\/127\.0\.0\.1:\d+\/hcmRestApi\/.*: HTTP 401 .*\(\+3 more in snapshot-manifest\.json\)$/);
    expect(lines[1]).toMatch(/^hint: /);
    expect(result.stderr).not.toMatch(/^\s+at /m);
    const { manifest } = await readSnapshot(out);
    expect(manifest.complete).toBe(false);
    expect(manifest.incompleteReasons).toHaveLength(4);
    expectNoSecrets(`${result.stdout}\n${result.stderr}\n${await readAllText(out)}`);
    expect(`${result.stderr}${await readAllText(out)}`).not.toContain('wrong-admin-password');
  });

  it('--verbose logs one line per request (method, URL, status, ms, retry and backoff) with Authorization redacted', async () => {
    const throttled = await startFixture({ users: 60, sim: { rate429: 0.3, faultSeed: 3 } });
    try {
      const file = join(dir, 'throttled.json');
      await writeFile(file, JSON.stringify(throttled.written));
      const result = await runCli(['collect', '--config', file, '--out', join(dir, 'snap-verbose'), '--skip-probes', '--verbose'], throttled.env);
      expect(result.code, result.stderr).toBe(0);
      const requests = result.stderr.split('\n').filter((line) => /^debug: (hcm|scim) GET http:\/\/127\.0\.0\.1:\d+\//.test(line));
      const { manifest } = await readSnapshot(join(dir, 'snap-verbose'));
      const sent = manifest.sources.filter((s) => s.source === 'hcm' || s.source === 'scim').reduce((sum, s) => sum + s.requests, 0);
      expect(requests).toHaveLength(sent);
      expect(requests.some((line) => / 200 \d+ ms$/.test(line))).toBe(true);
      // A throttled attempt names the status, the retry it leads to and the backoff chosen.
      expect(requests.some((line) => / 429 \d+ ms(?: \(retry \d+\))? → retry \d+ after backoff \d+ ms$/.test(line))).toBe(true);
      expect(requests.some((line) => / 200 \d+ ms \(retry \d+\)$/.test(line))).toBe(true);
      expect(result.stderr).not.toMatch(/authorization/i);
      expect(result.stderr).not.toContain(throttled.env.FUSION_AUDIT_PASSWORD!);
    } finally {
      await throttled.sim.close();
    }
  });
});
