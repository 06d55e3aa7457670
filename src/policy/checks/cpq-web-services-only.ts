import { z } from 'zod';
import { toServiceEvidence } from '../../evaluate/identity.ts';
import type { CheckResult } from '../../evaluate/rule-types.ts';
import { severitySchema } from '../regex.ts';
import { defineCheck } from './types.ts';

const FLAG = 'isWebServicesOnly';

const optionsSchema = z.strictObject({
  unknown: z.union([severitySchema, z.literal('ignore')]).default('info')
    .describe('When CPQ did not report isWebServicesOnly (unknown): a finding of this severity (default info: "could not verify"), or ignore.'),
});

export const cpqWebServicesOnlyCheck = defineCheck({
  name: 'cpq-web-services-only',
  description: 'Flags CPQ integration accounts whose isWebServicesOnly flag is false (they can sign in to the UI); unknown gives an info finding by default.',
  options: optionsSchema,
  create: (options) => (context) => {
    const results: CheckResult[] = [];
    for (const view of context.serviceAccounts) {
      const { account } = view;
      if (account.service !== 'cpq' || view.integrationReason === null) continue;
      const value = account.permissions[FLAG] ?? null;
      if (value === true || (value === null && options.unknown === 'ignore')) continue;
      results.push({
        username: account.username,
        roleCode: `CPQ:${FLAG}`,
        serviceAccount: true,
        message: value === false
          ? `CPQ integration account ${account.username} is not Web Services Only: it can also sign in to the CPQ user interface`
          : `CPQ integration account ${account.username}: CPQ did not report ${FLAG}, so Web Services Only could not be verified`,
        ...(value === null && options.unknown !== 'ignore' ? { severity: options.unknown } : {}),
        evidence: { ...toServiceEvidence(view), [FLAG]: value },
      });
    }
    return results;
  },
});
