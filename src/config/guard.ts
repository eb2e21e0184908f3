// Flags of a run that guard it but do not change any result (so they are not part of a cell's config).
import type { ConfigOf, Field } from './fields.js';

export const GUARD_FIELDS = {
  memoryLimitGb: {
    kind: 'number',
    flag: 'memory-limit-gb',
    min: 0,
    default: 0,
    description: "refuse, before allocating, a cell predicted to need more memory than this (GiB); 0 = this machine's memory",
  },
} as const satisfies Record<string, Field>;

export type GuardConfig = ConfigOf<typeof GUARD_FIELDS>;

export const memoryLimitBytes = (g: GuardConfig): number => g.memoryLimitGb * 2 ** 30;
