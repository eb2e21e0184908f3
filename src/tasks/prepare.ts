// The one asynchronous step before a cell runs: what its method needs from the process (IMP: a
// TensorFlow.js backend, initialised once per thread). The result goes to runCell as a value, so no task
// reads a backend from a module-level register.
import type { CellConfig } from '../config/cell-config.js';
import { initBackend } from '../imp/backend.js';
import type { TaskHooks } from './outcome.js';

export async function prepareCell(cfg: Pick<CellConfig, 'method' | 'backend'>): Promise<Pick<TaskHooks, 'backend'>> {
  return cfg.method === 'imp' ? { backend: await initBackend(cfg.backend) } : {};
}
