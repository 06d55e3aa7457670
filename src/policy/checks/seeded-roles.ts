import { z } from 'zod';
import type { CheckResult } from '../../evaluate/rule-types.ts';
import { toAccountEvidence } from '../../evaluate/identity.ts';
import { regexSchema, roleCodeSchema, severitySchema, toRegExp } from '../regex.ts';
import { defineCheck } from './types.ts';
import { createRoleNameLookup, toRoleLabel } from './role-names.ts';

const tierSchema = z.strictObject({
  name: z.string().min(1).describe('Short label for the tier, shown in the finding message, e.g. "broad administration role".'),
  severity: severitySchema.describe('Severity of a finding for a role in this tier.'),
  roles: z.array(roleCodeSchema).default([]).describe('Role codes in this tier (exact, upper case).'),
  patterns: z.array(regexSchema).default([]).describe('Regular expressions (case-insensitive) for role codes in this tier.'),
  remediation: z.string().min(1).optional().describe('Remediation for this tier; defaults to the rule\'s remediation.'),
});

const optionsSchema = z.strictObject({
  prefix: z.string().min(1).default('ORA_').describe('Role codes starting with this are seeded (predefined) roles.'),
  tiers: z.array(tierSchema).default([]).describe('Severity tiers, first match wins; seeded roles in no tier get otherSeverity.'),
  otherSeverity: severitySchema.default('medium').describe('Severity for seeded roles in no tier.'),
  otherRemediation: z.string().min(1).optional().describe('Remediation for seeded roles in no tier; defaults to the rule\'s remediation.'),
  ignore: z.array(roleCodeSchema).default([]).describe('Seeded role codes this rule accepts.'),
}).describe('One finding per selected account and seeded role it holds.');

export const seededRolesCheck = defineCheck({
  name: 'seeded-roles',
  description: 'Flags every seeded (predefined) role an account holds, one finding per account and role, with tiered severities.',
  options: optionsSchema,
  create: (options) => {
    const prefix = options.prefix.toUpperCase();
    const ignore = new Set(options.ignore);
    const tiers = options.tiers.map((tier) => ({ ...tier, codes: new Set(tier.roles), regexes: tier.patterns.map(toRegExp) }));
    return (context) => {
      const getName = createRoleNameLookup(context.model);
      const results: CheckResult[] = [];
      for (const view of context.accounts) {
        for (const role of view.account.roles) {
          if (!role.code.toUpperCase().startsWith(prefix) || ignore.has(role.code)) continue;
          const tier = tiers.find((entry) => entry.codes.has(role.code) || entry.regexes.some((regex) => regex.test(role.code)));
          const name = getName(role);
          const remediation = tier === undefined ? options.otherRemediation : tier.remediation;
          results.push({
            username: view.account.username,
            roleCode: role.code,
            message: `${view.account.username} holds the seeded role ${toRoleLabel(role.code, name)}${tier === undefined ? '' : ` — ${tier.name}`}`,
            severity: tier?.severity ?? options.otherSeverity,
            ...(remediation === undefined ? {} : { remediation }),
            evidence: { ...toAccountEvidence(view), roleCode: role.code, roleName: name, roleCategory: role.category, roleSources: role.sources, tier: tier?.name ?? null },
          });
        }
      }
      return results;
    };
  },
});
