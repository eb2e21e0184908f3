// Compiles the kernels' WebAssembly text once per process (wabt, offline, ~20 ms), for f32 and f64
// storage of X. If this Node cannot run WebAssembly SIMD, `wasmKernels` is null and the streaming
// kernel computes in TypeScript (the same numbers, bit for bit, only slower).
import { streamingWat } from './streaming-wat.js';
import { compileWat } from './wat.js';

export interface WasmKernels {
  readonly f32: WebAssembly.Module;
  readonly f64: WebAssembly.Module;
}

async function compile(): Promise<{ kernels: WasmKernels | null; why: string }> {
  try {
    return {
      kernels: { f32: await compileWat('streaming-f32.wat', streamingWat('f32')), f64: await compileWat('streaming-f64.wat', streamingWat('f64')) },
      why: '',
    };
  } catch (e) {
    return { kernels: null, why: e instanceof Error ? e.message : String(e) };
  }
}

const compiled = await compile();
/** The compiled modules, or null when WebAssembly SIMD is unavailable (see `wasmUnavailableReason`). */
export const wasmKernels: WasmKernels | null = compiled.kernels;
export const wasmUnavailableReason: string = compiled.why;
