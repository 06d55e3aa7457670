import type { z } from 'zod';
import { getKnownKeys } from './schema-keys.ts';
import { getSuggestion } from './suggest.ts';

/** Returns the 1-based line of a path in a YAML/JSON text, or null when it cannot be found. */
export type Locator = (path: readonly PropertyKey[]) => number | null;

/** Renders a zod issue path as `a.b[2].c`. */
export const toPathString = (path: readonly PropertyKey[]): string =>
  path.reduce<string>((out, part) => {
    if (typeof part === 'number') return `${out}[${part}]`;
    const name = String(part);
    return out === '' ? name : `${out}.${name}`;
  }, '');

const isMissing = (issue: z.core.$ZodIssue): boolean => issue.code === 'invalid_type' && /received undefined$/.test(issue.message);

const toMessage = (issue: z.core.$ZodIssue): string => {
  if (isMissing(issue)) return 'missing (required)';
  if (issue.code === 'invalid_union' && issue.message === 'Invalid input') return 'not one of the accepted forms';
  const discriminator = /^Invalid discriminator value\. Expected (.*)$/.exec(issue.message);
  if (discriminator !== null) return `must be one of ${(discriminator[1] ?? '').replace(/'/g, '').split(' | ').join(', ')}`;
  // zod's "Invalid input: expected string, received number" reads better without its prefix.
  return issue.message.replace(/^Invalid input: /, '');
};

const toLocation = (file: string, locate: Locator | null, path: readonly PropertyKey[]): string => {
  const line = locate?.(path) ?? null;
  const where = toPathString(path);
  return `${file}${line === null ? '' : `:${line}`}: ${where === '' ? '(root)' : where}`;
};

/** Secrets are named by environment variable; a `password:` key gets told so. */
const SECRET_KEY = /^(password|token|secret|clientsecret)$/i;

const toUnknownKeyText = (key: string, known: readonly string[]): string => {
  const suggestion = getSuggestion(key, known);
  const secretNote = SECRET_KEY.test(key) ? 'the secret itself never goes in the file: put it in an environment variable and name the variable here' : '';
  if (suggestion !== null) return `unknown key (did you mean ${suggestion}?${secretNote === '' ? '' : ` ${secretNote}`})`;
  return secretNote === '' ? 'unknown key' : `unknown key (${secretNote})`;
};

/**
 * One line per zod issue: `file[:line]: path: message`. An unknown key names the key and, with
 * the schema, the key it was probably meant to be; the "missing" line for that intended key is
 * dropped, so one typo is one line.
 */
export const formatIssues = (
  file: string,
  locate: Locator | null,
  issues: readonly z.core.$ZodIssue[],
  prefix: readonly PropertyKey[] = [],
  schema?: z.ZodType,
): string[] => {
  const typoTargets = new Set<string>();
  const unknown = issues.filter((issue) => issue.code === 'unrecognized_keys').flatMap((issue) => {
    const known = schema === undefined ? [] : getKnownKeys(schema, issue.path);
    return issue.keys.map((key) => {
      const suggestion = getSuggestion(key, known);
      if (suggestion !== null) typoTargets.add(toPathString([...issue.path, suggestion]));
      return `${toLocation(file, locate, [...prefix, ...issue.path, key])}: ${toUnknownKeyText(key, known)}`;
    });
  });
  const others = issues
    // The intended key is absent because it was mistyped: whatever zod says about it is the same typo.
    .filter((issue) => issue.code !== 'unrecognized_keys' && !typoTargets.has(toPathString(issue.path)))
    .map((issue) => `${toLocation(file, locate, [...prefix, ...issue.path])}: ${toMessage(issue)}`);
  return [...unknown, ...others];
};

/** formatIssues without line numbers (inputs that are not YAML text: API payloads, JSON files). */
export const formatZodIssues = (file: string, error: z.ZodError, prefix: readonly PropertyKey[] = [], schema?: z.ZodType): string[] =>
  formatIssues(file, null, error.issues, prefix, schema);
