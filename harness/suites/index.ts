// Every stress suite, by name: the fixed suites, then the generated programs of the corpus
// (harness/fuzz), in a fixed order. A patch runs the fixed suites that reach what it touches and
// a budget of generated programs aimed at the same functions.
import { generatedSuites, isGenerated } from '../fuzz/corpus-suites.ts';
import type { Suite } from './suite.ts';
import { cgroupChurn, cgroupChurnStats } from './cgroup-churn.ts';
import { kvmCgroupSwap } from './kvm-cgroup-swap.ts';
import { throttleLimits } from './throttle-limits.ts';
import { blkioFiles } from './blkio-files.ts';
import { blkioRuleDelete } from './blkio-rule-delete.ts';
import { diskUnplug } from './disk-unplug.ts';
import { dmSnapshotSplit, dmSnapshotSplitKmalloc, dmSnapshotSplitRt } from './dm-snapshot-split.ts';
import { biosetReserveExhaustion, biosetReserveExhaustionKmalloc, biosetReserveExhaustionSwap } from './bioset-reserve.ts';
import { raid1Mirror } from './raid1-mirror.ts';
import { swapUnderStack } from './swap-under-stack.ts';
import { raid1ReadErrors } from './raid1-read-errors.ts';
import { raid1FreezePlugged } from './raid1-freeze-plugged.ts';
import { mdSyncThreadNomem } from './md-sync-thread-nomem.ts';
import { dmSnapshotIoErrors } from './dm-snapshot-io-errors.ts';
import { raid1CheckErrors } from './raid1-check-errors.ts';
import { raid1SuspendRange } from './raid1-suspend-range.ts';
import { raid1BadBlocks } from './raid1-bad-blocks.ts';
import { rqDiskTimeouts } from './rq-disk-timeouts.ts';
import { snapshotCopyPressure } from './snapshot-copy-pressure.ts';
import { snapshotCopySwap } from './snapshot-copy-swap.ts';
import { dmShrink } from './dm-shrink.ts';
import { mdLinear } from './md-linear.ts';
import { rqDiskReclaim } from './rq-disk-reclaim.ts';
import { setupNomem } from './setup-nomem.ts';
import { eventMonitors } from './event-monitors.ts';
import { cfqIoprioTunables } from './cfq-ioprio-tunables.ts';
import { cfqSharedIoContext } from './cfq-shared-io-context.ts';
import { diskAddNomem } from './disk-add-nomem.ts';
import { requestListFull } from './request-list-full.ts';
import { elevatorSwitch } from './elevator-switch.ts';
import { dmExtents } from './dm-extents.ts';
import { mdOpenRace } from './md-open-race.ts';
import { ioNomem } from './io-nomem.ts';
import { dmIoctlRace } from './dm-ioctl-race.ts';
import { rqElevatorSwitch } from './rq-elevator-switch.ts';
import { rqDiskPartitions } from './rq-disk-partitions.ts';
import { mdSharedDisks } from './md-shared-disks.ts';
import { rqDiskUnplug } from './rq-disk-unplug.ts';
import { dmReloadNomem } from './dm-reload-nomem.ts';
import { REACH, REACH_BRANCHES } from './reach-table.ts';
import { decodeBranches, worldOf } from './reach.ts';
import { freshProbes, orMasks } from '../../kernel-model/sim/branches.ts';

