// Regression: a sweep executor queues two cells; both used to await a fresh initBackend at once, and
// two overlapping tf.setBackend calls never settled (the worker hung). Concurrent calls now share one
// initialisation.
import { describe, expect, test } from 'vitest';
import { initBackend } from './backend.js';

describe('initBackend', () => {
  test('concurrent calls settle, on one backend', async () => {
    const settled = await Promise.race([
      Promise.all([initBackend('wasm'), initBackend('wasm'), initBackend('auto')]),
      new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), 20_000)),
    ]);
    expect(settled).not.toBe('timeout');
    const [a, b, c] = settled as Awaited<ReturnType<typeof initBackend>>[];
    expect(a!.name).toBe('wasm');
    expect(b).toBe(a);
    expect(c).toBe(a);
  });
});
