/** `npm run docs`: regenerates the config reference in README.md from schemas/config.schema.json. */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { replaceGeneratedBlock, toSchemaReference } from '../src/docs/schema-reference.ts';
import { writeFileAtomic } from '../src/util/atomic-write.ts';

const root = fileURLToPath(new URL('../', import.meta.url));
const schema = JSON.parse(await readFile(`${root}schemas/config.schema.json`, 'utf8')) as Parameters<typeof toSchemaReference>[0];
const readme = await readFile(`${root}README.md`, 'utf8');
await writeFileAtomic(`${root}README.md`, replaceGeneratedBlock(readme, toSchemaReference(schema)));
console.log('README.md: config reference regenerated');
