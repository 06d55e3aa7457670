import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { COMMANDS, getVerb } from '../src/commands/index.ts';
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

const VERBS = COMMANDS.map(getVerb);

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
    for (const name of ['access-audit.xlsx', 'findings.json', 'manifest.json', 'snapshot/snapshot-manifest.json']) {
      expect(await exists(join(out, name)), name).toBe(true);
    }
    expect(await exists(join(out, 'access-audit.pdf'))).toBe(false);
    const document = await readFindings(out);
    expect(document.complete).toBe(true);
    expect(document.findings.length).toBeGreaterThan(0);
    expect(result.stdout).toContain('planted violations on purpose');
  });
});

/**
 * `http://[::ffff:127.0.0.1]` is loopback traffic, but not one of the spellings the plain-http
 * check accepts (127.0.0.0/8, ::1, localhost), so it stands in for a remote http:// host without
 * anything leaving this machine.
 */
describe('plain http:// to a host that is not recognised as loopback', () => {
  let sim: RunningSimulator;
  let configFile: string;
  let env: Record<string, string>;

  beforeAll(async () => {
    const tenant = generateTenant();
    sim = await startSimulator({ tenant });
    const demo = createDemoConfig(sim.url.replace('127.0.0.1', '[::ffff:127.0.0.1]'), tenant);
    env = demo.env;
    configFile = join(dir, 'insecure.yaml');
    await writeFile(configFile, stringify(demo.config));
  });
  afterAll(async () => {
    await sim.close();
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
    expect(sim.stats.requests).toBe(0);
  });

  it('is allowed with --allow-insecure-http', async () => {
    const out = join(dir, 'insecure-allowed');
    const result = await runCli(['run', '--config', configFile, '--out', out, '--format', 'json', '--allow-insecure-http', '--quiet'], env);
    expect(result.code, result.stderr).toBe(1);
    expect((await readFindings(out)).complete).toBe(true);
    expect(sim.stats.requests).toBeGreaterThan(0);
    expectNoSecrets(result, env);
  });
});
