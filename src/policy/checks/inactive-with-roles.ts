import { z } from 'zod';
import type { CheckResult } from '../../evaluate/rule-types.ts';
import { toAccountEvidence } from '../../evaluate/identity.ts';
import { roleCodeSchema } from '../regex.ts';
import { defineCheck } from './types.ts';

const optionsSchema = z.strictObject({
  minRoles: z.number().int().min(1).default(1).describe('Holding at least this many (non-ignored) roles while inactive is a finding.'),
  ignoreRoles: z.array(roleCodeSchema).default([]).describe('Role codes that do not count (e.g. roles Oracle keeps on suspended accounts by design).'),
});

export const inactiveWithRolesCheck = defineCheck({
  name: 'inactive-with-roles',
  description: 'Flags accounts suspended in HCM (SuspendedFlag) or inactive in SCIM (active: false) that still hold roles.',
  options: optionsSchema,
  create: (options) => {
    const ignore = new Set(options.ignoreRoles);
    return (context) => {
      const results: CheckResult[] = [];
      for (const view of context.accounts) {
        if (view.active) continue;
        const roles = view.account.roles.map((role) => role.code).filter((code) => !ignore.has(code));
        if (roles.length < options.minRoles) continue;
        const hcmSuspended = view.account.hcm?.suspended ?? null;
        const scimActive = view.account.scim?.active ?? null;
        const why = [hcmSuspended === true ? 'suspended in HCM' : null, scimActive === false ? 'inactive in SCIM' : null].filter((text) => text !== null);
        results.push({
          username: view.account.username,
          message: `${view.account.username} is ${why.join(' and ')} but still holds ${roles.length} role${roles.length === 1 ? '' : 's'}`,
          evidence: { ...toAccountEvidence(view), hcmSuspended, scimActive, roleCount: roles.length, roles },
        });
      }
      return results;
    };
  },
});
