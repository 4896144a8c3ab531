// Lost wake-ups behind a timeout. A wait that ends only by its timeout hides a missing wake_up():
// the sleeper carries on seconds later and nothing hangs (mempool_alloc() sleeps 5 s at most,
// "a workaround for some DM problems in 2.6.18"). When such a sleep runs out while what it waits
// for is already true and no wake-up on the queue reached the sleeper (wait_queue_t.woken), whoever
// made it true did not wake the queue: the model reports that. A timer fires only when every task
// is asleep (virtual time moves then), so the condition cannot have turned true a moment before
// the wake-up that would have followed it; one that turns true after the timer woke the sleeper
// comes with a wake-up that finds the sleeper still queued, and counts.
import { formatCallTrace } from '../../sim/findings.ts';
import { current, machine } from '../../sim/machine.ts';
import { contextName } from '../../sim/task.ts';

/**
 * Reports a sleep on `queue` that ran out its `timeout` (jiffies) although `what` held: the
 * report names the sleeping function (the innermost frame of the current task).
 */
export function lost_wakeup(queue: string, what: string, timeout: number): void {
  const m = machine();
  if (!m.debug) return;
  const t = current();
  const sleeper = t.stack[t.stack.length - 1] ?? contextName(t);
  m.report({
    kind: 'lost-wakeup',
    title: `lost wake-up in ${sleeper}`,
    report: [
      `lost wake-up: ${contextName(t)} slept in ${sleeper} on ${queue} until its timeout (${timeout} jiffies) though ${what}: whoever made it so did not wake the queue`,
      formatCallTrace(t.stack),
    ].join('\n'),
    backtraces: [{ task: contextName(t), stack: [...t.stack] }],
    step: m.steps,
    fatal: false,
  });
}
