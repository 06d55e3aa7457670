import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readSnapshot } from '../src/snapshot/read.ts';
import { writeSnapshot } from '../src/snapshot/write.ts';
import { indexRoleGraph, sortedEntries } from '../src/model/effective-access.ts';
import { computeCoverage } from '../src/model/role-graph.ts';
import { buildTenant } from './builders.ts';

const graphOf = (edges: [string, string][]) => {
  const model = buildTenant().addRoleMembers(edges).build();
  if (model.roleGraph === null) throw new Error('no graph');
  return model.roleGraph;
};

describe('effective access over the role graph', () => {
  const graph = graphOf([
    ['XX_INT_GL', 'ORA_GL_GENERAL_ACCOUNTANT_JOB'],
    ['ORA_GL_GENERAL_ACCOUNTANT_JOB', 'ORA_GL_JOURNAL_ENTRY_DUTY'],
    ['ORA_GL_GENERAL_ACCOUNTANT_JOB', 'ORA_GL_PERIOD_CLOSE_DUTY'],
    ['ORA_GL_JOURNAL_ENTRY_DUTY', 'GL_CREATE_JOURNAL_PRIV'],
    ['ORA_GL_PERIOD_CLOSE_DUTY', 'GL_CREATE_JOURNAL_PRIV'],
    ['ORA_GL_PERIOD_CLOSE_DUTY', 'GL_CLOSE_PERIOD_PRIV'],
    ['XX_A', 'XX_B'],
    ['XX_B', 'XX_A'],
    ['XX_B', 'FND_ADMINISTER_SANDBOX_PRIV'],
  ]);
  const index = indexRoleGraph(graph);

  it('walks a wrapper role down to privileges with one shortest path each, ties broken by code', () => {
    const access = index.accessOf(['XX_INT_GL']);
    expect(access.roles.get('ORA_GL_GENERAL_ACCOUNTANT_JOB')?.path).toEqual(['XX_INT_GL', 'ORA_GL_GENERAL_ACCOUNTANT_JOB']);
    // Reached through both duties at the same depth: JOURNAL_ENTRY < PERIOD_CLOSE.
    expect(access.privileges.get('GL_CREATE_JOURNAL_PRIV')?.path)
      .toEqual(['XX_INT_GL', 'ORA_GL_GENERAL_ACCOUNTANT_JOB', 'ORA_GL_JOURNAL_ENTRY_DUTY', 'GL_CREATE_JOURNAL_PRIV']);
    expect(sortedEntries(access.privileges).map((entry) => entry.code)).toEqual(['GL_CLOSE_PERIOD_PRIV', 'GL_CREATE_JOURNAL_PRIV']);
  });

  it('prefers the shorter path across several direct roles', () => {
    const entry = index.findHeld(['XX_INT_GL', 'ORA_GL_PERIOD_CLOSE_DUTY'], 'GL_CREATE_JOURNAL_PRIV');
    expect(entry?.path).toEqual(['ORA_GL_PERIOD_CLOSE_DUTY', 'GL_CREATE_JOURNAL_PRIV']);
    expect(index.accessOf(['xx_int_gl', 'ORA_GL_PERIOD_CLOSE_DUTY']).privileges.get('GL_CREATE_JOURNAL_PRIV')?.path)
      .toEqual(['ORA_GL_PERIOD_CLOSE_DUTY', 'GL_CREATE_JOURNAL_PRIV']);
  });

  it('terminates on a cycle and memoises closures', () => {
    const access = index.accessOf(['XX_A']);
    expect(sortedEntries(access.roles).map((entry) => entry.code)).toEqual(['XX_A', 'XX_B']);
    expect(access.privileges.get('FND_ADMINISTER_SANDBOX_PRIV')?.path).toEqual(['XX_A', 'XX_B', 'FND_ADMINISTER_SANDBOX_PRIV']);
    expect(index.closureOf('XX_A')).toBe(index.closureOf('xx_a'));
  });

  it('keeps direct roles the graph does not know, and reports coverage', () => {
    expect(index.accessOf(['XX_UNKNOWN_DATA_ROLE']).roles.get('XX_UNKNOWN_DATA_ROLE')?.path).toEqual(['XX_UNKNOWN_DATA_ROLE']);
    expect(index.containersOf('GL_CREATE_JOURNAL_PRIV')).toEqual(['ORA_GL_JOURNAL_ENTRY_DUTY', 'ORA_GL_PERIOD_CLOSE_DUTY']);
    expect(computeCoverage(graph, ['XX_INT_GL', 'XX_UNKNOWN_DATA_ROLE', 'XX_INT_GL'])).toEqual({ assigned: 2, resolved: 1, unresolved: ['XX_UNKNOWN_DATA_ROLE'] });
  });
});

describe('role graph in the snapshot', () => {
  it('is written, hashed in the manifest and read back; a snapshot without one has no role-graph file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'graph-snapshot-'));
    try {
      const model = buildTenant().addUser({ username: 'INT_OIC_GL', roles: ['XX_INT_GL', 'XX_DATA_ROLE'] })
        .addRoleMembers([['XX_INT_GL', 'ORA_GL_GENERAL_ACCOUNTANT_JOB'], ['ORA_GL_GENERAL_ACCOUNTANT_JOB', 'GL_CREATE_JOURNAL_PRIV']]).build();
      const manifest = await writeSnapshot(join(dir, 'with'), model);
      expect(manifest.files['role-graph.json']).toMatch(/^[0-9a-f]{64}$/);
      expect(manifest.roleGraph?.coverage).toEqual({ assigned: 2, resolved: 1, unresolved: ['XX_DATA_ROLE'] });
      const read = await readSnapshot(join(dir, 'with'));
      expect(read.model.roleGraph).toEqual(model.roleGraph);
      expect(read.model.roleGraphCoverage).toEqual(model.roleGraphCoverage);
      const without = await writeSnapshot(join(dir, 'without'), buildTenant().addUser({ username: 'A' }).build());
      expect(without.roleGraph).toBeUndefined();
      expect((await readdir(join(dir, 'without'))).sort()).not.toContain('role-graph.json');
      expect((await readSnapshot(join(dir, 'without'))).model.roleGraph).toBeNull();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
