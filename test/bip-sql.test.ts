import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROLE_GRAPH_COLUMNS } from '../src/collect/role-graph/rows.ts';

const ROOT = join(import.meta.dirname, '..');

describe('bip/role-graph.sql', () => {
  it('is a fixed read-only query: no parameters or substitution variables, no DML or DDL', async () => {
    const text = await readFile(join(ROOT, 'bip', 'role-graph.sql'), 'utf8');
    const code = text.replace(/--[^\n]*/g, '').replace(/'[^']*'/g, "''");
    expect(code).not.toMatch(/:[A-Za-z_]/);
    expect(code).not.toMatch(/&/);
    expect(code).not.toMatch(/\b(insert|update|delete|merge|drop|alter|create|grant|truncate|execute|begin)\b/i);
    expect(code.trim()).toMatch(/^WITH\b/);
  });

  it('says which ASE_ROLE_ROLE_MBR direction it assumes and returns the CSV contract\'s columns', async () => {
    const text = await readFile(join(ROOT, 'bip', 'role-graph.sql'), 'utf8');
    expect(text).toContain('CHILD_ROLE_ID  = the CONTAINING role');
    expect(text).toMatch(/m\.child_role_id {2}AS role_id, {4}-- <<DIRECTION>>/);
    const aliases = [...text.matchAll(/\bAS (\w+),?$/gm)].map((match) => (match[1] as string).toUpperCase());
    expect(aliases).toEqual(expect.arrayContaining([...ROLE_GRAPH_COLUMNS]));
  });

  it('bip/README.md gives the direction query, the catalog path, the role and the freshness caveat', async () => {
    const text = await readFile(join(ROOT, 'bip', 'README.md'), 'utf8');
    expect(text).toContain("WHERE  'ORA_AP_ACCOUNTS_PAYABLE_SPECIALIST_JOB' IN (p.code, c.code)");
    expect(text).toContain('/Custom/Security/Access Audit/Role Graph.xdo');
    expect(text).toContain('BI Consumer Role');
    expect(text).toContain('Import User and Role Application Security Data');
  });
});
