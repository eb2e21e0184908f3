// Compiles the kernels' WebAssembly text once per process (wabt, offline, ~20 ms), for f32 and f64
// storage of X. If this Node cannot run WebAssembly SIMD, `wasmKernels` is null and the streaming
// kernel computes in TypeScript (the same numbers, bit for bit, only slower).
import initWabt from 'wabt';
import { streamingWat, type Element } from './streaming-wat.js';

export interface WasmKernels {
  readonly f32: WebAssembly.Module;
  readonly f64: WebAssembly.Module;
}

async function compile(): Promise<{ kernels: WasmKernels | null; why: string }> {
  try {
    const wabt = await initWabt();
    const build = (el: Element) => {
      const parsed = wabt.parseWat(`streaming-${el}.wat`, streamingWat(el), { simd: true });
      try {
        parsed.resolveNames();
        parsed.validate();
        return new WebAssembly.Module(Uint8Array.from(parsed.toBinary({}).buffer));
      } finally {
        parsed.destroy();
      }
    };
    return { kernels: { f32: build('f32'), f64: build('f64') }, why: '' };
  } catch (e) {
    return { kernels: null, why: e instanceof Error ? e.message : String(e) };
  }
}

const compiled = await compile();
/** The compiled modules, or null when WebAssembly SIMD is unavailable (see `wasmUnavailableReason`). */
export const wasmKernels: WasmKernels | null = compiled.kernels;
export const wasmUnavailableReason: string = compiled.why;
