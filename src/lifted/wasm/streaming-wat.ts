// WebAssembly text of the streaming kernel's inner loops, for X stored as f32 or f64 (row-major).
// Every output element is computed with exactly the operations, in exactly the order, of the
// TypeScript loops in ../engines/typescript.ts (its oracle): per row, s = Σ_t x[i, c_t]·v_t left to
// right; per column, o = o + x[i, c]·r_i over rows in increasing order. Speed comes from what keeps
// that order: several rows in flight at once (independent chains), no bounds checks, and f64x2 lanes
// over columns in the gradient sweep. Nothing here may reassociate a sum (no pairwise or lane-split
// reductions): the kernels must stay bit-identical to the oracle.

export type Element = 'f32' | 'f64';

/** Rows processed together per function (independent accumulation chains); measured on the Table 1
 *  cell's shapes (n = 50,000, d = 100, runs of ~50 entries): more rows help the support product, the
 *  others lose to register spills. */
export interface RowsPerGroup {
  apply: number;
  gate: number;
  adjoint: number;
  sweep: number;
}
export const ROWS_PER_GROUP: RowsPerGroup = { apply: 8, gate: 4, adjoint: 4, sweep: 4 };

const get = (name: string) => `(local.get $${name})`;
const set = (name: string, v: string) => `(local.set $${name} ${v})`;
const i32 = (v: number) => `(i32.const ${v})`;
const add = (a: string, b: string) => `(i32.add ${a} ${b})`;
const range = (k: number) => Array.from({ length: k }, (_, i) => i);

/** WebAssembly text of an f64x2 whose lanes are x at two byte addresses (x stored as `el`). */
export type LaneLoader = (el: Element, a0: string, a1: string) => string;

/** The kernels' loader: one load per lane (the second into lane 1), widened when x is float32. A parameter
 *  so that bench/iht-kernels.ts can time other ways of filling the lanes against it. */
export const laneLoads: LaneLoader = (el, a0, a1) =>
  el === 'f32' ? `(f64x2.promote_low_f32x4 (v128.load32_lane 1 ${a1} (v128.load32_zero ${a0})))` : `(v128.load64_lane 1 ${a1} (v128.load64_zero ${a0}))`;

function ops(el: Element, lanes: LaneLoader) {
  const shift = el === 'f32' ? 2 : 3;
  return {
    shift,
    /** x at a byte address, as f64 */
    x: (addr: string) => (el === 'f32' ? `(f64.promote_f32 (f32.load ${addr}))` : `(f64.load ${addr})`),
    /** two consecutive x entries at a byte address, as f64x2 */
    x2: (addr: string) => (el === 'f32' ? `(f64x2.promote_low_f32x4 (v128.load64_zero ${addr}))` : `(v128.load ${addr})`),
    /** x at two byte addresses, as the lanes of one f64x2 */
    pair: (a0: string, a1: string) => lanes(el, a0, a1),
    /** byte address of the start of the row whose index is in local `row` */
    rowBase: (row: string) => `(i32.add (global.get $x) (i32.mul ${get(row)} (global.get $rowBytes)))`,
  };
}

/** Loop over groups of `k` collected rows, then over the remaining rows one at a time. */
function overRowGroups(K: number, body: (k: number) => string): string {
  const group = (k: number, label: string) => `
    (block $${label}_end (loop $${label}
      (br_if $${label}_end (i32.gt_s ${add(get('g'), i32(k))} ${get('cnt')}))
      ${range(k)
        .map((q) => set(`i${q}`, `(i32.load ${add('(global.get $rows)', `(i32.shl ${add(get('g'), i32(q))} (i32.const 2))`)})`))
        .join('\n      ')}
      ${body(k)}
      ${set('g', add(get('g'), i32(k)))}
      (br $${label})))`;
  return group(K, 'groups') + group(1, 'tail');
}

const rowLocals = (K: number) =>
  range(K)
    .map((q) => `(local $i${q} i32) (local $b${q} i32) (local $s${q} f64) (local $r${q} f64) (local $v${q} v128)`)
    .join(' ');

