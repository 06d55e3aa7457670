import { resolve } from 'node:path';
import type { CommandBody } from './index.ts';
import { verifyEvidence } from '../report/index.ts';
import { getLogger, type GlobalOptions } from './common.ts';
import { setExitCode } from './exit-code.ts';
import { toCountText } from '../util/plural.ts';

interface VerifyArgs extends GlobalOptions {
  dir: string;
  publicKey?: string;
}

const SIGNATURE_LINES = {
  valid: 'signature: valid (manifest.sig matches the public key)',
  invalid: 'signature: INVALID (manifest.json was changed or signed with another key)',
  missing: 'signature: MISSING (no manifest.sig, but --public-key was given)',
  'not-checked': 'signature: present, not checked (give --public-key)',
  unsigned: 'signature: none',
} as const;

export const verifyCommand: CommandBody<VerifyArgs> = {
  builder: (yargs) =>
    yargs
      .positional('dir', { type: 'string', demandOption: true, describe: 'Run folder holding manifest.json' })
      .option('public-key', { type: 'string', describe: 'Ed25519 public key (PEM) to check manifest.sig with' })
      .example('$0 verify reports/acme-prod-2026-12-01T100000Z-4e457ab9f484', 'Recompute every hash and check every report states the run id')
      .example('$0 verify auditor/acme --public-key audit-signing.pub', 'Also check the Ed25519 signature') as never,
  handler: async (argv) => {
    const logger = getLogger(argv);
    const dir = resolve(argv.dir);
    const result = await verifyEvidence(dir, { publicKey: argv.publicKey });
    for (const note of result.notes) logger.warn(note);
    const lines = result.problems.map((problem) => `FAIL ${problem}`);
    lines.push(SIGNATURE_LINES[result.signature]);
    const signatureBad = result.signature === 'invalid' || result.signature === 'missing';
    const ok = result.problems.length === 0 && !signatureBad;
    lines.push(ok
      ? `OK: ${toCountText(result.checked, 'file')} match manifest.json (run ${result.manifest.runId}, tenant ${result.manifest.tenant})`
      : `TAMPERED: ${result.problems.length} file${result.problems.length === 1 ? '' : 's'} changed or missing${signatureBad ? ', signature check failed' : ''}`);
    process.stdout.write(`${lines.join('\n')}\n`);
    setExitCode(ok ? 0 : 1);
  },
};
