import { z } from 'zod';
import { toServiceEvidence } from '../../evaluate/identity.ts';
import type { CheckResult } from '../../evaluate/rule-types.ts';
import { severitySchema } from '../regex.ts';
import { defineCheck } from './types.ts';

const flagSchema = z.string().regex(/^[A-Za-z][A-Za-z0-9]*$/, { error: 'must be a CPQ flag name such as isAccessAdminPermEnabled' });

const optionsSchema = z.strictObject({
  flags: z.array(flagSchema).min(1)
    .default(['isSuperUserPermEnabled', 'isAccessAdminPermEnabled', 'isUserAdminPermEnabled', 'isProxyPermEnabled'])
    .describe('CPQ extension flags that grant administrative power (true = enabled). Unknown (absent) flags never fire.'),
  allow: z.array(z.string().min(1)).default([]).describe('CPQ usernames allowed to hold these permissions (case-insensitive): no finding for them.'),
  personSeverity: severitySchema.default('low').describe('Severity when a person holds a privileged CPQ permission (for review).'),
  integrationSeverity: severitySchema.default('high').describe('Severity when an integration account holds a privileged CPQ permission.'),
});

export const cpqPermissionsCheck = defineCheck({
  name: 'cpq-permissions',
  description: 'Flags CPQ accounts with super-user, access-admin, user-admin or proxy permission enabled; one finding per flag (roleCode CPQ:<flag>).',
  options: optionsSchema,
  create: (options) => {
    const allow = new Set(options.allow.map((name) => name.toUpperCase()));
    return (context) => {
      const results: CheckResult[] = [];
      for (const view of context.serviceAccounts) {
        const { account } = view;
        if (account.service !== 'cpq' || allow.has(account.key)) continue;
        const integration = view.integrationReason !== null;
        for (const flag of options.flags) {
          if (account.permissions[flag] !== true) continue;
          results.push({
            username: account.username,
            roleCode: `CPQ:${flag}`,
            serviceAccount: true,
            message: `CPQ ${integration ? 'integration account' : 'user'} ${account.username} has ${flag} enabled and is not on the allow-list`,
            severity: integration ? options.integrationSeverity : options.personSeverity,
            evidence: { ...toServiceEvidence(view), flag, permissions: account.permissions },
          });
        }
      }
      return results;
    };
  },
});
