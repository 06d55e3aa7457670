import { z } from 'zod';
import { toServiceEvidence } from '../../evaluate/identity.ts';
import type { CheckResult } from '../../evaluate/rule-types.ts';
import { defineCheck } from './types.ts';

const optionsSchema = z.strictObject({
  minGroups: z.number().int().min(1).default(1).describe('Being a member of at least this many groups while inactive is a finding.'),
});

/** One finding per user (roleCode IAMS), its groups in the evidence: removing the user from every group is one task. */
export const iamsInactiveGroupsCheck = defineCheck({
  name: 'iams-inactive-groups',
  description: 'Flags IAMS users that are inactive (disabled) but still members of groups; one finding per user, the groups in the evidence.',
  options: optionsSchema,
  create: (options) => (context) => {
    const results: CheckResult[] = [];
    for (const view of context.serviceAccounts) {
      const { account } = view;
      if (account.service !== 'iams' || account.active || account.groups.length < options.minGroups) continue;
      const count = account.groups.length;
      results.push({
        username: account.username,
        roleCode: 'IAMS',
        serviceAccount: true,
        message: `IAMS user ${account.username} is inactive but still a member of ${count} group${count === 1 ? '' : 's'}: ${account.groups.join(', ')}`,
        evidence: { ...toServiceEvidence(view), groups: account.groups, groupCount: count },
      });
    }
    return results;
  },
});
