// Closed form of E[(1/n)·AᵀA] under Gaussian data x ~ N(0, I_d): block (i, j) is
// E[1{x·h_i > 0}·1{x·h_j > 0}·x xᵀ], a function of the angle θ between h_i and h_j only.
//
// Derivation (ours; the same computation underlies the degree-1 arc-cosine kernel of Cho & Saul,
// 2009). Let u = h_i/‖h_i‖, e2 = (v − cos θ·u)/sin θ with v = h_j/‖h_j‖, P the projection on span{u, e2}
// and P⊥ = I − P. Write x = x_P + x_⊥; the two parts are independent and the gates depend on x_P only.
//  * Off the plane: E[1·1·x_⊥x_⊥ᵀ] = P(both gates on)·P⊥ = ((π − θ)/(2π))·P⊥; cross terms vanish (E x_⊥ = 0).
//  * In the plane: x_P = r(cos φ·u + sin φ·e2), r² ~ χ²₂ (E r² = 2) independent of φ ~ U[0, 2π).
//    u·x > 0 ⟺ φ ∈ (−π/2, π/2) and v·x > 0 ⟺ φ ∈ (θ − π/2, θ + π/2): both ⟺ φ ∈ (θ − π/2, π/2).
//    E[1·1·x_P x_Pᵀ] = (2/2π)·∫ [cos²φ, cos φ sin φ; ·, sin²φ] dφ over that interval, which gives, in the
//    basis (u, e2):  (1/π)·[(π−θ)/2 + sin 2θ/4,  sin²θ/2;  sin²θ/2,  (π−θ)/2 − sin 2θ/4].
//  Checks: θ = 0 gives ½·I (one gate, by symmetry); θ = π gives 0 (the gates never agree).
import { dot } from '../linalg/vec.js';

/** d×d row-major block E[1{x·a > 0}·1{x·b > 0}·x xᵀ] for nonzero a, b (zero a or b gives 0: strict gates). */
export function expectedGramBlock(a: ArrayLike<number>, b: ArrayLike<number>): Float64Array {
  const d = a.length;
  const out = new Float64Array(d * d);
  const na = Math.sqrt(dot(a, a));
  const nb = Math.sqrt(dot(b, b));
  if (na === 0 || nb === 0) return out;
  const u = Float64Array.from({ length: d }, (_, i) => a[i]! / na);
  const v = Float64Array.from({ length: d }, (_, i) => b[i]! / nb);
  const cos = Math.max(-1, Math.min(1, dot(u, v)));
  const theta = Math.acos(cos);
  const e2 = Float64Array.from({ length: d }, (_, i) => v[i]! - cos * u[i]!);
  const ne2 = Math.sqrt(dot(e2, e2));
  const planar = ne2 > 1e-12;
  if (planar) for (let i = 0; i < d; i++) e2[i]! /= ne2;
  else e2.fill(0); // θ ∈ {0, π}: the plane degenerates to the line through u
  const off = (Math.PI - theta) / (2 * Math.PI);
  const s2 = Math.sin(2 * theta);
  const m11 = ((Math.PI - theta) / 2 + s2 / 4) / Math.PI;
  const m22 = ((Math.PI - theta) / 2 - s2 / 4) / Math.PI;
  const m12 = Math.sin(theta) ** 2 / 2 / Math.PI;
  for (let p = 0; p < d; p++) {
    for (let q = 0; q < d; q++) {
      const proj = u[p]! * u[q]! + e2[p]! * e2[q]!;
      const planarPart = m11 * u[p]! * u[q]! + m12 * (u[p]! * e2[q]! + e2[p]! * u[q]!) + m22 * e2[p]! * e2[q]!;
      out[p * d + q] = off * ((p === q ? 1 : 0) - proj) + (planar ? planarPart : m11 * u[p]! * u[q]!);
    }
  }
  return out;
}

/**
 * E[(1/n)·A_Sᵀ A_S] for columns S of a lifted operator whose block j has generator gens[j]
 * (column c = block ⌊c/d⌋, coordinate c mod d).
 */
export function expectedRestrictedGram(gens: ReadonlyArray<ArrayLike<number>>, d: number, S: ArrayLike<number>): Float64Array {
  const k = S.length;
  const out = new Float64Array(k * k);
  const cache = new Map<string, Float64Array>();
  for (let a = 0; a < k; a++) {
    for (let b = 0; b < k; b++) {
      const i = Math.floor(S[a]! / d);
      const j = Math.floor(S[b]! / d);
      const key = `${i},${j}`;
      let block = cache.get(key);
      if (!block) {
        block = expectedGramBlock(gens[i]!, gens[j]!);
        cache.set(key, block);
      }
      out[a * k + b] = block[(S[a]! % d) * d + (S[b]! % d)]!;
    }
  }
  return out;
}

/** Angle between two nonzero vectors, in [0, π]. */
export function angle(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const c = dot(a, b) / Math.sqrt(dot(a, a) * dot(b, b));
  return Math.acos(Math.max(-1, Math.min(1, c)));
}
