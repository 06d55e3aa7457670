import { z } from 'zod';
import type { CheckResult } from '../../evaluate/rule-types.ts';
import { toAccountEvidence } from '../../evaluate/identity.ts';
import { regexSchema, roleCodeSchema, toRegExp } from '../regex.ts';
import { defineCheck } from './types.ts';

const moduleRuleSchema = z.strictObject({
  pattern: regexSchema.describe('Regular expression matched against the role code (case-insensitive).'),
  module: z.string().min(1).optional().describe('Module for codes matching the pattern; when omitted, the pattern\'s first capture group is the module.'),
});

const optionsSchema = z.strictObject({
  modules: z.array(moduleRuleSchema).min(1, { error: 'must list at least one module rule' })
    .describe('How to read a module from a role code, first match wins, e.g. {pattern: "^ORA_([A-Z0-9]+)_"} or {pattern: "^XX_GL_", module: GL}.'),
  ignoreModules: z.array(z.string().min(1)).default([]).describe('Shared families that do not count as a module (e.g. FND, PER, HRC).'),
  ignoreRoles: z.array(roleCodeSchema).default([]).describe('Role codes that never count.'),
  ignoreRolePatterns: z.array(regexSchema).default([]).describe('Role code patterns that never count (e.g. _ABSTRACT$).'),
  ignoreCategories: z.array(z.string().min(1)).default(['ABSTRACT']).describe('Role categories (from /scim/Roles) that never count.'),
  maxModules: z.number().int().min(1).default(1).describe('More modules than this is a finding.'),
});

const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

export const oneModuleCheck = defineCheck({
  name: 'one-module',
  description: 'Flags accounts whose roles span more modules than allowed (separation of duties).',
  options: optionsSchema,
  create: (options) => {
    const rules = options.modules.map((rule) => ({ regex: toRegExp(rule.pattern), module: rule.module?.toUpperCase() }));
    const ignoreModules = new Set(options.ignoreModules.map((name) => name.toUpperCase()));
    const ignoreRoles = new Set(options.ignoreRoles);
    const ignorePatterns = options.ignoreRolePatterns.map(toRegExp);
    const ignoreCategories = new Set(options.ignoreCategories.map((name) => name.toUpperCase()));
    const getModule = (code: string): string | null => {
      for (const rule of rules) {
        const match = rule.regex.exec(code);
        if (match !== null) return rule.module ?? match[1]?.toUpperCase() ?? null;
      }
      return null;
    };
    return (context) => {
      const results: CheckResult[] = [];
      for (const view of context.accounts) {
        const modules = new Map<string, string[]>();
        const unmapped: string[] = [];
        for (const role of view.account.roles) {
          if (ignoreRoles.has(role.code) || ignorePatterns.some((regex) => regex.test(role.code))) continue;
          if (role.category !== null && ignoreCategories.has(role.category.toUpperCase())) continue;
          const module = getModule(role.code);
          if (module === null) unmapped.push(role.code);
          else if (!ignoreModules.has(module)) modules.set(module, [...(modules.get(module) ?? []), role.code]);
        }
        if (modules.size <= options.maxModules) continue;
        const names = [...modules.keys()].sort(byText);
        results.push({
          username: view.account.username,
          message: `${view.account.username} holds roles in ${names.length} modules (${names.join(', ')}); an integration user should serve one module`,
          evidence: { ...toAccountEvidence(view), modules: Object.fromEntries(names.map((name) => [name, modules.get(name)])), unmappedRoles: unmapped },
        });
      }
      return results;
    };
  },
});
