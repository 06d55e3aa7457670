import type { z } from 'zod';
import type { CheckFunction } from '../../evaluate/rule-types.ts';

/**
 * A built-in check: a name, a zod schema for its options (validated when the policy loads, so a
 * bad option is a policy error, not a runtime failure) and a factory that binds the options.
 */
export interface CheckDefinition {
  name: string;
  description: string;
  options: z.ZodType;
  create: (options: unknown) => CheckFunction;
}

/** Keeps each check's options typed inside its own file while the registry holds them uniformly. */
export const defineCheck = <S extends z.ZodType>(definition: {
  name: string;
  description: string;
  options: S;
  create: (options: z.output<S>) => CheckFunction;
}): CheckDefinition => ({
  name: definition.name,
  description: definition.description,
  options: definition.options,
  create: (options) => definition.create(options as z.output<S>),
});
