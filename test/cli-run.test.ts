import { writeFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { meetsThreshold } from '../src/evaluate/severity.ts';
import { generateTenant } from '../src/simulator/generate.ts';
import { readSnapshotManifest } from '../src/snapshot/read.ts';
import {
  createTempDir, exists, expectNoSecrets, expectOneErrorLine, readFindings, runCli, startTenant, type TenantFixture,
} from './cli-helpers.ts';

const NEW_ROLE = 'ORA_FND_IT_SECURITY_MANAGER_JOB';

let dir: string;
let planted: TenantFixture;
const fixtures: TenantFixture[] = [];

beforeAll(async () => {
  dir = await createTempDir('cli-run-');
  planted = await startTenant(dir);
  fixtures.push(planted);
});
afterAll(async () => {
  await Promise.all(fixtures.map((fixture) => fixture.sim.close()));
  await rm(dir, { recursive: true, force: true });
});

/** A loopback port with nothing listening: bind a free port, then release it. */
const getClosedPort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });

/** Writes a variant of the planted tenant's config (still names env vars only). */
const writeVariant = async (name: string, edit: (config: Record<string, unknown>) => void): Promise<string> => {
  const config = structuredClone(planted.written) as Record<string, unknown>;
  edit(config);
  const file = join(dir, `${name}.yaml`);
  await writeFile(file, stringify(config));
  return file;
};

describe('access-audit run: exit 1 with findings at or above --fail-on', () => {
  it('writes every report and the snapshot for the planted tenant and exits 1', async () => {
    const out = join(dir, 'full');
    const result = await runCli(['run', '--config', planted.configFile, '--out', out, '--fail-on', 'high'], planted.env);
    expect(result.code, result.stderr).toBe(1);
    for (const name of ['access-audit.xlsx', 'access-audit.pdf', 'results.sarif', 'junit.xml', 'summary.md', 'findings.json', 'manifest.json', 'snapshot/snapshot-manifest.json']) {
      expect(await exists(join(out, name)), name).toBe(true);
    }
    expect(result.stdout).toContain(`Reports in ${out}`);
    expect(result.stdout).toMatch(/\b\d+ findings? at or above --fail-on high/);
    const document = await readFindings(out);
    expect(document.complete).toBe(true);
    const failing = document.findings.filter((f) => f.status === 'open' && meetsThreshold(f.severity, 'high'));
    expect(failing.length).toBeGreaterThan(0);
    // Every planted violation is in the findings the run wrote.
    const keys = new Set(document.findings.map((f) => [f.ruleId, f.username, f.roleCode, f.endpoint].join('|')));
    for (const p of planted.tenant.planted) expect(keys, JSON.stringify(p)).toContain([p.ruleId, p.username, p.roleCode, p.endpoint].join('|'));
    expect((await readSnapshotManifest(join(out, 'snapshot'))).complete).toBe(true);
    expectNoSecrets(result, planted.env);
  });
});

describe('access-audit run: exit 0', () => {
  it('exits 0 when every finding at or above the threshold is waived, and logs JSON lines with --log-format json', async () => {
    const before = await readFindings(join(dir, 'full'));
    const covered = before.findings.filter((f) => meetsThreshold(f.severity, 'high'));
    const waivers = covered.map((f) => ({
      // A finding about a role (username "") is waived by its role code alone.
      ruleId: f.ruleId, ...(f.username === '' ? {} : { username: f.username }), roleCode: f.roleCode, endpoint: f.endpoint,
      justification: 'accepted for the end-to-end test', approvedBy: 'CISO', expires: '2099-12-31',
    }));
    const waiverFile = join(dir, 'waivers.yaml');
    await writeFile(waiverFile, stringify({ waivers }));
    const out = join(dir, 'waived');
    const result = await runCli(['run', '--config', planted.configFile, '--out', out, '--waivers', waiverFile, '--format', 'json,md', '--log-format', 'json'], planted.env);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('0 findings at or above --fail-on high');
    const document = await readFindings(out);
    const high = document.findings.filter((f) => meetsThreshold(f.severity, 'high'));
    expect(high).toHaveLength(covered.length);
    expect(high.every((f) => f.status === 'waived')).toBe(true);
    // Findings below the threshold stay open: the waiver file covers exactly what it names.
    expect(document.findings.some((f) => f.status === 'open' && !meetsThreshold(f.severity, 'high'))).toBe(true);
    const lines = result.stderr.trim().split('\n');
    expect(lines.length).toBeGreaterThan(2);
    for (const line of lines) {
      const entry = JSON.parse(line) as { level: string; message: string; time: string };
      expect(['debug', 'info', 'warn', 'error']).toContain(entry.level);
      expect(typeof entry.message).toBe('string');
    }
    expectNoSecrets(result, planted.env);
  });
});

