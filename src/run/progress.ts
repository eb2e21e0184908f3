// Progress on stderr: a rewritten line on a terminal, a plain line every ~10 % (and at most every
// 5 s) otherwise, so logs of long runs stay readable. Silent when disabled.
import type { Progress } from '../tasks/outcome.js';
import { RunClock } from './eta.js';

export function stderrProgress(label: string, enabled = true): Progress | undefined {
  if (!enabled) return undefined;
  const tty = process.stderr.isTTY === true;
  let clock: RunClock | null = null;
  let done = 0;
  let lastLine = 0;
  let lastDecile = -1;
  return ({ step, total, phase, unit = 'step' }) => {
    // time per unit so far × units left (IMP's round count is itself an estimate, so the total may move)
    clock ??= new RunClock(total, 1, Date.now, false);
    clock.finished(step - done, total - step);
    done = step;
    const seconds = clock.elapsedSeconds();
    const left = clock.etaSeconds();
    const eta = step > 0 && step < total && left !== null ? `, ETA ${left.toFixed(0)} s` : '';
    const text = `${label}${phase ? ` ${phase}` : ''}: ${unit} ${step}/${total} (${seconds.toFixed(1)} s${eta})`;
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
