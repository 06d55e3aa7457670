/**
 * The package as a CI repository gets it: `npm pack` (which builds dist/ through `prepare`), the
 * tarball installed into a temporary prefix from the npm cache, and the installed binary run from
 * an unrelated folder, so templates, policies and schemas must be found relative to the package.
 */
import { execFile } from 'node:child_process';
import { mkdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTempDir, exists, type CliResult } from './cli-helpers.ts';

const ROOT = join(import.meta.dirname, '..');
const exec = promisify(execFile);
const pkg = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as { name: string; version: string };

let dir: string;
let packed: string[];
let binary: string;
let elsewhere: string;

/** npm with the environment of a CI job: no browser download, no update notice, no funding lines. */
const npm = (args: string[], cwd: string) =>
  exec('npm', args, {
    cwd,
    maxBuffer: 32 * 1024 * 1024,
    env: { ...process.env, PUPPETEER_SKIP_DOWNLOAD: '1', npm_config_update_notifier: 'false', npm_config_fund: 'false', npm_config_audit: 'false' },
  });

/** Installs from the cache only; a fresh machine whose cache holds tarballs but no metadata yet may read the registry once. */
const installFromCache = async (prefix: string, tarball: string): Promise<void> => {
  try {
    await npm(['install', '--offline', '--prefix', prefix, tarball], prefix);
  } catch (error) {
    if (!String((error as { stderr?: string }).stderr).includes('ENOTCACHED')) throw error;
    await npm(['install', '--prefer-offline', '--prefix', prefix, tarball], prefix);
  }
};

const runInstalled = (args: string[]): Promise<CliResult> =>
  new Promise((done) => {
    execFile(binary, args, { cwd: elsewhere, env: { ...process.env, CI: '1' }, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      done({ code: error === null ? 0 : typeof error.code === 'number' ? error.code : -1, stdout, stderr });
    });
  });

beforeAll(async () => {
  dir = await createTempDir('package-install-');
  const { stdout } = await npm(['pack', '--json', '--pack-destination', dir], ROOT);
  const [info] = JSON.parse(stdout.slice(stdout.indexOf('['))) as { filename: string; files: { path: string }[] }[];
  packed = info!.files.map((file) => file.path);
  const prefix = join(dir, 'prefix');
  await mkdir(prefix);
  await installFromCache(prefix, join(dir, info!.filename));
  binary = join(prefix, 'node_modules', '.bin', 'access-audit');
  elsewhere = join(dir, 'unrelated', 'folder');
  await mkdir(elsewhere, { recursive: true });
}, 300_000);
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('npm pack', () => {
  it('carries the compiled CLI and its data files, and no sources, tests, benches or dev configs', () => {
    for (const file of ['bin/access-audit.js', 'dist/cli.js', 'templates/report.hbs', 'schemas/config.schema.json', 'LICENSE', 'README.md', 'package.json']) {
      expect(packed, file).toContain(file);
    }
    expect(packed.some((file) => file.startsWith('policies/') && file.endsWith('.yaml'))).toBe(true);
    const unwanted = /^(src|test|bench|scripts|\.ci|docs|reports|node_modules)\/|^(tsconfig[^/]*\.json|vitest\.config\.ts|eslint\.config\.js|\.puppeteerrc\.cjs|package-lock\.json)$|\.ts$/;
    expect(packed.filter((file) => unwanted.test(file))).toEqual([]);
  });
});

describe('the installed binary, run from an unrelated folder', () => {
  it('--help and --version', async () => {
    const help = await runInstalled(['--help']);
    expect(help.code, help.stderr).toBe(0);
    expect(help.stdout).toMatch(/access-audit run\b/);
    const version = await runInstalled(['--version']);
    expect(version.stdout.trim()).toBe(pkg.version);
  });

  it('runs on node alone: tsx and the other dev dependencies are not installed', async () => {
    expect(await exists(join(dir, 'prefix', 'node_modules', 'tsx'))).toBe(false);
    expect(await exists(join(dir, 'prefix', 'node_modules', 'vitest'))).toBe(false);
  });

  it('policies validate reads the bundled pack from the package', async () => {
    const result = await runInstalled(['policies', 'validate']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^\d+ rules in \d+ files: OK/);
  });

  it('demo renders every report (the PDF from the packaged templates) and verify accepts the folder', async () => {
    const out = join(elsewhere, 'demo');
    const demo = await runInstalled(['demo', '--out', out, '--quiet']);
    expect(demo.code, demo.stderr).toBe(0);
    for (const name of ['access-audit.xlsx', 'access-audit.pdf', 'summary.md', 'findings.json', 'manifest.json']) expect(await exists(join(out, name)), name).toBe(true);
    expect((await readFile(join(out, 'access-audit.pdf'))).subarray(0, 4).toString()).toBe('%PDF');
    const verify = await runInstalled(['verify', out]);
    expect(verify.code, verify.stderr).toBe(0);
    expect(verify.stdout).toMatch(/^OK: \d+ files match manifest\.json/m);
  });
});
