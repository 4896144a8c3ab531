// rt_mutex with the priority-inheritance blocking state. The model's scheduler has no
// priorities, so boosting is not modeled; what matters here is tsk->pi_blocked_on, which makes
// sched_submit_work() return early for a task blocked on an rt_mutex (v3.15).

import { kernel_primitives } from '../../sim/hooks.ts';
import { current, machine } from '../../sim/machine.ts';
import { type KGen, type task_struct, TASK_RUNNING, TASK_UNINTERRUPTIBLE } from '../../sim/task.ts';
import { __set_current_state, core, might_sleep, set_current_state, wake_up_process } from '../sched/core.ts';
import { lock_acquire, lock_release, lockdep_init_map } from './lockdep.ts';
import { owner_lock } from './owner-lock.ts';

export class rt_mutex extends owner_lock {
  protected readonly kind = 'rt_mutex';
  readonly wait_list: task_struct[] = [];
}

/** rt_mutex_init(&lock) in place; one argument: a new rt_mutex whose class is `name`. */
export function rt_mutex_init(lock: rt_mutex, name: string): void;
export function rt_mutex_init(name: string): rt_mutex;
export function rt_mutex_init(a: rt_mutex | string, name?: string): rt_mutex | void {
  if (typeof a === 'string') return new rt_mutex(a);
  a.dep_map = lockdep_init_map(name ?? '(unnamed)');
  a.owner = null;
}

/** An rt_mutex embedded in a zeroed struct, before rt_mutex_init(). */
export function rt_mutex_zeroed(): rt_mutex {
  return new rt_mutex('(uninitialised rt_mutex)');
}

/** @port kernel/locking/rtmutex.c v3.15 simplified - no priority boosting; FIFO waiters */
function* rt_mutex_lock(lock: rt_mutex): KGen {
  might_sleep('kernel/locking/rtmutex.c');
  if (machine().debug) lock_acquire(lock.dep_map, 0, false, 'rt_mutex_lock');
  yield;
  const tsk = current();
  if (lock.owner === null) {
    lock.owner = tsk;
    return;
  }
  lock.wait_list.push(tsk);
  tsk.pi_blocked_on = lock;
  tsk.stack.push('rt_mutex_lock');
  for (;;) {
    if (lock.owner === null && lock.wait_list[0] === tsk) break;
    set_current_state(TASK_UNINTERRUPTIBLE);
    tsk.waitingOn = lock;
    yield* core.schedule();
  }
  tsk.stack.pop();
  lock.wait_list.shift();
  tsk.pi_blocked_on = null;
  lock.owner = tsk;
  __set_current_state(TASK_RUNNING);
}

/** @port kernel/locking/rtmutex.c v3.15 simplified - no priority de-boosting */
function* rt_mutex_unlock(lock: rt_mutex): KGen {
  if (machine().debug) lock_release(lock.dep_map);
  lock.owner = null;
  if (lock.wait_list.length > 0) wake_up_process(lock.wait_list[0]);
  yield;
}

export const rtmutex = kernel_primitives('kernel/locking/rtmutex.c', { rt_mutex_lock, rt_mutex_unlock });
