import type { z } from 'zod';

/** Renders a zod issue path as `a.b[2].c`. */
export const toPathString = (path: readonly PropertyKey[]): string =>
  path.reduce<string>((out, part) => {
    if (typeof part === 'number') return `${out}[${part}]`;
    const name = String(part);
    return out === '' ? name : `${out}.${name}`;
  }, '');

/** One line per issue: `file: path: message` (unknown keys name each key). */
export const formatZodIssues = (file: string, error: z.ZodError, prefix: readonly PropertyKey[] = []): string[] =>
  error.issues.flatMap((issue) => {
    const base = [...prefix, ...issue.path];
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => `${file}: ${toPathString([...base, key])}: unknown key`);
    }
    const where = toPathString(base);
    return [`${file}: ${where === '' ? '(root)' : where}: ${issue.message}`];
  });
