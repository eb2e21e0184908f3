// A check report as JUnit XML, the format CI systems read: one test suite per golden file, one test case per
// golden cell (and per cell the results have that the golden file has not), a <failure> for each cell that
// drifted, and a skipped case for a figure the results did not cover.
import type { CheckReport, FigureCheck } from './check.js';

const xml = (s: string) => s.replace(/[<>&"']/g, (c) => `&${{ '<': 'lt', '>': 'gt', '&': 'amp', '"': 'quot', "'": 'apos' }[c]!};`);

const casesOf = (f: FigureCheck): string[] => [...new Set([...f.cellKeys, ...f.drifts.map((d) => d.cell)])];

function suite(f: FigureCheck): { text: string; tests: number; failures: number } {
  const name = xml(`${f.figure}.${f.profile}`);
  if (f.compared === 'none')
    return {
      text: `  <testsuite name="${name}" tests="1" failures="0" skipped="1">\n    <testcase classname="${name}" name="(figure)"><skipped message="no results for this figure"/></testcase>\n  </testsuite>`,
      tests: 1,
      failures: 0,
    };
  const cells = casesOf(f);
  const failing = new Set(f.drifts.map((d) => d.cell));
  const cases = cells.map((cell) => {
    const mine = f.drifts.filter((d) => d.cell === cell);
    if (mine.length === 0) return `    <testcase classname="${name}" name="${xml(cell)}"/>`;
    const message = xml(mine.map((d) => `${d.field}: got ${d.got}, want ${d.want} (${d.diff})`).join('; '));
    return `    <testcase classname="${name}" name="${xml(cell)}">\n      <failure message="${message}">${message}</failure>\n    </testcase>`;
  });
  return {
    text: `  <testsuite name="${name}" tests="${cells.length}" failures="${failing.size}">\n${cases.join('\n')}\n  </testsuite>`,
    tests: cells.length,
    failures: failing.size,
  };
}

export function toJUnit(report: CheckReport): string {
  const suites = report.figures.map(suite);
  const tests = suites.reduce((n, s) => n + s.tests, 0);
  const failures = suites.reduce((n, s) => n + s.failures, 0);
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="sparse-recovery-lab check" tests="${tests}" failures="${failures}">\n${suites.map((s) => s.text).join('\n')}\n</testsuites>\n`;
}
