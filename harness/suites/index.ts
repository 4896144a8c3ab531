// Every stress suite, by name: the fixed suites, then the generated programs of the corpus
// (harness/fuzz), in a fixed order. A patch runs the fixed suites that reach what it touches and
// a budget of generated programs aimed at the same functions.
import { generatedSuites, isGenerated } from '../fuzz/corpus-suites.ts';
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
  ...generatedSuites(),
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

/** Generated programs a patch runs beside the fixed suites, at most. */
export const GENERATED_BUDGET = 3;

/**
 * The suites of `world` ("v3.2", "v3.15"; null: any) for a patch touching the given kernel
 * functions: every fixed suite whose runs reach any of them, then up to GENERATED_BUDGET
 * generated programs aimed at them: first those reaching touched functions nothing chosen yet
 * reaches, then those reaching the most touched functions (corpus order breaks ties). The world
 * matters: both define generic_make_request.
 */
export function suitesFor(functions: readonly string[], world: string | null): Suite[] {
  const wanted = new Set(functions);
  const touched = (s: Suite): string[] => reachOf(s).filter((f) => wanted.has(f));
  const candidates = suites.filter((s) => (world === null || worldOf(s) === world) && touched(s).length > 0);
  const fixed = candidates.filter((s) => !isGenerated(s));
  const covered = new Set(fixed.flatMap(touched));
  const left = candidates.filter(isGenerated);
  const aimed: Suite[] = [];
  while (aimed.length < GENERATED_BUDGET && left.length > 0) {
    const score = (s: Suite): [number, number] => [touched(s).filter((f) => !covered.has(f)).length, touched(s).length];
    let best = 0;
    for (let i = 1; i < left.length; i++) {
      const [fresh, hits] = score(left[i]);
      const [bestFresh, bestHits] = score(left[best]);
      if (fresh > bestFresh || (fresh === bestFresh && hits > bestHits)) best = i;
    }
    const [pick] = left.splice(best, 1);
    for (const f of touched(pick)) covered.add(f);
    aimed.push(pick);
  }
  return [...fixed, ...suites.filter((s) => aimed.includes(s))];
}
