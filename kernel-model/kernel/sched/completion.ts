// Completions (kernel/sched.c, v3.2): a count of `done` events and a wait queue protected by
// its own spinlock, which lockdep sees (class "&x->wait", shared by every completion).

import { current } from '../../sim/machine.ts';
import { type KGen, type WaitTarget, type task_struct, TASK_UNINTERRUPTIBLE } from '../../sim/task.ts';
import { kernel_functions } from '../../sim/hooks.ts';
import { spin_lock_init, spinlock, type spinlock_t } from '../locking/spinlock.ts';
import { core, might_sleep, try_to_wake_up, TASK_NORMAL } from './core.ts';

export class completion implements WaitTarget {
  done = 0;
  readonly waiters: task_struct[] = [];
  readonly lock: spinlock_t = spin_lock_init('&x->wait');
  /** What will complete it, when the code that set it up knows (a bio, a work item). */
  waitsFor: WaitTarget | task_struct | null = null;
  constructor(public name: string) {}
  describe(): string {
    return `completion ${this.name}`;
  }
  *blockers(): Iterable<task_struct | WaitTarget> {
    if (this.waitsFor !== null) yield this.waitsFor;
  }
}

/** DECLARE_COMPLETION(name) / DECLARE_COMPLETION_ONSTACK(name): a new completion. */
export function DECLARE_COMPLETION(name: string): completion {
  return new completion(name);
}

/** A completion embedded in a zeroed struct, before init_completion(). */
export function completion_zeroed(): completion {
  return new completion('(uninitialised completion)');
}

/** init_completion(&x) in place (`name`: the argument's C text); one argument: a new completion. */
export function init_completion(x: completion, name: string): void;
export function init_completion(name: string): completion;
export function init_completion(a: completion | string, name?: string): completion | void {
  if (typeof a === 'string') return new completion(a);
  a.done = 0;
  a.waiters.length = 0;
  a.name = name ?? a.name;
}

/** @port kernel/sched.c v3.2 ported */
function* wait_for_completion(x: completion): KGen {
  might_sleep('kernel/sched.c');
  yield* spinlock.spin_lock_irq(x.lock);
  if (!x.done) {
    const tsk = current();
    x.waiters.push(tsk);
    do {
      tsk.state = TASK_UNINTERRUPTIBLE;
      tsk.waitingOn = x;
      yield* spinlock.spin_unlock_irq(x.lock);
      yield* core.schedule();
      yield* spinlock.spin_lock_irq(x.lock);
    } while (!x.done);
    x.waiters.splice(x.waiters.indexOf(tsk), 1);
  }
  x.done--;
  yield* spinlock.spin_unlock_irq(x.lock);
}

/** @port kernel/sched.c v3.2 ported - with __wake_up_common's exclusive-wake rule */
function* complete(x: completion): KGen {
  const flags = yield* spinlock.spin_lock_irqsave(x.lock);
  x.done++;
  /*
   * __wake_up_common(&x->wait, TASK_NORMAL, 1, 0, NULL): the first exclusive waiter that the
   * wake-up actually wakes. One already woken (its earlier complete() not yet consumed) does not
   * count, so a second complete() wakes the next waiter instead of nobody.
   */
  for (const w of x.waiters) if (try_to_wake_up(w, TASK_NORMAL)) break;
  yield* spinlock.spin_unlock_irqrestore(x.lock, flags);
}

/** @port kernel/sched.c v3.2 ported */
function* complete_all(x: completion): KGen {
  const flags = yield* spinlock.spin_lock_irqsave(x.lock);
  x.done += 0x3fffffff;
  for (const w of x.waiters) try_to_wake_up(w, TASK_NORMAL);
  yield* spinlock.spin_unlock_irqrestore(x.lock, flags);
}

export const completions = kernel_functions('kernel/sched.c', { wait_for_completion, complete, complete_all });
