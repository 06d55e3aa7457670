import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parseConfig } from '../src/config/load.ts';
import { createDemoConfig } from '../src/simulator/demo-config.ts';
import { generateTenant } from '../src/simulator/generate.ts';
import { BIN, expectOneErrorLine, runMain } from './cli-helpers.ts';
import { get } from './simulator-http.ts';


const runToExit = (args: string[]): Promise<{ code: number | null; stderr: string }> =>
  new Promise((done) => {
    const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('close', (code) => done({ code, stderr }));
  });

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'simulate-cli-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('access-audit simulate', () => {
  it('prints its URL, writes a password-free config, serves the tenant and stops on SIGTERM', async () => {
    const configFile = join(dir, 'demo.yaml');
    const child = spawn(process.execPath, [BIN, 'simulate', '--seed', '9', '--users', '80', '--write-config', configFile, '--print-env'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    let printed = '';
    child.stdout.on('data', (chunk: Buffer) => (printed += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const url = await new Promise<string>((resolve, reject) => {
      let stdout = '';
      child.stdout.on('data', (chunk: Buffer) => {
        stdout += chunk.toString();
        if (stdout.includes('\n')) resolve(stdout.split('\n')[0]!);
      });
      child.on('close', (code) => reject(new Error(`simulate exited early (${code}): ${stderr}`)));
    });
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    try {
      // The config is written after the URL is printed: wait for the log line that names the env vars.
      while (!stderr.includes('FUSION_AUDIT_PASSWORD')) await new Promise((resolve) => setTimeout(resolve, 50));
      const text = await readFile(configFile, 'utf8');
      const written: unknown = parse(text);
      const tenant = generateTenant({ seed: 9, users: 80 });
      const { env } = createDemoConfig(url, tenant);
      for (const password of Object.values(env)) expect(text).not.toContain(password);
      // --print-env: one copy-paste export line per variable the config names, after the URL.
      expect(printed.split('\n').slice(1).filter((line) => line !== '')).toEqual(Object.entries(env).map(([name, value]) => `export ${name}=${value}`));
      expect(stderr).toContain('docs/simulator.md');
      const config = parseConfig(written, configFile, { env });
      expect(config.tenant.baseUrl).toBe(url);
      const body = (await get(url, '/hcmRestApi/scim/Users?count=500')).json() as { Resources: { userName: string }[] };
      expect(body.Resources.map((r) => r.userName)).toEqual(tenant.users.filter((u) => u.inScim).map((u) => u.scimUsername));
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
  });

  it('--quarter 2 serves the tenant after the quarterly update (the delta of quarters.ts)', async () => {
    const child = spawn(process.execPath, [BIN, 'simulate', '--quarter', '2', '--quiet'], { stdio: ['ignore', 'pipe', 'pipe'] });
    const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let stdout = '';
        child.stdout.on('data', (chunk: Buffer) => {
          stdout += chunk.toString();
          if (stdout.includes('\n')) resolve(stdout.split('\n')[0]!);
        });
        child.on('close', (code) => reject(new Error(`simulate exited early (${code})`)));
      });
      const { username, add } = generateTenant({ quarter: 2 }).quarterChanges[0]!.assignments[0]!;
      const q1Roles = generateTenant().users.find((user) => user.scimUsername === username)!.roles;
      const filter = encodeURIComponent(`userName eq "${username}"`);
      const body = (await get(url, `/hcmRestApi/scim/Users?filter=${filter}`)).json() as { Resources: { roles: { value: string }[] }[] };
      expect(body.Resources[0]!.roles.map((role) => role.value)).toEqual([...q1Roles, ...add]);
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
  });

  it.each(['3', '0', 'two', '1.5'])('rejects --quarter %s with a usage error and exit 2', async (value) => {
    const result = await runMain(['simulate', '--quarter', value]);
    expect(result.code).toBe(2);
    expect(expectOneErrorLine(result.stderr)).toBe(`access-audit: --quarter: must be 1 or 2, got ${JSON.stringify(value)}`);
  });

  it('rejects a bad --malformed-page with a usage error and exit 2', async () => {
    const result = await runToExit(['simulate', '--malformed-page', 'ldap:0']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--malformed-page');
  });
});
