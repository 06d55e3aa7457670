import { z } from 'zod';
import type { CheckResult } from '../../evaluate/rule-types.ts';
import { toAccountEvidence } from '../../evaluate/identity.ts';
import { regexSchema, roleCodeSchema, severitySchema, toRegExp } from '../regex.ts';
import { defineCheck } from './types.ts';
import { createRoleNameLookup, toRoleLabel } from './role-names.ts';
import { createInheritedRoleFinder, createTypeTest, roleTypesSchema } from './inherited-roles.ts';
import { toPathText } from '../../model/effective-access.ts';

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
  inheritedTypes: roleTypesSchema.describe('With a role graph: seeded roles of these types reached THROUGH a custom role are findings too (seeded duties are what custom roles are built from, so they are not). Without a graph only direct roles are judged.'),
}).describe('One finding per selected account and seeded role it holds (directly, or through a custom role when the role graph was collected).');

export const seededRolesCheck = defineCheck({
  name: 'seeded-roles',
  description: 'Flags every seeded (predefined) role an account holds, one finding per account and role, with tiered severities.',
  options: optionsSchema,
  create: (options) => {
    const prefix = options.prefix.toUpperCase();
    const ignore = new Set(options.ignore);
    const tiers = options.tiers.map((tier) => ({ ...tier, codes: new Set(tier.roles), regexes: tier.patterns.map(toRegExp) }));
    const isInheritedType = createTypeTest(options.inheritedTypes);
    const getTier = (code: string) => tiers.find((entry) => entry.codes.has(code) || entry.regexes.some((regex) => regex.test(code)));
    const toGrade = (code: string) => {
      const tier = getTier(code);
      const remediation = tier === undefined ? options.otherRemediation : tier.remediation;
      return { tier, suffix: tier === undefined ? '' : ` — ${tier.name}`, severity: tier?.severity ?? options.otherSeverity, ...(remediation === undefined ? {} : { remediation }) };
    };
    return (context) => {
      const getName = createRoleNameLookup(context.model);
      const graph = context.graph;
      // A seeded job or abstract role reached through custom roles only (a path stops at the first seeded role).
      const inherited = graph === null ? null : createInheritedRoleFinder(graph,
        (role) => role.seeded && !ignore.has(role.code.toUpperCase()) && isInheritedType(role), (role) => role.seeded);
      const results: CheckResult[] = [];
      for (const view of context.accounts) {
        const direct = new Set<string>();
        for (const role of view.account.roles) {
          direct.add(role.code.toUpperCase());
          if (!role.code.toUpperCase().startsWith(prefix) || ignore.has(role.code)) continue;
          const { tier, suffix, severity, ...rest } = toGrade(role.code);
          const name = getName(role);
          results.push({
            username: view.account.username,
            roleCode: role.code,
            message: `${view.account.username} holds the seeded role ${toRoleLabel(role.code, name)}${suffix}`,
            severity,
            ...rest,
            evidence: {
              ...toAccountEvidence(view), roleCode: role.code, roleName: name, roleCategory: role.category, roleSources: role.sources, tier: tier?.name ?? null,
              // Only with a graph: without one the evidence stays what it always was.
              ...(graph === null ? {} : { path: [role.code], via: null }),
            },
          });
        }
        for (const entry of inherited?.find([...direct]) ?? []) {
          if (direct.has(entry.code)) continue;
          const graphRole = graph?.getRole(entry.code);
          const name = graphRole?.name ?? null;
          const via = entry.path[0] as string;
          const { tier, suffix, severity, ...rest } = toGrade(entry.code);
          results.push({
            username: view.account.username,
            roleCode: entry.code,
            message: `${view.account.username} holds the seeded role ${toRoleLabel(entry.code, name)} through the custom role ${via} (${toPathText(entry.path)})${suffix}`,
            severity,
            ...rest,
            evidence: {
              ...toAccountEvidence(view), roleCode: entry.code, roleName: name, roleCategory: graphRole?.type ?? null, roleSources: ['role-graph'], tier: tier?.name ?? null,
              path: entry.path, via,
            },
          });
        }
      }
      return results;
    };
  },
});
