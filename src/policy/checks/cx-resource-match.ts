import { z } from 'zod';
import { toServiceEvidence } from '../../evaluate/identity.ts';
import type { CheckResult, ServiceAccountView } from '../../evaluate/rule-types.ts';
import { isFusionLeaver } from '../../model/fusion-match.ts';
import { matchActiveServiceAccounts } from './match-service-accounts.ts';
import { defineCheck } from './types.ts';

const optionsSchema = z.strictObject({
  report: z.enum(['leaver', 'no-fusion-account'])
    .describe('leaver: an active resource whose Fusion account is suspended in HCM or inactive in SCIM. no-fusion-account: an active resource that matches no Fusion account.'),
  skipIntegrations: z.boolean().default(true).describe('In the no-fusion-account case, skip resources named like an integration account or listed under integrations.'),
});

const toResourceEvidence = (view: ServiceAccountView): Record<string, unknown> => {
  const resource = view.account.resource;
  return {
    ...toServiceEvidence(view),
    partyNumber: resource?.partyNumber ?? null,
    organizationId: resource?.organizationId ?? null,
    orgRoleCode: resource?.orgRoleCode ?? null,
    startDate: resource?.startDate ?? null,
    endDate: resource?.endDate ?? null,
    activeOn: resource?.activeOn ?? null,
  };
};

/**
 * CX Sales resources against Fusion (oracle-reference §11.4): matched by Username, then by
 * ResourceEmail against the SCIM work email, the matching key recorded; never by party id.
 * `active` was judged at collection (start ≤ day ≤ end, DeleteFlag not set).
 */
export const cxResourceMatchCheck = defineCheck({
  name: 'cx-resource-match',
  description: 'Flags active CX Sales resources whose Fusion account (by Username, then email) is a leaver, or that match no Fusion account.',
  options: optionsSchema,
  create: (options) => (context) => {
    const { fusionComplete: complete, matched } = matchActiveServiceAccounts(context, (account) => account.service === 'cx',
      (account) => ({ username: account.resource?.username ?? null, email: account.email, loose: false }));
    const results: CheckResult[] = [];
    for (const { view, match } of matched) {
      const { account } = view;
      const base = { username: account.username, roleCode: 'CX', serviceAccount: true };
      const names = match.accounts.map((m) => m.username);
      if (options.report === 'leaver') {
        if (match.accounts.length === 0 || !match.accounts.every(isFusionLeaver)) continue;
        results.push({
          ...base,
          message: `CX Sales resource ${account.username} is active (still on sales teams and territories), but its Fusion account ${names.join(', ')} (matched by ${match.matchedBy ?? '?'}) is suspended or inactive`,
          evidence: { ...toResourceEvidence(view), fusionAccounts: names, fusionAccount: 'leaver', matchedBy: match.matchedBy },
        });
        continue;
      }
      // Without complete HCM and SCIM data, "no Fusion account" cannot be told from "not read".
      if (match.accounts.length > 0 || !complete || (options.skipIntegrations && view.integrationReason !== null)) continue;
      results.push({
        ...base,
        message: `CX Sales resource ${account.username} is active but matches no Fusion account by Username or email`,
        evidence: { ...toResourceEvidence(view), fusionAccounts: [], fusionAccount: 'none', matchedBy: null },
      });
    }
    return results;
  },
});
