/**
 * `npm run bench [-- part…]`: runs the benchmark parts (collect, evaluate, report) and prints
 * their figures as ratios against the targets in the issues. Timing lives here, never in tests.
 * Each part runs in its own process, so one part's peak RSS never counts against another's.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const PARTS = ['cli', 'collect', 'role-graph', 'evaluate', 'sod', 'report'] as const;
const args = process.argv.slice(2);
const inProcess = args.includes('--in-process');
const wanted = args.filter((arg) => !arg.startsWith('-'));
const parts = wanted.length > 0 ? wanted : [...PARTS];

for (const part of parts) {
  const file = fileURLToPath(new URL(`./${part}.ts`, import.meta.url));
  if (!existsSync(file)) {
    console.error(`bench: unknown part ${part} (known: ${PARTS.join(', ')})`);
    process.exitCode = 2;
    continue;
  }
  if (inProcess) {
    const module = (await import(file)) as { run: () => Promise<void> };
    await module.run();
    continue;
  }
  console.log(`\n== bench: ${part} ==`);
  const child = spawnSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), part, '--in-process'], { stdio: 'inherit' });
  if (child.status !== 0) process.exitCode = child.status ?? 1;
}
