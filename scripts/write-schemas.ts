/**
 * `npm run schemas`: writes schemas/*.schema.json from the zod schemas (policy, waivers, config, gate change file, policy test cases).
 * test/policy-schemas.test.ts fails when the committed files drift from the schemas.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { getJsonSchemaTexts } from '../src/policy/json-schemas.ts';
import { writeFileAtomic } from '../src/util/atomic-write.ts';

const dir = fileURLToPath(new URL('../schemas/', import.meta.url));
for (const [name, text] of Object.entries(getJsonSchemaTexts())) {
  await writeFileAtomic(join(dir, name), text);
  console.log(`wrote schemas/${name}`);
}
