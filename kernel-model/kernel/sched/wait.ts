// Wait queues (kernel/wait.c, v3.2) and wait_event. A wait queue head can say what its
// sleepers are waiting for (`waitsFor`), so the wait-for graph can follow a wait through it:
// a mempool's waiters wait for whoever holds its elements, a flush waits for a worker.

import { current, perMachine } from '../../sim/machine.ts';
import { test_bit } from '../../include/linux/bitops.ts';
import type { Ref } from '../../lib/c-pointers.ts';
import { spinlock, type spinlock_t } from '../locking/spinlock.ts';
import { timers } from '../timer.ts';
import { type KGen, type WaitTarget, type task_struct, TASK_INTERRUPTIBLE, TASK_RUNNING, TASK_UNINTERRUPTIBLE } from '../../sim/task.ts';
import { core, set_current_state, try_to_wake_up, TASK_NORMAL } from './core.ts';
import { lost_wakeup } from './lost-wakeup.ts';

export const WQ_FLAG_EXCLUSIVE = 0x01;

export interface wait_queue_t {
  flags: number;
  task: task_struct;
  queued: boolean;
  /** A wake-up on the queue reached this entry since it was last queued (the model's lost-wake-up check reads it). */
  woken: boolean;
}

export class wait_queue_head_t implements WaitTarget {
  readonly task_list: wait_queue_t[] = [];
  /** What sleepers here are really waiting for, when the owner of the queue knows. */
  waitsFor: (() => Iterable<task_struct | WaitTarget>) | null = null;
  constructor(public name: string) {}
  describe(): string {
    return `wait queue ${this.name}`;
  }
  blockers(): Iterable<task_struct | WaitTarget> {
    return this.waitsFor === null ? [] : this.waitsFor();
  }
}

/** DECLARE_WAIT_QUEUE_HEAD(name): a new wait queue head. */
export function DECLARE_WAIT_QUEUE_HEAD(name: string): wait_queue_head_t {
  return new wait_queue_head_t(name);
}

/** A wait queue head embedded in a zeroed struct, before init_waitqueue_head(). */
export function wait_queue_head_zeroed(): wait_queue_head_t {
  return new wait_queue_head_t('(uninitialised wait queue)');
}

/** init_waitqueue_head(&q) in place (`name`: the argument's C text); one argument: a new head. */
export function init_waitqueue_head(q: wait_queue_head_t, name: string): void;
export function init_waitqueue_head(name: string): wait_queue_head_t;
export function init_waitqueue_head(a: wait_queue_head_t | string, name?: string): wait_queue_head_t | void {
  if (typeof a === 'string') return new wait_queue_head_t(a);
  a.task_list.length = 0;
  a.name = name ?? a.name;
}

/** DEFINE_WAIT */
export function init_wait(): wait_queue_t {
  return { flags: 0, task: current(), queued: false, woken: false };
}

/** DEFINE_WAIT(name): a wait queue entry for the current task. */
export function DEFINE_WAIT(): wait_queue_t {
  return init_wait();
}

/** @port kernel/wait.c v3.2 simplified - the queue's spinlock is implicit (no yield inside) */
export function prepare_to_wait(q: wait_queue_head_t, wait: wait_queue_t, state: number): void {
  wait.flags &= ~WQ_FLAG_EXCLUSIVE;
  if (!wait.queued) {
    q.task_list.unshift(wait);
    wait.queued = true;
    wait.woken = false;
  }
  set_current_state(state);
  current().waitingOn = q;
}

/** @port kernel/wait.c v3.2 simplified - the queue's spinlock is implicit (no yield inside) */
export function prepare_to_wait_exclusive(q: wait_queue_head_t, wait: wait_queue_t, state: number): void {
  wait.flags |= WQ_FLAG_EXCLUSIVE;
  if (!wait.queued) {
    q.task_list.push(wait);
    wait.queued = true;
    wait.woken = false;
  }
  set_current_state(state);
  current().waitingOn = q;
}

