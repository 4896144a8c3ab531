// Sleepable RCU (kernel/rcu/srcu.c, v3.15): readers mark their critical section with the index
// srcu_read_lock() returns; synchronize_srcu() flips the index and waits until every reader
// of the old index has left. Readers may sleep. The waiter's wait-for edge goes to the tasks
// still inside an old read section.

import { current } from '../../sim/machine.ts';
import { type KGen, type WaitTarget, type task_struct } from '../../sim/task.ts';
import { type wait_queue_head_t, init_waitqueue_head, wait_event, wake_up_all } from '../sched/wait.ts';

export class srcu_struct implements WaitTarget {
  completed = 0;
  /** Readers inside a section, per index (the C's per-cpu c[] counters summed). */
  readonly c: [number, number] = [0, 0];
  /** The tasks in each index's sections, for the wait-for graph. */
  readonly readers: [task_struct[], task_struct[]] = [[], []];
  wq: wait_queue_head_t;
  constructor(public name: string) {
    this.wq = init_waitqueue_head(`srcu ${name}`);
    this.wq.waitsFor = () => this.blockers();
  }
  describe(): string {
    return `srcu ${this.name}`;
  }
  blockers(): Iterable<task_struct> {
    // The readers of the index a synchronize_srcu() waits on: the one before `completed`.
    return this.readers[(this.completed + 1) & 1];
  }
}

/** A srcu_struct embedded in a zeroed struct, before init_srcu_struct(). */
export function srcu_struct_zeroed(): srcu_struct {
  return new srcu_struct('(uninitialised srcu)');
}

/** @port kernel/rcu/srcu.c v3.15 simplified - no per-cpu counters or callbacks; returns 0 */
export function init_srcu_struct(sp: srcu_struct): number {
  sp.completed = 0;
  sp.c[0] = sp.c[1] = 0;
  sp.readers[0].length = 0;
  sp.readers[1].length = 0;
  return 0;
}

/** @port kernel/rcu/srcu.c v3.15 simplified */
export function cleanup_srcu_struct(sp: srcu_struct): void {
  if (sp.c[0] + sp.c[1] !== 0) throw new Error(`cleanup_srcu_struct(${sp.name}): readers still active`);
}

/** @port kernel/rcu/srcu.c v3.15 ported */
export function srcu_read_lock(sp: srcu_struct): number {
  const idx = sp.completed & 1;
  sp.c[idx]++;
  sp.readers[idx].push(current());
  return idx;
}

/**
 * Whether the current task is inside a read section of `sp` (lockdep's check; the model knows
 * its readers, so it needs no lockdep map).
 * @port include/linux/srcu.h v3.15 simplified - the readers list stands for the dep_map
 */
export function srcu_read_lock_held(sp: srcu_struct): boolean {
  const t = current();
  return sp.readers[0].includes(t) || sp.readers[1].includes(t);
}

/** @port kernel/rcu/srcu.c v3.15 ported */
export function srcu_read_unlock(sp: srcu_struct, idx: number): void {
  sp.c[idx]--;
  const r = sp.readers[idx];
  const i = r.indexOf(current());
  if (i >= 0) r.splice(i, 1);
  if (sp.c[idx] === 0) wake_up_all(sp.wq);
}

/**
 * Waits for every reader that entered before the call: flips the index, then waits for the
 * old index's readers (and, as the C does, for the other's too, in two flips).
 * @port kernel/rcu/srcu.c v3.15 simplified - the two-flip wait without per-cpu sums
 */
function* __synchronize_srcu(sp: srcu_struct): KGen {
  for (let flip = 0; flip < 2; flip++) {
    const idx = sp.completed & 1;
    sp.completed++;
    yield* wait_event(sp.wq, () => sp.c[idx] === 0);
  }
}

export function* synchronize_srcu(sp: srcu_struct): KGen {
  yield* __synchronize_srcu(sp);
}

/** synchronize_srcu_expedited(): the same wait in the model. */
export function* synchronize_srcu_expedited(sp: srcu_struct): KGen {
  yield* __synchronize_srcu(sp);
}
