import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
import { formatIssues, toPathString, type Locator } from './zod-issues.ts';

export { formatIssues, type Locator };

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

export const formatProblem = (file: string, locate: Locator | null, path: readonly PropertyKey[], message: string): string => {
  const line = locate?.(path) ?? null;
  const where = toPathString(path);
  return `${file}${line === null ? '' : `:${line}`}: ${where === '' ? '(root)' : where}: ${message}`;
};
