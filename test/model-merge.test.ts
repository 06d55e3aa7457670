import { describe, expect, it } from 'vitest';
import { mergeSources, toAccountKey } from '../src/model/merge.ts';
import type { HcmAccountRecord, ScimAccountRecord } from '../src/model/source-records.ts';

const hcm = (username: string, guid: string, roles: string[], extra: Partial<HcmAccountRecord['facts']> = {}): HcmAccountRecord => ({
  username,
  facts: { userId: 1, guid, personId: null, personNumber: null, suspended: false, createdBy: null, creationDate: null, lastUpdateDate: null, ...extra },
  roles: roles.map((code, i) => ({ code, roleId: 100 + i, userRoleId: 1000 + i })),
});
const scim = (username: string, id: string, roles: [string, string | null][], active = true): ScimAccountRecord => ({
  username,
  facts: { id, active, displayName: null, givenName: null, familyName: null, emails: [], userCategory: null, accountType: null, worker: null },
  roles: roles.map(([code, name]) => ({ code, name })),
});

describe('mergeSources', () => {
  it('joins HCM and SCIM accounts case-insensitively, HCM spelling wins', () => {
    const { accounts } = mergeSources({ hcm: [hcm('Casey.Brown', 'G1', ['ORA_PER_EMPLOYEE_ABSTRACT'])], scim: [scim('CASEY.BROWN', 'S1', [['ORA_PER_EMPLOYEE_ABSTRACT', 'Employee']])], catalogue: [] });
    expect(accounts).toHaveLength(1);
    expect(accounts[0]).toMatchObject({ key: 'CASEY.BROWN', username: 'Casey.Brown', sources: ['hcm', 'scim'] });
    expect(accounts[0]!.roles).toEqual([{ code: 'ORA_PER_EMPLOYEE_ABSTRACT', name: 'Employee', category: null, sources: ['hcm', 'scim'], hcmRoleId: 100, hcmUserRoleId: 1000 }]);
  });

  it('keeps accounts found in one source only, marked so', () => {
    const { accounts } = mergeSources({ hcm: [hcm('ONLY.HCM', 'G1', [])], scim: [scim('only.scim', 'S1', [['XX_GL_ROLE', null]])], catalogue: [] });
    expect(accounts.map((a) => [a.key, a.sources, a.hcm !== null, a.scim !== null])).toEqual([
      ['ONLY.HCM', ['hcm'], true, false],
      ['ONLY.SCIM', ['scim'], false, true],
    ]);
  });

  it('dedupes roles by code and records which source reported each', () => {
    const { accounts } = mergeSources({
      hcm: [hcm('A', 'G1', ['ora_gl_general_accountant_job', 'ORA_PER_EMPLOYEE_ABSTRACT', 'ORA_PER_EMPLOYEE_ABSTRACT'])],
      scim: [scim('a', 'S1', [['ORA_PO_BUYER_JOB', 'Buyer'], ['ORA_GL_GENERAL_ACCOUNTANT_JOB', null]])],
      catalogue: [{ code: 'ORA_GL_GENERAL_ACCOUNTANT_JOB', name: 'General Accountant', category: 'JOB' }],
    });
    expect(accounts[0]!.roles.map((r) => [r.code, r.name, r.category, r.sources])).toEqual([
      ['ORA_GL_GENERAL_ACCOUNTANT_JOB', 'General Accountant', 'JOB', ['hcm', 'scim']],
      ['ORA_PER_EMPLOYEE_ABSTRACT', null, null, ['hcm']],
      ['ORA_PO_BUYER_JOB', 'Buyer', null, ['scim']],
    ]);
  });

  it('is deterministic: input order does not change the output', () => {
    const h = [hcm('B', 'G2', ['R2', 'R1']), hcm('a', 'G1', ['R3'])];
    const s = [scim('c', 'S3', [['R9', 'Nine']]), scim('A', 'S1', [['R3', 'Three']])];
    const one = mergeSources({ hcm: h, scim: s, catalogue: [{ code: 'R1', name: 'One', category: 'JOB' }] });
    const two = mergeSources({ hcm: [...h].reverse(), scim: [...s].reverse(), catalogue: [{ code: 'R1', name: 'One', category: 'JOB' }] });
    expect(JSON.stringify(two)).toBe(JSON.stringify(one));
    expect(one.accounts.map((a) => a.key)).toEqual(['A', 'B', 'C']);
    expect(one.roles.map((r) => r.code)).toEqual(['R1', 'R2', 'R3', 'R9']);
    expect(one.roles.find((r) => r.code === 'R9')?.name).toBe('Nine');
  });

  it('unions roles when one source lists a username twice in different case', () => {
    const { accounts } = mergeSources({ hcm: [hcm('x.y', 'G2', ['R2']), hcm('X.Y', 'G1', ['R1'])], scim: [], catalogue: [] });
    expect(accounts).toHaveLength(1);
    expect(accounts[0]!.hcm?.guid).toBe('G1');
    expect(accounts[0]!.roles.map((r) => r.code)).toEqual(['R1', 'R2']);
  });

  it('keys by trimmed upper case', () => {
    expect(toAccountKey(' casey.Brown ')).toBe('CASEY.BROWN');
  });
});
