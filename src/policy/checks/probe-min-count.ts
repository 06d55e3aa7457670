import { z } from 'zod';
import { defineCheck } from './types.ts';
import { toProbeResults } from './probe-outcome.ts';

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
    // Without totalResults the endpoint gave no count to compare: nothing can be concluded.
    return (context) => toProbeResults(context,
      (probe) => probe.minCount !== null && probe.totalResults !== null && outcomes.has(probe.outcome) && probe.totalResults < probe.minCount,
      (probe) => `record-count regression: ${probe.path} reports ${probe.totalResults ?? 0} records for ${probe.integration}, fewer than the expected ${probe.minCount ?? 0}`);
  },
});
