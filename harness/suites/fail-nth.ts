// Systematic fault injection around one step of a workload, as syzkaller does it around a
// syscall: write N to /proc/thread-self/fail-nth, make the call, write 0. The N comes from the
// run's fault plan (failslab's failNth), so a suite's schedules walk the step's allocations one
// by one: with N drawn from 1..K, each of the first K injectable calls of the step fails in
// about one run in K, and the step's error path for it runs.

import { current, machine } from '../../kernel-model/sim/machine.ts';
import type { KGen } from '../../kernel-model/sim/task.ts';

/** Runs `step` with the current task's fail-nth armed with the plan's N, and disarms it after. */
export function* withFailNth<T>(step: KGen<T>): KGen<T> {
  const task = current();
  task.fail_nth = machine().plan.failslab.failNth;
  const r = yield* step;
  task.fail_nth = 0;
  return r;
}
