import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { authSchema, writtenConfigSchema } from '../src/config/schema.ts';
import { README_MARKERS, toSchemaReference } from '../src/docs/schema-reference.ts';
import { changeFileSchema } from '../src/gate/change-file.ts';
import { parseWaivers } from '../src/policy/waivers.ts';
import { validatePolicyText } from '../src/policy/validate-file.ts';
import { policyCaseFileSchema } from '../src/policy-test/schema.ts';
import { runPolicyCase } from '../src/policy-test/run.ts';
import { getPack } from './policy-tester.ts';

const read = (path: string): string => readFileSync(new URL(`../${path}`, import.meta.url), 'utf8');

describe('README', () => {
  it('carries the config reference generated from schemas/config.schema.json', () => {
    const readme = read('README.md');
    const start = readme.indexOf(README_MARKERS.start) + README_MARKERS.start.length + 1;
    const block = readme.slice(start, readme.indexOf(README_MARKERS.end));
    expect(block).toBe(toSchemaReference(JSON.parse(read('schemas/config.schema.json'))));
    expect(block).toContain('`collect.concurrency`');
    expect(block).toContain('`integrations[].probes[].expect`');
  });

  it('has the two-command quickstart', () => {
    const readme = read('README.md');
    const quickstart = readme.slice(readme.indexOf('## Quickstart'), readme.indexOf('## Commands'));
    const commands = /```sh\n([\s\S]*?)```/.exec(quickstart)?.[1]?.trim().split('\n') ?? [];
    expect(commands).toEqual(['apt-get update && apt-get install -y chromium poppler-utils && npm ci && npm run demo', 'npm test']);
  });
});

describe('README examples are valid input', () => {
  const blocks = (language: string): string[] =>
    [...read('README.md').matchAll(new RegExp(`\`\`\`${language}\\n([\\s\\S]*?)\`\`\``, 'g'))].map((match) => match[1] ?? '');

  it('the config example passes the config schema', () => {
    const config = blocks('yaml').find((text) => text.startsWith('tenant:'));
    expect(config).toBeDefined();
    expect(writtenConfigSchema.safeParse(parse(config!)).success).toBe(true);
  });

  it('the sign-in example passes the auth schema', () => {
    const auth = blocks('yaml').find((text) => text.startsWith('auth:'));
    expect(authSchema.parse((parse(auth!) as { auth: unknown }).auth)).toMatchObject({ type: 'oauth2' });
  });

  it('the waiver example passes the waiver schema', () => {
    const waivers = blocks('yaml').find((text) => text.startsWith('waivers:'));
    expect(parseWaivers(waivers!, 'README.md')[0]).toMatchObject({ ruleId: 'integration-seeded-role', expires: '2026-12-31' });
  });

  it('the SoD rule example is a valid policy file', () => {
    const rule = blocks('yaml').find((text) => text.startsWith('rules:'));
    const result = validatePolicyText(rule!, 'README.md');
    expect(result.problems).toEqual([]);
    expect(result.rules[0]?.check.name).toBe('sod-conflict');
  });

  it('the policy test example passes against the bundled pack', async () => {
    const cases = policyCaseFileSchema.parse(parse(blocks('yaml').find((text) => text.startsWith('cases:'))!));
    const result = runPolicyCase({ where: 'README.md', case: cases.cases[0]! }, await getPack(null));
    expect(result.differences).toEqual([]);
  });

  it('the change-file examples pass the gate\'s schema', () => {
    const change = blocks('yaml').find((text) => text.startsWith('add:'));
    expect(changeFileSchema.parse(parse(change!))).toMatchObject({ add: [{ username: 'INT_OIC_GL' }], remove: [{ username: 'INT_OIC_GL' }] });
    const members = blocks('yaml').find((text) => text.startsWith('roleMembers:'));
    expect(changeFileSchema.parse(parse(members!)).roleMembers).toMatchObject({ add: [{ newPrivilege: false }, { newPrivilege: true }], remove: [{ role: 'XX_GL_BALANCES_READ' }] });
    // test/cli-gate.test.ts runs them all against the demo snapshot.
    expect(blocks('csv')[0]).toMatch(/^action,username,roleCode\nadd,/);
    expect(blocks('csv')[1]).toMatch(/^action,role,member,newPrivilege\nadd,/);
  });
});

/** Parsed YAML, walked by the assertions below (shape checked by the assertions themselves). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Yaml = Record<string, any>;

describe('README and examples for CI repositories', () => {
  const examples = ['examples/ci/github-actions.yml', 'examples/ci/gitlab-ci.yml', 'examples/ci/github-actions-tenants.yml', 'examples/ci/gitlab-ci-tenants.yml', 'examples/kubernetes/cronjob.yaml'];

  it('never runs a bare npx: the tool is the pinned dev dependency (npx --no-install)', () => {
    for (const file of ['README.md', ...examples]) {
      const bare = read(file).split('\n').filter((line) => /\bnpx\s+(?!--no-install\b)\S*access-audit/.test(line));
      expect(bare, file).toEqual([]);
    }
    for (const file of examples.slice(2)) expect(read(file), file).toContain('npx --no-install access-audit run');
  });

  it('the examples are valid YAML; the tenant matrices and the CronJob have the parts the README describes', () => {
    const docs = examples.map((file) => ({ file, value: parse(read(file).split(/^---$/m)[0]!) as Yaml }));
    for (const { file, value } of docs) expect(value, file).toBeTypeOf('object');
    const github = docs[2]!.value;
    expect(github.jobs.audit.strategy.matrix.tenant.length).toBeGreaterThan(1);
    expect(github.jobs.audit.strategy['fail-fast']).toBe(false);
    expect(github.jobs.audit.environment).toContain('${{ matrix.tenant }}');
    expect(JSON.stringify(github.jobs.summary)).toContain('access-audit summarize');
    const gitlab = docs[3]!.value;
    expect(gitlab['access-audit'].parallel.matrix[0].TENANT.length).toBeGreaterThan(1);
    expect(JSON.stringify(gitlab['access-audit-summary'])).toContain('access-audit summarize');
    const [cronjob, claim] = read('examples/kubernetes/cronjob.yaml').split(/^---$/m).map((text) => parse(text) as Yaml);
    expect(cronjob!.kind).toBe('CronJob');
    expect(cronjob!.spec.concurrencyPolicy).toBe('Forbid');
    const pod = cronjob!.spec.jobTemplate.spec.template.spec;
    expect(pod.volumes.find((volume: { name: string }) => volume.name === 'data').persistentVolumeClaim.claimName).toBe(claim!.metadata.name);
    expect(pod.containers[0].volumeMounts.map((mount: { mountPath: string }) => mount.mountPath)).toContain('/data');
    expect(pod.containers[0].args[0]).toMatch(/--out "\$run"/);
    expect(JSON.stringify(pod.containers[0].env)).toContain('secretKeyRef');
  });

  it('shows how to pin the tool as a dev dependency and the summarize example', () => {
    const readme = read('README.md');
    expect(readme).toContain('npm install --save-dev --save-exact fusion-access-audit@');
    expect(readme).toMatch(/github:[\w-]+\/fusion-access-audit#/);
    expect(readme).toContain('access-audit summarize reports/dev reports/test reports/prod-us reports/prod-eu --out reports/all');
  });
});
