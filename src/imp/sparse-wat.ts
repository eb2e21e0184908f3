// WebAssembly text of the masked-sparse IMP kernels (float32, SIMD f32x4). Activations and gradients are
// stored in row blocks: the batch's rows, padded with zeros to a multiple of ROWS_PER_BLOCK, are cut into
// blocks of ROWS_PER_BLOCK, and a layer of U units keeps, block after block, each unit's ROWS_PER_BLOCK
// values: value (u, row) at ((row / R)·U + u)·R + row mod R. One block of every unit is one contiguous run
// of memory, so a kernel that finishes a block before the next reads each unit's values from cache.
// Padded rows carry no loss gradient, so they add nothing.
// A layer's surviving weights are held by column: for output o, entries ptr[o] … ptr[o+1] − 1 of
// (idx: input unit, val: weight). The same product kernel serves the forward pass (by output) and the
// input gradient (by input, with the transposed index and the values gathered into it).

/** Batch rows per block (8 × f32x4: what the product kernel keeps in registers). */
export const ROWS_PER_BLOCK = 32;

const VECS = ROWS_PER_BLOCK / 4;
const BLOCK_BYTES = 4 * ROWS_PER_BLOCK;
const range = (k: number) => Array.from({ length: k }, (_, i) => i);
const get = (n: string) => `(local.get $${n})`;
const set = (n: string, v: string) => `(local.set $${n} ${v})`;
const zero = '(v128.const i32x4 0 0 0 0)';
/** byte offset of a unit's block: unit · BLOCK_BYTES */
const unitAt = (unit: string) => `(i32.shl ${unit} (i32.const ${Math.log2(BLOCK_BYTES)}))`;
const entry = (base: string, t: string) => `(i32.load (i32.add ${get(base)} (i32.shl ${get(t)} (i32.const 2))))`;

