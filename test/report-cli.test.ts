import { generateKeyPairSync } from 'node:crypto';
import { appendFile, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './cli-helpers.ts';
import { startFixture, type Fixture } from './collect-fixture.ts';

let fixture: Fixture;
let dir: string;
let evaluation: string;
beforeAll(async () => {
  fixture = await startFixture({ users: 60 });
  dir = await mkdtemp(join(tmpdir(), 'report-cli-'));
  const config = join(dir, 'access-audit.json');
  await writeFile(config, JSON.stringify(fixture.written));
  const snapshot = join(dir, 'snapshot');
  expect((await runCli(['collect', '--config', config, '--out', snapshot], fixture.env)).code).toBe(0);
  evaluation = join(dir, 'evaluation');
  const evaluated = await runCli(['evaluate', '--snapshot', snapshot, '--out', evaluation]);
  expect([0, 1]).toContain(evaluated.code);
}, 120_000);
afterAll(async () => {
  await fixture.sim.close();
  await rm(dir, { recursive: true, force: true });
});

describe('access-audit report / verify', () => {
  it('re-renders every format offline into another folder, copying the evaluation, and verifies', { timeout: 180_000 }, async () => {
    const out = join(dir, 'reports');
    fixture.sim.resetStats();
    const result = await runCli(['report', '--run', evaluation, '--out', out]);
    expect(result.stderr).not.toMatch(/error/i);
    expect(result.code).toBe(0);
    expect(fixture.sim.stats.requests).toBe(0);
    const names = await readdir(out);
    for (const name of ['access-audit.xlsx', 'access-audit.pdf', 'results.sarif', 'junit.xml', 'summary.md', 'findings.json', 'evaluation.json', 'manifest.json', 'snapshot']) {
      expect(names).toContain(name);
    }
    expect(await readFile(join(out, 'findings.json'), 'utf8')).toBe(await readFile(join(evaluation, 'findings.json'), 'utf8'));
    const manifest = JSON.parse(await readFile(join(out, 'manifest.json'), 'utf8'));
    expect(manifest.files.map((f: { path: string }) => f.path)).toContain('snapshot/accounts.ndjson');
    const verified = await runCli(['verify', out]);
    expect(verified.code).toBe(0);
    expect(verified.stdout).toMatch(/^OK: \d+ files match/m);
  });

  it('verify names the changed file (exit 1), checks signatures, exit 2 on unreadable input', { timeout: 120_000 }, async () => {
    const out = join(dir, 'signed');
    const pair = generateKeyPairSync('ed25519');
    const key = join(dir, 'key.pem');
    const pub = join(dir, 'key.pub.pem');
    await writeFile(key, pair.privateKey.export({ type: 'pkcs8', format: 'pem' }));
    await writeFile(pub, pair.publicKey.export({ type: 'spki', format: 'pem' }));
    const rendered = await runCli(['report', '--run', evaluation, '--out', out, '--format', 'sarif,junit,md', '--sign-key', key, '--fail-on', 'info']);
    expect(rendered.code).toBe(1);
    expect((await runCli(['verify', out, '--public-key', pub])).stdout).toMatch(/signature: valid/);
    await appendFile(join(out, 'snapshot', 'probes.json'), ' ');
    const tampered = await runCli(['verify', out, '--public-key', pub]);
    expect(tampered.code).toBe(1);
    expect(tampered.stdout).toMatch(/FAIL snapshot\/probes\.json: changed/);
    const missing = await runCli(['verify', join(dir, 'nope')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/manifest\.json: cannot read/);
  });

  it('an unknown format is a usage error (exit 2)', async () => {
    const result = await runCli(['report', '--run', evaluation, '--out', join(dir, 'x'), '--format', 'docx']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--format docx: unknown format docx/);
  });
});
