import { z } from 'zod';
import type { CheckResult } from '../../evaluate/rule-types.ts';
import { toAccountEvidence } from '../../evaluate/identity.ts';
import { defineCheck } from './types.ts';

const optionsSchema = z.strictObject({
  presence: z.boolean().default(true).describe('Flag accounts present in only one of HCM and SCIM.'),
  status: z.boolean().default(true).describe('Flag accounts active in one source and suspended/inactive in the other.'),
});

export const sourcesDisagreeCheck = defineCheck({
  name: 'sources-disagree',
  description: 'Flags accounts on which HCM userAccounts and Fusion SCIM disagree (presence or active status).',
  options: optionsSchema,
  create: (options) => (context) => {
    // Presence is only comparable when both sources reported accounts; a snapshot collected
    // from one source alone would otherwise flag every account.
    const hasHcm = context.model.accounts.some((account) => account.hcm !== null);
    const hasScim = context.model.accounts.some((account) => account.scim !== null);
    const results: CheckResult[] = [];
    for (const view of context.accounts) {
      const { hcm, scim } = view.account;
      let problem: string | null = null;
      if (hcm !== null && scim !== null) {
        if (options.status && hcm.suspended === scim.active) {
          problem = hcm.suspended ? 'is suspended in HCM but active in SCIM' : 'is active in HCM but inactive in SCIM';
        }
      } else if (options.presence && hasHcm && hasScim) {
        problem = hcm === null ? 'is present in SCIM but not in HCM userAccounts' : 'is present in HCM userAccounts but not in SCIM';
      }
      if (problem === null) continue;
      results.push({
        username: view.account.username,
        message: `${view.account.username} ${problem}`,
        evidence: { ...toAccountEvidence(view), inHcm: hcm !== null, inScim: scim !== null, hcmSuspended: hcm?.suspended ?? null, scimActive: scim?.active ?? null },
      });
    }
    return results;
  },
});
