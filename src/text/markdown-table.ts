// The one way this project prints a Markdown table: every cell escaped (a `|` inside a value would split its
// row; a line break would end it), so a value can never break the table it sits in.

const cellText = (v: string | number | boolean | null): string =>
  String(v ?? '—')
    .replaceAll('\\', '\\\\')
    .replaceAll('|', '\\|')
    .replace(/\r?\n/g, ' ');

/** A header row, its separator, and one row per entry. */
export function markdownTable(header: readonly string[], rows: ReadonlyArray<ReadonlyArray<string | number | boolean | null>>): string {
  const line = (cells: ReadonlyArray<string | number | boolean | null>) => `| ${cells.map(cellText).join(' | ')} |`;
  return [line(header), `|${header.map(() => '---').join('|')}|`, ...rows.map(line)].join('\n');
}
