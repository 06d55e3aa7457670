/** Output folders hold exactly one run: refused, replaced whole with --force, staged and renamed, checked by verify. */
import { cp, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { getDefaultRunDir } from '../src/commands/run.ts';
import type { EvaluationRecord } from '../src/evaluate/types.ts';
import { createEvidenceManifest } from '../src/report/manifest/write.ts';
import { createDemoConfig } from '../src/simulator/demo-config.ts';
import { generateTenant } from '../src/simulator/generate.ts';
import { startSimulator } from '../src/simulator/server.ts';
import { toJsonText } from '../src/util/stable-json.ts';
import { createTempDir, exists, readJson, runMain } from './cli-helpers.ts';

const run = (args: string[]) => runMain([...args, '--quiet']);

let dir: string;
let snapshot: string;
let close: () => Promise<void>;

beforeAll(async () => {
  dir = await createTempDir('output-folder-');
  const tenant = generateTenant({ users: 30 });
  const sim = await startSimulator({ tenant });
  close = () => sim.close();
  const demo = createDemoConfig(sim.url, tenant);
  for (const [name, value] of Object.entries(demo.env)) process.env[name] = value;
  await writeFile(join(dir, 'live.yaml'), stringify(demo.config));
  snapshot = join(dir, 'snapshot');
  expect((await run(['collect', '--config', join(dir, 'live.yaml'), '--out', snapshot, '--skip-probes'])).code).toBe(0);
});
afterAll(async () => close());

const listSorted = async (folder: string): Promise<string[]> => (await readdir(folder)).sort();

describe('output folders', () => {
  it('refuses a folder holding another run, and --force replaces it whole (no report of the old run survives)', async () => {
    const first = join(dir, 'first');
    expect((await run(['evaluate', '--snapshot', snapshot, '--out', first])).code).toBeLessThan(2);
    expect((await run(['report', '--run', first, '--out', first, '--format', 'md,sarif,junit'])).code).toBe(0);
    const other = await run(['evaluate', '--snapshot', snapshot, '--out', first, '--as-of', '2030-01-01']);
    expect(other.code).toBe(2);
    expect(other.stderr).toMatch(/--out .*first: already holds run \w+ .*an output folder holds exactly one run/);
    expect(await listSorted(first)).toContain('summary.md');
    const forced = await run(['evaluate', '--snapshot', snapshot, '--out', first, '--as-of', '2030-01-01', '--force']);
    expect(forced.code, forced.stderr).toBeLessThan(2);
    expect(await listSorted(first)).toEqual(['evaluation.json', 'findings.json', 'snapshot']);
    expect(forced.stdout).toMatch(/^Run \w{12} · snapshot manifest SHA-256 [0-9a-f]{64}$/m);
  });

  it('re-rendering one format in place keeps the same run\'s other reports, and verify checks every report states the run id', async () => {
    const folder = join(dir, 'in-place');
    await run(['evaluate', '--snapshot', snapshot, '--out', folder]);
    expect((await run(['report', '--run', folder, '--out', folder, '--format', 'md,junit,xlsx'])).code).toBe(0);
    const again = await run(['report', '--run', folder, '--out', folder, '--format', 'sarif']);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toMatch(/^Run \w{12} · manifest\.json SHA-256 [0-9a-f]{64}$/m);
    expect(await listSorted(folder)).toEqual(['access-audit.xlsx', 'evaluation.json', 'findings.json', 'junit.xml', 'manifest.json', 'results.sarif', 'snapshot', 'summary.md']);
    expect((await run(['verify', folder])).code).toBe(0);
    // A summary from another run planted and hashed into the manifest: verify names it.
    const stranger = join(dir, 'stranger');
    await run(['evaluate', '--snapshot', snapshot, '--out', stranger, '--as-of', '2031-01-01']);
    await run(['report', '--run', stranger, '--out', stranger, '--format', 'md']);
    await cp(join(stranger, 'summary.md'), join(folder, 'summary.md'));
    const record = await readJson<EvaluationRecord>(join(folder, 'evaluation.json'));
    const manifest = await createEvidenceManifest(folder, record, { tenant: record.tenant, generatedAt: record.asOf });
    await writeFile(join(folder, 'manifest.json'), toJsonText(manifest));
    const verified = await run(['verify', folder]);
    expect(verified.code).toBe(1);
    expect(`${verified.stdout}${verified.stderr}`).toMatch(/summary\.md: belongs to run \w+, the manifest is for run \w+/);
  });

  it('a failure part-way leaves no folder and no staging folder behind', async () => {
    const folder = join(dir, 'failing');
    await run(['evaluate', '--snapshot', snapshot, '--out', join(dir, 'source')]);
    const failed = await run(['report', '--run', join(dir, 'source'), '--out', folder, '--format', 'md,pdf', '--browser', '/bin/false']);
    expect(failed.code).toBe(2);
    expect(await exists(folder)).toBe(false);
    expect((await readdir(dir)).filter((name) => name.includes('.partial-'))).toEqual([]);
  });

  it('reads a snapshot written before the manifests had different names (manifest.json)', async () => {
    const legacy = join(dir, 'legacy-snapshot');
    await cp(snapshot, legacy, { recursive: true });
    await rename(join(legacy, 'snapshot-manifest.json'), join(legacy, 'manifest.json'));
    const result = await run(['evaluate', '--snapshot', legacy, '--out', join(dir, 'legacy-eval')]);
    expect(result.code, result.stderr).toBeLessThan(2);
    expect(JSON.parse(await readFile(join(dir, 'legacy-eval', 'snapshot', 'snapshot-manifest.json'), 'utf8'))).toMatchObject({ kind: 'fusion-access-audit/snapshot' });
  });

  it('names the default run folder after the run id, so two runs in one second differ', () => {
    const at = new Date('2026-12-01T10:00:00.123Z');
    expect(getDefaultRunDir('acme prod', at, 'abc123def456')).toMatch(/reports\/acme_prod-2026-12-01T100000Z-abc123def456$/);
    expect(getDefaultRunDir('acme', at, 'aaa')).not.toBe(getDefaultRunDir('acme', at, 'bbb'));
  });
});
