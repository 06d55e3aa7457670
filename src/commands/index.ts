import type { CommandModule } from 'yargs';
import { collectCommand } from './collect.ts';
import { demoCommand } from './demo.ts';
import { evaluateCommand } from './evaluate.ts';
import { gateCommand } from './gate.ts';
import { policiesCommand } from './policies.ts';
import { runCommand } from './run.ts';
import { reportCommand } from './report.ts';
import { simulateCommand } from './simulate.ts';
import { verifyCommand } from './verify.ts';

/** Every CLI verb, one module each. Adding a verb touches its own file and one line here. */
export const commands: CommandModule<object, never>[] = [
  runCommand as CommandModule<object, never>,
  demoCommand as CommandModule<object, never>,
  gateCommand as CommandModule<object, never>,
  collectCommand as CommandModule<object, never>,
  evaluateCommand as CommandModule<object, never>,
  policiesCommand as CommandModule<object, never>,
  simulateCommand as CommandModule<object, never>,
  reportCommand as CommandModule<object, never>,
  verifyCommand as CommandModule<object, never>,
];
