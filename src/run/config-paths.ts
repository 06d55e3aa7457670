import { dirname, resolve } from 'node:path';
import { ValidationError } from '../errors.ts';
import { writtenConfigSchema } from '../config/schema.ts';
import { toConfigProblems } from '../config/load.ts';
import { createLocator } from '../util/locate.ts';
import { readStructuredFileText } from '../util/read-structured.ts';

/**
 * The config's `policies` and `waivers` entries, resolved relative to the config file. Offline
 * commands need nothing else from it, so secrets are never resolved (no env vars required).
 */
export const readConfigPolicyPaths = async (file: string): Promise<{ policies: string[] | null; waivers: string | null }> => {
  const path = resolve(file);
  const { text, value } = await readStructuredFileText(path, 'config');
  const parsed = writtenConfigSchema.safeParse(value);
  if (!parsed.success) throw new ValidationError('config', toConfigProblems(parsed.error, path, createLocator(text)), 'see the config reference in README.md');
  const base = dirname(path);
  return {
    policies: parsed.data.policies?.map((entry) => (entry === 'builtin' ? 'builtin' : resolve(base, entry))) ?? null,
    waivers: parsed.data.waivers === undefined ? null : resolve(base, parsed.data.waivers),
  };
};
