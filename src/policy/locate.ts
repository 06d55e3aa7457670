import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
import type { z } from 'zod';
import { toPathString } from '../util/zod-issues.ts';

/** Returns the 1-based line of a path in a YAML/JSON text, or null when it cannot be found. */
export type Locator = (path: readonly PropertyKey[]) => number | null;

export const createLocator = (text: string): Locator => {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, keepSourceTokens: false });
  return (path) => {
    let node: unknown = doc.contents;
    let range: [number, number, number] | undefined = (node as Node | null)?.range ?? undefined;
    for (const [index, segment] of path.entries()) {
      if (isMap(node)) {
        const pair = node.items.find((item) => isScalar(item.key) && String(item.key.value) === String(segment));
        if (pair === undefined) break;
        range = (pair.key as Node).range ?? range;
        node = pair.value;
        // Point at the key for the last segment: the line the author would look at.
        if (index < path.length - 1 && (node as Node | null)?.range) range = (node as Node).range ?? range;
      } else if (isSeq(node) && typeof segment === 'number') {
        node = node.items[segment];
        if (node === undefined) break;
        range = (node as Node).range ?? range;
      } else break;
    }
    return range === undefined ? null : lineCounter.linePos(range[0]).line;
  };
};

const toMessage = (issue: z.core.$ZodIssue): string =>
  issue.code === 'invalid_type' && /received undefined$/.test(issue.message) ? 'missing (required)' : issue.message;

const toLocation = (file: string, locate: Locator | null, path: readonly PropertyKey[]): string => {
  const line = locate?.(path) ?? null;
  const where = toPathString(path);
  return `${file}${line === null ? '' : `:${line}`}: ${where === '' ? '(root)' : where}`;
};

/** One line per zod issue: `file:line: path: message`; an unknown key names the key itself. */
export const formatIssues = (file: string, locate: Locator | null, issues: readonly z.core.$ZodIssue[], prefix: readonly PropertyKey[] = []): string[] =>
  issues.flatMap((issue) => {
    const path = [...prefix, ...issue.path];
    if (issue.code === 'unrecognized_keys') return issue.keys.map((key) => `${toLocation(file, locate, [...path, key])}: unknown key`);
    return [`${toLocation(file, locate, path)}: ${toMessage(issue)}`];
  });

export const formatProblem = (file: string, locate: Locator | null, path: readonly PropertyKey[], message: string): string =>
  `${toLocation(file, locate, path)}: ${message}`;
