import type { SimulatorStats } from './types.ts';

export const createStats = (): SimulatorStats => ({
  requests: 0, inFlight: 0, maxInFlight: 0, byStatus: {}, byPath: {},
  faults: { throttled429: 0, unavailable503: 0, resets: 0, malformed: 0, failed: 0 },
});

/** Zeroes the counters in place (callers hold a reference), keeping requests still in flight. */
export const resetStats = (stats: SimulatorStats): void => {
  const fresh = createStats();
  Object.assign(stats, { ...fresh, inFlight: stats.inFlight, maxInFlight: stats.inFlight });
};

export const addCount = (counts: Record<string, number>, key: string): void => {
  counts[key] = (counts[key] ?? 0) + 1;
};
