import type { z } from 'zod';

interface Def {
  type: string;
  shape?: Record<string, z.ZodType>;
  element?: z.ZodType;
  innerType?: z.ZodType;
  in?: z.ZodType;
  valueType?: z.ZodType;
  options?: z.ZodType[];
}

const getDef = (schema: z.ZodType): Def => (schema as unknown as { _zod: { def: Def } })._zod.def;

/** Unwraps optional/default/nullable/pipe wrappers down to the schema that shapes the value. */
const unwrap = (schema: z.ZodType): z.ZodType => {
  let current = schema;
  for (let i = 0; i < 10; i += 1) {
    const def = getDef(current);
    const next = def.innerType ?? (def.type === 'pipe' ? def.in : undefined);
    if (next === undefined) return current;
    current = next;
  }
  return current;
};

/**
 * The keys an object schema at `path` accepts (for "did you mean" on an unknown key); unions
 * contribute the keys of every option. Empty when the path does not lead to an object.
 */
export const getKnownKeys = (schema: z.ZodType, path: readonly PropertyKey[]): string[] => {
  let nodes = [unwrap(schema)];
  for (const segment of path) {
    nodes = nodes.flatMap((node) => {
      const def = getDef(node);
      if (def.type === 'union') return (def.options ?? []).map(unwrap);
      return [node];
    }).flatMap((node) => {
      const def = getDef(node);
      if (def.type === 'object' && typeof segment === 'string' && def.shape?.[segment] !== undefined) return [unwrap(def.shape[segment])];
      if (def.type === 'array' && typeof segment === 'number' && def.element !== undefined) return [unwrap(def.element)];
      if (def.type === 'record' && def.valueType !== undefined) return [unwrap(def.valueType)];
      return [];
    });
  }
  const objects = nodes.flatMap((node) => (getDef(node).type === 'union' ? (getDef(node).options ?? []).map(unwrap) : [node]));
  return [...new Set(objects.flatMap((node) => Object.keys(getDef(node).shape ?? {})))];
};
