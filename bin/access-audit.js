#!/usr/bin/env node
// The installed command: the compiled CLI in dist/ (`npm run build`; `prepare` builds it on
// `npm ci`, `npm pack` and git installs). Development runs the sources: `npm run dev -- …`.
const runCli = async () => {
  try {
    await import('../dist/cli.js');
  } catch (error) {
    if (error?.code === 'ERR_MODULE_NOT_FOUND' && String(error.message).includes('/dist/cli.js')) {
      console.error('access-audit: dist/cli.js is missing (a source checkout that was not built)');
      console.error('hint: run `npm run build` (or `npm ci`, which builds it), or use `npm run dev -- …` on the sources');
      process.exitCode = 2;
    } else {
      throw error;
    }
  }
};

if (process.argv.length === 3 && process.argv[2] === '--version') {
  // `--version` alone needs no parser: it is answered before yargs and the commands load (most
  // of the start-up), with the line yargs would print.
  const { createRequire } = await import('node:module');
  console.log(createRequire(import.meta.url)('../package.json').version);
} else {
  await runCli();
}