/** @port kernel/wait.c v3.2 ported */
export function finish_wait(q: wait_queue_head_t, wait: wait_queue_t): void {
  current().state = TASK_RUNNING;
  if (wait.queued) {
    q.task_list.splice(q.task_list.indexOf(wait), 1);
    wait.queued = false;
  }
}

/**
 * Wakes every non-exclusive waiter and up to nr_exclusive exclusive ones.
 * @port kernel/sched.c v3.2 ported
 */
export function __wake_up(q: wait_queue_head_t, mode: number, nr_exclusive: number): void {
  let left = nr_exclusive;
  for (const wait of [...q.task_list]) {
    // Reached by this wake-up, whether or not its task was still asleep (a timer may have woken it first).
    wait.woken = true;
    // autoremove_wake_function: a woken waiter leaves the queue.
    if (try_to_wake_up(wait.task, mode)) {
      q.task_list.splice(q.task_list.indexOf(wait), 1);
      wait.queued = false;
      if (wait.flags & WQ_FLAG_EXCLUSIVE && --left === 0) break;
    }
  }
}

export function wake_up(q: wait_queue_head_t): void {
  __wake_up(q, TASK_NORMAL, 1);
}

export function wake_up_all(q: wait_queue_head_t): void {
  __wake_up(q, TASK_NORMAL, 0);
}

export function waitqueue_active(q: wait_queue_head_t): boolean {
  return q.task_list.length > 0;
}

/**
 * wait_event(wq, condition): sleep uninterruptibly until `condition` holds.
 * @port include/linux/wait.h v3.2 ported
 */
export function* wait_event(wq: wait_queue_head_t, condition: () => boolean): KGen {
  yield* wait_event_state(wq, condition, TASK_UNINTERRUPTIBLE);
}

/**
 * wait_event_interruptible(wq, condition): as wait_event, asleep in TASK_INTERRUPTIBLE, where
 * khungtaskd does not look (dmeventd's wait for a device's event may last the whole run). The
 * model sends no signals, so it returns 0, never -ERESTARTSYS.
 * @port include/linux/wait.h v3.15 ported
 */
export function* wait_event_interruptible(wq: wait_queue_head_t, condition: () => boolean): KGen<number> {
  yield* wait_event_state(wq, condition, TASK_INTERRUPTIBLE);
  return 0;
}

/** ___wait_event()'s loop: sleep in `state` until `condition` holds. */
function* wait_event_state(wq: wait_queue_head_t, condition: () => boolean, state: number): KGen {
  if (condition()) return;
  const wait = init_wait();
  for (;;) {
    prepare_to_wait(wq, wait, state);
    if (condition()) break;
    yield* core.schedule();
  }
  finish_wait(wq, wait);
}

/** DECLARE_WAITQUEUE(name, tsk): a wait queue entry for `tsk`. @port include/linux/wait.h v3.15 ported */
export function DECLARE_WAITQUEUE(tsk: task_struct): wait_queue_t {
  return { flags: 0, task: tsk, queued: false, woken: false };
}

/** @port kernel/sched/wait.c v3.15 simplified - the queue's spinlock is implicit (no yield inside) */
export function add_wait_queue(q: wait_queue_head_t, wait: wait_queue_t): void {
  wait.flags &= ~WQ_FLAG_EXCLUSIVE;
  if (!wait.queued) {
    q.task_list.unshift(wait);
    wait.queued = true;
  }
  // The task sleeps on this queue until it is taken off it again.
  if (wait.task === current()) current().waitingOn = q;
}

/** @port kernel/sched/wait.c v3.15 simplified - the queue's spinlock is implicit */
export function remove_wait_queue(q: wait_queue_head_t, wait: wait_queue_t): void {
  if (wait.queued) {
    q.task_list.splice(q.task_list.indexOf(wait), 1);
    wait.queued = false;
  }
}

/**
 * wait_event_timeout(wq, condition, timeout): returns 0 when the time ran out with the condition
 * still false, else the jiffies left (at least 1).
 * @port include/linux/wait.h v3.15 ported
 */