describe('access-audit run --baseline --new-only', () => {
  it('exits 0 when nothing is new, marks every finding existing, and prints no info lines with --quiet', async () => {
    const out = join(dir, 'again');
    const result = await runCli(['run', '--config', planted.configFile, '--out', out, '--baseline', join(dir, 'full'), '--new-only', '--format', 'json', '--quiet'], planted.env);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toBe('');
    expect(result.stdout).toMatch(/since baseline: 0 new, \d+ existing, 0 resolved/);
    const document = await readFindings(out);
    expect(document.findings.length).toBe((await readFindings(join(dir, 'full'))).findings.length);
    expect(document.findings.every((f) => f.baseline === 'existing')).toBe(true);
    expect(await exists(join(out, 'changes.json'))).toBe(true);
  });

  it('exits 1 when the tenant gains a risky role, and only the new findings count', async () => {
    const tenant = generateTenant();
    const user = tenant.users.find((u) => u.scimUsername === 'INT_OIC_GL');
    expect(user?.roles).not.toContain(NEW_ROLE);
    user!.roles.push(NEW_ROLE);
    const changed = await startTenant(dir, { tenant, name: 'changed' });
    fixtures.push(changed);
    const out = join(dir, 'changed');
    const result = await runCli(['run', '--config', changed.configFile, '--out', out, '--baseline', join(dir, 'full'), '--new-only', '--format', 'json'], changed.env);
    expect(result.code, result.stderr).toBe(1);
    const document = await readFindings(out);
    const fresh = document.findings.filter((f) => f.baseline === 'new');
    expect(fresh.length).toBeGreaterThan(0);
    // The role itself, or (the demo collects the role graph) a privilege or duty held through it.
    for (const f of fresh) expect([f.username, f.roleCode === NEW_ROLE || (f.evidence as { via?: unknown }).via === NEW_ROLE]).toEqual(['INT_OIC_GL', true]);
    const failingNew = fresh.filter((f) => f.status === 'open' && meetsThreshold(f.severity, 'high')).length;
    // The old high findings are still there but do not count toward --fail-on under --new-only.
    expect(document.findings.filter((f) => f.baseline === 'existing' && meetsThreshold(f.severity, 'high')).length).toBeGreaterThan(0);
    expect(result.stdout).toContain(`  ${failingNew} finding${failingNew === 1 ? '' : 's'} at or above --fail-on high`);
    expectNoSecrets(result, changed.env);
  });
});

describe('access-audit run: exit 2 with one error line', () => {
  it('rejects an unknown config key, naming the file and the key', async () => {
    const file = await writeVariant('unknown-key', (config) => {
      (config.collect as Record<string, unknown>).retrys = 3;
    });
    const result = await runCli(['run', '--config', file, '--out', join(dir, 'unknown-key-out')], planted.env);
    expect(result.code).toBe(2);
    const line = expectOneErrorLine(result.stderr);
    expect(line).toContain(file);
    expect(line).toContain('collect.retrys');
    expect(result.stdout).toBe('');
    expect(await exists(join(dir, 'unknown-key-out'))).toBe(false);
  });

  it('names the missing password environment variable and never prints the others', async () => {
    const result = await runCli(['run', '--config', planted.configFile, '--out', join(dir, 'no-env-out')], { ...planted.env, INT_OIC_GL_PASSWORD: undefined });
    expect(result.code).toBe(2);
    const line = expectOneErrorLine(result.stderr);
    expect(line).toContain(planted.configFile);
    expect(line).toContain('INT_OIC_GL_PASSWORD');
    expect(line).toMatch(/integrations\[\d+\]\.auth\.passwordEnv/);
    expectNoSecrets(result, planted.env);
  });

  it('exits 2 on an unreachable tenant even though findings exist, and marks the run INCOMPLETE', async () => {
    const port = await getClosedPort();
    const file = await writeVariant('unreachable', (config) => {
      (config.tenant as Record<string, unknown>).baseUrl = `http://127.0.0.1:${port}`;
      config.collect = { concurrency: 2, retries: 1, backoffBaseMs: 5, backoffMaxMs: 10, timeoutMs: 2000 };
    });
    const out = join(dir, 'unreachable-out');
    const result = await runCli(['run', '--config', file, '--out', out, '--format', 'json', '--quiet'], planted.env);
    expect(result.code).toBe(2);
    const line = expectOneErrorLine(result.stderr);
    expect(line).toMatch(/INCOMPLETE/);
    expect(line).toContain(`127.0.0.1:${port}`);
    expect(result.stdout).toContain('INCOMPLETE');
    const document = await readFindings(out);
    expect(document.complete).toBe(false);
    expect(document.findings.length).toBeGreaterThan(0);
    expect((await readSnapshotManifest(join(out, 'snapshot'))).complete).toBe(false);
    expectNoSecrets(result, planted.env);
  });

  it('exits 2 on bad admin credentials without printing the password', async () => {
    const wrong = 'wrong-admin-password-e2e';
    const env = { ...planted.env, FUSION_AUDIT_PASSWORD: wrong };
    const result = await runCli(['run', '--config', planted.configFile, '--out', join(dir, 'bad-admin'), '--format', 'json', '--quiet', '--skip-probes'], env);
    expect(result.code).toBe(2);
    const line = expectOneErrorLine(result.stderr);
    expect(line).toMatch(/HTTP 401/);
    expect(`${result.stdout}${result.stderr}`).not.toContain(wrong);
    expectNoSecrets(result, env);
  });
});
