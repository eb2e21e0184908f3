// Cost of a whole sweep, for --estimate: the sum of its cells' model costs (../run/cost.ts).
import { cellSeconds } from '../run/cost.js';
import { expand, type SweepSpec } from '../run/sweep.js';

export { cellSeconds };

export function sweepSeconds(spec: SweepSpec): { cells: number; seconds: number } {
  const cells = expand(spec);
  return { cells: cells.length, seconds: cells.reduce((a, c) => a + cellSeconds(c), 0) };
}
