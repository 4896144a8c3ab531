// What do_exit() (kernel/exit.c, v3.2) releases that the model has, in its order: the task's
// cgroup (cgroup_exit), then its IO context through its world's exit_io_context()
// (block/blk-ioc.c, translated), in the exiting task's context, so that CFQ's per-task state
// goes when the task does.

import { registerKmemleakRoots } from '../mm/kmemleak.ts';
import { world_function } from '../sim/hooks.ts';
import { cgroup_exit } from './cgroup.ts';
import { machine } from '../sim/machine.ts';
import { type KGen, type task_struct, registerTaskExit } from '../sim/task.ts';

/**
 * The part of do_exit() the model has: cgroup_exit(), then exit_io_context() when the task
 * has an IO context.
 * @port kernel/exit.c v3.2 simplified - no mm, files, signals or exit_notify in the model
 */
function* exit_task(tsk: task_struct): KGen {
  cgroup_exit(tsk);
  if (tsk.io_context === null) return;
  const exit_io_context = world_function<(t: task_struct) => KGen>(machine().base, 'exit_io_context');
  if (exit_io_context === null) throw new Error(`task ${tsk.comm} has an IO context but the ${machine().base ?? 'runtime-only'} model has no exit_io_context`);
  yield* exit_io_context(tsk);
}

registerTaskExit(exit_task);

// A task that has not exited (a kernel thread: kworkers, kthrotld) still holds its IO context.
registerKmemleakRoots((m) => m.tasks.filter((t) => !t.exited && t.io_context !== null).map((t) => t.io_context as object));
