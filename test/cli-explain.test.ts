import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccountExplanation, CodeExplanation } from '../src/explain/types.ts';
import { writeSnapshot } from '../src/snapshot/write.ts';
import { buildTenant } from './builders.ts';
import { runCli } from './cli-helpers.ts';
import { createGraphTenant } from './fixtures/graph-tenant.ts';

/** `access-audit explain` end to end: the real binary over snapshot and run folders written by the real code. */
let dir: string;
let snapshot: string;
let run: string;
let bare: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cli-explain-'));
  snapshot = join(dir, 'snapshot');
  await writeSnapshot(snapshot, createGraphTenant());
  bare = join(dir, 'bare');
  await writeSnapshot(bare, buildTenant().addUser({ username: 'INT_OIC_GL', roles: ['XX_INT_GL'] }).build());
  run = join(dir, 'run');
  const evaluated = await runCli(['evaluate', '--snapshot', snapshot, '--out', run, '--fail-on', 'info']);
  expect(evaluated.code).toBe(1);
}, 60_000);
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('access-audit explain USERNAME', () => {
  it('prints the direct roles, the inherited tree depth-indented with the cycle marked, and the findings', async () => {
    const result = await runCli(['explain', '--snapshot', snapshot, 'int_oic_po']);
    expect(result.code).toBe(0);
    const lines = result.stdout.split('\n');
    expect(lines[0]).toBe('INT_OIC_PO  (integration user, active; in hcm, scim)');
    expect(lines).toContain('  XX_CYCLE_A  [role, custom]');
    expect(lines).toContain('    XX_CYCLE_B  [role, custom]');
    expect(lines).toContain('      ORA_PO_BUYER_JOB  [role, seeded]');
    expect(lines).toContain('      XX_CYCLE_A  [role, custom]  ↺ cycle: already above, not walked again');
    expect(result.stdout).toContain('Effective access: 3 roles, 0 privileges');
    expect(result.stdout).toMatch(/high {5}integration-seeded-role {2}INT_OIC_PO holds the seeded role ORA_PO_BUYER_JOB through the custom role XX_CYCLE_A/);
    expect(result.stdout).toContain('path: XX_CYCLE_A → XX_CYCLE_B → ORA_PO_BUYER_JOB');
  });

  it('--json gives the same tree and findings as data; a role reached twice is expanded once', async () => {
    const result = await runCli(['explain', '--snapshot', snapshot, 'INT_OIC_BOTH', '--json']);
    expect(result.code).toBe(0);
    const explanation = JSON.parse(result.stdout) as AccountExplanation;
    expect(explanation).toMatchObject({ kind: 'account', username: 'INT_OIC_BOTH', integration: true, effective: { roles: 4, privileges: 1 } });
    expect(explanation.directRoles.map((node) => [node.code, node.mark])).toEqual([['ORA_GL_GENERAL_ACCOUNTANT_JOB', null], ['XX_INT_GL', null]]);
    expect(explanation.directRoles[1]?.children[0]).toMatchObject({ code: 'ORA_GL_GENERAL_ACCOUNTANT_JOB', mark: 'repeat', children: [] });
    const journal = explanation.directRoles[0]?.children.find((node) => node.code === 'ORA_GL_JOURNAL_ENTRY_DUTY');
    expect(journal?.children).toEqual([{ code: 'GL_CREATE_JOURNAL_PRIV', kind: 'privilege', name: null, type: null, seeded: null, mark: null, children: [] }]);
    expect(explanation.findings.map((finding) => finding.ruleId)).toContain('integration-seeded-role');
  });

  it('--run reads the run folder\'s own findings', async () => {
    const result = await runCli(['explain', '--run', run, 'HELEN.HR', '--json']);
    expect(result.code).toBe(0);
    const explanation = JSON.parse(result.stdout) as AccountExplanation;
    expect(explanation.findings.map((finding) => `${finding.ruleId} ${finding.roleCode}`)).toEqual([
      'privileged-privilege ORA_PER_USER_ROLE_MANAGEMENT_DUTY', 'privileged-privilege PER_MANAGE_HCM_DATA_ROLE_PRIV', 'privileged-role-assignment ORA_FND_IT_SECURITY_MANAGER_JOB',
    ]);
  });

  it('without a graph shows the direct roles and says the graph was not collected', async () => {
    const result = await runCli(['explain', '--snapshot', bare, 'INT_OIC_GL']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Role graph: not collected');
    expect(result.stdout).toContain('  XX_INT_GL  [role]\n');
    expect(result.stdout).not.toContain('Effective access');
  });

  it('an unknown account, or no subject, is one clear line and exit 2', async () => {
    const unknown = await runCli(['explain', '--snapshot', snapshot, 'NOBODY']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr.split('\n')[0]).toBe('access-audit: explain: NOBODY is not an account of the snapshot');
    const none = await runCli(['explain', '--snapshot', snapshot]);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('name one USERNAME, or --privilege CODE, or --role CODE');
    const both = await runCli(['explain', '--snapshot', snapshot, '--run', run, 'X']);
    expect(both.code).toBe(2);
  });
});

describe('access-audit explain --privilege / --role', () => {
  it('--privilege lists who holds it and the path, four custom roles deep', async () => {
    const result = await runCli(['explain', '--run', run, '--privilege', 'per_manage_hcm_data_role_priv']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Held by 2 accounts (0 directly, 2 inherited):');
    expect(result.stdout).toContain('  INT_OIC_AP  XX_INT_AP → XX_AP_LAYER1 → XX_AP_LAYER2 → XX_AP_LAYER3 → ORA_PER_USER_ROLE_MANAGEMENT_DUTY → PER_MANAGE_HCM_DATA_ROLE_PRIV');
    expect(result.stdout).toContain('Contained by: ORA_PER_USER_ROLE_MANAGEMENT_DUTY');
    const json = JSON.parse((await runCli(['explain', '--snapshot', snapshot, '--privilege', 'PER_MANAGE_HCM_DATA_ROLE_PRIV', '--json'])).stdout) as CodeExplanation;
    expect(json).toMatchObject({ kind: 'privilege', code: 'PER_MANAGE_HCM_DATA_ROLE_PRIV', inGraph: true });
    expect(json.holders.map((holder) => holder.username)).toEqual(['HELEN.HR', 'INT_OIC_AP']);
  });

  it('--role lists direct and inherited holders, and the role\'s own finding', async () => {
    const result = await runCli(['explain', '--snapshot', snapshot, '--role', 'ORA_GL_GENERAL_ACCOUNTANT_JOB']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Held by 2 accounts (1 directly, 1 inherited):');
    expect(result.stdout).toContain('  INT_OIC_GL    XX_INT_GL → ORA_GL_GENERAL_ACCOUNTANT_JOB');
    expect(result.stdout).toContain('  INT_OIC_BOTH  directly assigned');
    const wrapper = JSON.parse((await runCli(['explain', '--snapshot', snapshot, '--role', 'XX_INT_GL', '--json'])).stdout) as CodeExplanation;
    expect(wrapper.members).toEqual([{ kind: 'role', code: 'ORA_GL_GENERAL_ACCOUNTANT_JOB' }]);
    expect(wrapper.findings.map((finding) => [finding.ruleId, finding.username, finding.evidence.holders])).toEqual([['custom-role-wraps-seeded-role', '', 2]]);
  });

  it('--privilege without a role graph is one clear line and exit 2', async () => {
    const result = await runCli(['explain', '--snapshot', bare, '--privilege', 'GL_CREATE_JOURNAL_PRIV']);
    expect(result.code).toBe(2);
    expect(result.stderr.split('\n')[0]).toBe('access-audit: explain --privilege: the snapshot holds no role graph, so privileges are unknown');
  });
});
