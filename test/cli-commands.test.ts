import { networkInterfaces } from 'node:os';
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { commands } from '../src/commands/index.ts';
import { createDemoConfig } from '../src/simulator/demo-config.ts';
import { generateTenant } from '../src/simulator/generate.ts';
import { startSimulator } from '../src/simulator/server.ts';
import type { RunningSimulator } from '../src/simulator/types.ts';
import { createTempDir, exists, expectNoSecrets, expectOneErrorLine, readFindings, runCli } from './cli-helpers.ts';

let dir: string;
beforeAll(async () => {
  dir = await createTempDir('cli-commands-');
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const VERBS = commands.map((command) => String(command.command).split(' ')[0]!);

describe('access-audit --help', () => {
  it('lists every command', async () => {
    const result = await runCli(['--help']);
    expect(result.code).toBe(0);
    for (const verb of VERBS) expect(result.stdout).toMatch(new RegExp(`access-audit ${verb}\\b`));
  });

  it.each(VERBS)('%s --help exits 0 and describes its options', async (verb) => {
    const result = await runCli([verb, '--help']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain(`access-audit ${verb}`);
    expect(result.stdout).toContain('Options:');
    if (['run', 'gate', 'demo'].includes(verb)) {
      expect(result.stdout).toContain('Examples:');
      expect(result.stdout).toMatch(new RegExp(`^\\s+access-audit ${verb} `, 'm'));
    }
  });

  it('an unknown option is a usage error: exit 2 with one line and a hint', async () => {
    const result = await runCli(['run', '--config', 'x.yaml', '--frobnicate']);
    expect(result.code).toBe(2);
    expect(expectOneErrorLine(result.stderr)).toMatch(/Unknown argument.*frobnicate/);
  });
});

describe('access-audit demo', () => {
  it('starts the simulator, audits it into --out and exits 0 despite the planted findings', async () => {
    const out = join(dir, 'demo');
    const result = await runCli(['demo', '--out', out, '--format', 'xlsx,json'], {}, dir);
    expect(result.code, result.stderr).toBe(0);
    for (const name of ['access-audit.xlsx', 'findings.json', 'manifest.json', 'snapshot/manifest.json']) {
      expect(await exists(join(out, name)), name).toBe(true);
    }
    expect(await exists(join(out, 'access-audit.pdf'))).toBe(false);
    const document = await readFindings(out);
    expect(document.complete).toBe(true);
    expect(document.findings.length).toBeGreaterThan(0);
    expect(result.stdout).toContain('planted violations on purpose');
  });
});

/** A non-loopback address of this machine, so the http:// refusal is tested without leaving it. */
const getExternalAddress = (): string | undefined =>
  Object.values(networkInterfaces()).flat().find((entry) => entry !== undefined && !entry.internal && entry.family === 'IPv4')?.address;

describe('plain http:// to a non-loopback host', () => {
  const address = getExternalAddress();
  let sim: RunningSimulator | undefined;
  let configFile: string;
  let env: Record<string, string>;

  beforeAll(async () => {
    const tenant = generateTenant();
    // Without a non-loopback interface, point at a host that is never contacted (the refusal comes first).
    if (address !== undefined) sim = await startSimulator({ tenant, host: address });
    const demo = createDemoConfig(sim?.url ?? 'http://audit.example.com', tenant);
    env = demo.env;
    configFile = join(dir, 'insecure.yaml');
    await writeFile(configFile, stringify(demo.config));
  });
  afterAll(async () => {
    await sim?.close();
  });

  it('is refused with exit 2 and a line naming the file and tenant.baseUrl', async () => {
    const out = join(dir, 'insecure-refused');
    const result = await runCli(['run', '--config', configFile, '--out', out, '--format', 'json'], env);
    expect(result.code).toBe(2);
    const line = expectOneErrorLine(result.stderr);
    expect(line).toContain(configFile);
    expect(line).toContain('tenant.baseUrl');
    expect(line).toContain('--allow-insecure-http');
    expect(await exists(out)).toBe(false);
    if (sim !== undefined) expect(sim.stats.requests).toBe(0);
  });

  it.skipIf(address === undefined)('is allowed with --allow-insecure-http', async () => {
    const out = join(dir, 'insecure-allowed');
    const result = await runCli(['run', '--config', configFile, '--out', out, '--format', 'json', '--allow-insecure-http', '--quiet'], env);
    expect(result.code, result.stderr).toBe(1);
    expect((await readFindings(out)).complete).toBe(true);
    expect(sim!.stats.requests).toBeGreaterThan(0);
    expectNoSecrets(result, env);
  });
});
