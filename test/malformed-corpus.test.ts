/**
 * The malformed-input corpus (test/malformed/): every file is one broken input a real user could
 * hand the tool. Each case must give exit 2, one error line naming the file, option or URL, no
 * stack trace, nothing written outside its own temp folder, and earlier outputs unchanged.
 * Cases run in-process through main() (the one place that maps errors to exit codes); a few
 * representative ones are also spawned as a real process.
 */
import { createHash } from 'node:crypto';
import { cp, lstat, mkdir, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { basename, join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemoConfig } from '../src/simulator/demo-config.ts';
import { generateTenant } from '../src/simulator/generate.ts';
import { startSimulator } from '../src/simulator/server.ts';
import { stringify } from 'yaml';
import { createTempDir, expectOneErrorLine, runCli, runMain } from './cli-helpers.ts';

const CORPUS = join(import.meta.dirname, 'malformed');
const SECRET = 'corpus-secret-pw';

/** Every file below a folder with its SHA-256 (symlinks by target), to prove nothing changed. */
const hashTree = async (dir: string): Promise<Record<string, string>> => {
  const out: Record<string, string> = {};
  const walk = async (current: string): Promise<void> => {
    for (const entry of await readdir(current, { withFileTypes: true })) {
      const full = join(current, entry.name);
      if (entry.isDirectory()) await walk(full);
      else out[relative(dir, full)] = entry.isFile() ? createHash('sha256').update(await readFile(full)).digest('hex') : 'link';
    }
  };
  await walk(dir);
  return out;
};

let root: string;
let snapshot: string;
let runDir: string;
let earlier: string;
let config: string;
const before: Record<string, Record<string, string>> = {};
let cwdBefore: string[];
let closeSimulator: () => Promise<void>;

const listCases = async (folder: string): Promise<string[]> => (await readdir(join(CORPUS, folder))).sort();

beforeAll(async () => {
  root = await createTempDir('malformed-');
  const tenant = generateTenant({ users: 30 });
  const sim = await startSimulator({ tenant });
  closeSimulator = () => sim.close();
  const demo = createDemoConfig(sim.url, tenant);
  for (const [name, value] of Object.entries(demo.env)) process.env[name] = value;
  const liveConfig = join(root, 'live.yaml');
  await writeFile(liveConfig, stringify(demo.config));
  snapshot = join(root, 'snapshot');
  const collected = await runMain(['collect', '--config', liveConfig, '--out', snapshot, '--quiet', '--skip-probes']);
  if (collected.code !== 0) throw new Error(`collect failed: ${collected.stderr}`);
  runDir = join(root, 'run');
  const evaluated = await runMain(['evaluate', '--snapshot', snapshot, '--out', runDir, '--quiet']);
  if (evaluated.code > 1) throw new Error(`evaluate failed: ${evaluated.stderr}`);
  earlier = join(root, 'earlier');
  const rendered = await runMain(['report', '--run', runDir, '--out', earlier, '--format', 'md,json,sarif', '--quiet']);
  if (rendered.code !== 0) throw new Error(`report failed: ${rendered.stderr}`);
  // A valid config whose tenant is a closed loopback port: a case that reached collection would fail differently.
  config = join(root, 'unreachable.yaml');
  await writeFile(config, 'tenant:\n  name: acme\n  baseUrl: http://127.0.0.1:9\n  auth: { type: basic, username: AUDIT, passwordEnv: CORPUS_PW }\n');
  process.env.CORPUS_PW = SECRET;
  process.env.CORPUS_NEWLINE_TOKEN = 'eyJhbGciOi.token\n';
  for (const [name, dir] of Object.entries({ snapshot, runDir, earlier })) before[name] = await hashTree(dir);
  cwdBefore = (await readdir(process.cwd())).sort();
}, 120_000);

afterAll(async () => {
  await closeSimulator();
  await rm(root, { recursive: true, force: true });
});

/** A fresh folder per case, with the inputs some cases point at. */
const createCaseDir = async (name: string): Promise<{ dir: string; vars: Record<string, string> }> => {
  const dir = join(root, 'cases', name);
  await mkdir(dir, { recursive: true });
  const file = join(dir, 'plain-file.txt');
  await writeFile(file, 'not a folder\n');
  const link = join(dir, 'link');
  await symlink(join(root, 'elsewhere'), link);
  const foreign = join(dir, 'foreign');
  await mkdir(foreign);
  await writeFile(join(foreign, 'notes.txt'), 'mine\n');
  const policytypo = join(dir, 'typo.yaml');
  await cp(join(CORPUS, 'policies', 'typo-remediation.yaml'), policytypo);
  const waivertypo = join(dir, 'waivers.yaml');
  await cp(join(CORPUS, 'waivers', 'unknown-rule.yaml'), waivertypo);
  return { dir, vars: { tmp: dir, file, link, foreign, policytypo, waivertypo, snapshot, run: runDir, earlier, config } };
};

/** Builds a broken copy of the snapshot as a case's JSON spec says. */
const createBrokenSnapshot = async (spec: Record<string, unknown>, dir: string): Promise<string> => {
  const target = join(dir, 'snapshot');
  await cp(snapshot, target, { recursive: true });
  const manifestFile = join(target, 'snapshot-manifest.json');
  const manifest = JSON.parse(await readFile(manifestFile, 'utf8')) as Record<string, unknown> & { files: Record<string, string> };
  for (const [name, text] of Object.entries((spec.write ?? {}) as Record<string, string>)) await writeFile(join(target, name), text);
  for (const [name, text] of Object.entries((spec.append ?? {}) as Record<string, string>)) await writeFile(join(target, name), text, { flag: 'a' });
  for (const name of (spec.delete ?? []) as string[]) await rm(join(target, name));
  if (spec.rehash === true) {
    for (const name of Object.keys(spec.write ?? {})) manifest.files[name] = createHash('sha256').update(await readFile(join(target, name))).digest('hex');
  }
  const edits = (spec.manifest ?? {}) as Record<string, unknown>;
  for (const [key, value] of Object.entries(edits)) {
    manifest[key] = typeof value === 'object' && value !== null && !Array.isArray(value) ? { ...(manifest[key] as object), ...value } : value;
  }
  if (spec.rehash === true || Object.keys(edits).length > 0) await writeFile(manifestFile, JSON.stringify(manifest));
  for (const [name, to] of Object.entries((spec.symlink ?? {}) as Record<string, string>)) {
    await rm(join(target, name));
    await symlink(to, join(target, name));
  }
  return target;
};

interface Case { args: string[]; expect: string; forbid?: string }

const FILE_COMMANDS: Record<string, (file: string, dir: string) => string[]> = {
  config: (file, dir) => ['run', '--config', file, '--out', join(dir, 'out')],
  policies: (file, dir) => ['evaluate', '--snapshot', snapshot, '--policies', file, '--out', join(dir, 'out')],
  waivers: (file, dir) => ['evaluate', '--snapshot', snapshot, '--waivers', file, '--out', join(dir, 'out')],
  changes: (file, dir) => ['gate', '--snapshot', snapshot, '--change', file, '--out', join(dir, 'out')],
};

const toCase = async (folder: string, name: string, dir: string, vars: Record<string, string>): Promise<Case> => {
  const source = join(CORPUS, folder, name);
  const command = FILE_COMMANDS[folder];
  if (command !== undefined) {
    const file = join(dir, name);
    await cp(source, file);
    return { args: command(file, dir), expect: name, forbid: SECRET };
  }
  if (folder === 'snapshots') {
    const spec = JSON.parse(await readFile(source, 'utf8')) as { expect: string; forbid?: string };
    const broken = await createBrokenSnapshot(spec, dir);
    return { args: ['evaluate', '--snapshot', broken, '--out', join(dir, 'out')], expect: spec.expect, forbid: spec.forbid };
  }
  const [header = '', line = ''] = (await readFile(source, 'utf8')).split('\n');
  const args = line.trim().split(/\s+/).map((word) => word.replace(/\{(\w+)\}/g, (_, key: string) => vars[key] ?? `{${key}}`));
  return { args, expect: header.replace(/^# expect: /, ''), forbid: SECRET };
};

const FOLDERS = ['config', 'policies', 'waivers', 'changes', 'snapshots', 'options'];

describe('malformed-input corpus', () => {
  it('has at least 150 cases', async () => {
    const counts = await Promise.all(FOLDERS.map(listCases));
    expect(counts.flat().length).toBeGreaterThanOrEqual(150);
  });

  for (const folder of FOLDERS) {
    it(`${folder}: every case exits 2 with one line naming the input, and writes nothing`, async () => {
      const failures: string[] = [];
      for (const name of await listCases(folder)) {
        const { dir, vars } = await createCaseDir(`${folder}-${name}`);
        const test = await toCase(folder, name, dir, vars);
        const inputs = await hashTree(dir);
        const result = await runMain(test.args);
        const label = `${folder}/${name}: ${result.stderr.trim().split('\n')[0] ?? ''}`;
        try {
          expect(result.code, label).toBe(2);
          const line = expectOneErrorLine(result.stderr);
          expect(line, label).toContain(test.expect);
          expect(result.stderr, label).not.toMatch(/unexpected error/);
          if (test.forbid !== undefined) expect(`${result.stdout}${result.stderr}`, label).not.toContain(test.forbid);
          expect(await hashTree(dir), `${label}: wrote into its folder`).toEqual(inputs);
        } catch (error) {
          failures.push((error as Error).message.split('\n')[0] ?? label);
        }
      }
      expect(failures).toEqual([]);
      for (const [name, dir] of Object.entries({ snapshot, runDir, earlier })) expect(await hashTree(dir), name).toEqual(before[name]);
      expect((await readdir(process.cwd())).sort()).toEqual(cwdBefore);
      expect(await lstat(join(root, 'elsewhere')).catch(() => null)).toBeNull();
    }, 300_000);
  }

  it('a representative handful, spawned as a real process, behave the same (and --verbose adds the stack)', async () => {
    const picks = [['config', 'typo-tenant.yaml'], ['changes', 'csv-split-username.csv'], ['snapshots', 'accounts-symlink.json'], ['options', 'out-holds-other-run.args'], ['waivers', 'unknown-rule.yaml']] as const;
    for (const [folder, name] of picks) {
      const { dir, vars } = await createCaseDir(`spawned-${folder}-${name}`);
      const test = await toCase(folder, name, dir, vars);
      const result = await runCli(test.args, { CORPUS_PW: SECRET });
      expect(result.code, `${folder}/${name}: ${result.stderr}`).toBe(2);
      expect(expectOneErrorLine(result.stderr)).toContain(test.expect);
      if (test.forbid !== undefined) expect(result.stderr).not.toContain(test.forbid);
    }
    const { dir, vars } = await createCaseDir('spawned-verbose');
    const verbose = await runCli([...(await toCase('config', 'typo-tenant.yaml', dir, vars)).args, '--verbose'], { CORPUS_PW: SECRET });
    expect(verbose.code).toBe(2);
    expect(verbose.stderr).toMatch(/^\s+at /m);
    expect(basename(dir)).toBe('spawned-verbose');
  });
});
