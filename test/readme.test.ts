import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { authSchema, writtenConfigSchema } from '../src/config/schema.ts';
import { README_MARKERS, toSchemaReference } from '../src/docs/schema-reference.ts';
import { changeFileSchema } from '../src/gate/change-file.ts';
import { parseWaivers } from '../src/policy/waivers.ts';

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

  it('the change-file examples pass the gate\'s schema', () => {
    const change = blocks('yaml').find((text) => text.startsWith('add:'));
    expect(changeFileSchema.parse(parse(change!))).toMatchObject({ add: [{ username: 'INT_OIC_GL' }], remove: [{ username: 'INT_OIC_GL' }] });
    // test/cli-gate.test.ts runs both against the demo snapshot.
    expect(blocks('csv')[0]).toMatch(/^action,username,roleCode\nadd,/);
  });
});
