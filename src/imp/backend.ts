// TensorFlow.js backend choice: tfjs-node when it loads (an optional dependency: its install script
// downloads libtensorflow, impossible offline), else the wasm backend (offline, SIMD), else cpu.
// Initialised once per thread, before any IMP run (tasks/prepare.ts); the chosen backend and its version
// go into every record, passed down to the task as a value.
import * as tf from '@tensorflow/tfjs-core';
import { ConfigError } from '../config/fields.js';
import { version_cpu } from '@tensorflow/tfjs-backend-cpu';

import type { BackendChoice } from '../config/names.js';

export interface BackendInfo {
  name: 'tensorflow' | 'wasm' | 'cpu';
  /** backend package and version, e.g. "@tensorflow/tfjs-backend-wasm@4.22.0" */
  version: string;
}

let current: BackendInfo | null = null;

async function tryTensorflow(): Promise<BackendInfo | null> {
  try {
    const name = '@tensorflow/tfjs-node';
    const mod = (await import(name)) as { version?: { 'tfjs-node'?: string } };
    if (!(await tf.setBackend('tensorflow'))) return null;
    return { name: 'tensorflow', version: `@tensorflow/tfjs-node@${mod.version?.['tfjs-node'] ?? 'unknown'}` };
  } catch {
    return null; // MODULE_NOT_FOUND, or a plain Error when its native binding is missing
  }
}

async function tryWasm(): Promise<BackendInfo | null> {
  try {
    const wasm = await import('@tensorflow/tfjs-backend-wasm');
    if (!(await tf.setBackend('wasm'))) return null;
    return { name: 'wasm', version: `@tensorflow/tfjs-backend-wasm@${wasm.version_wasm}` };
  } catch {
    return null;
  }
}

async function useCpu(): Promise<BackendInfo> {
  await import('@tensorflow/tfjs-backend-cpu');
  if (!(await tf.setBackend('cpu'))) throw new Error('the tfjs cpu backend failed to initialise');
  return { name: 'cpu', version: `@tensorflow/tfjs-backend-cpu@${version_cpu}` };
}

let pending: Promise<BackendInfo> | null = null;

/**
 * Select and initialise a backend. A forced backend that cannot load is an error naming it.
 * Concurrent calls wait for one initialisation (two overlapping tf.setBackend calls failed).
 */
export async function initBackend(choice: BackendChoice = 'auto'): Promise<BackendInfo> {
  while (pending) await pending.catch(() => undefined);
  if (current && (choice === 'auto' || choice === current.name)) return current;
  pending = initialise(choice);
  try {
    return await pending;
  } finally {
    pending = null;
  }
}

async function initialise(choice: BackendChoice): Promise<BackendInfo> {
  tf.enableProdMode();
  let info: BackendInfo | null = null;
  if (choice === 'tensorflow' || choice === 'auto') info = await tryTensorflow();
  if (!info && (choice === 'wasm' || choice === 'auto')) info = await tryWasm();
  if (!info && (choice === 'cpu' || choice === 'auto')) info = await useCpu();
  if (!info) throw new ConfigError('--backend', `--backend ${choice} could not be loaded on this machine (try --backend auto)`);
  current = info;
  return info;
}
