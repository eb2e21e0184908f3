#!/usr/bin/env node
// The package's executable: `npx sparse-recovery-lab [command] [flags]`.
import { main } from './main.js';

process.exitCode = await main(process.argv.slice(2));
