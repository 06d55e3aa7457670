// Preloaded by bench/cli.ts into the tool's process (`node --import`): on exit it writes the
// process's own CPU time and peak RSS, so the benchmark counts the tool and nothing else.
import { writeFileSync } from 'node:fs';

process.on('exit', () => {
  const usage = process.resourceUsage();
  if (process.env.BENCH_USAGE_FILE) writeFileSync(process.env.BENCH_USAGE_FILE, JSON.stringify({ userUs: usage.userCPUTime, systemUs: usage.systemCPUTime, maxRssKb: usage.maxRSS }));
});