export function* wait_event_timeout(wq: wait_queue_head_t, condition: () => boolean, timeout: number, state: number = TASK_UNINTERRUPTIBLE): KGen<number> {
  if (condition()) return timeout || 1;
  const wait = init_wait();
  let left = timeout;
  for (;;) {
    prepare_to_wait(wq, wait, state);
    if (condition()) break;
    left = yield* timers.schedule_timeout(left);
    if (left === 0) break;
  }
  finish_wait(wq, wait);
  // The kernel returns 1 here ("condition evaluated to true after timeout elapsed"); the model
  // also says that the wake-up which should have ended the sleep never came (one that came after
  // the timer had already woken the task is not lost).
  if (left === 0 && !wait.woken && condition()) lost_wakeup(wq.name, 'its condition was true', timeout);
  return condition() ? left || 1 : 0;
}

/**
 * wait_event_interruptible_timeout(wq, condition, timeout): as wait_event_timeout, asleep in
 * TASK_INTERRUPTIBLE. The model sends no signals, so it never returns -ERESTARTSYS.
 */
export function* wait_event_interruptible_timeout(wq: wait_queue_head_t, condition: () => boolean, timeout: number): KGen<number> {
  return yield* wait_event_timeout(wq, condition, timeout, TASK_INTERRUPTIBLE);
}

/**
 * wait_event_lock_irq_cmd(wq, condition, lock, cmd): called with `lock` held (spin_lock_irq);
 * sleeps with it dropped, running `cmd` after dropping it each time.
 * @port include/linux/wait.h v3.15 ported
 */
export function* wait_event_lock_irq_cmd(wq: wait_queue_head_t, condition: () => boolean, lock: spinlock_t, cmd: (() => KGen) | null): KGen {
  if (condition()) return;
  const wait = init_wait();
  for (;;) {
    prepare_to_wait(wq, wait, TASK_UNINTERRUPTIBLE);
    if (condition()) break;
    yield* spinlock.spin_unlock_irq(lock);
    if (cmd !== null) yield* cmd();
    yield* core.schedule();
    yield* spinlock.spin_lock_irq(lock);
  }
  finish_wait(wq, wait);
}

/** wait_event_lock_irq(wq, condition, lock) @port include/linux/wait.h v3.15 ported */
export function* wait_event_lock_irq(wq: wait_queue_head_t, condition: () => boolean, lock: spinlock_t): KGen {
  yield* wait_event_lock_irq_cmd(wq, condition, lock, null);
}

/**
 * The bit wait queue (kernel/sched/wait.c bit_waitqueue()): one queue for every word and bit in
 * the model; a wake-up wakes every bit waiter, which re-tests its own bit.
 */
const bitWaitqueue = perMachine(() => new wait_queue_head_t('bit_waitqueue'));

/**
 * wait_on_bit(word, bit, action, mode): sleeps until the bit is clear; `action` (the C's sleep
 * function) is the model's schedule().
 * @port kernel/sched/wait.c v3.15 simplified - one bit wait queue; returns 0
 */
export function* wait_on_bit(word: Ref<number>, bit: number, _action: unknown, mode: number): KGen<number> {
  if (!test_bit(bit, word)) return 0;
  const wq = bitWaitqueue();
  const wait = init_wait();
  for (;;) {
    prepare_to_wait(wq, wait, mode);
    if (!test_bit(bit, word)) break;
    yield* core.schedule();
  }
  finish_wait(wq, wait);
  return 0;
}

/** wake_up_bit(word, bit) @port kernel/sched/wait.c v3.15 simplified - one bit wait queue */
export function wake_up_bit(_word: Ref<number>, _bit: number): void {
  wake_up_all(bitWaitqueue());
}

/**
 * wait_event(wq, condition) where evaluating the condition can itself sleep (it takes a lock,
 * as dm-snap's read_pending_exceptions_done_count() does).
 * @port include/linux/wait.h v3.15 ported
 */
export function* wait_event_sleeping_cond(wq: wait_queue_head_t, condition: () => KGen<boolean>): KGen {
  if (yield* condition()) return;
  const wait = init_wait();
  for (;;) {
    prepare_to_wait(wq, wait, TASK_UNINTERRUPTIBLE);
    if (yield* condition()) break;
    yield* core.schedule();
  }
  finish_wait(wq, wait);
}
