// Progress on stderr: a rewritten line on a terminal, a plain line every ~10 % (and at most every
// 5 s) otherwise, so logs of long runs stay readable. Silent when disabled.
import type { Progress } from '../tasks/outcome.js';

export function stderrProgress(label: string, enabled = true): Progress | undefined {
  if (!enabled) return undefined;
  const tty = process.stderr.isTTY === true;
  const t0 = Date.now();
  let lastLine = 0;
  let lastDecile = -1;
  return ({ step, total, phase }) => {
    const elapsed = ((Date.now() - t0) / 1000).toFixed(1);
    const text = `${label}${phase ? ` ${phase}` : ''}: step ${step}/${total} (${elapsed} s)`;
    if (tty) {
      process.stderr.write(`\r${text}${step === total ? '\n' : ''}`);
      return;
    }
    const decile = Math.floor((10 * step) / total);
    if (step === total || (decile !== lastDecile && Date.now() - lastLine > 5000)) {
      process.stderr.write(`${text}\n`);
      lastLine = Date.now();
      lastDecile = decile;
    }
  };
}
