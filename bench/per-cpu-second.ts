// Work per CPU-second of a repeated call: warmed once, then repeated until `minSeconds` of CPU (user + system)
// and at least 3 calls have passed.
export function perCpuSecond(work: number, f: () => void, minSeconds = 1): number {
  f();
  const c0 = process.cpuUsage();
  let reps = 0;
  let spent = 0;
  while (spent < minSeconds || reps < 3) {
    f();
    reps++;
    const c = process.cpuUsage(c0);
    spent = (c.user + c.system) / 1e6;
  }
  return (work * reps) / spent;
}
