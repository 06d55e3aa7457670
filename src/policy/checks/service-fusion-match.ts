import { z } from 'zod';
import { toServiceEvidence } from '../../evaluate/identity.ts';
import type { CheckResult } from '../../evaluate/rule-types.ts';
import { isFusionLeaver } from '../../model/fusion-match.ts';
import { matchActiveServiceAccounts } from './match-service-accounts.ts';
import { severitySchema } from '../regex.ts';
import { defineCheck } from './types.ts';

const optionsSchema = z.strictObject({
  services: z.array(z.enum(['iams', 'cpq'])).min(1).default(['iams', 'cpq']).describe('Services whose accounts are matched to Fusion.'),
  matchEmail: z.boolean().default(true).describe('Also match the service email to Fusion usernames and SCIM emails (IAMS usernames are often email addresses).'),
  requireFusionAccount: z.boolean().default(false)
    .describe('true: an active service account with no Fusion account at all gets the rule severity; false (default): it gets noAccountSeverity, for review.'),
  noAccountSeverity: z.union([severitySchema, z.literal('ignore')]).default('low')
    .describe('Severity of the no-Fusion-account case when requireFusionAccount is false, or ignore.'),
  skipIntegrations: z.boolean().default(true).describe('Integration accounts (configured or naming pattern) need no Fusion account: skip them in the no-account case.'),
});

export const serviceFusionMatchCheck = defineCheck({
  name: 'service-fusion-match',
  description: 'Flags active IAMS/CPQ accounts whose Fusion account (same username or email) is a leaver (suspended in HCM or inactive in SCIM), or that have no Fusion account.',
  options: optionsSchema,
  create: (options) => (context) => {
    const { fusionComplete: complete, matched } = matchActiveServiceAccounts(context,
      (account) => account.service !== 'cx' && options.services.includes(account.service),
      (account) => ({ username: account.username, email: options.matchEmail ? account.email : null, loose: true }));
    const results: CheckResult[] = [];
    for (const { view, match } of matched) {
      const { account } = view;
      const service = account.service.toUpperCase();
      const base = { username: account.username, roleCode: service, serviceAccount: true };
      if (match.accounts.length > 0) {
        if (!match.accounts.every(isFusionLeaver)) continue;
        results.push({
          ...base,
          message: `${service} account ${account.username} is active, but its Fusion account ${match.accounts.map((m) => m.username).join(', ')} is suspended or inactive (a leaver keeps ${service} access)`,
          evidence: { ...toServiceEvidence(view), fusionAccounts: match.accounts.map((m) => m.username), fusionAccount: 'inactive', matchedBy: match.matchedBy },
        });
        continue;
      }
      if (!complete || (options.skipIntegrations && view.integrationReason !== null)) continue;
      if (!options.requireFusionAccount && options.noAccountSeverity === 'ignore') continue;
      results.push({
        ...base,
        message: `${service} account ${account.username} is active but has no Fusion account with that username${options.matchEmail ? ' or email' : ''}`,
        ...(options.requireFusionAccount || options.noAccountSeverity === 'ignore' ? {} : { severity: options.noAccountSeverity }),
        evidence: { ...toServiceEvidence(view), fusionAccounts: [], fusionAccount: 'none' },
      });
    }
    return results;
  },
});
