// What each suite reaches, measured: the functions of its base's world that its runs call. A patch
// selects the suites that reach what it touches, so the selection follows the model and the
// workloads as they are, not a list someone wrote down (a hand list named RAID1 functions that
// no suite ran, and missed cfq_cic_link, which every v3.2 suite runs).
//
// Measuring takes a few seconds per suite, so the result is kept in reach-table.ts, written by
// `npm run reach`; a test measures again and fails when the table is stale.
import { traceCalls } from '../../kernel-model/sim/hooks.ts';
import { runSeeds } from '../explore/runner.ts';
import type { Suite } from './suite.ts';

/** Schedules measured per suite: enough that fault-plan paths (failed allocations) show up. */
export const REACH_SCHEDULES = 60;

/** The world a suite's runs use ("v3.2"). */
export function worldOf(suite: Suite): string {
  return `v${suite.kernel}`;
}

/** The functions of the suite's world its baseline runs call, sorted. */
export function measureReach(suite: Suite, schedules = REACH_SCHEDULES): string[] {
  const reached = new Set<string>();
  const restore = traceCalls(worldOf(suite), (name) => reached.add(name));
  try {
    runSeeds(suite, { seed: 1, count: schedules, patch: null });
  } finally {
    restore();
  }
  return [...reached].sort();
}
