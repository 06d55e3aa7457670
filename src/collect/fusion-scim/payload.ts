import { z } from 'zod';

/**
 * Raw Fusion SCIM payloads (private to this collector). Fusion uses the older
 * urn:scim:schemas:core:2.0 URNs; totalResults and schemas are not documented on list
 * responses, so everything beyond Resources is optional. Objects are not strict.
 */
const optionalString = z.string().nullish();

export const FA_USER_EXTENSION = 'urn:scim:schemas:extension:fa:2.0:faUser';

/** Some tenants send manager as a string, others as a SCIM reference object. */
const managerSchema = z.union([z.string(), z.object({ value: optionalString, displayName: optionalString })]).nullish();

const faUserSchema = z.object({
  userCategory: optionalString,
  accountType: optionalString,
  workerInformation: z.object({
    personNumber: optionalString,
    manager: managerSchema,
    job: optionalString,
    department: optionalString,
    businessUnit: optionalString,
  }).nullish(),
});

export const scimUserSchema = z.object({
  id: z.string().min(1),
  userName: z.string().min(1),
  displayName: optionalString,
  name: z.object({ givenName: optionalString, familyName: optionalString }).nullish(),
  emails: z.array(z.object({ value: z.string() })).nullish(),
  active: z.boolean().nullish(),
  roles: z.array(z.object({ value: z.string().min(1), displayName: optionalString })).nullish(),
  [FA_USER_EXTENSION]: faUserSchema.nullish(),
  // meta dates are not ISO-8601 ("2009-05-25 00:00:00.000"): accepted as any text.
  meta: z.object({ created: optionalString, lastModified: optionalString }).nullish(),
});
export type RawScimUser = z.infer<typeof scimUserSchema>;

export const scimRoleSchema = z.object({
  id: optionalString,
  name: z.string().min(1),
  displayName: optionalString,
  category: optionalString,
});
export type RawScimRole = z.infer<typeof scimRoleSchema>;

/** SCIM list envelope; Resources may be omitted when empty. */
export const createListSchema = <T extends z.ZodType>(item: T) =>
  z.object({
    Resources: z.array(item).nullish(),
    itemsPerPage: z.number().nullish(),
    startIndex: z.number().nullish(),
    totalResults: z.number().nullish(),
  });

export const scimUsersPageSchema = createListSchema(scimUserSchema);
export const scimRolesPageSchema = createListSchema(scimRoleSchema);
