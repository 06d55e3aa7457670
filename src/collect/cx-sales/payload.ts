import { z } from 'zod';

/**
 * A `resourceUsers` list page (ADF collection, onlyData=true). Oracle does not document every
 * field on the list call (oracle-reference §11.3), so each is optional and read loosely: ids as
 * numbers or strings, DeleteFlag as a boolean or Y/N. Private to this folder.
 */
const id = z.union([z.number(), z.string()]).nullish();
const text = z.string().nullish();

export const rawResourceSchema = z.object({
  ResourceProfileId: id,
  ResourcePartyId: id,
  ResourcePartyNumber: id,
  PartyName: text,
  Username: text,
  ResourceEmail: text,
  ResourceStartDate: text,
  ResourceEndDate: text,
  ResourceOrganizationId: id,
  ResourceOrgRoleCode: text,
  DeleteFlag: z.union([z.boolean(), z.string()]).nullish(),
  LastUpdateDate: text,
});

export type RawResource = z.infer<typeof rawResourceSchema>;

export const resourcePageSchema = z.object({
  items: z.array(rawResourceSchema),
  hasMore: z.boolean().nullish(),
  totalResults: z.number().nullish(),
  limit: z.number().nullish(),
  offset: z.number().nullish(),
});

/** The fields asked for with `fields=` (keeps pages small); the same list the schema reads. */
export const RESOURCE_FIELDS = Object.keys(rawResourceSchema.shape);
