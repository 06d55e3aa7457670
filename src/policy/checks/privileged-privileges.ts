import { z } from 'zod';
import type { CheckResult } from '../../evaluate/rule-types.ts';
import { toAccountEvidence } from '../../evaluate/identity.ts';
import { comparePaths, toPathText, type AccessEntry } from '../../model/effective-access.ts';
import { roleCodeSchema, severitySchema } from '../regex.ts';
import { toRoleLabel } from './role-names.ts';
import { defineCheck } from './types.ts';

const optionsSchema = z.strictObject({
  codes: z.array(roleCodeSchema).min(1, { error: 'list at least one privilege or duty role code' })
    .describe('Privilege codes (…_PRIV) and duty role codes (…_DUTY) of user, role and security administration, held directly or inherited.'),
  allow: z.array(z.string().min(1)).default([]).describe('Usernames allowed to hold them (case-insensitive): no finding for them.'),
  personSeverity: severitySchema.default('medium').describe('Severity when a person holds one.'),
  integrationSeverity: severitySchema.default('critical').describe('Severity when an integration user holds one.'),
  auditAccount: z.enum(['label', 'skip']).default('label').describe('The audit account itself: label its findings as the audit account, or skip it.'),
}).describe('One finding per account and listed code it effectively holds, with the path (role code = the privilege or duty).');

export const privilegedPrivilegesCheck = defineCheck({
  name: 'privileged-privileges',
  description: 'With a role graph: flags accounts that effectively hold a listed privilege or duty (user, role and security administration) and are not on the allow-list, with the path from the assigned role.',
  options: optionsSchema,
  create: (options) => {
    const allow = new Set(options.allow.map((name) => name.toUpperCase()));
    const codes = [...new Set(options.codes)].sort();
    return (context) => {
      const graph = context.graph;
      if (graph === null) return [];
      // Per direct role (memoised): which listed codes its closure holds. An account's best path
      // per code is then the best over its direct roles: no per-account union, no graph walk.
      const perRole = new Map<string, AccessEntry[]>();
      const heldThrough = (role: string): AccessEntry[] => {
        const upper = role.toUpperCase();
        let held = perRole.get(upper);
        if (held === undefined) {
          const closure = graph.closureOf(upper);
          held = codes.map((code) => closure.roles.get(code) ?? closure.privileges.get(code)).filter((entry) => entry !== undefined);
          perRole.set(upper, held);
        }
        return held;
      };
      const results: CheckResult[] = [];
      for (const view of context.accounts) {
        if (allow.has(view.key) || (view.isAuditUser && options.auditAccount === 'skip')) continue;
        const best = new Map<string, AccessEntry>();
        for (const role of view.account.roles) {
          for (const entry of heldThrough(role.code)) {
            const known = best.get(entry.code);
            if (known === undefined || comparePaths(entry.path, known.path) < 0) best.set(entry.code, entry);
          }
        }
        if (best.size === 0) continue;
        const integration = view.integrationReason !== null;
        const who = view.isAuditUser ? 'the audit account' : integration ? 'integration user' : 'person';
        for (const code of codes) {
          const held = best.get(code);
          if (held === undefined) continue;
          const kind = held.kind === 'privilege' ? 'privilege' : code.endsWith('_DUTY') ? 'duty role' : 'role';
          const name = (held.kind === 'privilege' ? graph.getPrivilege(code)?.name : graph.getRole(code)?.name) ?? null;
          const via = held.path[0] as string;
          results.push({
            username: view.account.username,
            roleCode: code,
            message: `${who} ${view.account.username} holds the ${kind} ${toRoleLabel(code, name)} `
              + `${held.path.length === 1 ? 'directly' : `through ${via} (${toPathText(held.path)})`} and is not on the allow-list`,
            severity: integration ? options.integrationSeverity : options.personSeverity,
            evidence: { ...toAccountEvidence(view), privilegeCode: code, privilegeName: name, memberKind: held.kind, path: held.path, via },
          });
        }
      }
      return results;
    };
  },
});
