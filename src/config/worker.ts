// The queue worker's flags (reproduce.ts worker).
import type { Field } from './fields.js';

export const WORKER_FIELDS = {
  redis: { kind: 'string', flag: 'redis', default: '', description: 'the Redis URL of the queue, e.g. redis://host:6379 (required)' },
  concurrency: {
    kind: 'int',
    flag: 'concurrency',
    min: 1,
    default: 1,
    description: 'jobs computed at once, each in a worker thread of its own (one per core is a good start)',
  },
  quiet: { kind: 'bool', flag: 'quiet', default: false, description: 'no log lines' },
} as const satisfies Record<string, Field>;