export function sparseImpWat(): string {
  const vecLocals = (p: string) =>
    range(VECS)
      .map((q) => `(local $${p}${q} v128)`)
      .join(' ');
  return `(module
  (import "env" "memory" (memory 1))

  ;; out[o, :] = Σ_{t ∈ [ptr[o], ptr[o+1])} val[t] · in[idx[t], :] for the nout output units, block by block
  ;; (nin input units, blocks rows per layer).
  (func (export "spmm") (param $ptr i32) (param $idx i32) (param $val i32) (param $nout i32) (param $in i32) (param $nin i32) (param $blocks i32) (param $out i32)
    (local $rb i32) (local $o i32) (local $t i32) (local $t1 i32) (local $src i32) (local $dst i32) (local $w v128)
    ${vecLocals('a')}
    (block $rb_end (loop $rb_loop
      (br_if $rb_end (i32.ge_u ${get('rb')} ${get('blocks')}))
      ${set('o', '(i32.const 0)')}
      (block $o_end (loop $o_loop
        (br_if $o_end (i32.ge_u ${get('o')} ${get('nout')}))
        ${range(VECS)
          .map((q) => set(`a${q}`, zero))
          .join(' ')}
        ${set('t', entry('ptr', 'o'))}
        ${set('t1', `(i32.load offset=4 (i32.add ${get('ptr')} (i32.shl ${get('o')} (i32.const 2))))`)}
        (block $t_end (loop $t_loop
          (br_if $t_end (i32.ge_u ${get('t')} ${get('t1')}))
          ${set('w', `(v128.load32_splat (i32.add ${get('val')} (i32.shl ${get('t')} (i32.const 2))))`)}
          ${set('src', `(i32.add ${get('in')} ${unitAt(entry('idx', 't'))})`)}
          ${range(VECS)
            .map((q) => set(`a${q}`, `(f32x4.add ${get(`a${q}`)} (f32x4.mul (v128.load offset=${16 * q} ${get('src')}) ${get('w')}))`))
            .join('\n          ')}
          ${set('t', '(i32.add (local.get $t) (i32.const 1))')}
          (br $t_loop)))
        ${set('dst', `(i32.add ${get('out')} ${unitAt(get('o'))})`)}
        ${range(VECS)
          .map((q) => `(v128.store offset=${16 * q} ${get('dst')} ${get(`a${q}`)})`)
          .join(' ')}
        ${set('o', '(i32.add (local.get $o) (i32.const 1))')}
        (br $o_loop)))
      ${set('in', `(i32.add ${get('in')} ${unitAt(get('nin'))})`)}
      ${set('out', `(i32.add ${get('out')} ${unitAt(get('nout'))})`)}
      ${set('rb', '(i32.add (local.get $rb) (i32.const 1))')}
      (br $rb_loop))))

  ;; grad[t] = Σ_rows in[idx[t], row] · g[o, row] for every stored entry t of output o (the gradient at the
  ;; surviving weights only). Block by block: g's block of output o stays in registers while its entries
  ;; add their block's products (a fixed tree over the block's lanes) into four partial sums acc[t]
  ;; (f32x4 scratch); grad[t] is the sum of those four at the end.
  (func (export "sddmm") (param $ptr i32) (param $idx i32) (param $nout i32) (param $in i32) (param $nin i32) (param $g i32) (param $blocks i32) (param $acc i32) (param $grad i32)
    (local $rb i32) (local $o i32) (local $t i32) (local $t1 i32) (local $src i32) (local $at i32) (local $s v128) (local $nnz i32)
    ${vecLocals('gv')}
    ${set('nnz', `(i32.load (i32.add ${get('ptr')} (i32.shl ${get('nout')} (i32.const 2))))`)}
    (memory.fill ${get('acc')} (i32.const 0) (i32.shl ${get('nnz')} (i32.const 4)))
    (block $rb_end (loop $rb_loop
      (br_if $rb_end (i32.ge_u ${get('rb')} ${get('blocks')}))
      ${set('o', '(i32.const 0)')}
      (block $o_end (loop $o_loop
        (br_if $o_end (i32.ge_u ${get('o')} ${get('nout')}))
        ${set('src', `(i32.add ${get('g')} ${unitAt(get('o'))})`)}
        ${range(VECS)
          .map((q) => set(`gv${q}`, `(v128.load offset=${16 * q} ${get('src')})`))
          .join(' ')}
        ${set('t', entry('ptr', 'o'))}
        ${set('t1', `(i32.load offset=4 (i32.add ${get('ptr')} (i32.shl ${get('o')} (i32.const 2))))`)}
        (block $t_end (loop $t_loop
          (br_if $t_end (i32.ge_u ${get('t')} ${get('t1')}))
          ${set('src', `(i32.add ${get('in')} ${unitAt(entry('idx', 't'))})`)}
          ${set('at', `(i32.add ${get('acc')} (i32.shl ${get('t')} (i32.const 4)))`)}
          ${set('s', tree(range(VECS).map((q) => `(f32x4.mul (v128.load offset=${16 * q} ${get('src')}) ${get(`gv${q}`)})`)))}
          (v128.store ${get('at')} (f32x4.add (v128.load ${get('at')}) ${get('s')}))
          ${set('t', '(i32.add (local.get $t) (i32.const 1))')}
          (br $t_loop)))
        ${set('o', '(i32.add (local.get $o) (i32.const 1))')}
        (br $o_loop)))
      ${set('in', `(i32.add ${get('in')} ${unitAt(get('nin'))})`)}
      ${set('g', `(i32.add ${get('g')} ${unitAt(get('nout'))})`)}
      ${set('rb', '(i32.add (local.get $rb) (i32.const 1))')}
      (br $rb_loop)))
    ${set('t', '(i32.const 0)')}
    (block $r_end (loop $r_loop
      (br_if $r_end (i32.ge_u ${get('t')} ${get('nnz')}))
      ${set('s', `(v128.load (i32.add ${get('acc')} (i32.shl ${get('t')} (i32.const 4))))`)}
      (f32.store (i32.add ${get('grad')} (i32.shl ${get('t')} (i32.const 2)))
        (f32.add (f32.add (f32x4.extract_lane 0 ${get('s')}) (f32x4.extract_lane 1 ${get('s')}))
                 (f32.add (f32x4.extract_lane 2 ${get('s')}) (f32x4.extract_lane 3 ${get('s')}))))
      ${set('t', '(i32.add (local.get $t) (i32.const 1))')}
      (br $r_loop))))

  ;; a := relu(z) over len floats (len a multiple of 4); NaN gives 0
  (func (export "relu") (param $z i32) (param $a i32) (param $len i32)
    (local $e i32) (local $end i32) (local $v v128)
    ${set('end', '(i32.shl (local.get $len) (i32.const 2))')}
    (block $done (loop $l
      (br_if $done (i32.ge_u ${get('e')} ${get('end')}))
      ${set('v', `(v128.load (i32.add ${get('z')} ${get('e')}))`)}
      (v128.store (i32.add ${get('a')} ${get('e')}) (v128.and ${get('v')} (f32x4.gt ${get('v')} ${zero})))
      ${set('e', '(i32.add (local.get $e) (i32.const 16))')}
      (br $l))))

  ;; g := g where z > 0, else 0 (the ReLU's derivative, 0 at 0 as tf.step) over len floats
  (func (export "relu_grad") (param $g i32) (param $z i32) (param $len i32)
    (local $e i32) (local $end i32)
    ${set('end', '(i32.shl (local.get $len) (i32.const 2))')}
    (block $done (loop $l
      (br_if $done (i32.ge_u ${get('e')} ${get('end')}))
      (v128.store (i32.add ${get('g')} ${get('e')})
        (v128.and (v128.load (i32.add ${get('g')} ${get('e')})) (f32x4.gt (v128.load (i32.add ${get('z')} ${get('e')})) ${zero})))
      ${set('e', '(i32.add (local.get $e) (i32.const 16))')}
      (br $l))))
)`;
}

/** Pairwise sum of an even number of f32x4 terms, always in the same tree. */
function tree(terms: string[]): string {
  if (terms.length === 1) return terms[0]!;
  const half = terms.length / 2;
  return `(f32x4.add ${tree(terms.slice(0, half))} ${tree(terms.slice(half))})`;
}
