// Read-write semaphores as in lib/rwsem-spinlock.c (v3.10-3.15): FIFO wait list; a reader is
// granted with the readers in front of the first writer; a writer acquires for itself when it
// runs ("lock stealing"). Holders are tracked for the wait-for graph.

import { kernel_primitives } from '../../sim/hooks.ts';
import { current, machine } from '../../sim/machine.ts';
import { type KGen, type WaitTarget, type task_struct, TASK_RUNNING, TASK_UNINTERRUPTIBLE } from '../../sim/task.ts';
import { __set_current_state, core, might_sleep, set_current_state, wake_up_process } from '../sched/core.ts';
import { type lockdep_map, lock_acquire, lock_release, lockdep_init_map } from './lockdep.ts';

interface rwsem_waiter {
  task: task_struct | null;
  owner: task_struct;
  type: 'read' | 'write';
}

export class rw_semaphore implements WaitTarget {
  /** 0 idle, > 0 readers, -1 a writer. */
  activity = 0;
  readonly wait_list: rwsem_waiter[] = [];
  readonly holders: task_struct[] = [];
  /**
   * PREEMPT_RT (CONFIG_PREEMPT_RT_FULL): an rw_semaphore is an rt_mutex, so a task waiting for
   * it is pi-blocked (tsk_is_pi_blocked), which sched_submit_work() tests. Set by a model that
   * runs a -rt configuration; off in the mainline kernels of both bases.
   */
  rt = false;
  dep_map: lockdep_map;
  constructor(name: string) {
    this.dep_map = lockdep_init_map(name);
  }
  describe(): string {
    return `rw_semaphore ${this.dep_map.name}`;
  }
  blockers(): Iterable<task_struct> {
    return this.holders;
  }
}

/** DECLARE_RWSEM(name): a new semaphore whose lockdep class is `name`. */
export function DECLARE_RWSEM(name: string): rw_semaphore {
  return new rw_semaphore(name);
}

/** An rw_semaphore embedded in a zeroed struct, before init_rwsem(). */
export function rwsem_zeroed(): rw_semaphore {
  return new rw_semaphore('(uninitialised rwsem)');
}

/** init_rwsem(&sem) in place (`name`: the class); one argument: a new semaphore. */
export function init_rwsem(sem: rw_semaphore, name: string): void;
export function init_rwsem(name: string): rw_semaphore;
export function init_rwsem(a: rw_semaphore | string, name?: string): rw_semaphore | void {
  if (typeof a === 'string') return new rw_semaphore(a);
  a.dep_map = lockdep_init_map(name ?? '(unnamed)');
  a.activity = 0;
}

/** @port lib/rwsem-spinlock.c v3.15 ported */
function __rwsem_do_wake(sem: rw_semaphore, wakewrite: boolean): void {
  const first = sem.wait_list[0];
  if (first.type === 'write') {
    /* Wake up a writer. Note that we do not grant it the lock - it will have to acquire it when it runs. */
    if (wakewrite) wake_up_process(first.task as task_struct);
    return;
  }
  /* grant an infinite number of read locks to the front of the queue */
  let woken = 0;
  while (sem.wait_list.length > 0 && sem.wait_list[0].type === 'read') {
    const waiter = sem.wait_list.shift() as rwsem_waiter;
    const tsk = waiter.task as task_struct;
    waiter.task = null;
    sem.holders.push(waiter.owner);
    wake_up_process(tsk);
    woken++;
  }
  sem.activity += woken;
}

/** @port lib/rwsem-spinlock.c v3.15 ported */
function* down_read(sem: rw_semaphore): KGen {
  might_sleep('kernel/rwsem.c');
  if (machine().debug) lock_acquire(sem.dep_map, 1, false, 'down_read');
  yield;
  const tsk = current();
  if (sem.activity >= 0 && sem.wait_list.length === 0) {
    /* granted */
    sem.activity++;
    sem.holders.push(tsk);
    return;
  }
  const waiter: rwsem_waiter = { task: tsk, owner: tsk, type: 'read' };
  sem.wait_list.push(waiter);
  tsk.stack.push('down_read');
  if (sem.rt) tsk.pi_blocked_on = sem;
  /* wait to be given the lock */
  for (;;) {
    if (!waiter.task) break;
    set_current_state(TASK_UNINTERRUPTIBLE);
    tsk.waitingOn = sem;
    yield* core.schedule();
  }
  if (sem.rt) tsk.pi_blocked_on = null;
  tsk.stack.pop();
  __set_current_state(TASK_RUNNING);
}

/** @port lib/rwsem-spinlock.c v3.15 ported */
function* down_write(sem: rw_semaphore): KGen {
  yield* __down_write_nested(sem, 0, 'down_write');
}

/** The writer's wait of lib/rwsem-spinlock.c, lockdep told the subclass it is taken with. */
function* __down_write_nested(sem: rw_semaphore, subclass: number, ip: string): KGen {
  might_sleep('kernel/rwsem.c');
  if (machine().debug) lock_acquire(sem.dep_map, 0, false, ip, subclass);
  yield;
  const tsk = current();
  const waiter: rwsem_waiter = { task: tsk, owner: tsk, type: 'write' };
  sem.wait_list.push(waiter);
  tsk.stack.push('down_write');
  if (sem.rt) tsk.pi_blocked_on = sem;
  /* wait for someone to release the lock */
  for (;;) {
    /* the task already on CPU may take the lock before the head of the wait list wakes */
    if (sem.activity === 0) break;
    set_current_state(TASK_UNINTERRUPTIBLE);
    tsk.waitingOn = sem;
    yield* core.schedule();
  }
  if (sem.rt) tsk.pi_blocked_on = null;
  /* got the lock */
  tsk.stack.pop();
  sem.activity = -1;
  sem.holders.push(tsk);
  sem.wait_list.splice(sem.wait_list.indexOf(waiter), 1);
  __set_current_state(TASK_RUNNING);
}

function dropHolder(sem: rw_semaphore): void {
  const i = sem.holders.indexOf(current());
  if (i >= 0) sem.holders.splice(i, 1);
}

/** @port lib/rwsem-spinlock.c v3.15 ported */
function* up_read(sem: rw_semaphore): KGen {
  if (machine().debug) lock_release(sem.dep_map);
  dropHolder(sem);
  if (--sem.activity === 0 && sem.wait_list.length > 0) __rwsem_do_wake(sem, true);
  yield;
}

/** @port lib/rwsem-spinlock.c v3.15 ported */
function* up_write(sem: rw_semaphore): KGen {
  if (machine().debug) lock_release(sem.dep_map);
  dropHolder(sem);
  sem.activity = 0;
  if (sem.wait_list.length > 0) __rwsem_do_wake(sem, true);
  yield;
}

/**
 * down_write_nested(sem, subclass): a second lock of the same class, taken at a nesting level
 * lockdep keeps apart (dm-snap's handover takes two snapshots' locks).
 * @port kernel/locking/rwsem.c v3.15 ported
 */
function* down_write_nested(sem: rw_semaphore, subclass: number): KGen {
  yield* __down_write_nested(sem, subclass, 'down_write_nested');
}

export const rwsem = kernel_primitives('kernel/rwsem.c', { down_read, down_write, up_read, up_write, down_write_nested });
