import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluateTenant } from '../src/evaluate/engine.ts';
import { readPolicies } from '../src/policy/load.ts';
import { buildTenant } from './builders.ts';
import { getPack } from './policy-tester.ts';

// The adjacent-service rules' own cases are in policy-tests/adjacent-services.yaml and policy-tests/cx-sales.yaml.

describe('adjacent-service rules and Fusion-only tenants', () => {
  it('a tenant without service accounts gets byte-identical findings with or without the new rules', async () => {
    const tenant = buildTenant().addUser({ username: 'INT_OIC_ALL', roles: ['ORA_GL_GENERAL_ACCOUNTANT_JOB'] })
      .addUser({ username: 'LEE.WONG', person: true, suspended: true, roles: ['ORA_PER_EMPLOYEE_ABSTRACT'] }).build();
    const pack = await getPack(null);
    const options = { asOf: tenant.finishedAt, waivers: [], tool: { name: 't', version: '0' }, identity: pack.identity };
    const all = evaluateTenant(tenant, pack.rules, options).document;
    const without = evaluateTenant(tenant, pack.rules.filter((rule) => !rule.info.source.includes('adjacent-services')), options).document;
    expect(JSON.stringify(all)).toBe(JSON.stringify(without));
  });

  it('bad options are policy errors naming the field', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'faa-svc-policy-'));
    const file = join(dir, 'bad.yaml');
    await writeFile(file, [
      'rules:',
      '  - { id: a, version: 1, title: t, severity: low, description: d, remediation: r, check: { name: cpq-web-services-only, options: { unknown: maybe } } }',
      '  - { id: b, version: 1, title: t, severity: low, description: d, remediation: r, check: { name: service-fusion-match, options: { services: [hcm] } } }',
      '',
    ].join('\n'));
    await expect(readPolicies([file])).rejects.toThrow(/rules\[0\]\.check\.options\.unknown[\s\S]*rules\[1\]\.check\.options\.services\[0\]/);
  });
});
