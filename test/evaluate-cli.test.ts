import { execFile } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { writeSnapshot } from '../src/snapshot/write.ts';
import { buildTenant } from './builders.ts';
import { BIN } from './cli-helpers.ts';

const run = async (args: string[]): Promise<{ code: number; stdout: string; stderr: string }> => {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [BIN, ...args], { env: { ...process.env, NO_COLOR: '1' } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failure = error as { code: number; stdout: string; stderr: string };
    return { code: failure.code, stdout: failure.stdout, stderr: failure.stderr };
  }
};

let root: string;
const snapshot = (name: string) => join(root, name);

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'faa-cli-'));
  await writeSnapshot(snapshot('clean'), buildTenant().addUser({ username: 'INT_OIC_GL', roles: ['XX_GL_JOURNAL_IMPORT'] }).addUser({ username: 'A.B', person: true, roles: ['ORA_PER_EMPLOYEE_ABSTRACT'] }).build());
  await writeSnapshot(snapshot('dirty'), buildTenant().addUser({ username: 'INT_OIC_ALL', roles: ['ORA_FND_INTEGRATION_SPECIALIST_JOB'] }).build());
  await writeSnapshot(snapshot('incomplete'), buildTenant().addUser({ username: 'A.B' }).incomplete('scim: HTTP 403').build());
});

describe('access-audit evaluate', () => {
  it('exits 0 on a clean snapshot and writes the evaluation folder', async () => {
    const out = join(root, 'out-clean');
    const result = await run(['evaluate', '--snapshot', snapshot('clean'), '--out', out]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/Evaluated acme-test: 0 open findings/);
    expect(JSON.parse(await readFile(join(out, 'findings.json'), 'utf8')).findings).toEqual([]);
  });

  it('exits 1 when an open finding reaches --fail-on, 0 when it does not', async () => {
    const medium = await run(['evaluate', '--snapshot', snapshot('dirty'), '--out', join(root, 'out-dirty'), '--fail-on', 'medium']);
    expect(medium.code).toBe(1);
    expect(medium.stdout).toMatch(/1 finding at or above --fail-on medium/);
    expect((await run(['evaluate', '--snapshot', snapshot('dirty'), '--out', join(root, 'out-dirty')])).code).toBe(0);
  });

  it('takes policies and waivers from --config without needing its secrets; CLI flags win', async () => {
    const config = join(root, 'access-audit.yaml');
    await writeFile(join(root, 'waivers.yaml'), 'waivers:\n  - { ruleId: integration-seeded-role, username: INT_OIC_ALL, roleCode: ORA_FND_INTEGRATION_SPECIALIST_JOB, justification: Cut-over, approvedBy: CISO, expires: 2099-01-01 }\n');
    await writeFile(config, [
      'tenant:', '  name: acme-test', '  baseUrl: https://acme.example.invalid', '  auth: { type: basic, username: AUDIT_SVC, passwordEnv: NOT_SET_ANYWHERE_PW }',
      'policies: [builtin]', 'waivers: waivers.yaml', '',
    ].join('\n'));
    const waived = await run(['evaluate', '--snapshot', snapshot('dirty'), '--config', config, '--out', join(root, 'out-config'), '--fail-on', 'low']);
    expect(waived.code).toBe(0);
    expect(waived.stdout).toMatch(/0 open findings .*, 1 waived/);
    const record = JSON.parse(await readFile(join(root, 'out-config', 'evaluation.json'), 'utf8'));
    expect(record.waivers.path).toMatch(/waivers\.yaml$/);
    await writeFile(join(root, 'none.yaml'), 'waivers: []\n');
    const override = await run(['evaluate', '--snapshot', snapshot('dirty'), '--config', config, '--waivers', join(root, 'none.yaml'), '--out', join(root, 'out-config2'), '--fail-on', 'low']);
    expect(override.code).toBe(1);
  });

  it('exits 2 on an incomplete snapshot but still writes findings.json', async () => {
    const out = join(root, 'out-incomplete');
    const result = await run(['evaluate', '--snapshot', snapshot('incomplete'), '--out', out]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/INCOMPLETE: scim: HTTP 403/);
    expect(JSON.parse(await readFile(join(out, 'findings.json'), 'utf8')).complete).toBe(false);
  });

  it('exits 2 with one clear line on bad input', async () => {
    const badDate = await run(['evaluate', '--snapshot', snapshot('clean'), '--out', join(root, 'x'), '--as-of', '30/06/2025']);
    expect(badDate.code).toBe(2);
    expect(badDate.stderr).toMatch(/--as-of 30\/06\/2025: not a date/);
    const noSnapshot = await run(['evaluate', '--snapshot', join(root, 'missing'), '--out', join(root, 'y')]);
    expect(noSnapshot.code).toBe(2);
    expect(noSnapshot.stderr).toMatch(/manifest\.json: cannot read snapshot file/);
  });
});

describe('access-audit policies validate', () => {
  it('prints "N rules in M files: OK" for the bundled pack', async () => {
    const result = await run(['policies', 'validate']);
    expect(result.code).toBe(0);
    expect(result.stdout.trim()).toBe('23 rules in 8 files: OK');
  });

  it('lists every problem and exits 2', async () => {
    const file = join(root, 'bad.yaml');
    await writeFile(file, 'rules:\n  - id: bad\n    version: 1\n    title: t\n    severity: urgent\n    description: d\n    remediation: r\n    check: { name: nope }\n');
    const result = await run(['policies', 'validate', file, 'builtin']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/bad\.yaml:5: rules\[0\]\.severity: must be one of critical, high, medium, low, info \(got "urgent"\)/);
    expect(result.stderr).toMatch(/bad\.yaml:8: rules\[0\]\.check\.name: unknown check "nope"/);
  });
});
