// The step of v3.2's copy_process() (kernel/fork.c) that gives a new task its IO context, and a
// thread created with clone(CLONE_IO) by the current task: what lets two tasks share one
// io_context, so that CFQ sees them as one (one cfq_io_context per disk, linked by whichever
// thread gets there first). kernel/fork.c is not among the base's C files (nothing else of it
// is modeled): copy_io() is ported by hand from v3.2's text, which links the parent's context
// with ioc_task_link() (v3.3 rewrote both).

import { GFP_KERNEL } from '../../include/linux/gfp.ts';
import { ENOMEM } from '../../include/uapi/asm-generic/errno-base.ts';
import { kernel_functions } from '../../sim/hooks.ts';
import { current, machine } from '../../sim/machine.ts';
import type { KGen, task_struct } from '../../sim/task.ts';
import { blk_ioc } from '../block/blk-ioc.ts';
import { type io_context, iocontext_h } from '../include/linux/iocontext.ts';
import { IOPRIO_CLASS_NONE, IOPRIO_CLASS_SHIFT } from '../include/linux/ioprio.ts';

/** include/linux/sched.h: "Clone io context". */
export const CLONE_IO = 0x80000000;

/** include/linux/ioprio.h: ioprio_valid(mask), a priority of some class. */
const ioprio_valid = (mask: number): boolean => mask >> IOPRIO_CLASS_SHIFT !== IOPRIO_CLASS_NONE;

/**
 * copy_io(clone_flags, tsk), in the parent's context: a CLONE_IO child shares the parent's IO
 * context (a reference and a task count on it); another gets one of its own only when the
 * parent's carries a priority, which it inherits.
 * @port kernel/fork.c v3.2 ported - copy_process()'s step for the IO context, as the C has it (CONFIG_BLOCK)
 */
function* copy_io(clone_flags: number, tsk: task_struct): KGen<number> {
  const ioc = current().io_context as io_context | null;
  if (!ioc) return 0;
  /*
   * Share io context with parent, if CLONE_IO is set
   */
  if (clone_flags & CLONE_IO) {
    tsk.io_context = yield* iocontext_h.ioc_task_link(ioc);
    if (!tsk.io_context) return -ENOMEM;
  } else if (ioprio_valid(ioc.ioprio)) {
    const own = yield* blk_ioc.alloc_io_context(GFP_KERNEL, -1);
    tsk.io_context = own;
    if (!own) return -ENOMEM;
    own.ioprio = ioc.ioprio;
  }
  return 0;
}

export const fork_c = kernel_functions('kernel/fork.c', { copy_io }, 'v3.2');

/**
 * clone(CLONE_IO) from the current task: a new task running `body` that shares the current
 * task's IO context, runnable once copy_io() has linked it (copy_process(), then
 * wake_up_new_task()). Returns null when the link failed (the context was going away: -ENOMEM):
 * the task then ends before running `body`, as copy_process() undoes a failed fork.
 */
export function* clone_io_thread(comm: string, body: () => KGen): KGen<task_struct | null> {
  const m = machine();
  let started = false;
  const t = m.spawn(comm, function* () {
    if (started) yield* body();
  }, { stopped: true });
  const r = yield* fork_c.copy_io(CLONE_IO, t);
  started = r === 0;
  m.activate(t);
  return started ? t : null;
}
