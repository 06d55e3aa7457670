import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../src/errors.ts';
import { applyRoleChanges } from '../src/gate/apply-change.ts';
import { readChangeFile, type RoleChange } from '../src/gate/change-file.ts';
import { evaluateChange } from '../src/gate/evaluate-change.ts';
import { TOOL } from '../src/version.ts';
import { buildTenant } from './builders.ts';
import { getPack } from './policy-tester.ts';

const tenant = () => buildTenant()
  .addRole({ code: 'ORA_FND_IT_SECURITY_MANAGER_JOB', name: 'IT Security Manager', category: 'JOB' })
  .addUser({ username: 'INT_OIC_GL', roles: ['XX_GL_JOURNAL_IMPORT'] })
  .addUser({ username: 'CASEY.BROWN', person: true, roles: ['ORA_PER_EMPLOYEE_ABSTRACT', 'ORA_GL_GENERAL_ACCOUNTANT_JOB'] })
  .addUser({ username: 'INT_OIC_AP', roles: ['ORA_AP_ACCOUNTS_PAYABLE_MANAGER_JOB'] })
  .build();

const change = (action: 'add' | 'remove', username: string, roleCode: string): RoleChange => ({ action, username, roleCode, where: `${action}[0]` });

const problemsOf = async (file: string): Promise<string[]> => {
  try {
    await readChangeFile(file);
    return [];
  } catch (error) {
    return error instanceof ValidationError ? error.problems : [(error as Error).message];
  }
};

describe('change files', () => {
  it('reads YAML and CSV into the same changes, role codes upper-cased', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'gate-'));
    await writeFile(join(dir, 'c.yaml'), 'add:\n  - { username: INT_OIC_GL, roleCode: ora_gl_general_accountant_job }\nremove:\n  - { username: INT_OIC_GL, roleCode: XX_GL_JOURNAL_IMPORT }\n');
    await writeFile(join(dir, 'c.csv'), 'username,action,roleCode\n# comment\nINT_OIC_GL,add,ora_gl_general_accountant_job\nINT_OIC_GL,REMOVE,XX_GL_JOURNAL_IMPORT\n');
    const strip = (changes: RoleChange[]) => changes.map(({ where: _where, ...rest }) => rest);
    expect(strip(await readChangeFile(join(dir, 'c.csv')))).toEqual(strip(await readChangeFile(join(dir, 'c.yaml'))));
    expect((await readChangeFile(join(dir, 'c.yaml')))[0]).toEqual(change('add', 'INT_OIC_GL', 'ORA_GL_GENERAL_ACCOUNTANT_JOB'));
  });

  it('names the file, line or entry and field of every mistake', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'gate-'));
    await writeFile(join(dir, 'bad.csv'), 'action,username,roleCode\ngrant,INT_A_B,X\nadd,,X\nadd,INT_A_B,not a code\n');
    expect(await problemsOf(join(dir, 'bad.csv'))).toEqual([
      `${join(dir, 'bad.csv')}: line 2: action: must be add or remove`,
      `${join(dir, 'bad.csv')}: line 3: username: missing`,
      `${join(dir, 'bad.csv')}: line 4: roleCode: must be a role code such as ORA_GL_GENERAL_ACCOUNTANT_JOB`,
    ]);
    await writeFile(join(dir, 'header.csv'), 'who,what\nINT_A_B,X\n');
    expect(await problemsOf(join(dir, 'header.csv'))).toEqual([
      `${join(dir, 'header.csv')}: line 1: header: the first line must name the columns action,username,roleCode`,
    ]);
    await writeFile(join(dir, 'typo.csv'), 'action,usernme,roleCode\nadd,INT_A_B,X\n');
    expect(await problemsOf(join(dir, 'typo.csv'))).toEqual([
      `${join(dir, 'typo.csv')}: line 1: header: unknown column usernme (did you mean username?)`,
    ]);
    await writeFile(join(dir, 'bad.yaml'), 'add:\n  - { username: INT_A_B, role: X }\n');
    expect(await problemsOf(join(dir, 'bad.yaml'))).toEqual([`${join(dir, 'bad.yaml')}:2: add[0].role: unknown key (did you mean roleCode?)`]);
  });
});

