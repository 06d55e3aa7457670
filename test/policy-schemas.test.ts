import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { getJsonSchemaTexts } from '../src/policy/json-schemas.ts';
import { BUILTIN_POLICY_DIR } from '../src/policy/files.ts';

const SCHEMA_DIR = new URL('../schemas/', import.meta.url);

describe('schemas/ (editor JSON Schemas)', () => {
  for (const [name, text] of Object.entries(getJsonSchemaTexts())) {
    it(`${name} is in sync with the zod schema (run npm run schemas)`, async () => {
      expect(await readFile(new URL(name, SCHEMA_DIR), 'utf8')).toBe(text);
    });
  }

  it('the bundled policy files validate against policy.schema.json', async () => {
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    const validate = ajv.compile(JSON.parse(getJsonSchemaTexts()['policy.schema.json']!));
    const files = (await readdir(BUILTIN_POLICY_DIR)).filter((name) => name.endsWith('.yaml'));
    expect(files.length).toBeGreaterThanOrEqual(3);
    for (const file of files) {
      const ok = validate(parse(await readFile(join(BUILTIN_POLICY_DIR, file), 'utf8')));
      expect(ok, `${file}: ${JSON.stringify(validate.errors)}`).toBe(true);
    }
  });

  it('the JSON Schema rejects a misspelt check option, as the loader does', () => {
    const ajv = new Ajv2020({ strict: false });
    const validate = ajv.compile(JSON.parse(getJsonSchemaTexts()['policy.schema.json']!));
    const rule = { id: 'x', version: 1, title: 't', severity: 'high', description: 'd', remediation: 'r', check: { name: 'seeded-roles', options: { prefx: 'ORA_' } } };
    expect(validate({ rules: [rule] })).toBe(false);
    expect(validate({ rules: [{ ...rule, check: { name: 'seeded-roles', options: { prefix: 'ORA_' } } }] })).toBe(true);
  });
});

describe('schemas/change-file.schema.json', () => {
  it('accepts the README\'s change files and rejects a misspelt roleMembers key or a flag on a removal, as the gate does', async () => {
    const validate = new Ajv2020({ strict: false }).compile(JSON.parse(getJsonSchemaTexts()['change-file.schema.json']!));
    const readme = await readFile(new URL('../README.md', import.meta.url), 'utf8');
    const examples = [...readme.matchAll(/```yaml\n((?:add|roleMembers):[\s\S]*?)```/g)].map((match) => parse(match[1]!) as unknown);
    expect(examples.length).toBeGreaterThanOrEqual(2);
    for (const example of examples) expect(validate(example), JSON.stringify(validate.errors)).toBe(true);
    expect(validate({ roleMembers: { add: [{ role: 'XX_INT_AP', membr: 'X_PRIV' }] } })).toBe(false);
    expect(validate({ roleMembers: { remove: [{ role: 'XX_INT_AP', member: 'X_PRIV', newPrivilege: true }] } })).toBe(false);
    expect(validate({ roleMembers: { add: [{ role: 'XX_INT_AP', member: 'X_PRIV', newPrivilege: true }] } })).toBe(true);
  });
});

describe('schemas/policy-test.schema.json', () => {
  it('accepts every bundled case file and rejects a misspelt expectation key, as policies test does', async () => {
    const validate = new Ajv2020({ strict: false, allErrors: true }).compile(JSON.parse(getJsonSchemaTexts()['policy-test.schema.json']!));
    const dir = new URL('../policy-tests/', import.meta.url);
    const files = (await readdir(dir)).filter((name) => name.endsWith('.yaml'));
    expect(files.length).toBeGreaterThanOrEqual(8);
    for (const file of files) {
      const ok = validate(parse(await readFile(new URL(file, dir), 'utf8')));
      expect(ok, `${file}: ${JSON.stringify(validate.errors)}`).toBe(true);
    }
    const tenant = { accounts: [{ username: 'A', roles: [] }] };
    expect(validate({ cases: [{ name: 'n', tenant, expect: [{ rule: 'r', count: 1 }] }] })).toBe(true);
    expect(validate({ cases: [{ name: 'n', tenant, expect: [{ rule: 'r', cnt: 1 }] }] })).toBe(false);
  });
});

describe('the bundled pack', () => {
  it('never names a role code invented by third-party tools (oracle-reference §4.4)', async () => {
    const invented = ['ORA_IT_SECURITY_MANAGER', 'ORA_FND_APPLICATION_IMPLEMENTATION_CONSULTANT', 'ORA_APPS_SUPER_USER', 'ORA_FND_SYSTEM_ADMIN_JOB', 'ORA_FND_SYSTEM_ADMINISTRATOR_JOB', 'ORA_IDCS_ADMINISTRATOR', 'ORA_GL_FINANCIAL_INTEGRATION_SPECIALIST'];
    for (const file of await readdir(BUILTIN_POLICY_DIR)) {
      const codes = (await readFile(join(BUILTIN_POLICY_DIR, file), 'utf8')).match(/\bORA_[A-Z0-9_]+\b/g) ?? [];
      expect(codes.filter((code) => invented.includes(code)), file).toEqual([]);
    }
  });
});
