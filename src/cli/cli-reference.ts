// docs/cli.md, made from the same help texts the commands print (which the typed field tables generate), so
// the reference cannot drift from the CLI: scripts/write-cli-docs.ts writes it, a test compares.
import { COMMANDS, MAIN_USAGE } from './main.js';

export async function cliReference(): Promise<string> {
  const sections = [
    '# Command-line reference',
    '',
    '<!-- Written by `npx tsx scripts/write-cli-docs.ts` from the help texts of the commands; do not edit by hand. -->',
    '',
    'Installed: `npx sparse-recovery-lab …`. In a clone of the repository: `npx tsx reproduce.ts …`, or',
    '`npm run reproduce -- …` for the main job. Every command prints this text with `--help`.',
    '',
    '```text',
    MAIN_USAGE,
    '```',
  ];
  for (const [name, entry] of Object.entries(COMMANDS)) {
    const command = await entry.load();
    sections.push('', `## ${name}`, '', entry.summary[0]!.toUpperCase() + entry.summary.slice(1) + '.', '', '```text', command.usage, '```');
  }
  return sections.join('\n') + '\n';
}
