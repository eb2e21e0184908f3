// WebAssembly text of the masked-sparse IMP kernels (float32, SIMD f32x4). Activations and gradients are
// stored feature-major: a layer's [width × B] block has one row per unit, B rows of the batch padded to a
// multiple of LANES_PER_BLOCK with zeros (padded rows carry no loss gradient, so they add nothing).
// A layer's surviving weights are held by column: for output o, entries ptr[o] … ptr[o+1] − 1 of
// (idx: input unit, val: weight). The same product kernel serves the forward pass (by output) and the
// input gradient (by input, with the transposed index and the values gathered into it).

/** Batch rows one pass of the product kernel keeps in registers (8 × f32x4). */
export const LANES_PER_BLOCK = 32;

const VECS = LANES_PER_BLOCK / 4;
const range = (k: number) => Array.from({ length: k }, (_, i) => i);
const get = (n: string) => `(local.get $${n})`;
const set = (n: string, v: string) => `(local.set $${n} ${v})`;

export function sparseImpWat(): string {
  const accLocals = range(VECS)
    .map((q) => `(local $a${q} v128)`)
    .join(' ');
  return `(module
  (import "env" "memory" (memory 1))

  ;; out[o, :] = Σ_{t ∈ [ptr[o], ptr[o+1])} val[t] · in[idx[t], :] for o < nout; rows of bp floats.
  ;; Row blocks outside, outputs inside: the input's block column stays in cache across all outputs.
  (func (export "spmm") (param $ptr i32) (param $idx i32) (param $val i32) (param $nout i32) (param $in i32) (param $bp i32) (param $out i32)
    (local $stride i32) (local $rb i32) (local $o i32) (local $t i32) (local $t1 i32) (local $src i32) (local $dst i32) (local $w v128)
    ${accLocals}
    ${set('stride', '(i32.shl (local.get $bp) (i32.const 2))')}
    (block $rb_end (loop $rb_loop
      (br_if $rb_end (i32.ge_u ${get('rb')} ${get('stride')}))
      ${set('o', '(i32.const 0)')}
      (block $o_end (loop $o_loop
        (br_if $o_end (i32.ge_u ${get('o')} ${get('nout')}))
        ${range(VECS)
          .map((q) => set(`a${q}`, '(v128.const i32x4 0 0 0 0)'))
          .join(' ')}
        ${set('t', `(i32.load (i32.add ${get('ptr')} (i32.shl ${get('o')} (i32.const 2))))`)}
        ${set('t1', `(i32.load offset=4 (i32.add ${get('ptr')} (i32.shl ${get('o')} (i32.const 2))))`)}
        (block $t_end (loop $t_loop
          (br_if $t_end (i32.ge_u ${get('t')} ${get('t1')}))
          ${set('w', `(v128.load32_splat (i32.add ${get('val')} (i32.shl ${get('t')} (i32.const 2))))`)}
          ${set('src', `(i32.add (i32.add ${get('in')} (i32.mul (i32.load (i32.add ${get('idx')} (i32.shl ${get('t')} (i32.const 2)))) ${get('stride')})) ${get('rb')})`)}
          ${range(VECS)
            .map((q) => set(`a${q}`, `(f32x4.add ${get(`a${q}`)} (f32x4.mul (v128.load offset=${16 * q} ${get('src')}) ${get('w')}))`))
            .join('\n          ')}
          ${set('t', '(i32.add (local.get $t) (i32.const 1))')}
          (br $t_loop)))
        ${set('dst', `(i32.add (i32.add ${get('out')} (i32.mul ${get('o')} ${get('stride')})) ${get('rb')})`)}
        ${range(VECS)
          .map((q) => `(v128.store offset=${16 * q} ${get('dst')} ${get(`a${q}`)})`)
          .join(' ')}
        ${set('o', '(i32.add (local.get $o) (i32.const 1))')}
        (br $o_loop)))
      ${set('rb', `(i32.add ${get('rb')} (i32.const ${4 * LANES_PER_BLOCK}))`)}
      (br $rb_loop))))

  ;; grad[t] = Σ_b in[idx[t], b] · g[o, b] for every stored entry t of output o (the gradient at the
  ;; surviving weights only). Entries go in pairs that share the loads of g's row; each entry keeps four
  ;; f32x4 partial sums, added at the end.
  (func (export "sddmm") (param $ptr i32) (param $idx i32) (param $nout i32) (param $in i32) (param $g i32) (param $bp i32) (param $grad i32)
    (local $stride i32) (local $o i32) (local $t i32) (local $t1 i32) (local $src i32) (local $src1 i32) (local $gr i32) (local $e i32) (local $s v128) (local $gv v128)
    ${range(4)
      .map((q) => `(local $a${q} v128) (local $b${q} v128)`)
      .join(' ')}
    ${set('stride', '(i32.shl (local.get $bp) (i32.const 2))')}
    (block $o_end (loop $o_loop
      (br_if $o_end (i32.ge_u ${get('o')} ${get('nout')}))
      ${set('gr', `(i32.add ${get('g')} (i32.mul ${get('o')} ${get('stride')}))`)}
      ${set('t', `(i32.load (i32.add ${get('ptr')} (i32.shl ${get('o')} (i32.const 2))))`)}
      ${set('t1', `(i32.load offset=4 (i32.add ${get('ptr')} (i32.shl ${get('o')} (i32.const 2))))`)}
      (block $t_end (loop $t_loop
        (br_if $t_end (i32.ge_u ${get('t')} ${get('t1')}))
        ${set('src', `(i32.add ${get('in')} (i32.mul (i32.load (i32.add ${get('idx')} (i32.shl ${get('t')} (i32.const 2)))) ${get('stride')}))`)}
        ;; the pair's second entry (or the first again when t is the last: its sums are then dropped)
        ${set('src1', `(select (i32.add ${get('in')} (i32.mul (i32.load offset=4 (i32.add ${get('idx')} (i32.shl ${get('t')} (i32.const 2)))) ${get('stride')})) ${get('src')} (i32.lt_u (i32.add ${get('t')} (i32.const 1)) ${get('t1')}))`)}
        ${range(4)
          .map((q) => `${set(`a${q}`, '(v128.const i32x4 0 0 0 0)')} ${set(`b${q}`, '(v128.const i32x4 0 0 0 0)')}`)
          .join(' ')}
        ${set('e', '(i32.const 0)')}
        (block $e_end (loop $e_loop
          (br_if $e_end (i32.ge_u ${get('e')} ${get('stride')}))
          ${range(4)
            .map(
              (q) => `${set('gv', `(v128.load offset=${16 * q} (i32.add ${get('gr')} ${get('e')}))`)}
          ${set(`a${q}`, `(f32x4.add ${get(`a${q}`)} (f32x4.mul (v128.load offset=${16 * q} (i32.add ${get('src')} ${get('e')})) ${get('gv')}))`)}
          ${set(`b${q}`, `(f32x4.add ${get(`b${q}`)} (f32x4.mul (v128.load offset=${16 * q} (i32.add ${get('src1')} ${get('e')})) ${get('gv')}))`)}`,
            )
            .join('\n          ')}
          ${set('e', '(i32.add (local.get $e) (i32.const 64))')}
          (br $e_loop)))
        ${set('s', '(f32x4.add (f32x4.add (local.get $a0) (local.get $a1)) (f32x4.add (local.get $a2) (local.get $a3)))')}
        (f32.store (i32.add ${get('grad')} (i32.shl ${get('t')} (i32.const 2)))
          (f32.add (f32.add (f32x4.extract_lane 0 ${get('s')}) (f32x4.extract_lane 1 ${get('s')}))
                   (f32.add (f32x4.extract_lane 2 ${get('s')}) (f32x4.extract_lane 3 ${get('s')}))))
        (if (i32.lt_u (i32.add ${get('t')} (i32.const 1)) ${get('t1')}) (then
          ${set('s', '(f32x4.add (f32x4.add (local.get $b0) (local.get $b1)) (f32x4.add (local.get $b2) (local.get $b3)))')}
          (f32.store offset=4 (i32.add ${get('grad')} (i32.shl ${get('t')} (i32.const 2)))
            (f32.add (f32.add (f32x4.extract_lane 0 ${get('s')}) (f32x4.extract_lane 1 ${get('s')}))
                     (f32.add (f32x4.extract_lane 2 ${get('s')}) (f32x4.extract_lane 3 ${get('s')}))))))
        ${set('t', '(i32.add (local.get $t) (i32.const 2))')}
        (br $t_loop)))
      ${set('o', '(i32.add (local.get $o) (i32.const 1))')}
      (br $o_loop))))

  ;; a := relu(z) over len floats (len a multiple of 4); NaN gives 0
  (func (export "relu") (param $z i32) (param $a i32) (param $len i32)
    (local $e i32) (local $end i32) (local $v v128)
    ${set('end', '(i32.shl (local.get $len) (i32.const 2))')}
    (block $done (loop $l
      (br_if $done (i32.ge_u ${get('e')} ${get('end')}))
      ${set('v', `(v128.load (i32.add ${get('z')} ${get('e')}))`)}
      (v128.store (i32.add ${get('a')} ${get('e')}) (v128.and ${get('v')} (f32x4.gt ${get('v')} (v128.const i32x4 0 0 0 0))))
      ${set('e', '(i32.add (local.get $e) (i32.const 16))')}
      (br $l))))

  ;; g := g where z > 0, else 0 (the ReLU's derivative, 0 at 0 as tf.step) over len floats
  (func (export "relu_grad") (param $g i32) (param $z i32) (param $len i32)
    (local $e i32) (local $end i32)
    ${set('end', '(i32.shl (local.get $len) (i32.const 2))')}
    (block $done (loop $l
      (br_if $done (i32.ge_u ${get('e')} ${get('end')}))
      (v128.store (i32.add ${get('g')} ${get('e')})
        (v128.and (v128.load (i32.add ${get('g')} ${get('e')})) (f32x4.gt (v128.load (i32.add ${get('z')} ${get('e')})) (v128.const i32x4 0 0 0 0))))
      ${set('e', '(i32.add (local.get $e) (i32.const 16))')}
      (br $l))))
)`;
}
