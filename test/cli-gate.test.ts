import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import type { Finding } from '../src/evaluate/types.ts';
import { readSnapshot } from '../src/snapshot/read.ts';
import { sha256 } from '../src/util/hash.ts';
import { createTempDir, exists, expectOneErrorLine, readFindings, readJson, runCli, startTenant, type TenantFixture } from './cli-helpers.ts';

const ROLE = 'ORA_FND_IT_SECURITY_MANAGER_JOB';

let dir: string;
let snapshot: string;
let fixture: TenantFixture;
let snapshotHash: string;

/** One digest over every file of the snapshot folder: the gate must never change it. */
const hashFolder = async (folder: string): Promise<string> => {
  const names = (await readdir(folder)).sort();
  const parts = await Promise.all(names.map(async (name) => `${name}:${sha256(await readFile(join(folder, name)))}`));
  return sha256(parts.join('\n'));
};

beforeAll(async () => {
  dir = await createTempDir('cli-gate-');
  fixture = await startTenant(dir);
  snapshot = join(dir, 'snapshot');
  const collected = await runCli(['collect', '--config', fixture.configFile, '--out', snapshot, '--quiet'], fixture.env);
  if (collected.code !== 0) throw new Error(`collect failed (${collected.code}): ${collected.stderr}`);
  snapshotHash = await hashFolder(snapshot);
});
afterAll(async () => {
  await fixture.sim.close();
  await rm(dir, { recursive: true, force: true });
});

const writeChange = async (name: string, content: string | object): Promise<string> => {
  const file = join(dir, name);
  await writeFile(file, typeof content === 'string' ? content : stringify(content));
  return file;
};

interface SarifLog { runs: { results: { ruleId: string; properties: { username: string; roleCode: string | null } }[] }[] }

/** The finding is about ROLE itself, or about a privilege or duty the account holds through it (the demo collects the role graph). */
const isThroughRole = (f: Finding, role: string): boolean => f.roleCode === role || (f.evidence as { via?: unknown }).via === role;

/** The rules a grant of IT Security Manager trips: the role itself, and the administration privileges it contains. */
const ROLE_RULES = ['integration-seeded-role', 'privileged-privilege', 'privileged-role-assignment'];

/** Every finding in findings.json, SARIF and JUnit is about INT_OIC_GL holding ROLE (or what it contains), and there is at least one. */
const expectOnlyTheAssignment = async (out: string): Promise<Finding[]> => {
  const document = await readFindings(out);
  expect(document.findings.length).toBeGreaterThan(0);
  for (const f of document.findings) {
    expect([f.username, isThroughRole(f, ROLE), f.baseline]).toEqual(['INT_OIC_GL', true, 'new']);
  }
  expect([...new Set(document.findings.map((f) => f.ruleId))].sort()).toEqual(ROLE_RULES);
  const codes = new Set(document.findings.map((f) => f.roleCode));
  expect(document.resolved).toEqual([]);
  const sarif = await readJson<SarifLog>(join(out, 'results.sarif'));
  const results = sarif.runs.flatMap((run) => run.results);
  expect(results).toHaveLength(document.findings.length);
  for (const r of results) expect([r.properties.username, codes.has(r.properties.roleCode)]).toEqual(['INT_OIC_GL', true]);
  const junit = new XMLParser({ ignoreAttributes: false, isArray: (name) => ['testsuite', 'testcase'].includes(name) })
    .parse(await readFile(join(out, 'junit.xml'), 'utf8')) as { testsuites: { '@_failures': string; testsuite: { testcase: { '@_name': string; failure?: unknown }[] }[] } };
  const failures = junit.testsuites.testsuite.flatMap((suite) => suite.testcase).filter((c) => c.failure !== undefined);
  expect(failures).toHaveLength(document.findings.length);
  expect(Number(junit.testsuites['@_failures'])).toBe(document.findings.length);
  for (const c of failures) expect([...codes].map((code) => `INT_OIC_GL / ${code}`)).toContain(c['@_name']);
  return document.findings;
};

