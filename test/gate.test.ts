import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../src/errors.ts';
import { applyRoleChanges } from '../src/gate/apply-change.ts';
import { applyRoleMemberChanges } from '../src/gate/apply-role-members.ts';
import { readChangeFile, type ChangeSet, type RoleChange, type RoleMemberChange } from '../src/gate/change-file.ts';
import { evaluateChange } from '../src/gate/evaluate-change.ts';
import type { TenantModel } from '../src/model/types.ts';
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
    const strip = (changes: ChangeSet) => changes.assignments.map(({ where: _where, ...rest }) => rest);
    expect(strip(await readChangeFile(join(dir, 'c.csv')))).toEqual(strip(await readChangeFile(join(dir, 'c.yaml'))));
    expect((await readChangeFile(join(dir, 'c.yaml'))).assignments[0]).toEqual(change('add', 'INT_OIC_GL', 'ORA_GL_GENERAL_ACCOUNTANT_JOB'));
    expect((await readChangeFile(join(dir, 'c.yaml'))).roleMembers).toEqual([]);
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
      `${join(dir, 'header.csv')}: line 1: header: the first line must name the columns action,username,roleCode (role assignments) or action,role,member[,newPrivilege] (role-membership changes)`,
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
  const evaluate = async (assignments: RoleChange[]) => {
    const pack = await getPack(null);
    return evaluateChange({ model: tenant(), changes: { assignments, roleMembers: [] }, changeFile: 'c.yaml', rules: pack.rules, identity: pack.identity, waivers: [], asOf: '2026-11-01T00:00:00.000Z', tool: TOOL });
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

/**
 * A custom role XX_INT_AP (invoice inquiry only) held directly by a buyer and a clerk, and
 * through XX_INT_AP_PLUS by a second buyer; a third buyer does not hold it.
 */
const graphTenant = (extra: [string, string][] = []): TenantModel => buildTenant()
  .addUser({ username: 'ALEX.BUYER', person: true, roles: ['ORA_PER_EMPLOYEE_ABSTRACT', 'ORA_PO_BUYER_JOB', 'XX_INT_AP'] })
  .addUser({ username: 'BO.BUYER', person: true, roles: ['ORA_PER_EMPLOYEE_ABSTRACT', 'ORA_PO_BUYER_JOB', 'XX_INT_AP_PLUS'] })
  .addUser({ username: 'CAM.CLERK', person: true, roles: ['ORA_PER_EMPLOYEE_ABSTRACT', 'XX_INT_AP'] })
  .addUser({ username: 'DEE.BUYER', person: true, roles: ['ORA_PER_EMPLOYEE_ABSTRACT', 'ORA_PO_BUYER_JOB'] })
  .addRoleMembers([
    ['ORA_PO_BUYER_JOB', 'ORA_PO_PURCHASE_ORDER_MANAGEMENT_DUTY'],
    ['ORA_PO_PURCHASE_ORDER_MANAGEMENT_DUTY', 'PO_CREATE_PURCHASE_ORDER_PRIV'],
    ['ORA_AP_PAYABLES_INVOICE_CREATION_DUTY', 'AP_CREATE_PAYABLES_INVOICE_PRIV'],
    ['ORA_AP_PAYABLES_INVOICE_INQUIRY_DUTY', 'AP_VIEW_PAYABLES_INVOICE_PRIV'],
    ['ORA_GL_GENERAL_ACCOUNTANT_JOB', 'GL_RUN_TRIAL_BALANCE_REPORT_PRIV'],
    ['XX_INT_AP', 'ORA_AP_PAYABLES_INVOICE_INQUIRY_DUTY'],
    ['XX_INT_AP', 'AP_VIEW_PAYABLES_INVOICE_PRIV'],
    ['XX_INT_AP_PLUS', 'XX_INT_AP'],
    ...extra,
  ])
  .build();

let memberIndex = 0;
const member = (action: 'add' | 'remove', role: string, code: string, newPrivilege = false): RoleMemberChange =>
  ({ action, role, member: code, newPrivilege, where: `roleMembers.${action}[${memberIndex++}]` });

const evaluateMembers = async (model: TenantModel, roleMembers: RoleMemberChange[], assignments: RoleChange[] = [], allowNewRoles = false) => {
  const pack = await getPack(null);
  return evaluateChange({
    model, changes: { assignments, roleMembers }, changeFile: 'change.yaml', rules: pack.rules, identity: pack.identity, waivers: [], asOf: '2026-11-01T00:00:00.000Z', tool: TOOL, allowNewRoles,
  });
};

describe('role-membership change files', () => {
  it('reads roleMembers from YAML and the role,member columns from CSV into the same changes', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'gate-'));
    await writeFile(join(dir, 'm.yaml'), [
      'roleMembers:',
      '  add:',
      '    - { role: xx_int_ap, member: ORA_AP_PAYABLES_INVOICE_CREATION_DUTY }',
      '    - { role: XX_INT_AP, member: xx_new_check_priv, newPrivilege: true }',
      '  remove:',
      '    - { role: XX_INT_AP, member: AP_VIEW_PAYABLES_INVOICE_PRIV }',
      '',
    ].join('\n'));
    await writeFile(join(dir, 'm.csv'), [
      'member,action,role,newPrivilege',
      'ORA_AP_PAYABLES_INVOICE_CREATION_DUTY,add,xx_int_ap,',
      'xx_new_check_priv,ADD,XX_INT_AP,true',
      'AP_VIEW_PAYABLES_INVOICE_PRIV,remove,XX_INT_AP,no',
      '',
    ].join('\n'));
    const yaml = await readChangeFile(join(dir, 'm.yaml'));
    const csv = await readChangeFile(join(dir, 'm.csv'));
    expect(yaml.roleMembers.map((c) => c.where)).toEqual(['roleMembers.add[0]', 'roleMembers.add[1]', 'roleMembers.remove[0]']);
    expect(csv.roleMembers.map((c) => c.where)).toEqual(['line 2', 'line 3', 'line 4']);
    const strip = (changes: ChangeSet) => changes.roleMembers.map(({ where: _where, ...rest }) => rest);
    expect(strip(csv)).toEqual(strip(yaml));
    expect(strip(yaml)).toEqual([
      { action: 'add', role: 'XX_INT_AP', member: 'ORA_AP_PAYABLES_INVOICE_CREATION_DUTY', newPrivilege: false },
      { action: 'add', role: 'XX_INT_AP', member: 'XX_NEW_CHECK_PRIV', newPrivilege: true },
      { action: 'remove', role: 'XX_INT_AP', member: 'AP_VIEW_PAYABLES_INVOICE_PRIV', newPrivilege: false },
    ]);
    expect(yaml.assignments).toEqual([]);
  });

  it('reads a CSV with all columns, each row filling one pair, and names the line of a row that fills both or neither', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'gate-'));
    await writeFile(join(dir, 'mixed.csv'), 'action,username,roleCode,role,member\nadd,INT_OIC_GL,XX_GL_BALANCES_READ,,\nremove,,,XX_INT_AP,AP_VIEW_PAYABLES_INVOICE_PRIV\n');
    const mixed = await readChangeFile(join(dir, 'mixed.csv'));
    expect(mixed.assignments).toEqual([change('add', 'INT_OIC_GL', 'XX_GL_BALANCES_READ')].map((c) => ({ ...c, where: 'line 2' })));
    expect(mixed.roleMembers).toEqual([{ action: 'remove', role: 'XX_INT_AP', member: 'AP_VIEW_PAYABLES_INVOICE_PRIV', newPrivilege: false, where: 'line 3' }]);
    const file = join(dir, 'bad-mixed.csv');
    await writeFile(file, 'action,username,roleCode,role,member,newPrivilege\nadd,INT_OIC_GL,XX_GL_BALANCES_READ,XX_INT_AP,X,\nadd,,,,,\nadd,INT_OIC_GL,XX_GL_BALANCES_READ,,,true\n');
    const both = 'a row is either a role assignment (username, roleCode) or a role-membership change (role, member): fill one pair and leave the other empty';
    expect(await problemsOf(file)).toEqual([
      `${file}: line 2: ${both}`,
      `${file}: line 3: ${both}`,
      `${file}: line 4: newPrivilege: only for role-membership rows (role, member)`,
    ]);
  });

  it('names the file, line or entry and field of every mistake in a role-membership change', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'gate-'));
    const csv = join(dir, 'bad-members.csv');
    await writeFile(csv, 'action,role,member,newPrivilege\nadd,,X_PRIV,\nadd,XX_INT_AP,not a code,\nadd,XX_INT_AP,X_PRIV,maybe\nremove,XX_INT_AP,X_PRIV,true\n');
    expect(await problemsOf(csv)).toEqual([
      `${csv}: line 2: role: missing`,
      `${csv}: line 3: member: must be a role or privilege code such as ORA_AP_PAYABLES_INVOICE_CREATION_DUTY or AP_CREATE_PAYABLES_INVOICE_PRIV`,
      `${csv}: line 4: newPrivilege: must be true or false (or empty for false)`,
      `${csv}: line 5: newPrivilege: only an added member can be a new privilege`,
    ]);
    const header = join(dir, 'header.csv');
    await writeFile(header, 'action,rol,membr\nadd,XX_INT_AP,X_PRIV\n');
    expect(await problemsOf(header)).toEqual([
      `${header}: line 1: header: unknown column rol (did you mean role?)`,
      `${header}: line 1: header: unknown column membr (did you mean member?)`,
    ]);
    const half = join(dir, 'half.csv');
    await writeFile(half, 'action,role\nadd,XX_INT_AP\n');
    expect(await problemsOf(half)).toEqual([
      `${half}: line 1: header: missing column member (the header is action,username,roleCode (role assignments) or action,role,member[,newPrivilege] (role-membership changes))`,
    ]);
    const yaml = join(dir, 'bad-members.yaml');
    await writeFile(yaml, 'roleMembers:\n  add:\n    - { role: XX_INT_AP, membr: X_PRIV }\n  remove:\n    - { role: XX_INT_AP, member: X_PRIV, newPrivilege: true }\n');
    expect(await problemsOf(yaml)).toEqual([
      `${yaml}:3: roleMembers.add[0].membr: unknown key (did you mean member?)`,
      `${yaml}:5: roleMembers.remove[0].newPrivilege: unknown key`,
    ]);
  });
});

