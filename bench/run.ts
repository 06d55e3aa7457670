/**
 * `npm run bench [-- part…]`: runs the benchmark parts (collect, evaluate, report) and prints
 * their figures as ratios against the targets in the issues. Timing lives here, never in tests.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const PARTS = ['collect', 'evaluate', 'report'] as const;
const wanted = process.argv.slice(2).filter((arg) => !arg.startsWith('-'));
const parts = wanted.length > 0 ? wanted : [...PARTS];

for (const part of parts) {
  const file = fileURLToPath(new URL(`./${part}.ts`, import.meta.url));
  if (!existsSync(file)) {
    console.error(`bench: unknown part ${part} (known: ${PARTS.join(', ')})`);
    process.exitCode = 2;
    continue;
  }
  console.log(`\n== bench: ${part} ==`);
  const module = (await import(file)) as { run: () => Promise<void> };
  await module.run();
}
