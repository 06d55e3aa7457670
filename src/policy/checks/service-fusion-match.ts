import { z } from 'zod';
import { toServiceEvidence } from '../../evaluate/identity.ts';
import type { CheckResult } from '../../evaluate/rule-types.ts';
import type { Account, TenantModel } from '../../model/types.ts';
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

/** Fusion accounts by upper-cased username and SCIM email. */
const createFusionIndex = (model: TenantModel): Map<string, Account[]> => {
  const index = new Map<string, Account[]>();
  const add = (key: string, account: Account): void => {
    const list = index.get(key) ?? [];
    if (!list.includes(account)) list.push(account);
    index.set(key, list);
  };
  for (const account of model.accounts) {
    add(account.key, account);
    for (const email of account.scim?.emails ?? []) add(email.trim().toUpperCase(), account);
  }
  return index;
};

/** Inactive in every source it appears in: suspended in HCM (or absent) and inactive in SCIM (or absent). */
const isGone = (account: Account): boolean => (account.hcm === null || account.hcm.suspended) && (account.scim === null || !account.scim.active);

/** When HCM or SCIM is incomplete, "no Fusion account" cannot be told from "not read". */
const isFusionComplete = (model: TenantModel): boolean =>
  model.sources.every((source) => (source.source !== 'hcm' && source.source !== 'scim') || source.complete);

export const serviceFusionMatchCheck = defineCheck({
  name: 'service-fusion-match',
  description: 'Flags active IAMS/CPQ accounts whose Fusion account (same username or email) is suspended or inactive in every source (a leaver), or that have no Fusion account.',
  options: optionsSchema,
  create: (options) => (context) => {
    const index = createFusionIndex(context.model);
    const complete = isFusionComplete(context.model);
    const results: CheckResult[] = [];
    for (const view of context.serviceAccounts) {
      const { account } = view;
      if (!account.active || !options.services.includes(account.service)) continue;
      const keys = [account.key, ...(options.matchEmail && account.email !== null ? [account.email.trim().toUpperCase()] : [])];
      const matches = [...new Set(keys.flatMap((key) => index.get(key) ?? []))];
      const service = account.service.toUpperCase();
      const base = { username: account.username, roleCode: service, serviceAccount: true };
      if (matches.length > 0) {
        if (!matches.every(isGone)) continue;
        results.push({
          ...base,
          message: `${service} account ${account.username} is active, but its Fusion account ${matches.map((m) => m.username).join(', ')} is suspended or inactive (a leaver keeps ${service} access)`,
          evidence: { ...toServiceEvidence(view), fusionAccounts: matches.map((m) => m.username), fusionAccount: 'inactive' },
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