describe('applying a role-membership change to the role graph', () => {
  it('adds and removes edges in a new graph (sorted, the new privilege listed) and leaves the snapshot\'s graph untouched', () => {
    const model = graphTenant();
    const original = structuredClone(model.roleGraph);
    const { graph, problems } = applyRoleMemberChanges(model.roleGraph, [
      member('add', 'XX_INT_AP', 'ORA_AP_PAYABLES_INVOICE_CREATION_DUTY'),
      member('add', 'XX_INT_AP', 'XX_NEW_CHECK_PRIV', true),
      member('remove', 'XX_INT_AP', 'AP_VIEW_PAYABLES_INVOICE_PRIV'),
    ], 'change.yaml');
    expect(problems).toEqual([]);
    expect(model.roleGraph).toEqual(original);
    expect(graph?.edges.filter((e) => e.role === 'XX_INT_AP')).toEqual([
      { role: 'XX_INT_AP', kind: 'privilege', member: 'XX_NEW_CHECK_PRIV' },
      { role: 'XX_INT_AP', kind: 'role', member: 'ORA_AP_PAYABLES_INVOICE_CREATION_DUTY' },
      { role: 'XX_INT_AP', kind: 'role', member: 'ORA_AP_PAYABLES_INVOICE_INQUIRY_DUTY' },
    ]);
    expect(graph?.privileges.map((p) => p.code)).toContain('XX_NEW_CHECK_PRIV');
    expect(graph?.privileges.map((p) => p.code)).toEqual([...graph!.privileges.map((p) => p.code)].sort());
  });

  it('refuses, one line per entry, what does not fit the graph', () => {
    const model = graphTenant();
    const { graph, problems } = applyRoleMemberChanges(model.roleGraph, [
      { action: 'add', role: 'XX_INT_APP', member: 'ORA_AP_PAYABLES_INVOICE_CREATION_DUTI', newPrivilege: false, where: 'roleMembers.add[0]' },
      { action: 'add', role: 'XX_INT_AP', member: 'XX_NEW_CHECK_PRIV', newPrivilege: false, where: 'roleMembers.add[1]' },
      { action: 'add', role: 'XX_INT_AP', member: 'ORA_AP_PAYABLES_INVOICE_CREATION_DUTY', newPrivilege: true, where: 'roleMembers.add[2]' },
      { action: 'add', role: 'ORA_PO_BUYER_JOB', member: 'AP_CREATE_PAYABLES_INVOICE_PRIV', newPrivilege: false, where: 'roleMembers.add[3]' },
      { action: 'add', role: 'XX_INT_AP', member: 'AP_VIEW_PAYABLES_INVOICE_PRIV', newPrivilege: false, where: 'roleMembers.add[4]' },
      { action: 'add', role: 'AP_VIEW_PAYABLES_INVOICE_PRIV', member: 'XX_INT_AP', newPrivilege: false, where: 'roleMembers.add[5]' },
      { action: 'add', role: 'XX_INT_AP', member: 'XX_INT_AP', newPrivilege: false, where: 'roleMembers.add[6]' },
      { action: 'remove', role: 'XX_INT_AP_PLUS', member: 'AP_VIEW_PAYABLES_INVOICE_PRIV', newPrivilege: false, where: 'line 9' },
      { action: 'remove', role: 'XX_INT_AP', member: 'AP_VIEW_PAYABLES_INVOICE_PRIV', newPrivilege: false, where: 'line 10' },
      { action: 'remove', role: 'XX_INT_AP', member: 'AP_VIEW_PAYABLES_INVOICE_PRIV', newPrivilege: false, where: 'line 11' },
    ], 'change.yaml');
    expect(problems).toEqual([
      'change.yaml: roleMembers.add[0].role: XX_INT_APP is not in the snapshot\'s role graph (did you mean XX_INT_AP?); pass --allow-new-roles if the change creates this role',
      'change.yaml: roleMembers.add[0].member: ORA_AP_PAYABLES_INVOICE_CREATION_DUTI is not in the snapshot\'s role graph (did you mean ORA_AP_PAYABLES_INVOICE_CREATION_DUTY?); '
      + 'set newPrivilege to true if the change introduces this privilege',
      'change.yaml: roleMembers.add[1].member: XX_NEW_CHECK_PRIV is not in the snapshot\'s role graph; set newPrivilege to true if the change introduces this privilege',
      'change.yaml: roleMembers.add[2].newPrivilege: ORA_AP_PAYABLES_INVOICE_CREATION_DUTY is a role in the snapshot\'s role graph, not a new privilege',
      'change.yaml: roleMembers.add[3].role: ORA_PO_BUYER_JOB is a predefined (seeded) role: Oracle allows no inherited-role or privilege change on it; change a custom copy instead',
      'change.yaml: roleMembers.add[4]: XX_INT_AP already contains AP_VIEW_PAYABLES_INVOICE_PRIV directly',
      'change.yaml: roleMembers.add[5].role: AP_VIEW_PAYABLES_INVOICE_PRIV is a privilege, not a role: only a role has members',
      'change.yaml: roleMembers.add[6].member: a role cannot contain itself (XX_INT_AP)',
      'change.yaml: line 9: XX_INT_AP_PLUS does not contain AP_VIEW_PAYABLES_INVOICE_PRIV directly (it inherits it through XX_INT_AP_PLUS → XX_INT_AP → AP_VIEW_PAYABLES_INVOICE_PRIV: '
      + 'remove the member from the role that contains it directly)',
      'change.yaml: line 10: XX_INT_AP → AP_VIEW_PAYABLES_INVOICE_PRIV is already listed at roleMembers.add[4]',
      'change.yaml: line 11: XX_INT_AP → AP_VIEW_PAYABLES_INVOICE_PRIV is already listed at roleMembers.add[4]',
    ]);
    expect(graph).toBe(model.roleGraph);
  });

  it('refuses a change that creates a cycle, and one against a snapshot without a role graph', () => {
    const model = graphTenant();
    expect(applyRoleMemberChanges(model.roleGraph, [member('add', 'XX_INT_AP', 'XX_INT_AP_PLUS')], 'change.yaml').problems).toEqual([
      expect.stringMatching(/^change\.yaml: roleMembers\.add\[\d+\]\.member: adding XX_INT_AP_PLUS to XX_INT_AP creates a cycle: XX_INT_AP → XX_INT_AP_PLUS → XX_INT_AP$/),
    ]);
    const noGraph = tenant();
    expect(noGraph.roleGraph).toBeNull();
    expect(applyRoleMemberChanges(noGraph.roleGraph, [member('add', 'XX_INT_AP', 'X_PRIV'), member('remove', 'XX_INT_AP', 'Y_PRIV')], 'change.yaml').problems).toEqual([
      'change.yaml: roleMembers: the snapshot has no role graph, so a change to role definitions cannot be judged (collect with roleGraph in the config, see docs/collect.md)',
    ]);
    expect(applyRoleMemberChanges(noGraph.roleGraph, [], 'change.yaml')).toEqual({ graph: null, problems: [] });
  });
});

