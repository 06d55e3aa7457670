import { evaluateTenant, getSummary } from '../evaluate/engine.ts';
import type { IdentitySettings, LoadedRule } from '../evaluate/rule-types.ts';
import type { ChangesDocument, FindingsDocument, Waiver } from '../evaluate/types.ts';
import type { TenantModel } from '../model/types.ts';
import { applyRoleChanges } from './apply-change.ts';
import type { RoleChange } from './change-file.ts';

export interface GateInput {
  model: TenantModel;
  changes: readonly RoleChange[];
  changeFile: string;
  rules: LoadedRule[];
  identity: IdentitySettings;
  waivers: Waiver[];
  asOf: string;
  tool: { name: string; version: string };
  /** The change creates roles the snapshot does not know (--allow-new-roles). */
  allowNewRoles?: boolean;
}

export interface GateResult {
  /** Only the findings the change introduces (`findings`, baseline `new`) or resolves (`resolved`). */
  document: FindingsDocument;
  /** Role drift = the applied change, as the renderers show it. */
  drift: ChangesDocument | null;
  model: TenantModel;
  problems: string[];
}

/**
 * What-if evaluation of a proposed role change (pure): the snapshot as collected is the
 * baseline, the snapshot with the change applied is evaluated against it, and only the
 * difference is kept, so a pull request is judged on what it changes and nothing else.
 */
export const evaluateChange = (input: GateInput): GateResult => {
  const applied = applyRoleChanges(input.model, input.changes, input.changeFile, { allowNewRoles: input.allowNewRoles });
  const options = { asOf: input.asOf, waivers: input.waivers, tool: input.tool, identity: input.identity };
  const before = evaluateTenant(input.model, input.rules, options);
  const after = evaluateTenant(applied.model, input.rules, {
    ...options,
    baseline: { findings: before.document, model: input.model, path: input.changeFile },
  });
  const introduced = after.document.findings.filter((finding) => finding.baseline === 'new');
  return {
    document: { ...after.document, summary: getSummary(introduced), findings: introduced },
    drift: after.changes,
    model: applied.model,
    problems: applied.problems,
  };
};
