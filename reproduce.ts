// The command line from a clone of the repository (npx tsx reproduce.ts …, npm run reproduce -- …): the same
// entry point as the package's bin, `sparse-recovery-lab` (src/cli/main.ts).
import { main } from './src/cli/main.js';

process.exitCode = await main(process.argv.slice(2));
