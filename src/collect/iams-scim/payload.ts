import { z } from 'zod';
import { optionalString, scimUserCoreShape } from '../service-fields.ts';

/**
 * Raw Life Sciences IAMS payloads (private to this collector), oracle-reference §3.1. IAMS uses
 * the non-standard urn:scim:schemas:core:2.0:ListResponse URN and documents no paging for
 * /Groups, so every envelope field beyond Resources is optional. Objects are not strict.
 */

export const iamsGroupSummarySchema = z.object({
  id: z.string().min(1),
  displayName: optionalString,
});

/** GET /Groups: a list response; startIndex, itemsPerPage and totalResults may all be missing. */
export const iamsGroupListSchema = z.object({
  Resources: z.array(iamsGroupSummarySchema).nullish(),
  startIndex: z.number().nullish(),
  itemsPerPage: z.number().nullish(),
  totalResults: z.number().nullish(),
});
export type RawIamsGroupList = z.infer<typeof iamsGroupListSchema>;

/** GET /Groups/{id}: members are users only (no nesting). */
export const iamsGroupSchema = z.object({
  id: z.string().min(1),
  displayName: optionalString,
  members: z.array(z.object({ value: z.string().min(1), display: optionalString, $ref: optionalString })).nullish(),
});
export type RawIamsGroup = z.infer<typeof iamsGroupSchema>;

/** GET /Users/{id} */
export const iamsUserSchema = z.object({
  id: z.string().min(1),
  ...scimUserCoreShape,
});
export type RawIamsUser = z.infer<typeof iamsUserSchema>;
