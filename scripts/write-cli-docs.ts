// Writes docs/cli.md from the commands' own help texts (src/cli/cli-reference.ts). Run it after changing a
// flag, a command or a help text; test/docs.test.ts fails until docs/cli.md agrees.
import { writeFileSync } from 'node:fs';
import { cliReference } from '../src/cli/cli-reference.js';

writeFileSync('docs/cli.md', await cliReference());
console.log('docs/cli.md written');