function collect(name: string, filtered: boolean): string {
  const keep = filtered ? `(f64.ne (f64.load ${add(get('r'), `(i32.shl ${get('i')} (i32.const 3))`)}) (f64.const 0))` : i32(1);
  return `  (func $${name} (param $bits i32) (param $w0 i32) (param $w1 i32) (param $r i32) (result i32)
    (local $wi i32) (local $w i32) (local $i i32) (local $cnt i32)
    ${set('wi', get('w0'))}
    (block $end (loop $words
      (br_if $end (i32.ge_u ${get('wi')} ${get('w1')}))
      ${set('w', `(i32.load ${add(get('bits'), `(i32.shl ${get('wi')} (i32.const 2))`)})`)}
      (block $wend (loop $bit
        (br_if $wend (i32.eqz ${get('w')}))
        ${set('i', add(`(i32.shl ${get('wi')} (i32.const 5))`, `(i32.ctz ${get('w')})`))}
        ${set('w', `(i32.and ${get('w')} (i32.sub ${get('w')} (i32.const 1)))`)}
        (i32.store ${add('(global.get $rows)', `(i32.shl ${get('cnt')} (i32.const 2))`)} ${get('i')})
        ${set('cnt', add(get('cnt'), keep))}
        (br $bit)))
      ${set('wi', add(get('wi'), i32(1)))}
      (br $words)))
    ${get('cnt')})`;
}

