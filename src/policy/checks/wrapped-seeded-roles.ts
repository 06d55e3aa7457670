import { z } from 'zod';
import type { CheckResult } from '../../evaluate/rule-types.ts';
import { createRoleResult } from '../../evaluate/subject.ts';
import { createRoleHolders } from '../../model/role-holders.ts';
import { roleCodeSchema, severitySchema } from '../regex.ts';
import { toRoleLabel } from './role-names.ts';
import { createTypeTest, roleTypesSchema } from './inherited-roles.ts';
import { defineCheck } from './types.ts';

const optionsSchema = z.strictObject({
  types: roleTypesSchema.describe('Seeded roles of these graph types count as wrapped (job and abstract roles; seeded duties are the building blocks of custom roles).'),
  ignore: z.array(roleCodeSchema).default([]).describe('Seeded role codes a custom role may inherit (e.g. ORA_PER_EMPLOYEE_ABSTRACT).'),
  ignoreCustomRoles: z.array(roleCodeSchema).default([]).describe('Custom role codes this rule accepts.'),
  unheldSeverity: severitySchema.optional().describe('Severity when no selected account holds the custom role (a latent risk); defaults to the rule\'s severity.'),
}).describe('One finding per custom role that directly inherits a seeded job or abstract role (a role finding, evidence.holders = accounts holding it).');

export const wrappedSeededRolesCheck = defineCheck({
  name: 'wrapped-seeded-roles',
  description: 'With a role graph: flags each custom role that directly inherits a seeded job or abstract role (the wrapper pattern); one role finding per custom role, with how many accounts hold it.',
  options: optionsSchema,
  create: (options) => {
    const isWrappedType = createTypeTest(options.types);
    const ignore = new Set(options.ignore);
    const ignoreCustom = new Set(options.ignoreCustomRoles);
    return (context) => {
      const graph = context.graph;
      if (graph === null) return [];
      const holders = createRoleHolders(context.accounts.map((view) => view.account), graph);
      const results: CheckResult[] = [];
      for (const role of graph.graph.roles) {
        const code = role.code.toUpperCase();
        if (role.seeded || ignoreCustom.has(code)) continue;
        const wrapped = graph.membersOf(code).filter((member) => {
          if (member.kind !== 'role' || ignore.has(member.code)) return false;
          const inner = graph.getRole(member.code);
          return inner !== undefined && inner.seeded && isWrappedType(inner);
        }).map((member) => member.code);
        if (wrapped.length === 0) continue;
        const count = holders.countEffective(code);
        const labels = wrapped.map((inner) => toRoleLabel(inner, graph.getRole(inner)?.name ?? null));
        results.push(createRoleResult({
          roleCode: code,
          holders: count,
          message: `custom role ${toRoleLabel(code, role.name)} directly inherits the seeded ${wrapped.length === 1 ? 'role' : 'roles'} ${labels.join(', ')}, `
            + `so it gains whatever Oracle adds ${wrapped.length === 1 ? 'to it' : 'to them'} each quarter; ${count} account${count === 1 ? '' : 's'} hold${count === 1 ? 's' : ''} it`,
          ...(count === 0 && options.unheldSeverity !== undefined ? { severity: options.unheldSeverity } : {}),
          evidence: {
            roleName: role.name, roleType: role.type, wraps: wrapped, paths: wrapped.map((inner) => [code, inner]),
            directHolders: holders.countDirect(code),
          },
        }));
      }
      return results;
    };
  },
});
