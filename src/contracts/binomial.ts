// How many failures a measured-regime property may allow before chance alone explains them.

/** P(Bin(n, p) ≥ k), summed exactly (n is small). */
export function binomialTail(n: number, k: number, p: number): number {
  let term = (1 - p) ** n; // P(X = 0)
  let tail = k <= 0 ? term : 0;
  for (let j = 1; j <= n; j++) {
    term *= ((n - j + 1) / j) * (p / (1 - p));
    if (j >= k) tail += term;
  }
  return tail;
}

/**
 * The fewest failures a of n trials such that more than a happen with probability at most `chance` when each
 * trial fails independently with probability `failureRate`: a property allowing a failures then fails by
 * chance at most that often, and any more is evidence that the rate is higher.
 */
export function allowedFailures(n: number, failureRate: number, chance: number): number {
  let a = 0;
  while (a < n && binomialTail(n, a + 1, failureRate) > chance) a++;
  return a;
}
