import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../src/errors.ts';
import { readPolicies } from '../src/policy/load.ts';

const RULE = `  - id: my-rule
    version: 1
    title: A rule
    severity: high
    description: What it checks.
    remediation: What to do.
    references: [NIST 800-53 AC-6]
    select: { kind: integration }
    check:
      name: seeded-roles
      options: { prefix: ORA_ }
`;

const validFile = `rules:\n${RULE}`;

const getProblems = async (files: Record<string, string>): Promise<string[]> => {
  const dir = await mkdtemp(join(tmpdir(), 'faa-policy-'));
  for (const [name, text] of Object.entries(files)) {
    await mkdir(join(dir, name, '..'), { recursive: true });
    await writeFile(join(dir, name), text);
  }
  try {
    await readPolicies([dir]);
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return (error as ValidationError).problems.map((line) => line.replace(dir, '<dir>'));
  }
  return [];
};

/** Each case: one mistake, the line(s) it must produce (matched as substrings, in order). */
const CASES: { name: string; files: Record<string, string>; expected: RegExp[] }[] = [
  { name: 'typo in a rule key', files: { 'a.yaml': validFile.replace('remediation:', 'remediaton:') }, expected: [/a\.yaml:7: rules\[0\]\.remediaton: unknown key \(did you mean remediation\?\)$/] },
  { name: 'typo in a top-level key', files: { 'a.yaml': `rule:\n${RULE}` }, expected: [/a\.yaml:1: rule: unknown key \(did you mean rules\?\)$/] },
  { name: 'unknown check', files: { 'a.yaml': validFile.replace('name: seeded-roles', 'name: seeded-role') }, expected: [/a\.yaml:11: rules\[0\]\.check\.name: unknown check "seeded-role" \(known: seeded-roles, /] },
  { name: 'unknown check option', files: { 'a.yaml': validFile.replace('{ prefix: ORA_ }', '{ prefix: ORA_, tier: [] }') }, expected: [/a\.yaml:12: rules\[0\]\.check\.options\.tier: unknown key/] },
  { name: 'wrong option type', files: { 'a.yaml': validFile.replace('{ prefix: ORA_ }', '{ otherSeverity: 3 }') }, expected: [/rules\[0\]\.check\.options\.otherSeverity: must be one of critical, high, medium, low, info \(got 3\)/] },
  { name: 'bad regex in a check option', files: { 'a.yaml': validFile.replace('name: seeded-roles', 'name: dedicated-account').replace('{ prefix: ORA_ }', "{ pattern: '^INT_[A-Z' }") }, expected: [/rules\[0\]\.check\.options\.pattern: invalid regular expression: /] },
  { name: 'bad regex in the selector', files: { 'a.yaml': validFile.replace('{ kind: integration }', "{ usernames: ['(unclosed'] }") }, expected: [/a\.yaml:9: rules\[0\]\.select\.usernames\[0\]: invalid regular expression/] },
  { name: 'bad regex in integrationUsers', files: { 'a.yaml': `integrationUsers:\n  namingPattern: '*INT'\n${validFile}` }, expected: [/a\.yaml:2: integrationUsers\.namingPattern: invalid regular expression/] },
  { name: 'wrong severity word', files: { 'a.yaml': validFile.replace('severity: high', 'severity: severe') }, expected: [/a\.yaml:5: rules\[0\]\.severity: must be one of critical, high, medium, low, info \(got "severe"\)/] },
  { name: 'missing id', files: { 'a.yaml': validFile.replace('  - id: my-rule\n    version: 1', '  - version: 1') }, expected: [/rules\[0\]\.id: missing \(required\)/] },
  { name: 'missing check', files: { 'a.yaml': validFile.replace(/ {4}check:\n.*\n.*\n/, '') }, expected: [/rules\[0\]\.check: missing \(required\)/] },
  { name: 'id not kebab-case', files: { 'a.yaml': validFile.replace('id: my-rule', 'id: My_Rule') }, expected: [/a\.yaml:2: rules\[0\]\.id: must be kebab-case/] },
  { name: 'version not an integer', files: { 'a.yaml': validFile.replace('version: 1', 'version: 1.5') }, expected: [/a\.yaml:3: rules\[0\]\.version: /] },
  { name: 'empty rules', files: { 'a.yaml': 'rules: []\n' }, expected: [/a\.yaml:1: rules: must list at least one rule/] },
  { name: 'rules not a list', files: { 'a.yaml': 'rules: nope\n' }, expected: [/a\.yaml:1: rules: must be a list of rules/] },
  { name: 'duplicate rule id in one file', files: { 'a.yaml': `${validFile}${RULE}` }, expected: [/a\.yaml:13: rules\[1\]\.id: duplicate rule id "my-rule" \(first defined at .*a\.yaml:2: rules\[0\]\.id\)/] },
  { name: 'duplicate rule id across files', files: { 'a.yaml': validFile, 'b.yaml': validFile }, expected: [/b\.yaml:2: rules\[0\]\.id: duplicate rule id "my-rule" \(first defined at .*a\.yaml:2/] },
  { name: 'integrationUsers in two files', files: { 'a.yaml': `integrationUsers: {}\n${validFile}`, 'b.yaml': `integrationUsers: {}\n${validFile.replace('my-rule', 'other-rule')}` }, expected: [/b\.yaml: integrationUsers: defined more than once in the pack/] },
  { name: 'bad YAML', files: { 'a.yaml': 'rules:\n  - id: x\n   version: 1\n' }, expected: [/a\.yaml: invalid YAML: line \d+, column \d+: /] },
  { name: 'duplicate YAML key', files: { 'a.yaml': validFile.replace('    version: 1\n', '    version: 1\n    version: 2\n') }, expected: [/a\.yaml: invalid YAML: .*[Mm]ap keys must be unique/] },
  { name: 'bad JSON', files: { 'a.json': '{ "rules": [ }' }, expected: [/a\.json: invalid JSON: /] },
  { name: 'selector kind typo', files: { 'a.yaml': validFile.replace('{ kind: integration }', '{ kind: integrations }') }, expected: [/a\.yaml:9: rules\[0\]\.select\.kind: /] },
  { name: 'role code in lower case', files: { 'a.yaml': validFile.replace('{ prefix: ORA_ }', '{ ignore: [ora_per_employee_abstract] }') }, expected: [/rules\[0\]\.check\.options\.ignore\[0\]: must be a role code in upper case/] },
  { name: 'privileged-roles without any role', files: { 'a.yaml': validFile.replace('name: seeded-roles', 'name: privileged-roles').replace('{ prefix: ORA_ }', '{ allow: [X] }') }, expected: [/rules\[0\]\.check\.options: list at least one role or pattern/] },
  { name: 'probe-outcome with no outcomes', files: { 'a.yaml': validFile.replace('name: seeded-roles', 'name: probe-outcome').replace('{ prefix: ORA_ }', '{ outcomes: [] }') }, expected: [/rules\[0\]\.check\.options\.outcomes: must list at least one outcome/] },
  { name: 'probe-outcome with an unknown outcome', files: { 'a.yaml': validFile.replace('name: seeded-roles', 'name: probe-outcome').replace('{ prefix: ORA_ }', '{ outcomes: [forbidden] }') }, expected: [/rules\[0\]\.check\.options\.outcomes\[0\]: /] },
  { name: 'one-module without module rules', files: { 'a.yaml': validFile.replace('name: seeded-roles', 'name: one-module').replace('{ prefix: ORA_ }', '{ modules: [] }') }, expected: [/rules\[0\]\.check\.options\.modules: must list at least one module rule/] },
  { name: 'empty remediation', files: { 'a.yaml': validFile.replace('remediation: What to do.', "remediation: ''") }, expected: [/a\.yaml:7: rules\[0\]\.remediation: /] },
  { name: 'a folder without policy files', files: { 'notes.txt': 'hello' }, expected: [/<dir>: folder holds no policy files/] },
];

describe('policy validation: every mistake is reported with file, line and path', () => {
  it('has at least 20 distinct cases', () => expect(CASES.length).toBeGreaterThanOrEqual(20));
  for (const entry of CASES) {
    it(entry.name, async () => {
      const problems = await getProblems(entry.files);
      for (const pattern of entry.expected) expect(problems.some((line) => pattern.test(line)), `${pattern} in\n${problems.join('\n')}`).toBe(true);
    });
  }

  it('reports every problem of every file at once', async () => {
    const problems = await getProblems({
      'a.yaml': validFile.replace('severity: high', 'severity: severe').replace('name: seeded-roles', 'name: nope'),
      'b.yaml': validFile.replace('title: A rule', 'titel: A rule').replace('id: my-rule', 'id: other'),
    });
    expect(problems).toHaveLength(4);
  });

  it('accepts a valid pack, ignores *.schema.json beside it, and builtin adds the bundled pack', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'faa-policy-'));
    await writeFile(join(dir, 'mine.yaml'), validFile);
    await writeFile(join(dir, 'policy.schema.json'), '{"type": "object"}');
    const pack = await readPolicies([dir, 'builtin']);
    expect(pack.rules.map((rule) => rule.info.id)).toContain('my-rule');
    expect(pack.rules.map((rule) => rule.info.id)).toContain('integration-seeded-role');
    expect(pack.files.map((file) => file.path).filter((path) => path.endsWith('schema.json'))).toEqual([]);
    expect(pack.files.some((file) => file.path.startsWith('builtin:'))).toBe(true);
  });

  it('a missing path is a problem, not a crash', async () => {
    await expect(readPolicies(['/nonexistent/policies'])).rejects.toThrow('/nonexistent/policies: no such policy file or folder');
  });
});
