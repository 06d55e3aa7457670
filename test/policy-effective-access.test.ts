import { describe, expect, it } from 'vitest';
import { evaluateTenant } from '../src/evaluate/engine.ts';
import { createGraphTenant, withGraph } from './fixtures/graph-tenant.ts';
import { getPack, runRule } from './policy-tester.ts';

const tenant = createGraphTenant();

// The rules' cases over this graph are in policy-tests/ (integration-users, privileged-access, role-definitions).

describe('role findings through the engine', () => {
  it('get a stable id from rule and role, and a waiver naming only the role code waives them', async () => {
    const pack = await getPack(null);
    const rules = pack.rules.filter((rule) => rule.info.id === 'custom-role-wraps-seeded-role');
    const waiver = { ruleId: 'custom-role-wraps-seeded-role', username: '', roleCode: 'XX_INT_GL', endpoint: null, justification: 'Replaced in Q3', approvedBy: 'CISO', ticket: null, mitigatingControl: null, expires: '2099-01-01' };
    const { document } = evaluateTenant(tenant, rules, { asOf: tenant.finishedAt, waivers: [waiver], tool: { name: 't', version: '0' } });
    const gl = document.findings.find((f) => f.roleCode === 'XX_INT_GL');
    expect(gl?.status).toBe('waived');
    expect(document.waivers.stale).toEqual([]);
    const again = await runRule('custom-role-wraps-seeded-role', withGraph().addUser({ username: 'SOMEONE.ELSE', roles: ['XX_INT_GL'] }).build());
    // Holders change, the id does not: the finding is the role's, whoever holds it.
    expect(again.find((f) => f.roleCode === 'XX_INT_GL')?.id).toBe(gl?.id);
  });
});
