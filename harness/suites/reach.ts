// What each suite reaches, measured: the functions of its base's world that its runs call. A patch
// selects the suites that reach what it touches, so the selection follows the model and the
// workloads as they are, not a list someone wrote down (a hand list named RAID1 functions that
// no suite ran, and missed cfq_cic_link, which every v3.2 suite runs).
//
// Measuring takes a few seconds per suite, so the result is kept in reach-table.ts, written by
// `npm run reach`; a test measures again and fails when the table is stale.
import { branchHits, clearBranchHits } from '../../kernel-model/sim/branches.ts';
import { traceCalls } from '../../kernel-model/sim/hooks.ts';
import { runSeeds } from '../explore/runner.ts';
import type { Suite } from './suite.ts';

/** Schedules measured per suite: enough that fault-plan paths (failed allocations) show up. */
export const REACH_SCHEDULES = 60;

/** The world a suite's runs use ("v3.2"). */
export function worldOf(suite: Suite): string {
  return `v${suite.kernel}`;
}

/** What a suite's baseline runs reach in its world. */
export interface SuiteReach {
  /** The functions they call, sorted. */
  functions: string[];
  /** The branch probes they hit, per translated function with any (hex masks, sim/branches.ts). */
  branches: Record<string, string>;
}

/** The functions of the suite's world its baseline runs call, and the branches they take. */
export function measureReach(suite: Suite, schedules = REACH_SCHEDULES): SuiteReach {
  const world = worldOf(suite);
  const reached = new Set<string>();
  clearBranchHits(world);
  const restore = traceCalls(world, (name) => reached.add(name));
  try {
    runSeeds(suite, { seed: 1, count: schedules, patch: null });
  } finally {
    restore();
  }
  const hits = branchHits(world);
  return { functions: [...reached].sort(), branches: Object.fromEntries([...hits].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) };
}

/** A suite's branch masks as reach-table.ts keeps them: "function:hexmask" separated by spaces. */
export function encodeBranches(branches: Readonly<Record<string, string>>): string {
  return Object.entries(branches)
    .map(([fn, mask]) => `${fn}:${mask}`)
    .join(' ');
}

export function decodeBranches(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const item of text.split(' ')) {
    if (item === '') continue;
    const at = item.lastIndexOf(':');
    out[item.slice(0, at)] = item.slice(at + 1);
  }
  return out;
}
