import { z } from 'zod';
import type { CheckResult } from '../../evaluate/rule-types.ts';
import { toAccountEvidence } from '../../evaluate/identity.ts';
import { regexSchema, roleCodeSchema, severitySchema, toRegExp } from '../regex.ts';
import { createRoleNameLookup, toRoleLabel } from './role-names.ts';
import { defineCheck } from './types.ts';

const optionsSchema = z.strictObject({
  roles: z.array(roleCodeSchema).default([]).describe('Privileged role codes (exact, upper case).'),
  patterns: z.array(regexSchema).default([]).describe('Privileged role code patterns (case-insensitive), e.g. _APPLICATION_ADMINISTRATOR_JOB$.'),
  allow: z.array(z.string().min(1)).default([]).describe('Usernames allowed to hold these roles (case-insensitive): no finding for them.'),
  personSeverity: severitySchema.default('low').describe('Severity when a person holds a privileged role (for review).'),
  integrationSeverity: severitySchema.default('high').describe('Severity when an integration user holds a privileged role.'),
  auditAccount: z.enum(['label', 'skip']).default('label').describe('The audit account itself: label its findings as the audit account, or skip it.'),
}).refine((options) => options.roles.length + options.patterns.length > 0, { error: 'list at least one role or pattern' });

export const privilegedRolesCheck = defineCheck({
  name: 'privileged-roles',
  description: 'Flags privileged administration roles held by anyone not on the allow-list; severity depends on person or integration user.',
  options: optionsSchema,
  create: (options) => {
    const codes = new Set(options.roles);
    const patterns = options.patterns.map(toRegExp);
    const allow = new Set(options.allow.map((name) => name.toUpperCase()));
    return (context) => {
      const getName = createRoleNameLookup(context.model);
      const results: CheckResult[] = [];
      for (const view of context.accounts) {
        if (allow.has(view.key) || (view.isAuditUser && options.auditAccount === 'skip')) continue;
        for (const role of view.account.roles) {
          if (!codes.has(role.code) && !patterns.some((regex) => regex.test(role.code))) continue;
          const integration = view.integrationReason !== null;
          const who = view.isAuditUser ? 'the audit account' : integration ? 'integration user' : 'person';
          results.push({
            username: view.account.username,
            roleCode: role.code,
            message: `${who} ${view.account.username} holds the privileged role ${toRoleLabel(role.code, getName(role))} and is not on the allow-list`,
            severity: integration ? options.integrationSeverity : options.personSeverity,
            evidence: { ...toAccountEvidence(view), roleCode: role.code, roleName: getName(role), roleSources: role.sources },
          });
        }
      }
      return results;
    };
  },
});