describe('access-audit gate', () => {
  it('the snapshot it checks against already has findings (so the gate must filter them)', async () => {
    const { model } = await readSnapshot(snapshot);
    expect(model.complete).toBe(true);
    expect(model.accounts.find((a) => a.key === 'INT_OIC_GL')?.roles.map((r) => r.code)).not.toContain(ROLE);
    expect(model.accounts.find((a) => a.key === 'INT_SCIM_SYNC')?.roles.map((r) => r.code)).toContain(ROLE);
  });

  it('exits 1 on a YAML change granting IT Security Manager to an INT_ user, reporting only that assignment', async () => {
    const change = await writeChange('grant.yaml', { add: [{ username: 'INT_OIC_GL', roleCode: ROLE }] });
    const out = join(dir, 'gate-yaml');
    const result = await runCli(['gate', '--snapshot', snapshot, '--change', change, '--out', out], fixture.env);
    expect(result.code, result.stderr).toBe(1);
    const findings = await expectOnlyTheAssignment(out);
    expect(result.stdout).toContain(`introduces ${findings.length} findings`);
    expect(await hashFolder(snapshot)).toBe(snapshotHash);
  });

  it('gives the same verdict and the same findings for the change written as CSV', async () => {
    const change = await writeChange('grant.csv', `action,username,roleCode\nadd,int_oic_gl,${ROLE.toLowerCase()}\n`);
    const out = join(dir, 'gate-csv');
    const result = await runCli(['gate', '--snapshot', snapshot, '--change', change, '--out', out], fixture.env);
    expect(result.code, result.stderr).toBe(1);
    const findings = await expectOnlyTheAssignment(out);
    const fromYaml = await readFindings(join(dir, 'gate-yaml'));
    expect(findings.map((f) => f.id)).toEqual(fromYaml.findings.map((f) => f.id));
  });

  it('exits 0 with zero introduced findings on a harmless change', async () => {
    const { model } = await readSnapshot(snapshot);
    const morgan = model.accounts.find((a) => a.key === 'MORGAN.LEE');
    const dataRole = morgan?.roles.find((r) => r.code.startsWith('XX_'))?.code;
    expect(dataRole).toBeDefined();
    const change = await writeChange('harmless.yaml', {
      remove: [{ username: 'MORGAN.LEE', roleCode: dataRole }],
      add: [{ username: 'CASEY.BROWN', roleCode: 'ORA_GL_FINANCIAL_ANALYST_JOB' }],
    });
    const out = join(dir, 'gate-harmless');
    const result = await runCli(['gate', '--snapshot', snapshot, '--change', change, '--out', out], fixture.env);
    expect(result.code, result.stderr).toBe(0);
    const document = await readFindings(out);
    expect(document.findings).toEqual([]);
    expect(document.resolved).toEqual([]);
    expect(result.stdout).toContain('introduces 0 findings (0 at or above --fail-on high, marked >=), resolves 0 findings');
  });

  it('lists the resolved findings and exits 0 when the change removes a planted violation\'s role', async () => {
    const change = await writeChange('revoke.yaml', { remove: [{ username: 'INT_SCIM_SYNC', roleCode: ROLE }] });
    const out = join(dir, 'gate-revoke');
    const result = await runCli(['gate', '--snapshot', snapshot, '--change', change, '--out', out], fixture.env);
    expect(result.code, result.stderr).toBe(0);
    const document = await readFindings(out);
    expect(document.findings).toEqual([]);
    expect(document.resolved.length).toBeGreaterThan(0);
    for (const f of document.resolved) expect([f.username, isThroughRole(f, ROLE)]).toEqual(['INT_SCIM_SYNC', true]);
    expect([...new Set(document.resolved.map((f) => f.ruleId))].sort()).toEqual(ROLE_RULES);
    expect(result.stdout).toContain(`resolves ${document.resolved.length}`);
  });

  it('exits 2 on an INCOMPLETE snapshot even for a harmless change: a partial picture never passes', async () => {
    // SCIM refuses the audit account (403, never retried); HCM still answers, so INT_OIC_GL is in the snapshot.
    const broken = await startTenant(dir, { name: 'scim-denied', sim: { failSource: { source: 'scim', status: 403 } } });
    const partial = join(dir, 'partial-snapshot');
    try {
      const collected = await runCli(['collect', '--config', broken.configFile, '--out', partial, '--quiet', '--skip-probes'], broken.env);
      expect(collected.code).toBe(2);
    } finally {
      await broken.sim.close();
    }
    const { model } = await readSnapshot(partial);
    expect(model.complete).toBe(false);
    expect(model.accounts.some((a) => a.key === 'INT_OIC_GL')).toBe(true);
    const change = await writeChange('harmless-partial.yaml', { add: [{ username: 'INT_OIC_GL', roleCode: 'XX_GL_BALANCES_READ' }] });
    const result = await runCli(['gate', '--snapshot', partial, '--change', change, '--out', join(dir, 'gate-partial'), '--quiet'], fixture.env);
    expect(result.code).toBe(2);
    expect(expectOneErrorLine(result.stderr)).toMatch(/INCOMPLETE/);
  });

  it('runs the README\'s change-file examples against the demo snapshot', async () => {
    const readme = await readFile(join(import.meta.dirname, '..', 'README.md'), 'utf8');
    const examples = [
      { name: 'readme-change.yaml', text: /```yaml\n(add:[\s\S]*?)```/.exec(readme)?.[1] },
      { name: 'readme-change.csv', text: /```csv\n([\s\S]*?)```/.exec(readme)?.[1] },
    ];
    for (const example of examples) {
      expect(example.text, example.name).toBeDefined();
      const out = join(dir, `gate-${example.name}`);
      const result = await runCli(['gate', '--snapshot', snapshot, '--change', await writeChange(example.name, example.text!), '--out', out], fixture.env);
      expect(result.code, result.stderr).toBe(0);
      expect(result.stdout).toMatch(/introduces \d+ findings? /);
      expect((await readFindings(out)).findings.every((f) => f.username === 'INT_OIC_GL')).toBe(true);
    }
  });

  it('exits 2 naming the line when a CSV row has a cell too many, and on a role code the snapshot does not know', async () => {
    const csv = await writeChange('split.csv', 'action,username,roleCode\nadd,INT_OIC_GL,INT_OIC_AP,ORA_GL_GENERAL_ACCOUNTANT_JOB\n');
    const split = await runCli(['gate', '--snapshot', snapshot, '--change', csv, '--out', join(dir, 'gate-split')], fixture.env);
    expect(split.code).toBe(2);
    expect(expectOneErrorLine(split.stderr)).toContain(`${csv}: line 2: 4 cells, the header has 3`);
    const typo = await writeChange('typo.yaml', { add: [{ username: 'INT_OIC_GL', roleCode: 'XX_GL_BALANCES_REED' }] });
    const unknown = await runCli(['gate', '--snapshot', snapshot, '--change', typo, '--out', join(dir, 'gate-typo')], fixture.env);
    expect(unknown.code).toBe(2);
    expect(expectOneErrorLine(unknown.stderr)).toContain('add[0]: roleCode: XX_GL_BALANCES_REED is not a role the snapshot knows (did you mean XX_GL_BALANCES_READ?)');
    const allowed = await runCli(['gate', '--snapshot', snapshot, '--change', typo, '--out', join(dir, 'gate-new-role'), '--allow-new-roles'], fixture.env);
    expect(allowed.code, allowed.stderr).toBe(0);
  });

  it('exits 2 with one line naming the change file and entry when the username is not in the snapshot', async () => {
    const change = await writeChange('nobody.yaml', {
      add: [{ username: 'INT_OIC_GL', roleCode: 'XX_GL_BALANCES_READ' }, { username: 'NOBODY.HERE', roleCode: ROLE }],
    });
    const out = join(dir, 'gate-nobody');
    const result = await runCli(['gate', '--snapshot', snapshot, '--change', change, '--out', out], fixture.env);
    expect(result.code).toBe(2);
    const line = expectOneErrorLine(result.stderr);
    expect(line).toContain(change);
    expect(line).toContain('add[1]');
    expect(line).toContain('NOBODY.HERE');
    expect(result.stdout).toBe('');
  });
});