describe('what-if evaluation of a role-membership change', () => {
  it('adding the invoice-creation duty to a custom role held by buyers gives every buyer holding it an SoD conflict, and counts the accounts it reaches', async () => {
    const result = await evaluateMembers(graphTenant(), [member('add', 'XX_INT_AP', 'ORA_AP_PAYABLES_INVOICE_CREATION_DUTY')]);
    expect(result.problems).toEqual([]);
    const sod = result.document.findings.filter((f) => f.ruleId === 'sod-purchase-order-vs-invoice');
    expect(sod.map((f) => [f.username, f.baseline, f.cause, f.status])).toEqual([
      ['ALEX.BUYER', 'new', 'role-content', 'open'],
      ['BO.BUYER', 'new', 'role-content', 'open'],
    ]);
    // BO.BUYER holds the custom role only through XX_INT_AP_PLUS: the path shows the inheritance.
    expect(JSON.stringify(sod[1]?.evidence)).toContain('["XX_INT_AP_PLUS","XX_INT_AP","ORA_AP_PAYABLES_INVOICE_CREATION_DUTY","AP_CREATE_PAYABLES_INVOICE_PRIV"]');
    expect(result.document.findings.every((f) => f.username !== 'CAM.CLERK' && f.username !== 'DEE.BUYER')).toBe(true);
    expect(result.document.change).toEqual({
      file: 'change.yaml',
      assignments: { added: 0, removed: 0, accounts: 0 },
      roles: [{ role: 'XX_INT_AP', added: [{ kind: 'role', code: 'ORA_AP_PAYABLES_INVOICE_CREATION_DUTY' }], removed: [], holders: 3 }],
      roleHolders: 3,
      accounts: 3,
    });
    expect(result.drift?.roleContent.map((c) => [c.role, c.holders, c.accountsGained])).toEqual([['XX_INT_AP', 3, ['ALEX.BUYER', 'BO.BUYER', 'CAM.CLERK']]]);
    // The changed model carries the changed graph; the input snapshot keeps its own.
    expect(result.model.roleGraph?.edges).toContainEqual({ role: 'XX_INT_AP', kind: 'role', member: 'ORA_AP_PAYABLES_INVOICE_CREATION_DUTY' });
  });

  it('reports the role findings a change introduces: a conflict inside one role, a custom role wrapping a seeded job', async () => {
    const result = await evaluateMembers(graphTenant(), [
      member('add', 'XX_INT_AP', 'ORA_AP_PAYABLES_INVOICE_CREATION_DUTY'),
      member('add', 'XX_INT_AP', 'ORA_PO_PURCHASE_ORDER_MANAGEMENT_DUTY'),
      member('add', 'XX_INT_AP_PLUS', 'ORA_GL_GENERAL_ACCOUNTANT_JOB'),
    ]);
    const roleFindings = result.document.findings.filter((f) => f.username === '').map((f) => [f.ruleId, f.roleCode]);
    expect(roleFindings).toContainEqual(['sod-purchase-order-vs-invoice', 'XX_INT_AP']);
    expect(roleFindings).toContainEqual(['custom-role-wraps-seeded-role', 'XX_INT_AP_PLUS']);
    // Now even the clerk, who creates no purchase order elsewhere, holds both sides through the role.
    expect(result.document.findings.filter((f) => f.ruleId === 'sod-purchase-order-vs-invoice' && f.username !== '').map((f) => f.username))
      .toEqual(['ALEX.BUYER', 'BO.BUYER', 'CAM.CLERK']);
    expect(result.document.change?.roles.map((r) => [r.role, r.holders])).toEqual([['XX_INT_AP', 3], ['XX_INT_AP_PLUS', 1]]);
    expect(result.document.change?.accounts).toBe(3);
  });

  it('lists the conflicts a removal resolves and introduces nothing', async () => {
    const model = graphTenant([['XX_INT_AP', 'ORA_AP_PAYABLES_INVOICE_CREATION_DUTY']]);
    const result = await evaluateMembers(model, [member('remove', 'XX_INT_AP', 'ORA_AP_PAYABLES_INVOICE_CREATION_DUTY')]);
    expect(result.problems).toEqual([]);
    expect(result.document.findings).toEqual([]);
    expect(result.document.resolved.filter((f) => f.ruleId === 'sod-purchase-order-vs-invoice').map((f) => f.username)).toEqual(['ALEX.BUYER', 'BO.BUYER']);
    expect(result.document.change?.roles).toEqual([{ role: 'XX_INT_AP', added: [], removed: [{ kind: 'role', code: 'ORA_AP_PAYABLES_INVOICE_CREATION_DUTY' }], holders: 3 }]);
  });

  it('judges a new privilege flagged on purpose, and a new role the same change creates and assigns (coverage recomputed)', async () => {
    const model = graphTenant();
    const flagged = await evaluateMembers(model, [member('add', 'XX_INT_AP', 'XX_NEW_CHECK_PRIV', true)]);
    expect(flagged.problems).toEqual([]);
    expect(flagged.document.findings).toEqual([]);
    expect(flagged.model.roleGraph?.privileges.map((p) => p.code)).toContain('XX_NEW_CHECK_PRIV');
    expect(flagged.document.change?.roles[0]).toEqual({ role: 'XX_INT_AP', added: [{ kind: 'privilege', code: 'XX_NEW_CHECK_PRIV' }], removed: [], holders: 3 });

    const created = await evaluateMembers(model, [member('add', 'XX_NEW_AP_ENTRY', 'ORA_AP_PAYABLES_INVOICE_CREATION_DUTY')], [change('add', 'DEE.BUYER', 'XX_NEW_AP_ENTRY')], true);
    expect(created.problems).toEqual([]);
    expect(created.document.findings.filter((f) => f.ruleId === 'sod-purchase-order-vs-invoice').map((f) => f.username)).toEqual(['DEE.BUYER']);
    const coverage = model.roleGraphCoverage!;
    expect(coverage.unresolved).toEqual(['ORA_PER_EMPLOYEE_ABSTRACT']);
    expect(created.model.roleGraphCoverage).toEqual({ assigned: coverage.assigned + 1, resolved: coverage.resolved + 1, unresolved: coverage.unresolved });
    expect(created.document.change).toMatchObject({ roleHolders: 1, accounts: 1, assignments: { added: 1, removed: 0, accounts: 1 } });
    const refused = await evaluateMembers(model, [member('add', 'XX_NEW_AP_ENTRY', 'ORA_AP_PAYABLES_INVOICE_CREATION_DUTY')]);
    expect(refused.problems).toEqual([expect.stringContaining('XX_NEW_AP_ENTRY is not in the snapshot\'s role graph; pass --allow-new-roles if the change creates this role')]);
  });
});
