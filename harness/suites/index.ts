// Every stress suite, by name. Suites register here in a fixed order.
import type { Suite } from './suite.ts';
import { cgroupChurn } from './cgroup-churn.ts';
import { kvmCgroupSwap } from './kvm-cgroup-swap.ts';
import { throttleLimits } from './throttle-limits.ts';
import { dmSnapshotSplit, dmSnapshotSplitKmalloc, dmSnapshotSplitRt } from './dm-snapshot-split.ts';
import { biosetReserveExhaustion, biosetReserveExhaustionKmalloc } from './bioset-reserve.ts';

const suites: Suite[] = [
  kvmCgroupSwap,
  cgroupChurn,
  throttleLimits,
  dmSnapshotSplit,
  dmSnapshotSplitKmalloc,
  dmSnapshotSplitRt,
  biosetReserveExhaustion,
  biosetReserveExhaustionKmalloc,
];

export function allSuites(): readonly Suite[] {
  return suites;
}

export function findSuite(name: string): Suite | undefined {
  return suites.find((s) => s.name === name);
}

/** The suites that exercise any of the given kernel functions. */
export function suitesFor(functions: readonly string[]): Suite[] {
  const wanted = new Set(functions);
  return suites.filter((s) => s.exercises.some((f) => wanted.has(f)));
}
