import { hideBin } from 'yargs/helpers';
import { main } from './main.ts';

/** The executable: everything, including mapping errors to exit codes, happens in main(). */
process.exitCode = await main(hideBin(process.argv));
