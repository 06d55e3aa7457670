import { z } from 'zod';
import type { CheckResult } from '../../evaluate/rule-types.ts';
import { toAccountEvidence } from '../../evaluate/identity.ts';
import { regexSchema, roleCodeSchema, severitySchema, toRegExp } from '../regex.ts';
import { createRoleNameLookup, toRoleLabel } from './role-names.ts';
import { defineCheck } from './types.ts';
import { createInheritedRoleFinder } from './inherited-roles.ts';
import { toPathText } from '../../model/effective-access.ts';

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
    const isPrivileged = (code: string): boolean => codes.has(code) || patterns.some((regex) => regex.test(code));
    return (context) => {
      const getName = createRoleNameLookup(context.model);
      const graph = context.graph;
      // A privileged role reached through a custom role; a path stops at the first privileged role on it.
      const inherited = graph === null ? null : createInheritedRoleFinder(graph, (role) => isPrivileged(role.code), (role) => isPrivileged(role.code));
      const results: CheckResult[] = [];
      for (const view of context.accounts) {
        if (allow.has(view.key) || (view.isAuditUser && options.auditAccount === 'skip')) continue;
        const integration = view.integrationReason !== null;
        const who = view.isAuditUser ? 'the audit account' : integration ? 'integration user' : 'person';
        const severity = integration ? options.integrationSeverity : options.personSeverity;
        const direct = new Set(view.account.roles.map((role) => role.code.toUpperCase()));
        for (const role of view.account.roles) {
          if (!isPrivileged(role.code)) continue;
          results.push({
            username: view.account.username,
            roleCode: role.code,
            message: `${who} ${view.account.username} holds the privileged role ${toRoleLabel(role.code, getName(role))} and is not on the allow-list`,
            severity,
            evidence: { ...toAccountEvidence(view), roleCode: role.code, roleName: getName(role), roleSources: role.sources, ...(graph === null ? {} : { path: [role.code], via: null }) },
          });
        }
        for (const entry of inherited?.find([...direct]) ?? []) {
          if (direct.has(entry.code)) continue;
          const name = graph?.getRole(entry.code)?.name ?? null;
          const via = entry.path[0] as string;
          results.push({
            username: view.account.username,
            roleCode: entry.code,
            message: `${who} ${view.account.username} holds the privileged role ${toRoleLabel(entry.code, name)} through the custom role ${via} (${toPathText(entry.path)}) and is not on the allow-list`,
            severity,
            evidence: { ...toAccountEvidence(view), roleCode: entry.code, roleName: name, roleSources: ['role-graph'], path: entry.path, via },
          });
        }
      }
      return results;
    };
  },
});
