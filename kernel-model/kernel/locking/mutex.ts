// Mutexes as in kernel/mutex.c (v3.2): a sleeping lock with a FIFO wait list; unlock wakes the
// first waiter, which then competes for the lock again (no hand-off, as at this version).

import { kernel_primitives } from '../../sim/hooks.ts';
import { current, machine } from '../../sim/machine.ts';
import { type KGen, type task_struct, TASK_RUNNING, TASK_UNINTERRUPTIBLE } from '../../sim/task.ts';
import { __set_current_state, core, might_sleep, set_current_state, wake_up_process } from '../sched/core.ts';
import { lock_acquire, lock_release, lockdep_init_map } from './lockdep.ts';
import { owner_lock } from './owner-lock.ts';

export class mutex extends owner_lock {
  protected readonly kind = 'mutex';
  readonly wait_list: task_struct[] = [];
}

/** DEFINE_MUTEX(name): a new mutex whose lockdep class is `name`. */
export function DEFINE_MUTEX(name: string): mutex {
  return new mutex(name);
}

/** A mutex embedded in a zeroed struct, before mutex_init(). */
export function mutex_zeroed(): mutex {
  return new mutex('(uninitialised mutex)');
}

/** mutex_init(&lock) in place (`name`: the argument's C text, the class); one argument: a new mutex. */
export function mutex_init(lock: mutex, name: string): void;
export function mutex_init(name: string): mutex;
export function mutex_init(a: mutex | string, name?: string): mutex | void {
  if (typeof a === 'string') return new mutex(a);
  a.dep_map = lockdep_init_map(name ?? '(unnamed)');
  a.owner = null;
}

/**
 * The fast path takes a free lock; the slow path (__mutex_lock_common) queues and sleeps until
 * the lock is free when this task gets to look at it. No optimistic spinning.
 * @port kernel/mutex.c v3.2 simplified - no optimistic spinning; the slow path is inlined
 */
function* mutex_lock(lock: mutex): KGen {
  yield* mutex_lock_common(lock, 0, 'mutex_lock');
}

/**
 * mutex_lock_nested(lock, subclass): mutex_lock() that tells lockdep the nesting level, for a
 * lock of one class taken inside another of the same class in a fixed order (a partition's
 * bd_mutex, then its whole disk's at subclass 1).
 * @port kernel/mutex.c v3.15 simplified - as mutex_lock()
 */
function* mutex_lock_nested(lock: mutex, subclass: number): KGen {
  yield* mutex_lock_common(lock, subclass, 'mutex_lock_nested');
}

function* mutex_lock_common(lock: mutex, subclass: number, ip: string): KGen {
  might_sleep('kernel/mutex.c');
  if (machine().debug) lock_acquire(lock.dep_map, 0, false, ip, subclass);
  yield;
  const task = current();
  if (lock.owner === null) {
    lock.owner = task;
    return;
  }
  /* __mutex_lock_common: */
  task.stack.push('mutex_lock');
  lock.wait_list.push(task);
  for (;;) {
    if (lock.owner === null) break;
    set_current_state(TASK_UNINTERRUPTIBLE);
    task.waitingOn = lock;
    yield* core.schedule();
  }
  lock.wait_list.splice(lock.wait_list.indexOf(task), 1);
  lock.owner = task;
  __set_current_state(TASK_RUNNING);
  task.stack.pop();
}

/** @port kernel/mutex.c v3.2 ported */
function* mutex_trylock(lock: mutex): KGen<boolean> {
  yield;
  if (lock.owner !== null) return false;
  if (machine().debug) lock_acquire(lock.dep_map, 0, true, 'mutex_trylock');
  lock.owner = current();
  return true;
}

/** @port kernel/mutex.c v3.2 ported */
function* mutex_unlock(lock: mutex): KGen {
  if (machine().debug) lock_release(lock.dep_map);
  lock.owner = null;
  if (lock.wait_list.length > 0) wake_up_process(lock.wait_list[0]);
  yield;
}

/**
 * mutex_lock_interruptible(lock): 0 once the lock is taken. The model sends no signals, so the
 * sleep is never interrupted (-EINTR never returned).
 * @port kernel/mutex.c v3.15 simplified - no signals in the model
 */
function* mutex_lock_interruptible(lock: mutex): KGen<number> {
  yield* mutexes.mutex_lock(lock);
  return 0;
}

export function mutex_is_locked(lock: mutex): boolean {
  return lock.owner !== null;
}

export const mutexes = kernel_primitives('kernel/mutex.c', {
  mutex_lock,
  mutex_lock_nested,
  mutex_trylock,
  mutex_unlock,
  mutex_lock_interruptible,
});
