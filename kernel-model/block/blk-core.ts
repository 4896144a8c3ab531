// The submit path and plugging from block/blk-core.c (v3.15). generic_make_request() turns
// recursion into iteration through current->bio_list. A task batches the IO it submits while
// plugged and flushes it when it unplugs or sleeps. Plug callbacks let stacking drivers (md, dm) hook the
// unplug. The request-queue half of this file is ported with the block layer.

import { type bio, bio_list_init, bio_list_pop, bio_list_add, taskListOwner } from '../include/linux/bio.ts';
import { type blk_plug, type blk_plug_cb, type request_queue, QUEUE_FLAG_DEAD } from '../include/linux/blkdev.ts';
import { io_account_submit } from './blk-io-accounting.ts';
import { kernel_functions } from '../sim/hooks.ts';
import { current, machine } from '../sim/machine.ts';
import type { KGen } from '../sim/task.ts';
import { bios } from '../fs/bio.ts';

const EIO = 5;

const PLUG_MAGIC = 0x91827364;

/** @port block/blk-core.c v3.15 simplified - no request or mq list yet */
function blk_start_plug(plug: blk_plug): void {
  const tsk = current();
  plug.magic = PLUG_MAGIC;
  plug.cb_list = [];
  /*
   * If this is a nested plug, don't actually assign it. It will be
   * flushed on its own.
   */
  if (!tsk.plug) tsk.plug = plug;
}

/** @port block/blk-core.c v3.15 ported */
function* flush_plug_callbacks(plug: blk_plug, from_schedule: boolean): KGen {
  while (plug.cb_list.length > 0) {
    const callbacks = plug.cb_list.splice(0);
    for (const cb of callbacks) yield* cb.callback(cb, from_schedule);
  }
}

/**
 * Finds or adds a plug callback for (unplug, data) on the current plug.
 * @port block/blk-core.c v3.15 ported
 */
function blk_check_plugged(unplug: blk_plug_cb['callback'], data: unknown): blk_plug_cb | null {
  const plug = current().plug;
  if (!plug) return null;
  for (const cb of plug.cb_list) if (cb.callback === unplug && cb.data === data) return cb;
  const cb: blk_plug_cb = { callback: unplug, data };
  plug.cb_list.push(cb);
  return cb;
}

/** @port block/blk-core.c v3.15 simplified - callbacks only until the request list is modeled */
function* blk_flush_plug_list(plug: blk_plug, from_schedule: boolean): KGen {
  yield* blk_core.flush_plug_callbacks(plug, from_schedule);
}

/** @port block/blk-core.c v3.15 ported */
function* blk_finish_plug(plug: blk_plug): KGen {
  yield* blk_core.blk_flush_plug_list(plug, false);
  const tsk = current();
  if (plug === tsk.plug) tsk.plug = null;
}

/**
 * @port block/blk-core.c v3.15 simplified - no partition remap, no fail_make_request, no
 * integrity; the dead-queue check and the throttling hook (added by the throttle port) remain
 */
function* generic_make_request_checks(b: bio): KGen<boolean> {
  const q = b.bi_bdev;
  if (!q || q.queue_flags & QUEUE_FLAG_DEAD) {
    machine().log(`generic_make_request: bio ${b.ioId} to a dead or missing queue`);
    yield* bios.bio_endio(b, -EIO);
    return false;
  }
  return true;
}

/**
 * Submits a bio to its device. While a make_request_fn is active in this task, new bios are
 * only queued on current->bio_list and run when the active one returns.
 * @port block/blk-core.c v3.15 ported
 */
function* generic_make_request(b: bio): KGen {
  const tsk = current();
  if (!(yield* blk_core.generic_make_request_checks(b))) return;
  /*
   * We only want one ->make_request_fn to be active at a time, else
   * stack usage with stacked devices could be a problem.  So use
   * current->bio_list to keep a list of requests submited by a
   * make_request_fn function.  current->bio_list is also used as a
   * flag to say if generic_make_request is currently active in this
   * task or not.  If it is NULL, then no make_request is active.  If
   * it is non-NULL, then a make_request is active, and new requests
   * should be added at the tail
   */
  if (tsk.bio_list) {
    bio_list_add(tsk.bio_list, b);
    return;
  }
  const bio_list_on_stack = bio_list_init(taskListOwner(tsk));
  tsk.bio_list = bio_list_on_stack;
  let next: bio | null = b;
  do {
    const q = next.bi_bdev as request_queue;
    yield* q.make_request_fn(q, next);
    next = bio_list_pop(tsk.bio_list);
  } while (next);
  tsk.bio_list = null; /* deactivate */
}

/**
 * Submits a bio from above the block layer (a filesystem, swap writeout): IO accounting starts
 * here.
 * @port block/blk-core.c v3.15 simplified - no vm event counters
 */
function* submit_bio(rw: number, b: bio): KGen {
  b.bi_rw |= rw;
  b.accounted = true;
  io_account_submit(b);
  yield* blk_core.generic_make_request(b);
}


export const blk_core = kernel_functions('block/blk-core.c', {
  generic_make_request_checks,
  generic_make_request,
  submit_bio,
  blk_start_plug,
  flush_plug_callbacks,
  blk_check_plugged,
  blk_flush_plug_list,
  blk_finish_plug,
});
