import { z } from 'zod';
import { scimUserCoreShape } from '../service-fields.ts';

/**
 * Raw CPQ SCIM payloads (private to this collector), oracle-reference §3.2. The user object is
 * loose: the CPQ extension sits under a URN key whose exact name is not confirmed for v19, so
 * unknown keys are kept and searched (see extension.ts). totalResults is not documented.
 */

export const cpqUserSchema = z.looseObject({
  // Oracle's sample shows a numeric-looking string ("4135235"); accept a number too.
  id: z.union([z.string().min(1), z.number()]).transform(String),
  ...scimUserCoreShape,
  schemas: z.array(z.string()).nullish(),
});
export type RawCpqUser = z.infer<typeof cpqUserSchema>;

export const cpqUsersPageSchema = z.object({
  Resources: z.array(cpqUserSchema).nullish(),
  startIndex: z.number().nullish(),
  itemsPerPage: z.number().nullish(),
  totalResults: z.number().nullish(),
});