describe('access-audit gate on role definitions (roleMembers)', () => {
  const AP_ROLE = 'XX_AP_INVOICE_IMPORT';
  const PO_DUTY = 'ORA_PO_PURCHASE_ORDER_MANAGEMENT_DUTY';
  const SOD = 'sod-purchase-order-vs-invoice';

  const gate = (change: string, name: string, extra: string[] = []) =>
    runCli(['gate', '--snapshot', snapshot, '--change', change, '--out', join(dir, name), ...extra], fixture.env);

  /** Accounts the snapshot assigns the role to directly (in the demo graph nothing else inherits it). */
  const holdersOf = async (role: string): Promise<string[]> =>
    (await readSnapshot(snapshot)).model.accounts.filter((a) => a.roles.some((r) => r.code === role)).map((a) => a.username).sort();

  it('exits 1 when a purchase-order duty is added to the invoice-import role: an SoD conflict for every holder and for the role, and the accounts reached', async () => {
    const holders = await holdersOf(AP_ROLE);
    expect(holders).toEqual(['INT_OIC_AP', 'INT_OIC_SPAN']);
    const change = await writeChange('members-sod.yaml', { roleMembers: { add: [{ role: AP_ROLE, member: PO_DUTY }] } });
    const result = await gate(change, 'gate-members-yaml');
    expect(result.code, result.stderr).toBe(1);
    const document = await readFindings(join(dir, 'gate-members-yaml'));
    expect(document.findings.map((f) => [f.ruleId, f.username, f.roleCode, f.baseline, f.cause])).toEqual([
      [SOD, '', AP_ROLE, 'new', 'role-content'],
      ...holders.map((username) => [SOD, username, null, 'new', 'role-content']),
    ]);
    for (const f of document.findings) expect(JSON.stringify(f.evidence)).toContain(`["${AP_ROLE}","${PO_DUTY}","PO_CREATE_PURCHASE_ORDER_PRIV"]`);
    expect(document.change).toEqual({
      file: change, assignments: { added: 0, removed: 0, accounts: 0 },
      roles: [{ role: AP_ROLE, added: [{ kind: 'role', code: PO_DUTY }], removed: [], holders: 2 }], roleHolders: 2, accounts: 2,
    });
    expect(result.stdout).toContain(`Gate demo-tenant: 1 role-membership change from ${change}\n  ${AP_ROLE}: +${PO_DUTY}; held by 2 accounts (directly or inherited)\n  reaches 2 accounts\n`);
    expect(result.stdout).toContain('introduces 3 findings (3 at or above --fail-on high, marked >=)');
    const summary = await readFile(join(dir, 'gate-members-yaml', 'summary.md'), 'utf8');
    expect(summary).toContain('1 role definition changed. It reaches 2 accounts.');
    expect(summary).toContain('| XX\\_AP\\_INVOICE\\_IMPORT | ORA\\_PO\\_PURCHASE\\_ORDER\\_MANAGEMENT\\_DUTY |  | 2 |');
    expect(await hashFolder(snapshot)).toBe(snapshotHash);
  });

  it('gives the same verdict and the same findings for the change written as CSV', async () => {
    const change = await writeChange('members-sod.csv', `action,role,member\nadd,${AP_ROLE.toLowerCase()},${PO_DUTY}\n`);
    const result = await gate(change, 'gate-members-csv');
    expect(result.code, result.stderr).toBe(1);
    const fromYaml = await readFindings(join(dir, 'gate-members-yaml'));
    const fromCsv = await readFindings(join(dir, 'gate-members-csv'));
    expect(fromCsv.findings.map((f) => f.id)).toEqual(fromYaml.findings.map((f) => f.id));
    expect(fromCsv.change?.accounts).toBe(2);
  });

  it('exits 0 on a role-membership change that introduces nothing, in YAML and in a CSV that mixes both kinds of rows', async () => {
    const yaml = await writeChange('members-harmless.yaml', { roleMembers: { add: [{ role: 'XX_GL_BALANCES_READ', member: 'PO_VIEW_PURCHASE_ORDER_PRIV' }] } });
    const fromYaml = await gate(yaml, 'gate-members-harmless');
    expect(fromYaml.code, fromYaml.stderr).toBe(0);
    expect((await readFindings(join(dir, 'gate-members-harmless'))).findings).toEqual([]);
    expect(fromYaml.stdout).toContain('XX_GL_BALANCES_READ: +PO_VIEW_PURCHASE_ORDER_PRIV; held by 1 account (directly or inherited)\n  reaches 1 account\n');
    const csv = await writeChange('members-harmless.csv', [
      'action,username,roleCode,role,member',
      'add,INT_OIC_GL,XX_GL_BALANCES_READ,,',
      'add,,,XX_GL_BALANCES_READ,PO_VIEW_PURCHASE_ORDER_PRIV',
      '',
    ].join('\n'));
    const mixed = await gate(csv, 'gate-members-mixed');
    expect(mixed.code, mixed.stderr).toBe(0);
    // INT_OIC_GL is reached twice (by the assignment, and as a new holder of the changed role) but counted once.
    expect(mixed.stdout).toContain(`1 role change and 1 role-membership change from ${csv}`);
    expect(mixed.stdout).toContain('held by 2 accounts (directly or inherited)\n  reaches 2 accounts (2 holding a changed role, 1 by assignment)\n');
  });

  it('lists what a removal resolves: the seeded job out of the wrapper role XX_INT_GL', async () => {
    const change = await writeChange('members-remove.yaml', { roleMembers: { remove: [{ role: 'XX_INT_GL', member: 'ORA_GL_GENERAL_ACCOUNTANT_JOB' }] } });
    const result = await gate(change, 'gate-members-remove');
    expect(result.code, result.stderr).toBe(0);
    const document = await readFindings(join(dir, 'gate-members-remove'));
    expect(document.findings).toEqual([]);
    expect(document.resolved.map((f) => [f.ruleId, f.username, f.roleCode])).toEqual(expect.arrayContaining([
      ['custom-role-wraps-seeded-role', '', 'XX_INT_GL'],
      ['integration-seeded-role', 'INT_OIC_GLCOPY', 'ORA_GL_GENERAL_ACCOUNTANT_JOB'],
    ]));
    expect(result.stdout).toContain('XX_INT_GL: -ORA_GL_GENERAL_ACCOUNTANT_JOB; held by 1 account');
  });

  it('takes a privilege the graph lacks only when newPrivilege says the change introduces it', async () => {
    const entry = { role: AP_ROLE, member: 'XX_AP_INVOICE_HOLD_CHECK_PRIV' };
    const unflagged = await writeChange('members-new-priv.yaml', { roleMembers: { add: [entry] } });
    const refused = await gate(unflagged, 'gate-members-new-refused');
    expect(refused.code).toBe(2);
    expect(expectOneErrorLine(refused.stderr)).toBe(`access-audit: ${unflagged}: roleMembers.add[0].member: XX_AP_INVOICE_HOLD_CHECK_PRIV is not in the snapshot's role graph; `
      + 'set newPrivilege to true if the change introduces this privilege');
    const flagged = await writeChange('members-new-priv-flag.yaml', { roleMembers: { add: [{ ...entry, newPrivilege: true }] } });
    const accepted = await gate(flagged, 'gate-members-new-yaml');
    expect(accepted.code, accepted.stderr).toBe(0);
    expect((await readFindings(join(dir, 'gate-members-new-yaml'))).change?.roles).toEqual([
      { role: AP_ROLE, added: [{ kind: 'privilege', code: entry.member }], removed: [], holders: 2 },
    ]);
    const csv = await writeChange('members-new-priv.csv', `action,role,member,newPrivilege\nadd,${AP_ROLE},${entry.member},yes\n`);
    const fromCsv = await gate(csv, 'gate-members-new-csv');
    expect(fromCsv.code, fromCsv.stderr).toBe(0);
  });

  it('exits 2 naming the file and field when a role is not in the graph, in YAML and CSV, and writes nothing', async () => {
    const yaml = await writeChange('members-typo.yaml', { roleMembers: { add: [{ role: 'XX_AP_INVOICE_IMPORTS', member: PO_DUTY }] } });
    const fromYaml = await gate(yaml, 'gate-members-typo-yaml');
    expect(fromYaml.code).toBe(2);
    expect(expectOneErrorLine(fromYaml.stderr)).toBe(`access-audit: ${yaml}: roleMembers.add[0].role: XX_AP_INVOICE_IMPORTS is not in the snapshot's role graph `
      + `(did you mean ${AP_ROLE}?); pass --allow-new-roles if the change creates this role`);
    const csv = await writeChange('members-typo.csv', `action,role,member\nremove,XX_AP_INVOICE_IMPORTS,${PO_DUTY}\n`);
    const fromCsv = await gate(csv, 'gate-members-typo-csv');
    expect(fromCsv.code).toBe(2);
    expect(expectOneErrorLine(fromCsv.stderr)).toBe(`access-audit: ${csv}: line 2: role: XX_AP_INVOICE_IMPORTS is not in the snapshot's role graph (did you mean ${AP_ROLE}?)`);
    expect(await exists(join(dir, 'gate-members-typo-yaml'))).toBe(false);
    expect(fromCsv.stdout).toBe('');
  });

  it('exits 2 with one line when the snapshot has no role graph to apply roleMembers to', async () => {
    const plain = await startTenant(dir, { name: 'no-graph', edit: (config) => { delete (config as { roleGraph?: unknown }).roleGraph; } });
    const noGraph = join(dir, 'no-graph-snapshot');
    try {
      const collected = await runCli(['collect', '--config', plain.configFile, '--out', noGraph, '--quiet', '--skip-probes'], plain.env);
      expect(collected.code, collected.stderr).toBe(0);
    } finally {
      await plain.sim.close();
    }
    expect((await readSnapshot(noGraph)).model.roleGraph).toBeNull();
    const change = await writeChange('members-no-graph.yaml', { roleMembers: { add: [{ role: AP_ROLE, member: PO_DUTY }] } });
    const result = await runCli(['gate', '--snapshot', noGraph, '--change', change, '--out', join(dir, 'gate-members-no-graph')], fixture.env);
    expect(result.code).toBe(2);
    expect(expectOneErrorLine(result.stderr)).toBe(`access-audit: ${change}: roleMembers: the snapshot has no role graph, so a change to role definitions cannot be judged `
      + '(collect with roleGraph in the config, see docs/collect.md)');
  });

  it('runs the README\'s roleMembers examples against the demo snapshot, and prints what the README shows', async () => {
    const readme = await readFile(join(import.meta.dirname, '..', 'README.md'), 'utf8');
    const yaml = /```yaml\n(roleMembers:[\s\S]*?)```/.exec(readme)?.[1];
    const csv = /```csv\n(action,role,member[\s\S]*?)```/.exec(readme)?.[1];
    for (const [name, text] of [['readme-members.yaml', yaml], ['readme-members.csv', csv]] as const) {
      expect(text, name).toBeDefined();
      const result = await gate(await writeChange(name, text!), `gate-${name}`);
      expect(result.code, result.stderr).toBe(0);
      expect(result.stdout).toContain('XX_GL_BALANCES_READ: +XX_GL_RECONCILIATION_CHECK_PRIV +ORA_XLA_ACCOUNTING_HUB_INTEGRATION_DUTY -GL_RUN_TRIAL_BALANCE_REPORT_PRIV');
    }
    const shown = /```text\n(Gate demo-tenant: [\s\S]*?)```/.exec(readme)?.[1];
    expect(shown).toBeDefined();
    const file = shown!.split('\n')[0]!.replace(/^.* from /, '');
    await mkdir(join(dir, 'access-changes'), { recursive: true });
    await writeFile(join(dir, file), stringify({ roleMembers: { add: [{ role: AP_ROLE, member: PO_DUTY }] } }));
    const result = await runCli(['gate', '--snapshot', snapshot, '--change', file, '--out', join(dir, 'gate-readme-shown')], fixture.env, dir);
    expect(result.code, result.stderr).toBe(1);
    expect(result.stdout.startsWith(shown!)).toBe(true);
  });
});
