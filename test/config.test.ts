import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseConfig, readConfig } from '../src/config/load.ts';
import { ValidationError } from '../src/errors.ts';

const FILE = '/etc/audit/config.yaml';
const base = () => ({
  tenant: { name: 'acme-prod', baseUrl: 'https://acme.fa.us2.oraclecloud.com', auth: { type: 'basic', username: 'AUDIT_SVC', passwordEnv: 'FUSION_AUDIT_PASSWORD' } },
});
const env = { FUSION_AUDIT_PASSWORD: 'pw-audit', INT_OIC_GL_PASSWORD: 'pw-int' };

const problemsOf = (raw: unknown, options = {}): string[] => {
  try {
    parseConfig(raw, FILE, { env, ...options });
  } catch (error) {
    if (error instanceof ValidationError) return error.problems;
    throw error;
  }
  return [];
};

describe('config', () => {
  it('roleGraph: a report path or a file relative to the config file; absent means null', () => {
    expect(parseConfig(base(), FILE, { env }).roleGraph).toBeNull();
    expect(parseConfig({ ...base(), roleGraph: { report: '/Custom/Security/Access Audit/Role Graph.xdo' } }, FILE, { env }).roleGraph)
      .toEqual({ kind: 'bip', reportPath: '/Custom/Security/Access Audit/Role Graph.xdo' });
    expect(parseConfig({ ...base(), roleGraph: { file: './exports/role-graph.csv' } }, FILE, { env }).roleGraph)
      .toEqual({ kind: 'file', path: '/etc/audit/exports/role-graph.csv', configured: './exports/role-graph.csv' });
  });

  it.each([
    ['both keys', { report: '/Custom/A.xdo', file: 'a.csv' }],
    ['neither key', {}],
    ['a typo', { reprot: '/Custom/A.xdo' }],
  ])('roleGraph with %s is one line asking for exactly one key', (_name, roleGraph) => {
    expect(problemsOf({ ...base(), roleGraph })).toEqual([`${FILE}: roleGraph: must hold exactly one key: report (a BI catalog path ending in .xdo) or file (a CSV path)`]);
  });

  it('roleGraph.report must be an absolute catalog path to an .xdo', () => {
    expect(problemsOf({ ...base(), roleGraph: { report: 'Custom/Role Graph' } })).toEqual([
      `${FILE}: roleGraph.report: must be an absolute BI catalog path ending in .xdo, e.g. /Custom/Security/Access Audit/Role Graph.xdo`,
    ]);
  });

  it('applies defaults, resolves secrets from the environment and relative paths from the file', () => {
    const config = parseConfig({ ...base(), policies: ['./policies', 'builtin'], waivers: 'waivers.yaml' }, FILE, { env });
    expect(config.tenant.restVersion).toBe('11.13.18.05');
    expect(config.collect.concurrency).toBe(4);
    expect(config.tenant.credentials).toEqual({ type: 'basic', username: 'AUDIT_SVC', password: 'pw-audit' });
    expect(config.policies).toEqual(['/etc/audit/policies', 'builtin']);
    expect(config.waivers).toBe('/etc/audit/waivers.yaml');
  });

  it.each([
    ['unknown key at the top', { ...base(), colect: {} }, 'colect: unknown key'],
    ['unknown key deep inside', { ...base(), integrations: [{ username: 'INT_A_B', probes: [{ path: '/x', expext: 'rows' }] }] }, 'integrations[0].probes[0].expext: unknown key'],
    ['bad expect word', { ...base(), integrations: [{ username: 'INT_A_B', auth: { type: 'basic', username: 'INT_A_B', passwordEnv: 'INT_OIC_GL_PASSWORD' }, probes: [{ path: '/x', expect: 'allowed' }] }] }, 'integrations[0].probes[0].expect'],
    ['probe path with a query', { ...base(), integrations: [{ username: 'INT_A_B', probes: [{ path: '/x?limit=5' }] }] }, 'must be an absolute path'],
    ['concurrency out of range', { ...base(), collect: { concurrency: 0 } }, 'collect.concurrency'],
    ['password in place of a variable name', { tenant: { ...base().tenant, auth: { type: 'basic', username: 'A', passwordEnv: 'hunter2!' } } }, 'must be an environment variable name'],
    ['plain http to a remote host', { tenant: { ...base().tenant, baseUrl: 'http://acme.example.com' } }, 'plain http:// is only allowed for loopback hosts'],
    ['credentials in the URL', { tenant: { ...base().tenant, baseUrl: 'https://u:p@acme.example.com' } }, 'must not contain credentials'],
    ['probes without credentials', { ...base(), integrations: [{ username: 'INT_A_B', probes: [{ path: '/x' }] }] }, 'integrations[0].auth: required when probes are listed'],
    ['duplicate integration', { ...base(), integrations: [{ username: 'INT_A_B' }, { username: 'int_a_b' }] }, 'duplicate integration'],
    ['missing secret variable', { tenant: { ...base().tenant, auth: { type: 'bearer', tokenEnv: 'FUSION_TOKEN' } } }, 'environment variable FUSION_TOKEN is not set'],
  ])('rejects %s with a line naming the file and field', (_name, raw, message) => {
    const problems = problemsOf(raw);
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.some((line) => line.startsWith(`${FILE}: `) && line.includes(message))).toBe(true);
  });

  it('reports every problem at once', () => {
    expect(problemsOf({ ...base(), colect: {}, integrationz: [] })).toHaveLength(2);
  });

  it('allows http:// for loopback, and elsewhere only with the explicit flag', () => {
    expect(problemsOf({ tenant: { ...base().tenant, baseUrl: 'http://127.0.0.1:8080' } })).toEqual([]);
    expect(problemsOf({ tenant: { ...base().tenant, baseUrl: 'http://[::1]:8080' } })).toEqual([]);
    expect(problemsOf({ tenant: { ...base().tenant, baseUrl: 'http://acme.example.com' } }, { allowInsecureHttp: true })).toEqual([]);
  });

  it('does not read integration secrets when probes are skipped', () => {
    const raw = { ...base(), integrations: [{ username: 'INT_A_B', auth: { type: 'basic', username: 'INT_A_B', passwordEnv: 'NOT_SET_ANYWHERE' }, probes: [{ path: '/x' }] }] };
    expect(problemsOf(raw)).toEqual([`${FILE}: integrations[0].auth.passwordEnv: environment variable NOT_SET_ANYWHERE is not set`]);
    expect(parseConfig(raw, FILE, { env, skipProbeSecrets: true }).integrations[0]?.credentials).toBeNull();
  });

  it('reads YAML and JSON files and names the file and line of a syntax error', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'config-'));
    await writeFile(join(dir, 'a.json'), JSON.stringify(base()));
    expect((await readConfig(join(dir, 'a.json'), { env })).tenant.name).toBe('acme-prod');
    await writeFile(join(dir, 'b.yaml'), 'tenant:\n  name: [unclosed\n');
    await expect(readConfig(join(dir, 'b.yaml'), { env })).rejects.toThrow(new RegExp(`${join(dir, 'b.yaml')}: invalid YAML: line \\d+`));
    await expect(readConfig(join(dir, 'missing.yaml'), { env })).rejects.toThrow('cannot read file (ENOENT)');
  });
});
