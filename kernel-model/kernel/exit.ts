// What do_exit() (kernel/exit.c, v3.2) releases that the model has: the task's IO context,
// through its world's exit_io_context() (block/blk-ioc.c, translated), in the exiting task's
// context, so that CFQ's per-task state goes when the task does.

import { world_function } from '../sim/hooks.ts';
import { machine } from '../sim/machine.ts';
import { type KGen, type task_struct, registerTaskExit } from '../sim/task.ts';

/**
 * The IO-context part of do_exit(): exit_io_context() when the task has one.
 * @port kernel/exit.c v3.2 simplified - only the IO context (no mm, files or signals in the model)
 */
function* exit_task_io_context(tsk: task_struct): KGen {
  if (tsk.io_context === null) return;
  const exit_io_context = world_function<(t: task_struct) => KGen>(machine().base, 'exit_io_context');
  if (exit_io_context === null) throw new Error(`task ${tsk.comm} has an IO context but the ${machine().base ?? 'runtime-only'} model has no exit_io_context`);
  yield* exit_io_context(tsk);
}

registerTaskExit(exit_task_io_context);
