// Plugging from block/blk-core.c (v3.15): a task batches the IO it submits while plugged and
// flushes it when it unplugs or sleeps. Plug callbacks let stacking drivers (md, dm) hook the
// unplug. The request-queue half of this file is ported with the block layer.

import type { blk_plug, blk_plug_cb } from '../include/linux/blkdev.ts';
import { kernel_functions } from '../sim/hooks.ts';
import { current } from '../sim/machine.ts';
import type { KGen } from '../sim/task.ts';

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

export const blk_core = kernel_functions('block/blk-core.c', {
  blk_start_plug,
  flush_plug_callbacks,
  blk_check_plugged,
  blk_flush_plug_list,
  blk_finish_plug,
});
