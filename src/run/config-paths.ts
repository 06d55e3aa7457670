import { dirname, resolve } from 'node:path';
import { ValidationError } from '../errors.ts';
import { writtenConfigSchema } from '../config/schema.ts';
import { readStructuredFile } from '../util/read-structured.ts';
import { formatZodIssues } from '../util/zod-issues.ts';

/**
 * The config's `policies` and `waivers` entries, resolved relative to the config file. Offline
 * commands need nothing else from it, so secrets are never resolved (no env vars required).
 */
export const readConfigPolicyPaths = async (file: string): Promise<{ policies: string[] | null; waivers: string | null }> => {
  const path = resolve(file);
  const raw = await readStructuredFile(path, 'config');
  const parsed = writtenConfigSchema.safeParse(raw);
  if (!parsed.success) throw new ValidationError('config', formatZodIssues(path, parsed.error), 'see the config reference in README.md');
  const base = dirname(path);
  return {
    policies: parsed.data.policies?.map((entry) => (entry === 'builtin' ? 'builtin' : resolve(base, entry))) ?? null,
    waivers: parsed.data.waivers === undefined ? null : resolve(base, parsed.data.waivers),
  };
};
