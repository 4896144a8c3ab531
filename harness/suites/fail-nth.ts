// Systematic fault injection around one step of a workload, as syzkaller does it around a
// syscall: write N to /proc/thread-self/fail-nth, make the call, write 0. The N comes from the
// run's fault plan (failslab's failNth), so a suite's schedules walk the step's allocations one
// by one: with N drawn from 1..K, each of the first K injectable calls of the step fails in
// about one run in K, and the step's error path for it runs.

import { type FaultPlan, defaultPlan, failslabAt } from '../../kernel-model/sim/faults.ts';
import { current, machine } from '../../kernel-model/sim/machine.ts';
import { Prng } from '../../kernel-model/sim/prng.ts';
import type { KGen } from '../../kernel-model/sim/task.ts';

/** Runs `step` with the current task's fail-nth armed with the plan's N, and disarms it after. */
export function* withFailNth<T>(step: KGen<T>): KGen<T> {
  const task = current();
  task.fail_nth = machine().plan.failslab.failNth;
  const r = yield* step;
  task.fail_nth = 0;
  return r;
}

/**
 * The plan of a suite that arms fail-nth around its steps: N drawn from 1..`span` (the most
 * injectable calls one step makes at those `sites`, slab allocations, and `pageSites`, page
 * allocations, and a margin: an N past them fails nothing), memory short in a third of the runs.
 */
export function failNthPlan(seed: number, sites: string[], span: number, pageSites: string[] = []): FaultPlan {
  const rng = new Prng(seed);
  const p = defaultPlan();
  p.memory = (['none', 'none', 'low'] as const)[rng.below(3)];
  p.failslab = { ...failslabAt(sites, 0), failNth: 1 + rng.below(span) };
  p.pageSites = pageSites;
  return p;
}
