import { z } from 'zod';
import type { CheckResult } from '../../evaluate/rule-types.ts';
import { toAccountEvidence } from '../../evaluate/identity.ts';
import { regexSchema, toRegExp } from '../regex.ts';
import { defineCheck } from './types.ts';

const optionsSchema = z.strictObject({
  pattern: regexSchema.describe('Naming pattern every configured integration account must match (case-insensitive), e.g. ^INT_[A-Z0-9]+_[A-Z0-9]+$.'),
  flagPersonAccounts: z.boolean().default(true).describe('Also flag configured integration accounts that belong to a person (HCM PersonId or SCIM worker record).'),
}).describe('Checks the accounts listed under `integrations` in the config.');

export const dedicatedAccountCheck = defineCheck({
  name: 'dedicated-account',
  description: 'Every configured integration account is a dedicated, non-person account that follows the naming pattern.',
  options: optionsSchema,
  create: (options) => {
    const pattern = toRegExp(options.pattern);
    return (context) => {
      const results: CheckResult[] = [];
      for (const integration of context.model.integrations) {
        if (!context.isSelectedName(integration.username)) continue;
        const view = context.getAccount(integration.username);
        const username = view?.account.username ?? integration.username;
        const problems: string[] = [];
        const matches = pattern.test(username);
        if (!matches) problems.push(`does not follow the naming pattern ${options.pattern}`);
        const personId = view?.account.hcm?.personId ?? null;
        const worker = view?.account.scim?.worker ?? null;
        if (options.flagPersonAccounts && view?.isPerson === true) {
          problems.push(`is a person's account (${personId === null ? 'SCIM worker record' : `HCM PersonId ${personId}`})`);
        }
        if (problems.length === 0) continue;
        results.push({
          username,
          message: `integration account ${username} ${problems.join(' and ')}`,
          evidence: {
            ...(view === undefined ? { inSnapshot: false } : toAccountEvidence(view)),
            namingPattern: options.pattern,
            matchesNamingPattern: matches,
            personId,
            personNumber: view?.account.hcm?.personNumber ?? worker?.personNumber ?? null,
            workerRecord: worker !== null,
          },
        });
      }
      return results;
    };
  },
});
