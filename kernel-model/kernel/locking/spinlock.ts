// Spinlocks: plain, _irq, _irqsave and _bh. A task spinning for a lock keeps its CPU (it has
// preemption disabled) but does not step until the lock is released; the holder is what it
// waits for in the wait-for graph.

import { kernel_primitives } from '../../sim/hooks.ts';
import { current, machine } from '../../sim/machine.ts';
import type { KGen, task_struct } from '../../sim/task.ts';
import {
  local_bh_disable,
  local_bh_enable,
  local_irq_disable,
  local_irq_enable,
  local_irq_restore,
  local_irq_save,
  preempt_disable,
  preempt_enable,
} from '../sched/core.ts';
import { lock_acquire, lock_release, lockdep_init_map } from './lockdep.ts';
import { BUG } from '../../include/asm-generic/bug.ts';
import { owner_lock } from './owner-lock.ts';

export class spinlock_t extends owner_lock {
  protected readonly kind = 'spinlock';
  readonly spinners: task_struct[] = [];
}

/** DEFINE_SPINLOCK(name): a new lock whose lockdep class is `name`. */
export function DEFINE_SPINLOCK(name: string): spinlock_t {
  return new spinlock_t(name);
}

/** A spinlock embedded in a zeroed struct, before spin_lock_init() names its class. */
export function spinlock_zeroed(): spinlock_t {
  return new spinlock_t('(uninitialised spinlock)');
}

/**
 * spin_lock_init(&lock): in place; `name` is the C text of the argument ("&q->__queue_lock"),
 * the lock class as lockdep keys it by init site. The one-argument form makes a new lock.
 */
export function spin_lock_init(lock: spinlock_t, name: string): void;
export function spin_lock_init(name: string): spinlock_t;
export function spin_lock_init(a: spinlock_t | string, name?: string): spinlock_t | void {
  if (typeof a === 'string') return new spinlock_t(a);
  a.dep_map = lockdep_init_map(name ?? '(unnamed)');
  a.owner = null;
}

/** assert_spin_locked(lock): BUG if nobody holds the lock. */
export function assert_spin_locked(lock: spinlock_t): void {
  if (lock.owner === null) BUG(`assert_spin_locked(${lock.dep_map.name})`);
}

const SPIN_FRAME = 'spin_lock';

/**
 * Takes the lock if it is free; otherwise makes the current task spin for it (keeping its CPU)
 * and returns false, so the caller yields and tries again when woken.
 */
function raw_spin_trylock_or_spin(lock: spinlock_t): boolean {
  const t = current();
  const stack = t.stack;
  // While spinning, 'spin_lock' is the innermost frame of the task's backtrace.
  const framed = stack.length > 0 && stack[stack.length - 1] === SPIN_FRAME;
  if (lock.owner === null) {
    if (framed) stack.pop();
    lock.owner = t;
    return true;
  }
  if (!framed) stack.push(SPIN_FRAME);
  lock.spinners.push(t);
  t.waitingOn = lock;
  machine().spinOn(t);
  return false;
}

function do_raw_spin_unlock(lock: spinlock_t): void {
  lock.owner = null;
  const m = machine();
  for (const s of lock.spinners.splice(0)) m.activate(s);
}

function acquire(lock: spinlock_t, ip: string): void {
  if (machine().debug) lock_acquire(lock.dep_map, 0, false, ip);
}

function release(lock: spinlock_t): void {
  if (machine().debug) lock_release(lock.dep_map);
}

/** @port kernel/spinlock.c v3.2 ported */
function* spin_lock(lock: spinlock_t): KGen {
  preempt_disable();
  acquire(lock, 'spin_lock');
  yield;
  while (!raw_spin_trylock_or_spin(lock)) yield;
}

/** @port kernel/spinlock.c v3.2 ported */
function* spin_lock_irq(lock: spinlock_t): KGen {
  local_irq_disable();
  preempt_disable();
  acquire(lock, 'spin_lock_irq');
  yield;
  while (!raw_spin_trylock_or_spin(lock)) yield;
}

/** Returns the saved irq flags. @port kernel/spinlock.c v3.2 ported */
function* spin_lock_irqsave(lock: spinlock_t): KGen<number> {
  const flags = local_irq_save();
  preempt_disable();
  acquire(lock, 'spin_lock_irqsave');
  yield;
  while (!raw_spin_trylock_or_spin(lock)) yield;
  return flags;
}

/** @port kernel/spinlock.c v3.2 ported */
function* spin_lock_bh(lock: spinlock_t): KGen {
  local_bh_disable();
  preempt_disable();
  acquire(lock, 'spin_lock_bh');
  yield;
  while (!raw_spin_trylock_or_spin(lock)) yield;
}

/** @port kernel/spinlock.c v3.2 ported */
function* spin_trylock(lock: spinlock_t): KGen<boolean> {
  preempt_disable();
  yield;
  if (lock.owner !== null) {
    preempt_enable();
    return false;
  }
  if (machine().debug) lock_acquire(lock.dep_map, 0, true, 'spin_trylock');
  lock.owner = current();
  return true;
}

/** @port kernel/spinlock.c v3.2 ported */
function* spin_unlock(lock: spinlock_t): KGen {
  release(lock);
  do_raw_spin_unlock(lock);
  preempt_enable();
  yield;
}

/** @port kernel/spinlock.c v3.2 ported */
function* spin_unlock_irq(lock: spinlock_t): KGen {
  release(lock);
  do_raw_spin_unlock(lock);
  local_irq_enable();
  preempt_enable();
  yield;
}

/** @port kernel/spinlock.c v3.2 ported */
function* spin_unlock_irqrestore(lock: spinlock_t, flags: number): KGen {
  release(lock);
  do_raw_spin_unlock(lock);
  local_irq_restore(flags);
  preempt_enable();
  yield;
}

/** @port kernel/spinlock.c v3.2 ported */
function* spin_unlock_bh(lock: spinlock_t): KGen {
  release(lock);
  do_raw_spin_unlock(lock);
  preempt_enable();
  local_bh_enable();
  yield;
}

/** Whether the lock is held by anyone (assert_spin_locked and friends). */
export function spin_is_locked(lock: spinlock_t): boolean {
  return lock.owner !== null;
}

export const spinlock = kernel_primitives('kernel/spinlock.c', {
  spin_lock,
  spin_lock_irq,
  spin_lock_irqsave,
  spin_lock_bh,
  spin_trylock,
  spin_unlock,
  spin_unlock_irq,
  spin_unlock_irqrestore,
  spin_unlock_bh,
});

/**
 * atomic_dec_and_lock(atomic, lock): decrements; when it reaches 0, returns true with the lock
 * held.
 * @port lib/dec_and_lock.c v3.15 ported
 */
export function* atomic_dec_and_lock(atomic: { counter: number }, lock: spinlock_t): KGen<boolean> {
  yield;
  /* Subtract 1 from counter unless that drops it to 0 (ie. it was 1) */
  if (atomic.counter !== 1) {
    atomic.counter--;
    return false;
  }
  /* Otherwise do it the slow way */
  yield* spin_lock(lock);
  if (--atomic.counter === 0) return true;
  yield* spin_unlock(lock);
  return false;
}
