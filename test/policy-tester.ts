/**
 * Table-driven rule tests (after Spectral's rule tester): each case is a tenant built with the
 * builder and the exact findings the rule must produce for it — an empty list means "does not fire".
 */
import { describe, expect, it } from 'vitest';
import { evaluateTenant } from '../src/evaluate/engine.ts';
import type { Severity } from '../src/evaluate/severity.ts';
import type { Finding } from '../src/evaluate/types.ts';
import type { TenantModel } from '../src/model/types.ts';
import { readPolicies, type PolicyPack } from '../src/policy/load.ts';

export interface ExpectedFinding {
  username: string;
  severity: Severity;
  roleCode?: string | null;
  endpoint?: string | null;
}

export interface RuleCase {
  name: string;
  tenant: TenantModel;
  findings: ExpectedFinding[];
  /** Policy paths (default: the bundled pack). */
  policies?: string[];
  /** Extra assertions on the produced findings. */
  check?: (findings: Finding[]) => void;
}

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

export const testRule = (ruleId: string, cases: RuleCase[]): void => {
  describe(`rule ${ruleId}`, () => {
    for (const entry of cases) {
      it(entry.name, async () => {
        const findings = await runRule(ruleId, entry.tenant, entry.policies ?? null);
        const actual = findings.map((finding) => ({ username: finding.username, severity: finding.severity, roleCode: finding.roleCode, endpoint: finding.endpoint }));
        const expected = entry.findings.map((finding) => ({ roleCode: null, endpoint: null, ...finding }));
        expect(actual).toEqual(expected);
        for (const finding of findings) {
          expect(finding.ruleId).toBe(ruleId);
          expect(finding.message.length).toBeGreaterThan(0);
          expect(finding.remediation.length).toBeGreaterThan(0);
          expect(finding.references.length).toBeGreaterThan(0);
        }
        entry.check?.(findings);
      });
    }
  });
};
