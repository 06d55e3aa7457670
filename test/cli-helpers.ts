/** Shared set-up for the CLI end-to-end tests: spawn the real binary against the real simulator. */
import { execFile } from 'node:child_process';
import { access, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, vi } from 'vitest';
import { main } from '../src/main.ts';
import { stringify } from 'yaml';
import type { WrittenConfig } from '../src/config/schema.ts';
import type { FindingsDocument } from '../src/evaluate/types.ts';
import { createDemoConfig } from '../src/simulator/demo-config.ts';
import { generateTenant } from '../src/simulator/generate.ts';
import { startSimulator } from '../src/simulator/server.ts';
import type { RunningSimulator, SimTenant, SimulatorOptions } from '../src/simulator/types.ts';

/**
 * The CLI on the sources (tsx), so the suite runs from a fresh clone without a build step. The
 * compiled bin/ → dist/ path is exercised by test/package-install.test.ts, as installed.
 */
export const BIN = join(import.meta.dirname, '..', 'scripts', 'dev-cli.js');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Spawns `node scripts/dev-cli.js …` asynchronously (the simulator lives in this process, so a
 * synchronous spawn would deadlock it). `env` entries set to undefined are removed from the
 * child's environment; the passwords reach the child only this way.
 */
export const runCli = (args: string[], env: Record<string, string | undefined> = {}, cwd?: string): Promise<CliResult> => {
  const childEnv: NodeJS.ProcessEnv = { ...process.env, CI: '1' };
  for (const [name, value] of Object.entries(env)) {
    if (value === undefined) delete childEnv[name];
    else childEnv[name] = value;
  }
  return new Promise((done) => {
    execFile(process.execPath, [BIN, ...args], { env: childEnv, cwd, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === 'number' ? error.code : -1;
      done({ code, stdout, stderr });
    });
  });
};

export interface TenantFixture {
  tenant: SimTenant;
  sim: RunningSimulator;
  /** The YAML config written to disk: it names env vars only. */
  configFile: string;
  written: WrittenConfig;
  /** The passwords, passed to the child through its environment. */
  env: Record<string, string>;
}

/** Starts the simulator on loopback for `tenant` and writes a real YAML config for it into `dir`. */
export const startTenant = async (
  dir: string,
  options: { tenant?: SimTenant; name?: string; sim?: Omit<SimulatorOptions, 'tenant'>; edit?: (config: WrittenConfig) => void } = {},
): Promise<TenantFixture> => {
  const tenant = options.tenant ?? generateTenant();
  const sim = await startSimulator({ tenant, ...options.sim });
  const { config: written, env } = createDemoConfig(sim.url, tenant);
  options.edit?.(written);
  const configFile = join(dir, `${options.name ?? 'access-audit'}.yaml`);
  await writeFile(configFile, stringify(written));
  return { tenant, sim, configFile, written, env };
};

export const createTempDir = (prefix: string): Promise<string> => mkdtemp(join(tmpdir(), prefix));

export const readJson = async <T>(file: string): Promise<T> => JSON.parse(await readFile(file, 'utf8')) as T;

export const readFindings = (dir: string): Promise<FindingsDocument> => readJson<FindingsDocument>(join(dir, 'findings.json'));

export const exists = async (file: string): Promise<boolean> => access(file).then(() => true, () => false);

/** No password from `env` (nor a Basic auth header) appears in what the command printed. */
export const expectNoSecrets = (result: CliResult, env: Record<string, string>): void => {
  const printed = `${result.stdout}\n${result.stderr}`;
  for (const secret of Object.values(env)) expect(printed).not.toContain(secret);
  expect(printed).not.toMatch(/basic\s+[A-Za-z0-9+/=]{8,}/i);
};

/** Stderr is exactly one `access-audit: …` line plus an optional `hint:` line, and no stack trace. */
export const expectOneErrorLine = (stderr: string): string => {
  const lines = stderr.trimEnd().split('\n');
  expect(lines.length, stderr).toBeGreaterThanOrEqual(1);
  expect(lines.length, stderr).toBeLessThanOrEqual(2);
  expect(lines[0], stderr).toMatch(/^access-audit: \S/);
  if (lines.length === 2) expect(lines[1], stderr).toMatch(/^hint: \S/);
  expect(stderr).not.toMatch(/^\s+at /m);
  return lines[0]!;
};

/**
 * Runs the CLI in this process through main() (the one place that maps errors to exit codes),
 * capturing what it prints: far cheaper than a spawn on a shared 2-core machine.
 */
export const runMain = async (args: string[]): Promise<CliResult> => {
  const out: string[] = [];
  const err: string[] = [];
  const spies = [
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => { out.push(String(chunk)); return true; }),
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => { err.push(String(chunk)); return true; }),
    vi.spyOn(console, 'error').mockImplementation((...parts: unknown[]) => { err.push(`${parts.map(String).join(' ')}\n`); }),
  ];
  try {
    return { code: await main(args), stdout: out.join(''), stderr: err.join('') };
  } finally {
    for (const spy of spies) spy.mockRestore();
  }
};
