import pLimit from 'p-limit';
import { describe, expect, it } from 'vitest';
import { createPriorityGate } from '../src/collect/http/priority-gate.ts';

/** Tasks that stay "on the wire" until the test finishes them, so every admission can be watched. */
const createBench = (concurrency: number) => {
  const schedule = createPriorityGate(pLimit(concurrency), concurrency);
  const running: { name: string; finish: () => void }[] = [];
  const done: string[] = [];
  let maxRunning = 0;
  const add = (name: string, priority: 'normal' | 'low'): Promise<void> => schedule(priority, () => new Promise<void>((finish) => {
    running.push({ name, finish: () => { done.push(name); finish(); } });
    maxRunning = Math.max(maxRunning, running.length);
  }));
  const settle = () => new Promise((resolve) => setImmediate(resolve));
  /** Finishes the oldest running task of the given kind (or any) and lets the gate refill. */
  const finishOne = async (prefix = ''): Promise<void> => {
    const index = running.findIndex((task) => task.name.startsWith(prefix));
    const [task] = running.splice(index, 1);
    task?.finish();
    await settle();
    await settle();
  };
  const kinds = () => ({ normal: running.filter((t) => t.name.startsWith('n')).length, low: running.filter((t) => t.name.startsWith('l')).length });
  return { add, settle, finishOne, kinds, done, getMaxRunning: () => maxRunning, running };
};

describe('priority gate', () => {
  it('either kind alone takes every slot, and the cap holds', async () => {
    const gate = createBench(4);
    const lows = Array.from({ length: 6 }, (_, i) => gate.add(`l${i}`, 'low'));
    await gate.settle();
    expect(gate.kinds()).toEqual({ normal: 0, low: 4 });
    while (gate.running.length > 0) await gate.finishOne();
    await Promise.all(lows);
    const normals = Array.from({ length: 6 }, (_, i) => gate.add(`n${i}`, 'normal'));
    await gate.settle();
    expect(gate.kinds()).toEqual({ normal: 4, low: 0 });
    while (gate.running.length > 0) await gate.finishOne();
    await Promise.all(normals);
    expect(gate.getMaxRunning()).toBe(4);
  });

  it('while both wait, normal work keeps a quarter of the slots and low work the rest', async () => {
    const gate = createBench(8);
    const all = [
      ...Array.from({ length: 12 }, (_, i) => gate.add(`n${i}`, 'normal')),
      ...Array.from({ length: 12 }, (_, i) => gate.add(`l${i}`, 'low')),
    ];
    await gate.settle();
    // The normals came first and took every slot; as they finish, lows move in up to their share.
    expect(gate.kinds()).toEqual({ normal: 8, low: 0 });
    for (let i = 0; i < 6; i += 1) await gate.finishOne('n');
    expect(gate.kinds()).toEqual({ normal: 2, low: 6 });
    // A finished low is replaced by a low (its share is not used up); a finished normal by a normal.
    await gate.finishOne('l');
    expect(gate.kinds()).toEqual({ normal: 2, low: 6 });
    await gate.finishOne('n');
    expect(gate.kinds()).toEqual({ normal: 2, low: 6 });
    while (gate.running.length > 0) await gate.finishOne();
    await Promise.all(all);
    expect(gate.done).toHaveLength(24);
    expect(gate.getMaxRunning()).toBe(8);
  });

  it('with one slot, normal work goes first', async () => {
    const gate = createBench(1);
    const all = [gate.add('l0', 'low'), gate.add('l1', 'low'), gate.add('n0', 'normal'), gate.add('n1', 'normal')];
    await gate.settle();
    while (gate.running.length > 0) await gate.finishOne();
    await Promise.all(all);
    expect(gate.done).toEqual(['l0', 'n0', 'n1', 'l1']);
  });
});