const suites: Suite[] = [
  kvmCgroupSwap,
  cgroupChurn,
  throttleLimits,
  cgroupChurnStats,
  blkioFiles,
  blkioRuleDelete,
  diskUnplug,
  dmSnapshotSplit,
  dmSnapshotSplitKmalloc,
  dmSnapshotSplitRt,
  biosetReserveExhaustion,
  biosetReserveExhaustionKmalloc,
  biosetReserveExhaustionSwap,
  raid1Mirror,
  swapUnderStack,
  raid1ReadErrors,
  raid1FreezePlugged,
  mdSyncThreadNomem,
  dmSnapshotIoErrors,
  raid1CheckErrors,
  raid1SuspendRange,
  rqDiskTimeouts,
  snapshotCopyPressure,
  snapshotCopySwap,
  dmShrink,
  mdLinear,
  rqDiskReclaim,
  setupNomem,
  eventMonitors,
  cfqIoprioTunables,
  cfqSharedIoContext,
  diskAddNomem,
  requestListFull,
  elevatorSwitch,
  dmExtents,
  mdOpenRace,
  ioNomem,
  dmIoctlRace,
  rqElevatorSwitch,
  rqDiskUnplug,
  dmReloadNomem,
  rqDiskPartitions,
  mdSharedDisks,
  raid1BadBlocks,
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

const decodedBranches = new Map<string, Readonly<Record<string, string>>>();

/** The branch probes a suite's runs hit, per translated function (measured: reach.ts). */
export function branchesOf(suite: Suite): Readonly<Record<string, string>> {
  let b = decodedBranches.get(suite.name);
  if (b === undefined) {
    b = decodeBranches(REACH_BRANCHES[suite.name] ?? '');
    decodedBranches.set(suite.name, b);
  }
  return b;
}

/** Generated programs a patch runs beside the fixed suites, at most. */
export const GENERATED_BUDGET = 3;

/**
 * The suites of `world` ("v3.2", "v3.15"; null: any) for a patch touching the given kernel
 * functions: every fixed suite whose runs reach any of them, then up to GENERATED_BUDGET
 * generated programs aimed at them, greedily: first those reaching touched functions nothing
 * chosen yet reaches, then those taking the most arms of the touched functions' conditions that
 * no program chosen takes (another path through them: a rule rewritten rather than added), then
 * those reaching the most touched functions (corpus order breaks ties). The world matters: both define
 * generic_make_request.
 */
export function suitesFor(functions: readonly string[], world: string | null): Suite[] {
  const wanted = new Set(functions);
  const touched = (s: Suite): string[] => reachOf(s).filter((f) => wanted.has(f));
  const candidates = suites.filter((s) => (world === null || worldOf(s) === world) && touched(s).length > 0);
  const fixed = candidates.filter((s) => !isGenerated(s));
  const covered = new Set(fixed.flatMap(touched));
  // Arms the chosen programs take. The fixed suites' arms do not count: a suite may take an arm
  // in a few of its runs only (throttle-limits deletes an existing rule now and then), too few
  // for a verdict to rest on; the programs are aimed to take every arm between them.
  const coveredArms = new Map<string, string>();
  const choose = (s: Suite): void => {
    for (const f of touched(s)) {
      covered.add(f);
      const arms = branchesOf(s)[f];
      if (arms !== undefined) coveredArms.set(f, orMasks(coveredArms.get(f), arms));
    }
  };
  const left = candidates.filter(isGenerated);
  const aimed: Suite[] = [];
  const score = (s: Suite): number[] => {
    const fns = touched(s);
    const freshArms = fns.reduce((n, f) => {
      const arms = branchesOf(s)[f];
      return arms === undefined ? n : n + freshProbes(arms, coveredArms.get(f));
    }, 0);
    return [fns.filter((f) => !covered.has(f)).length, freshArms, fns.length];
  };
  const better = (a: number[], b: number[]): boolean => {
    for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] > b[i];
    return false;
  };
  while (aimed.length < GENERATED_BUDGET && left.length > 0) {
    let best = 0;
    let bestScore = score(left[0]);
    for (let i = 1; i < left.length; i++) {
      const sc = score(left[i]);
      if (better(sc, bestScore)) {
        best = i;
        bestScore = sc;
      }
    }
    const [pick] = left.splice(best, 1);
    choose(pick);
    aimed.push(pick);
  }
  return [...fixed, ...suites.filter((s) => aimed.includes(s))];
}