describe('applying a change', () => {
  it('adds and removes roles, keeps roles sorted, and leaves the original model untouched', () => {
    const model = tenant();
    const { model: changed, problems } = applyRoleChanges(model, [
      change('add', 'int_oic_gl', 'ORA_FND_IT_SECURITY_MANAGER_JOB'),
      change('remove', 'CASEY.BROWN', 'ORA_GL_GENERAL_ACCOUNTANT_JOB'),
    ], 'c.yaml');
    expect(problems).toEqual([]);
    const gl = changed.accounts.find((a) => a.key === 'INT_OIC_GL')!;
    expect(gl.roles.map((r) => r.code)).toEqual(['ORA_FND_IT_SECURITY_MANAGER_JOB', 'XX_GL_JOURNAL_IMPORT']);
    expect(gl.roles[0]).toMatchObject({ name: 'IT Security Manager', category: 'JOB', sources: [] });
    expect(changed.accounts.find((a) => a.key === 'CASEY.BROWN')!.roles.map((r) => r.code)).toEqual(['ORA_PER_EMPLOYEE_ABSTRACT']);
    expect(model.accounts.find((a) => a.key === 'INT_OIC_GL')!.roles).toHaveLength(1);
  });

  it('refuses a change that does not fit the snapshot', () => {
    const { problems } = applyRoleChanges(tenant(), [
      change('add', 'NOBODY', 'X'),
      change('add', 'INT_OIC_GL', 'XX_GL_JOURNAL_IMPORT'),
      change('remove', 'INT_OIC_GL', 'ORA_PER_EMPLOYEE_ABSTRACT'),
    ], 'c.yaml');
    expect(problems).toEqual([
      'c.yaml: add[0]: username: NOBODY is not in the snapshot',
      'c.yaml: add[0]: INT_OIC_GL already holds XX_GL_JOURNAL_IMPORT',
      'c.yaml: remove[0]: INT_OIC_GL does not hold ORA_PER_EMPLOYEE_ABSTRACT',
    ]);
  });

  it('refuses a role code the snapshot does not know unless new roles are allowed', () => {
    const unknown = [change('add', 'INT_OIC_GL', 'XX_GL_JOURNAL_IMPORTS')];
    expect(applyRoleChanges(tenant(), unknown, 'c.yaml').problems).toEqual([
      'c.yaml: add[0]: roleCode: XX_GL_JOURNAL_IMPORTS is not a role the snapshot knows (did you mean XX_GL_JOURNAL_IMPORT?); pass --allow-new-roles if the change creates it',
    ]);
    const allowed = applyRoleChanges(tenant(), unknown, 'c.yaml', { allowNewRoles: true });
    expect(allowed.problems).toEqual([]);
    expect(allowed.model.accounts.find((a) => a.key === 'INT_OIC_GL')!.roles.map((r) => r.code)).toContain('XX_GL_JOURNAL_IMPORTS');
  });
});

describe('what-if evaluation', () => {
  const evaluate = async (changes: RoleChange[]) => {
    const pack = await getPack(null);
    return evaluateChange({ model: tenant(), changes, changeFile: 'c.yaml', rules: pack.rules, identity: pack.identity, waivers: [], asOf: '2026-11-01T00:00:00.000Z', tool: TOOL });
  };

  it('keeps only the findings the change introduces', async () => {
    const result = await evaluate([change('add', 'INT_OIC_GL', 'ORA_FND_IT_SECURITY_MANAGER_JOB')]);
    expect(result.document.findings.length).toBeGreaterThan(0);
    for (const finding of result.document.findings) {
      expect(finding).toMatchObject({ username: 'INT_OIC_GL', baseline: 'new' });
    }
    // INT_OIC_AP's existing seeded-role finding is not the change's doing.
    expect(result.document.findings.some((f) => f.username === 'INT_OIC_AP')).toBe(false);
    expect(result.document.summary.critical + result.document.summary.high).toBe(result.document.findings.length);
    expect(result.drift?.roles).toEqual([{ username: 'INT_OIC_GL', added: ['ORA_FND_IT_SECURITY_MANAGER_JOB'], removed: [] }]);
  });

  it('lists what a change resolves and introduces nothing for it', async () => {
    const result = await evaluate([change('remove', 'INT_OIC_AP', 'ORA_AP_ACCOUNTS_PAYABLE_MANAGER_JOB')]);
    expect(result.document.findings).toEqual([]);
    expect(result.document.resolved.map((f) => [f.ruleId, f.username, f.roleCode])).toContainEqual(['integration-seeded-role', 'INT_OIC_AP', 'ORA_AP_ACCOUNTS_PAYABLE_MANAGER_JOB']);
  });
});
