import type { Finding } from '../evaluate/types.ts';
import { indexRoleGraph, type RoleGraphIndex } from '../model/effective-access.ts';
import type { TenantModel } from '../model/types.ts';
import { createIntegrationTest } from './facts.ts';

/** What every auditor-facing report says about the role graph (collected or not, from where, coverage, freshness). */

/** The Applications Security tables behind the graph are refreshed by a scheduled process, not live. */
export const GRAPH_FRESHNESS_CAVEAT = 'The role graph comes from the Applications Security tables (ASE_*), which Oracle\'s scheduled process '
  + '"Import User and Role Application Security Data" refreshes: inherited roles and privileges are only as fresh as its last run. '
  + 'Run it before the audit; roles changed since then are judged as they were.';

/** Unresolved codes listed in a report before "and N more" (the manifest and the workbook list them all). */
const UNRESOLVED_SHOWN = 40;

export interface RoleGraphFacts {
  collected: boolean;
  /** "BI Publisher report /Custom/…" or "CSV file ./role-graph.csv"; null without a graph. */
  source: string | null;
  readAt: string | null;
  /** "312 of 315 assigned role codes resolved". */
  coverage: string | null;
  unresolved: string[];
  unresolvedShown: string[];
  unresolvedMore: number;
  problems: string[];
  counts: { roles: number; privileges: number; edges: number } | null;
}

export const getRoleGraphFacts = (model: TenantModel): RoleGraphFacts => {
  const graph = model.roleGraph;
  const coverage = model.roleGraphCoverage;
  const unresolved = coverage?.unresolved ?? [];
  return {
    collected: graph !== null,
    source: graph === null ? null : `${graph.source.kind === 'bip' ? 'BI Publisher report' : 'CSV file'} ${graph.source.location}`,
    readAt: graph?.source.readAt ?? null,
    coverage: coverage === null ? null : `${coverage.resolved} of ${coverage.assigned} assigned role codes resolved`,
    unresolved,
    unresolvedShown: unresolved.slice(0, UNRESOLVED_SHOWN),
    unresolvedMore: Math.max(0, unresolved.length - UNRESOLVED_SHOWN),
    problems: graph?.problems ?? [],
    counts: graph === null ? null : { roles: graph.roles.length, privileges: graph.privileges.length, edges: graph.edges.length },
  };
};

/** The graph index for a renderer (built once per report), or null. */
export const getGraphIndex = (model: TenantModel): RoleGraphIndex | null => (model.roleGraph === null ? null : indexRoleGraph(model.roleGraph));

/**
 * Accounts whose effective privileges the workbook spells out: integration users (configured or
 * named like one) and every account a privileged-access rule (`privileged-…`) reported.
 */
export const getEffectiveAccessSubjects = (model: TenantModel, findings: readonly Finding[]): Set<string> => {
  const isIntegration = createIntegrationTest(model);
  const subjects = new Set(model.accounts.filter((account) => isIntegration(account.username)).map((account) => account.key));
  for (const finding of findings) if (finding.ruleId.startsWith('privileged-') && finding.username !== '') subjects.add(finding.username.toUpperCase());
  return subjects;
};

/** The path as a chain, for messages and the PDF: only when the evidence has one longer than the code itself. */
export const getEvidencePath = (evidence: Record<string, unknown>): string[] | null => {
  const path = evidence.path;
  return Array.isArray(path) && path.length > 1 && path.every((step) => typeof step === 'string') ? path : null;
};
