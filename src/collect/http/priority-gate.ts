import type { LimitFunction } from 'p-limit';

type Task<T> = () => Promise<T>;

/**
 * Two-level scheduling on top of the one p-limit cap: low-priority tasks enter the limiter only
 * while no normal task waits and a slot is free. The cap itself stays p-limit's.
 */
export const createPriorityGate = (limit: LimitFunction, concurrency: number) => {
  const low: (() => void)[] = [];
  let queuedNormal = 0;
  let queuedLow = 0;
  let active = 0;
  const pump = (): void => {
    while (low.length > 0 && queuedNormal === 0 && active + queuedLow < concurrency) {
      queuedLow += 1;
      low.shift()?.();
    }
  };
  const wrap = <T>(task: Task<T>, priority: 'normal' | 'low'): Task<T> => async () => {
    if (priority === 'normal') queuedNormal -= 1;
    else queuedLow -= 1;
    active += 1;
    try {
      return await task();
    } finally {
      active -= 1;
      pump();
    }
  };
  return <T>(priority: 'normal' | 'low', task: Task<T>): Promise<T> => {
    if (priority === 'normal') {
      queuedNormal += 1;
      return limit(wrap(task, 'normal'));
    }
    return new Promise<T>((resolve, reject) => {
      low.push(() => {
        limit(wrap(task, 'low')).then(resolve, reject);
      });
      pump();
    });
  };
};
