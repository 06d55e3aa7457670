/**
 * The simulator in its own process for the collection benchmark, so its CPU does not share an
 * event loop with the collector (a real tenant is remote too). Driven over IPC by bench/collect.ts.
 */
import { generateTenant } from '../src/simulator/generate.ts';
import { generateBulkRoleGraph, type BulkGraphOptions } from '../src/simulator/role-graph/generate.ts';
import { startSimulator } from '../src/simulator/server.ts';
import type { SimulatorOptions } from '../src/simulator/types.ts';

interface Start { users: number; seed: number; options: Omit<SimulatorOptions, 'tenant'>; bulkGraph?: BulkGraphOptions }

const start = JSON.parse(process.argv[2] ?? '{}') as Start;
const tenant = generateTenant({ seed: start.seed, users: start.users });
// The role-graph bench serves a large synthetic graph instead of the cast's small one.
if (start.bulkGraph !== undefined) tenant.roleGraph = generateBulkRoleGraph(start.bulkGraph);
const sim = await startSimulator({ tenant, ...start.options });
process.send?.({ type: 'ready', url: sim.url });
process.on('message', (message: { type: string }) => {
  if (message.type === 'stats') process.send?.({ type: 'stats', stats: sim.stats });
  if (message.type === 'cpu') {
    const usage = process.cpuUsage();
    process.send?.({ type: 'cpu', seconds: (usage.user + usage.system) / 1e6 });
  }
  if (message.type === 'close') void sim.close().then(() => process.disconnect());
});
