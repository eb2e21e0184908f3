// The run's clock (src/run/eta.ts): the cost model's remaining seconds, calibrated by the cells finished.
import { expect, test } from 'vitest';
import { duration, RunClock } from '../src/run/eta.js';

test('the ETA is the model before any cell finishes, then the model scaled by how the finished cells compared with it', () => {
  let t = 0;
  const clock = new RunClock(1000, 2, () => t);
  expect(clock.etaSeconds()).toBe(500); // the model alone, over two executors
  clock.finished(10);
  t = 1_000_000;
  expect(clock.etaSeconds()).toBe(495); // 1 % done: too little to calibrate on
  t = 200_000; // 200 s for cells the model priced at 100 s: this machine is 2× slower than the model
  clock.finished(50);
  clock.finished(40);
  expect(clock.etaSeconds()).toBe(1800); // 900 model-seconds left × 2
  expect(clock.cellsPerMinute()).toBeCloseTo(0.9, 12);
  clock.finished(900);
  expect(clock.etaSeconds()).toBeNull();
});

test('durations read as a person reads them', () => {
  expect([duration(59), duration(720), duration(3.4 * 3600), duration(5.1 * 86400)]).toEqual(['59 s', '12 min', '3.4 h', '5.1 d']);
});
