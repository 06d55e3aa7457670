#!/usr/bin/env node
// The CLI on the TypeScript sources through tsx (a dev dependency): what the tests spawn and
// `npm run dev` / `npm run demo` run, so a clone works without a build step.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli.ts');
