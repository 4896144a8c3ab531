// Every stress suite, by name. Suites register here in a fixed order.
import type { Suite } from './suite.ts';
import { cgroupChurn, cgroupChurnStats } from './cgroup-churn.ts';
import { kvmCgroupSwap } from './kvm-cgroup-swap.ts';
import { throttleLimits } from './throttle-limits.ts';
import { dmSnapshotSplit, dmSnapshotSplitKmalloc, dmSnapshotSplitRt } from './dm-snapshot-split.ts';
import { biosetReserveExhaustion, biosetReserveExhaustionKmalloc } from './bioset-reserve.ts';
import { raid1Mirror } from './raid1-mirror.ts';
import { REACH } from './reach-table.ts';
import { worldOf } from './reach.ts';

const suites: Suite[] = [
  kvmCgroupSwap,
  cgroupChurn,
  throttleLimits,
  cgroupChurnStats,
  dmSnapshotSplit,
  dmSnapshotSplitKmalloc,
  dmSnapshotSplitRt,
  biosetReserveExhaustion,
  biosetReserveExhaustionKmalloc,
  raid1Mirror,
];

export function allSuites(): readonly Suite[] {
  return suites;
}

export function findSuite(name: string): Suite | undefined {
  return suites.find((s) => s.name === name);
}

/** The functions of its world a suite reaches (measured: reach.ts). */
export function reachOf(suite: Suite): readonly string[] {
  return REACH[suite.name] ?? [];
}

/**
 * The suites of `world` ("v3.2", "v3.15"; null: any) whose runs reach any of the given kernel
 * functions. The world matters: both define generic_make_request.
 */
export function suitesFor(functions: readonly string[], world: string | null): Suite[] {
  const wanted = new Set(functions);
  return suites.filter((s) => (world === null || worldOf(s) === world) && reachOf(s).some((f) => wanted.has(f)));
}
