// NumPy 1.x's default argsort of float64 (kind='quicksort': introsort — median-of-3 quicksort,
// insertion sort for partitions of at most 16 elements, heapsort past the depth limit), step for step. The reference's
// top-s selection keeps the last s of `argsort(|values|)`, so among exactly equal magnitudes the
// survivor is decided by this algorithm's (unstable) order; equal magnitudes happen whenever two hidden
// units share a gate pattern. Known answers: test/fixtures/numpy-argsort-kat.json (made by NumPy 1.24.2).

const SMALL_QUICKSORT = 15;

/** NumPy's `less` for doubles: NaNs sort last. */
const less = (a: number, b: number): boolean => a < b || (b !== b && a === a);

function heapsort(v: ArrayLike<number>, tosort: Int32Array, start: number, n: number): void {
  // 1-based indexing into tosort[start .. start + n)
  const a = (i: number) => tosort[start + i - 1]!;
  const set = (i: number, x: number) => (tosort[start + i - 1] = x);
  /** Sift `tmp` down from position i within a heap of `size` entries. */
  const siftDown = (tmp: number, i: number, size: number) => {
    for (let j = i << 1; j <= size;) {
      if (j < size && less(v[a(j)]!, v[a(j + 1)]!)) j += 1;
      if (!less(v[tmp]!, v[a(j)]!)) break;
      set(i, a(j));
      i = j;
      j += j;
    }
    set(i, tmp);
  };
  for (let l = n >> 1; l > 0; --l) siftDown(a(l), l, n);
  for (; n > 1;) {
    const tmp = a(n);
    set(n, a(1));
    n -= 1;
    siftDown(tmp, 1, n);
  }
}

/** `np.argsort(v)` (float64, default kind). */
export function numpyArgsort(v: ArrayLike<number>): Int32Array {
  const num = v.length;
  const t = Int32Array.from({ length: num }, (_, i) => i);
  if (num < 2) return t;
  const swap = (i: number, j: number) => {
    const x = t[i]!;
    t[i] = t[j]!;
    t[j] = x;
  };
  let pl = 0;
  let pr = num - 1;
  const stack: number[] = [];
  const depths: number[] = [];
  let cdepth = 2 * Math.floor(Math.log2(num));
  for (;;) {
    if (cdepth < 0) {
      heapsort(v, t, pl, pr - pl + 1);
    } else {
      while (pr - pl > SMALL_QUICKSORT) {
        const pm = pl + ((pr - pl) >> 1);
        if (less(v[t[pm]!]!, v[t[pl]!]!)) swap(pm, pl);
        if (less(v[t[pr]!]!, v[t[pm]!]!)) swap(pr, pm);
        if (less(v[t[pm]!]!, v[t[pl]!]!)) swap(pm, pl);
        const vp = v[t[pm]!]!;
        let pi = pl;
        let pj = pr - 1;
        swap(pm, pj);
        for (;;) {
          do ++pi;
          while (less(v[t[pi]!]!, vp));
          do --pj;
          while (less(vp, v[t[pj]!]!));
          if (pi >= pj) break;
          swap(pi, pj);
        }
        swap(pi, pr - 1);
        // push the larger partition, continue with the smaller
        if (pi - pl < pr - pi) {
          stack.push(pi + 1, pr);
          pr = pi - 1;
        } else {
          stack.push(pl, pi - 1);
          pl = pi + 1;
        }
        depths.push(--cdepth);
      }
      for (let pi = pl + 1; pi <= pr; ++pi) {
        const vi = t[pi]!;
        const vp = v[vi]!;
        let pj = pi;
        while (pj > pl && less(vp, v[t[pj - 1]!]!)) {
          t[pj] = t[pj - 1]!;
          pj--;
        }
        t[pj] = vi;
      }
    }
    if (stack.length === 0) break;
    pr = stack.pop()!;
    pl = stack.pop()!;
    cdepth = depths.pop()!;
  }
  return t;
}
