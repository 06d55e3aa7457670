import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { README_MARKERS, toSchemaReference } from '../src/docs/schema-reference.ts';

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
