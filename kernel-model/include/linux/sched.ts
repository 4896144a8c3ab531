// The task_struct fields of include/linux/sched.h that kernel code of a translated world reads
// and writes: the block layer's per-task plug, bio list and IO context, and alloc_lock (which
// task_lock() takes). The runtime does not look inside what they point to, so they are typed as
// objects here; translated code reads them as its base's types.

import { spinlock_zeroed, spin_lock_init, type spinlock_t } from '../../kernel/locking/spinlock.ts';
import { registerTaskInit } from '../../sim/task.ts';

declare module '../../sim/task.ts' {
  interface task_struct {
    /** struct blk_plug *plug */
    plug: object | null;
    /** struct bio_list *bio_list: set while generic_make_request() runs in this task */
    bio_list: object | null;
    /** struct io_context *io_context */
    io_context: object | null;
    /** task_lock() */
    alloc_lock: spinlock_t;
    /** Scheduling policy and priorities (the IO schedulers derive an IO class from them). */
    policy: number;
    static_prio: number;
    normal_prio: number;
    prio: number;
    rt_priority: number;
  }
}

registerTaskInit((t) => {
  t.plug = null;
  t.bio_list = null;
  t.io_context = null;
  t.alloc_lock = spinlock_zeroed();
  spin_lock_init(t.alloc_lock, '&p->alloc_lock');
  // A SCHED_NORMAL task at nice 0.
  t.policy = SCHED_NORMAL;
  t.static_prio = t.normal_prio = t.prio = DEFAULT_PRIO;
  t.rt_priority = 0;
});

/** MAX_RT_PRIO and the priority of nice 0 (include/linux/sched.h). */
export const MAX_RT_PRIO = 100;
export const DEFAULT_PRIO = MAX_RT_PRIO + 20;

/** Scheduling policies (include/linux/sched.h). */
export const SCHED_NORMAL = 0;
export const SCHED_FIFO = 1;
export const SCHED_RR = 2;
export const SCHED_BATCH = 3;
export const SCHED_IDLE = 5;
