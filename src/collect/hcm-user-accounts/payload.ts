import { z } from 'zod';

/**
 * Raw HCM REST payloads as Oracle sends them (private to this collector). Objects are not
 * strict: Oracle adds fields between releases and an auditor must not break on them.
 */
const optionalString = z.string().nullish();
const optionalNumber = z.number().nullish();

export const roleRowSchema = z.object({
  RoleCode: z.string().min(1),
  RoleId: optionalNumber,
  UserRoleId: optionalNumber,
});
export type RawRoleRow = z.infer<typeof roleRowSchema>;

/** An ADF collection envelope; `count`/`limit`/`offset` are echoed by the server. */
export const createCollectionSchema = <T extends z.ZodType>(item: T) =>
  z.object({
    items: z.array(item),
    count: optionalNumber,
    hasMore: z.boolean().nullish(),
    limit: optionalNumber,
    offset: optionalNumber,
    totalResults: optionalNumber,
  });

/** The expanded child: a bare array (framework 1–2) or a nested collection (3+). */
const roleChildSchema = z.union([z.array(roleRowSchema), createCollectionSchema(roleRowSchema)]);

export const userAccountSchema = z.object({
  Username: z.string().min(1),
  GUID: z.string().min(1),
  UserId: optionalNumber,
  SuspendedFlag: z.boolean().nullish(),
  PersonId: optionalNumber,
  PersonNumber: optionalString,
  CreatedBy: optionalString,
  CreationDate: optionalString,
  LastUpdateDate: optionalString,
  userAccountRoles: roleChildSchema.nullish(),
  // Older seed code and some proxies use `roles`; accept it as an alias of userAccountRoles.
  roles: roleChildSchema.nullish(),
});
export type RawUserAccount = z.infer<typeof userAccountSchema>;

export const userAccountsPageSchema = createCollectionSchema(userAccountSchema);
export const roleRowsPageSchema = createCollectionSchema(roleRowSchema);
