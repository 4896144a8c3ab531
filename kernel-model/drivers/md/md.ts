// The md core as raid1 needs it (drivers/md/md.c, v3.15): the array device's make_request_fn,
// which hands each bio to the personality, and the per-array kernel thread (md_thread) that a
// personality wakes to do deferred work (raid1d).
//
// Not modeled: superblocks, bitmaps, resync/recovery, suspend, sysfs, array reconfiguration.

import type { bio } from '../../include/linux/bio.ts';
import type { request_queue } from '../../include/linux/blkdev.ts';
import { GFP_KERNEL } from '../../include/linux/gfp.ts';
import { type completion, completions, init_completion } from '../../kernel/sched/completion.ts';
import { type wait_queue_head_t, init_waitqueue_head, wait_event, wake_up } from '../../kernel/sched/wait.ts';
import { slab } from '../../mm/slab.ts';
import { kernel_functions } from '../../sim/hooks.ts';
import { machine } from '../../sim/machine.ts';
import type { KGen, task_struct } from '../../sim/task.ts';
import { blk_alloc_queue } from '../block/sim-disk.ts';

const THREAD_WAKEUP = 0;

export interface md_personality {
  name: string;
  make_request(mddev: mddev, b: bio): KGen;
}

export interface md_thread {
  run: (thread: md_thread) => KGen;
  mddev: mddev;
  wqueue: wait_queue_head_t;
  flags: number;
  tsk: task_struct;
  should_stop: boolean;
  /** kthread_stop() waits for the thread to exit on this. */
  exited: completion;
}

export interface mddev {
  name: string;
  queue: request_queue;
  pers: md_personality;
  private: unknown;
  thread: md_thread | null;
}

/**
 * The array's make_request_fn.
 * @port drivers/md/md.c v3.15 simplified - no suspend, no active_io count, no statistics
 */
function* md_make_request(q: request_queue, b: bio): KGen {
  const mddev = q.queuedata as mddev;
  yield* mddev.pers.make_request(mddev, b);
}

/**
 * The body of an md thread: sleep until woken, run the personality's daemon, again.
 * @port drivers/md/md.c v3.15 simplified - no timeout, no signals
 */
function* md_thread_fn(thread: md_thread): KGen {
  while (!thread.should_stop) {
    yield* wait_event(thread.wqueue, () => (thread.flags & (1 << THREAD_WAKEUP)) !== 0 || thread.should_stop);
    thread.flags &= ~(1 << THREAD_WAKEUP);
    if (!thread.should_stop) yield* thread.run(thread);
  }
  yield* completions.complete(thread.exited);
}

/** @port drivers/md/md.c v3.15 ported */
export function md_wakeup_thread(thread: md_thread | null): void {
  if (thread !== null) {
    thread.flags |= 1 << THREAD_WAKEUP;
    wake_up(thread.wqueue);
  }
}

/** @port drivers/md/md.c v3.15 simplified - a daemon task instead of kthread_run */
function* md_register_thread(run: md_thread['run'], mddev: mddev, name: string): KGen<md_thread | null> {
  const thread = yield* slab.kzalloc(64, GFP_KERNEL, () => ({}) as md_thread);
  if (thread === null) return null;
  thread.run = run;
  thread.mddev = mddev;
  thread.flags = 0;
  thread.should_stop = false;
  thread.wqueue = init_waitqueue_head(`${mddev.name}_${name}`);
  thread.tsk = machine().spawn(`${mddev.name}_${name}`, () => md.md_thread_fn(thread), { daemon: true });
  thread.exited = init_completion(`${mddev.name}_${name} exit`);
  thread.exited.waitsFor = thread.tsk;
  return thread;
}

/** @port drivers/md/md.c v3.15 simplified - kthread_stop is a flag, a wake-up and a wait for the exit */
function* md_unregister_thread(thread: md_thread): KGen {
  thread.should_stop = true;
  wake_up(thread.wqueue);
  yield* completions.wait_for_completion(thread.exited);
  slab.kfree(thread);
}

/** An array device and its queue (mddev_init + md_alloc), for a personality to fill in. */
export function* md_alloc(name: string, pers: md_personality): KGen<mddev> {
  const mddev = (yield* slab.kzalloc(128, GFP_KERNEL, () => ({}) as mddev)) as mddev;
  mddev.name = name;
  mddev.pers = pers;
  mddev.private = null;
  mddev.thread = null;
  mddev.queue = blk_alloc_queue(name, (q, b) => md.md_make_request(q, b), mddev);
  return mddev;
}

export const md = kernel_functions('drivers/md/md.c', {
  md_make_request,
  md_thread_fn,
  md_register_thread,
  md_unregister_thread,
});
