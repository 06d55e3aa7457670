import { z } from 'zod';
import type { CheckResult } from '../../evaluate/rule-types.ts';
import { defineCheck } from './types.ts';
import { toProbeEvidence } from './probe-outcome.ts';

const optionsSchema = z.strictObject({
  outcomes: z.array(z.enum(['rows', 'empty'])).min(1).default(['rows'])
    .describe('Probe outcomes whose totalResults is compared with minCount (rows: 200 with rows; empty: 200 without rows).'),
});

export const probeMinCountCheck = defineCheck({
  name: 'probe-min-count',
  description: 'Flags probes whose totalResults fell below the configured minCount (record-count regression).',
  options: optionsSchema,
  create: (options) => {
    const outcomes = new Set<string>(options.outcomes);
    return (context) => {
      const results: CheckResult[] = [];
      for (const probe of context.model.probes) {
        // Without totalResults the endpoint gave no count to compare: nothing can be concluded.
        if (probe.minCount === null || probe.totalResults === null || !outcomes.has(probe.outcome)) continue;
        if (probe.totalResults >= probe.minCount || !context.isSelectedName(probe.integration)) continue;
        results.push({
          username: probe.integration,
          endpoint: probe.path,
          message: `record-count regression: ${probe.path} reports ${probe.totalResults} records for ${probe.integration}, fewer than the expected ${probe.minCount}`,
          evidence: toProbeEvidence(probe),
        });
      }
      return results;
    };
  },
});
