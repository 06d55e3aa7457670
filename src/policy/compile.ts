import type { AccountSelector, IdentitySettings, LoadedRule } from '../evaluate/rule-types.ts';
import type { CheckDefinition } from './checks/types.ts';
import { toRegExp } from './regex.ts';
import type { PolicyFile, PolicyRule } from './schema.ts';

export const toSelector = (select: PolicyRule['select']): AccountSelector => ({
  kind: select.kind,
  activeOnly: select.activeOnly,
  usernamePatterns: select.usernames.map(toRegExp),
  exclude: new Set(select.exclude.map((name) => name.toUpperCase())),
  excludePatterns: select.excludePatterns.map(toRegExp),
});

/** Binds a validated rule to its check; options were already validated by the check's schema. */
export const toLoadedRule = (rule: PolicyRule, check: CheckDefinition, options: unknown, source: string): LoadedRule => ({
  info: {
    id: rule.id,
    version: rule.version,
    title: rule.title,
    severity: rule.severity,
    description: rule.description.trim(),
    remediation: rule.remediation.trim(),
    references: rule.references,
    source,
  },
  selector: toSelector(rule.select),
  check: { name: check.name, run: check.create(options) },
});

export const toIdentitySettings = (block: NonNullable<PolicyFile['integrationUsers']>): IdentitySettings => ({
  namingPattern: toRegExp(block.namingPattern),
  personlessRolePatterns: block.personlessRolePatterns.map(toRegExp),
});
