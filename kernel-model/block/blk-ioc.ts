// The per-task IO context (block/blk-ioc.c, v3.2): what an IO scheduler keeps about a task
// across queues. CFQ hangs its per-queue cfq_io_context objects off it and re-reads the task's
// cgroup when blkio's attach marks it cgroup_changed.
//
// Simplified: the io_context lives with the task and is never allocated or freed (the kernel
// allocates it from iocontext_cachep on first IO and frees it at exit); its references are not
// counted.

import { type gfp_t } from '../include/linux/gfp.ts';
import { kernel_functions } from '../sim/hooks.ts';
import { current } from '../sim/machine.ts';
import { type KGen, type task_struct, registerTaskInit } from '../sim/task.ts';

export interface io_context {
  ioprio: number;
  ioprio_changed: boolean;
  /** Set by blkio's attach_task: the scheduler must look the task's groups up again. */
  cgroup_changed: boolean;
  nr_tasks: number;
  /** The scheduler's per-queue contexts, by the queue's cic index (ioc->radix_root). */
  radix_root: Map<number, object>;
}

declare module '../sim/task.ts' {
  interface task_struct {
    io_context: io_context | null;
  }
}

registerTaskInit((t) => {
  t.io_context = null;
});

/** tsk->io_context (task_lock held in the kernel). @port block/blk-ioc.c v3.2 model - the task's io_context pointer */
function task_io_context(tsk: task_struct): io_context | null {
  return tsk.io_context;
}

/**
 * The current task's io_context, created on first use.
 * @port block/blk-ioc.c v3.2 simplified - current_io_context() without the allocation
 */
function* get_io_context(_gfp_flags: gfp_t, _node: number): KGen<io_context | null> {
  const t = current();
  if (t.io_context === null) {
    t.io_context = { ioprio: 0, ioprio_changed: false, cgroup_changed: false, nr_tasks: 1, radix_root: new Map() };
  }
  yield;
  return t.io_context;
}

export const blk_ioc = kernel_functions('block/blk-ioc.c', { task_io_context, get_io_context });
