import type { LimitFunction } from 'p-limit';

type Task<T> = () => Promise<T>;
type Priority = 'normal' | 'low';

/**
 * Two classes of work on top of the one p-limit cap (the cap itself stays p-limit's): a task is
 * handed to the limiter only when a slot is free, so the gate, not p-limit's FIFO, decides who
 * gets the next slot. While both kinds wait, normal work (list pages, which reveal the further
 * work) keeps a quarter of the slots (at least one) and low-priority work (the rest of an
 * account's roles, per-user lookups) may take the others; whichever kind is alone takes every
 * free slot. Strict priority made the list walk, CPU-bound on our side, hold all slots while its
 * big pages waited to be parsed, then left the small follow-up pages to run alone: the parsing
 * and the waiting did not overlap. Spreading the list pages over the run let them, about 2 s of a
 * 25 s collection at 150 ms latency (bench/cli.ts). With one slot, normal work simply goes first.
 */
export const createPriorityGate = (limit: LimitFunction, concurrency: number) => {
  const lowShare = concurrency - Math.ceil(concurrency / 4);
  const queues: Record<Priority, (() => void)[]> = { normal: [], low: [] };
  const admitted: Record<Priority, number> = { normal: 0, low: 0 };

  const pickNext = (): Priority | null => {
    if (queues.low.length === 0) return queues.normal.length === 0 ? null : 'normal';
    if (queues.normal.length === 0 || admitted.low < lowShare) return 'low';
    return 'normal';
  };
  const pump = (): void => {
    while (admitted.normal + admitted.low < concurrency) {
      const priority = pickNext();
      if (priority === null) return;
      admitted[priority] += 1;
      queues[priority].shift()?.();
    }
  };

  return <T>(priority: Priority, task: Task<T>): Promise<T> => new Promise<T>((resolve, reject) => {
    queues[priority].push(() => {
      const run = async (): Promise<T> => {
        try {
          return await task();
        } finally {
          admitted[priority] -= 1;
          pump();
        }
      };
      limit(run).then(resolve, reject);
    });
    pump();
  });
};
