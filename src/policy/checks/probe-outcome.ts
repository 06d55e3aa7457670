import { z } from 'zod';
import type { ProbeResult } from '../../model/types.ts';
import type { CheckContext, CheckResult } from '../../evaluate/rule-types.ts';
import { defineCheck } from './types.ts';

const OUTCOMES = ['rows', 'empty', 'denied', 'unauthenticated', 'error'] as const;

const optionsSchema = z.strictObject({
  expect: z.enum(['rows', 'denied', 'any']).default('any').describe('Only probes configured with this expectation (any: all probes).'),
  outcomes: z.array(z.enum(OUTCOMES)).min(1, { error: 'must list at least one outcome' })
    .describe('Probe outcomes that are a finding: rows (200 with rows), empty (200, no rows), denied (403), unauthenticated (401), error.'),
});

const describeOutcome = (probe: ProbeResult): string => {
  const who = probe.integration;
  switch (probe.outcome) {
    case 'empty':
      return probe.expect === 'rows'
        ? `data security missing: ${probe.path} answers 200 with no rows for ${who}`
        : `access beyond need: ${probe.path} answers 200 (no rows) for ${who}, which should be denied`;
    case 'denied':
      return `function security missing: ${probe.path} answers 403 for ${who}`;
    case 'unauthenticated':
      return `${who} cannot sign in: ${probe.path} answers 401`;
    case 'rows':
      return probe.expect === 'denied'
        ? `access beyond need: ${probe.path} returns rows to ${who}, which should be denied`
        : `${probe.path} returns rows to ${who}`;
    default:
      return `probe of ${probe.path} as ${who} failed${probe.detail === null ? '' : `: ${probe.detail}`}`;
  }
};

export const toProbeEvidence = (probe: ProbeResult): Record<string, unknown> => ({
  expect: probe.expect,
  outcome: probe.outcome,
  httpStatus: probe.httpStatus,
  count: probe.count,
  totalResults: probe.totalResults,
  minCount: probe.minCount,
  detail: probe.detail,
});

/** Probes of integrations the rule selects that `keep` accepts, as bare results with `message`. */
export const toProbeResults = (context: CheckContext, keep: (probe: ProbeResult) => boolean, message: (probe: ProbeResult) => string): CheckResult[] =>
  context.model.probes
    .filter((probe) => keep(probe) && context.isSelectedName(probe.integration))
    .map((probe) => ({ username: probe.integration, endpoint: probe.path, message: message(probe), evidence: toProbeEvidence(probe) }));

export const probeOutcomeCheck = defineCheck({
  name: 'probe-outcome',
  description: 'Flags data-security probes whose outcome contradicts what the integration needs.',
  options: optionsSchema,
  create: (options) => {
    const outcomes = new Set<string>(options.outcomes);
    return (context) => toProbeResults(context,
      (probe) => (options.expect === 'any' || probe.expect === options.expect) && outcomes.has(probe.outcome),
      describeOutcome);
  },
});
