/**
 * The bundled (or a given) policy pack, loaded once per test file, and one rule run over a built
 * tenant. The bundled rules' own cases are YAML files in policy-tests/ (run by policy-cases.test.ts).
 */
import { evaluateTenant } from '../src/evaluate/engine.ts';
import type { Finding } from '../src/evaluate/types.ts';
import type { TenantModel } from '../src/model/types.ts';
import { readPolicies, type PolicyPack } from '../src/policy/load.ts';

const packs = new Map<string, Promise<PolicyPack>>();
export const getPack = (paths: string[] | null): Promise<PolicyPack> => {
  const key = JSON.stringify(paths);
  if (!packs.has(key)) packs.set(key, readPolicies(paths));
  return packs.get(key)!;
};

export const runRule = async (ruleId: string, tenant: TenantModel, policies: string[] | null = null): Promise<Finding[]> => {
  const pack = await getPack(policies);
  const rules = pack.rules.filter((rule) => rule.info.id === ruleId);
  if (rules.length === 0) throw new Error(`rule ${ruleId} not in the pack`);
  const { document } = evaluateTenant(tenant, rules, { asOf: tenant.finishedAt, waivers: [], tool: { name: 'test', version: '0' }, identity: pack.identity });
  return document.findings;
};
