// The soft-lockup watchdog (kernel/watchdog.c): a CPU that runs kernel code for more than
// 2 * watchdog_thresh seconds without scheduling is reported. In the model a task runs alone
// between two yields, so a loop that never yields (a walk of a list corrupted into a cycle)
// would never give the machine back: walks count their steps here, and a walk that takes far
// more steps than any list of the model could hold is the soft lockup the kernel would report.

import { dumpStackHeader, formatCallTrace } from '../sim/findings.ts';
import { KernelPanic, type Machine, current, machine } from '../sim/machine.ts';
import { contextName } from '../sim/task.ts';
import { held_locks_text } from './locking/lockdep.ts';

/** Steps of one walk without a yield in between that stand for the 20 s threshold. */
export const SOFT_LOCKUP_STEPS = 100_000;

let owner: Machine | null = null;
let step = -1;
let count = 0;

/** Counts one step of a kernel loop; reports a soft lockup past the threshold. */
export function soft_lockup_guard(): void {
  const m = machine();
  if (m !== owner || m.steps !== step) {
    owner = m;
    step = m.steps;
    count = 0;
  }
  if (++count > SOFT_LOCKUP_STEPS) watchdog_soft_lockup(m);
}

/**
 * The watchdog's report: "BUG: soft lockup - CPU#N stuck for 22s! [comm:pid]", then the task's
 * trace. The run ends (softlockup_panic).
 * @port kernel/watchdog.c v3.2 model - the report of watchdog_timer_fn()
 */
function watchdog_soft_lockup(m: Machine): never {
  const t = current();
  const stack = t.stack;
  const fn = stack.length > 0 ? stack[stack.length - 1] : '(unknown)';
  m.report({
    kind: 'bug',
    title: `BUG: soft lockup in ${fn}`,
    report: [
      `BUG: soft lockup - CPU#${Math.max(t.cpu, 0)} stuck for 22s! [${t.comm}:${t.pid}]`,
      dumpStackHeader(m.base, t),
      `RIP: ${fn}`,
      formatCallTrace(stack),
      held_locks_text(t),
    ].join('\n'),
    backtraces: [{ task: contextName(t), stack: [...stack] }],
    step: m.steps,
    fatal: true,
  });
  throw new KernelPanic('soft lockup');
}