export function streamingWat(el: Element, K: RowsPerGroup = ROWS_PER_GROUP, lanes: LaneLoader = laneLoads): string {
  const o = ops(el, lanes);
  const bases = (k: number) =>
    range(k)
      .map((q) => set(`b${q}`, o.rowBase(`i${q}`)))
      .join(' ');

  // s_q = Σ_t x[i_q, idx_t]·val_t, t in [0, len), left to right. For an even k, rows 2p and 2p+1
  // share an f64x2 (lane 0 and lane 1): each lane is still its own left-to-right sum.
  const rowDots = (k: number) => (k % 2 === 0 ? rowDotsPaired(k) : rowDotsScalar(k));
  // two entries t, t+1 per iteration (half the loop overhead), each lane still left to right
  const pairStep = (k: number, c: string, vv: string) =>
    range(k / 2)
      .map((p) =>
        set(`v${p}`, `(f64x2.add ${get(`v${p}`)} (f64x2.mul ${o.pair(add(get(`b${2 * p}`), get(c)), add(get(`b${2 * p + 1}`), get(c)))} ${get(vv)}))`),
      )
      .join('\n        ');
  const rowDotsPaired = (k: number) => `
      ${bases(k)}
      ${range(k / 2)
        .map((p) => set(`v${p}`, '(v128.const i64x2 0 0)'))
        .join(' ')}
      ${set('pi', get('idx'))} ${set('pv', get('val'))}
      (block $t_end_${k} (loop $t_${k}
        (br_if $t_end_${k} (i32.ge_u ${get('pi')} ${get('pend2')}))
        ${set('c', `(i32.shl (i32.load ${get('pi')}) (i32.const ${o.shift}))`)}
        ${set('c1', `(i32.shl (i32.load offset=4 ${get('pi')}) (i32.const ${o.shift}))`)}
        ${set('acc2', `(f64x2.splat (f64.load ${get('pv')}))`)}
        ${set('acc3', `(f64x2.splat (f64.load offset=8 ${get('pv')}))`)}
        ${pairStep(k, 'c', 'acc2')}
        ${pairStep(k, 'c1', 'acc3')}
        ${set('pi', add(get('pi'), i32(8)))} ${set('pv', add(get('pv'), i32(16)))}
        (br $t_${k})))
      (if (i32.lt_u ${get('pi')} ${get('pend')}) (then
        ${set('c', `(i32.shl (i32.load ${get('pi')}) (i32.const ${o.shift}))`)}
        ${set('acc2', `(f64x2.splat (f64.load ${get('pv')}))`)}
        ${pairStep(k, 'c', 'acc2')}))
      ${range(k / 2)
        .map((p) => `${set(`s${2 * p}`, `(f64x2.extract_lane 0 ${get(`v${p}`)})`)} ${set(`s${2 * p + 1}`, `(f64x2.extract_lane 1 ${get(`v${p}`)})`)}`)
        .join(' ')}`;
  const rowDotsScalar = (k: number) => `
      ${bases(k)}
      ${range(k)
        .map((q) => set(`s${q}`, '(f64.const 0)'))
        .join(' ')}
      ${set('pi', get('idx'))} ${set('pv', get('val'))}
      (block $t_end_${k} (loop $t_${k}
        (br_if $t_end_${k} (i32.ge_u ${get('pi')} ${get('pend')}))
        ${set('c', `(i32.shl (i32.load ${get('pi')}) (i32.const ${o.shift}))`)}
        ${set('v', `(f64.load ${get('pv')})`)}
        ${range(k)
          .map((q) => set(`s${q}`, `(f64.add ${get(`s${q}`)} (f64.mul ${o.x(add(get(`b${q}`), get('c')))} ${get('v')}))`))
          .join('\n        ')}
        ${set('pi', add(get('pi'), i32(4)))} ${set('pv', add(get('pv'), i32(8)))}
        (br $t_${k})))`;

  const locals = `(local $cnt i32) (local $g i32) (local $pi i32) (local $pv i32) (local $pend i32) (local $c i32) (local $v f64) (local $e i32) (local $po i32) (local $acc f64) (local $acc2 v128) (local $acc3 v128) (local $c1 i32) (local $pend2 i32) ${rowLocals(Math.max(K.apply, K.gate, K.adjoint, K.sweep))}`;

  return `(module
  (import "env" "memory" (memory 1))
  (global $x (mut i32) (i32.const 0))
  (global $n (mut i32) (i32.const 0))
  (global $d (mut i32) (i32.const 0))
  (global $rowBytes (mut i32) (i32.const 0))
  (global $rows (mut i32) (i32.const 0))

  (func (export "init") (param $x i32) (param $n i32) (param $d i32) (param $rows i32)
    (global.set $x ${get('x')}) (global.set $n ${get('n')}) (global.set $d ${get('d')})
    (global.set $rowBytes (i32.shl ${get('d')} (i32.const ${o.shift})))
    (global.set $rows ${get('rows')}))

  ;; Rows whose bit is set in words [w0, w1), in increasing order, into the row scratch; the filtered
  ;; variant leaves out rows where r[i] = 0 (as the oracle's "if (ri === 0) continue"). Branch-free
  ;; store: the row is always written, the count advances only when it is kept.
${collect('collect', false)}
${collect('collect_nonzero', true)}

  ;; out[i] = out[i] + Σ_t x[i, idx_t]·val_t for the active rows of words [w0, w1)
  (func (export "apply_run") (param $bits i32) (param $w0 i32) (param $w1 i32) (param $idx i32) (param $val i32) (param $len i32) (param $out i32)
    ${locals}
    ${set('cnt', `(call $collect ${get('bits')} ${get('w0')} ${get('w1')} (i32.const 0))`)}
    ${set('pend', add(get('idx'), `(i32.shl ${get('len')} (i32.const 2))`))}
    ${set('pend2', add(get('idx'), `(i32.shl (i32.and ${get('len')} (i32.const -2)) (i32.const 2))`))}
    ${overRowGroups(
      K.apply,
      (k) => `${rowDots(k)}
      ${range(k)
        .map((q) => {
          const at = add(get('out'), `(i32.shl ${get(`i${q}`)} (i32.const 3))`);
          return `(f64.store ${at} (f64.add (f64.load ${at}) ${get(`s${q}`)}))`;
        })
        .join('\n      ')}`,
    )})

  ;; bits of all rows: x_i · h > 0 with h given as (idx, val) pairs; the words are cleared first
  (func (export "gate_bits") (param $idx i32) (param $val i32) (param $len i32) (param $bits i32)
    ${locals}
    (memory.fill ${get('bits')} (i32.const 0) (i32.shl (i32.shr_u (i32.add (global.get $n) (i32.const 31)) (i32.const 5)) (i32.const 2)))
    ${set('pend', add(get('idx'), `(i32.shl ${get('len')} (i32.const 2))`))}
    ${set('pend2', add(get('idx'), `(i32.shl (i32.and ${get('len')} (i32.const -2)) (i32.const 2))`))}
    ${set('cnt', '(global.get $n)')}
    (block $fill_end (loop $fill
      (br_if $fill_end (i32.ge_u ${get('g')} ${get('cnt')}))
      (i32.store ${add('(global.get $rows)', `(i32.shl ${get('g')} (i32.const 2))`)} ${get('g')})
      ${set('g', add(get('g'), i32(1)))}
      (br $fill)))
    ${set('g', i32(0))}
    ${overRowGroups(
      K.gate,
      (k) => `${rowDots(k)}
      ${range(k)
        .map((q) => {
          const at = add(get('bits'), `(i32.shl (i32.shr_u ${get(`i${q}`)} (i32.const 5)) (i32.const 2))`);
          return `(if (f64.gt ${get(`s${q}`)} (f64.const 0)) (then (i32.store ${at} (i32.or (i32.load ${at}) (i32.shl (i32.const 1) ${get(`i${q}`)})))))`;
        })
        .join('\n      ')}`,
    )})

  ;; out[t] = out[t] + x[i, idx_t]·r[i] over the active rows of words [w0, w1) with r[i] ≠ 0, rows in
  ;; order; entries t, t+1 share an f64x2 (each lane its own column sum), an odd last entry is scalar
  (func (export "adjoint_run") (param $bits i32) (param $w0 i32) (param $w1 i32) (param $idx i32) (param $len i32) (param $r i32) (param $out i32)
    ${locals}
    ${set('cnt', `(call $collect_nonzero ${get('bits')} ${get('w0')} ${get('w1')} ${get('r')})`)}
    ${set('pend', add(get('idx'), `(i32.shl ${get('len')} (i32.const 2))`))}
    ${set('pend2', add(get('idx'), `(i32.shl (i32.and ${get('len')} (i32.const -2)) (i32.const 2))`))}
    ${overRowGroups(
      K.adjoint,
      (k) => `
      ${bases(k)}
      ${range(k)
        .map(
          (q) => `${set(`r${q}`, `(f64.load ${add(get('r'), `(i32.shl ${get(`i${q}`)} (i32.const 3))`)})`)} ${set(`v${q}`, `(f64x2.splat ${get(`r${q}`)})`)}`,
        )
        .join(' ')}
      ${set('pi', get('idx'))} ${set('po', get('out'))}
      (block $t_end_${k} (loop $t_${k}
        (br_if $t_end_${k} (i32.ge_u ${get('pi')} ${get('pend2')}))
        ${set('c', `(i32.shl (i32.load ${get('pi')}) (i32.const ${o.shift}))`)}
        ${set('c1', `(i32.shl (i32.load offset=4 ${get('pi')}) (i32.const ${o.shift}))`)}
        ${set('acc2', `(v128.load ${get('po')})`)}
        ${range(k)
          .map((q) =>
            set('acc2', `(f64x2.add ${get('acc2')} (f64x2.mul ${o.pair(add(get(`b${q}`), get('c')), add(get(`b${q}`), get('c1')))} ${get(`v${q}`)}))`),
          )
          .join('\n        ')}
        (v128.store ${get('po')} ${get('acc2')})
        ${set('pi', add(get('pi'), i32(8)))} ${set('po', add(get('po'), i32(16)))}
        (br $t_${k})))
      (if (i32.lt_u ${get('pi')} ${get('pend')}) (then
        ${set('c', `(i32.shl (i32.load ${get('pi')}) (i32.const ${o.shift}))`)}
        ${set('acc', `(f64.load ${get('po')})`)}
        ${range(k)
          .map((q) => set('acc', `(f64.add ${get('acc')} (f64.mul ${o.x(add(get(`b${q}`), get('c')))} ${get(`r${q}`)}))`))
          .join('\n        ')}
        (f64.store ${get('po')} ${get('acc')})))`,
    )})

  ;; out[e] = out[e] + x[i, e]·r[i] for e in [0, d), over the active rows of words [w0, w1) with r[i] ≠ 0;
  ;; f64x2 lanes over e (each lane is its own column: no reassociation)
  (func (export "sweep_run") (param $bits i32) (param $w0 i32) (param $w1 i32) (param $r i32) (param $out i32)
    ${locals}
    ${set('cnt', `(call $collect_nonzero ${get('bits')} ${get('w0')} ${get('w1')} ${get('r')})`)}
    ${overRowGroups(
      K.sweep,
      (k) => `
      ${bases(k)}
      ${range(k)
        .map(
          (q) => `${set(`r${q}`, `(f64.load ${add(get('r'), `(i32.shl ${get(`i${q}`)} (i32.const 3))`)})`)} ${set(`v${q}`, `(f64x2.splat ${get(`r${q}`)})`)}`,
        )
        .join(' ')}
      ${set('e', i32(0))}
      (block $e_end_${k} (loop $e_${k}
        (br_if $e_end_${k} (i32.gt_u ${add(get('e'), i32(2))} (global.get $d)))
        ${set('po', add(get('out'), `(i32.shl ${get('e')} (i32.const 3))`))}
        ${set('c', `(i32.shl ${get('e')} (i32.const ${o.shift}))`)}
        ${set('acc2', `(v128.load ${get('po')})`)}
        ${range(k)
          .map((q) => set('acc2', `(f64x2.add ${get('acc2')} (f64x2.mul ${o.x2(add(get(`b${q}`), get('c')))} ${get(`v${q}`)}))`))
          .join('\n        ')}
        (v128.store ${get('po')} ${get('acc2')})
        ${set('e', add(get('e'), i32(2)))}
        (br $e_${k})))
      (if (i32.lt_u ${get('e')} (global.get $d)) (then
        ${set('po', add(get('out'), `(i32.shl ${get('e')} (i32.const 3))`))}
        ${set('c', `(i32.shl ${get('e')} (i32.const ${o.shift}))`)}
        ${set('acc', `(f64.load ${get('po')})`)}
        ${range(k)
          .map((q) => set('acc', `(f64.add ${get('acc')} (f64.mul ${o.x(add(get(`b${q}`), get('c')))} ${get(`r${q}`)}))`))
          .join('\n        ')}
        (f64.store ${get('po')} ${get('acc')})))`,
    )})
)`;
}
