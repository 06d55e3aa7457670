import type { CommandModule } from 'yargs';

/** Every CLI verb, one module each. Adding a verb touches its own file and one line here. */
export const commands: CommandModule<object, never>[] = [];
