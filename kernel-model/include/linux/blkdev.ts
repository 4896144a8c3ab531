// The per-task plug (struct blk_plug) and its inline helpers from include/linux/blkdev.h.
// The request queue and the request list a plug holds are ported with the block layer; this
// file carries what the scheduler needs to see.

import type { KGen, task_struct } from '../../sim/task.ts';
import type { spinlock_t } from '../../kernel/locking/spinlock.ts';
import type { bio } from './bio.ts';
import { registerTaskInit } from '../../sim/task.ts';
import { blk_core } from '../../block/blk-core.ts';

export const QUEUE_FLAG_DEAD = 1 << 0;

/**
 * struct request_queue as far as the model needs it. Subsystems (throttling, the elevator, dm)
 * add their fields by declaration merging.
 */
export interface request_queue {
  id: number;
  name: string;
  queue_lock: spinlock_t;
  queue_flags: number;
  node: number;
  make_request_fn: (q: request_queue, bio: bio) => KGen;
  queuedata: unknown;
}

/** A plug callback (struct blk_plug_cb): a stacking driver's way to be told about unplug. */
export interface blk_plug_cb {
  callback: (cb: blk_plug_cb, from_schedule: boolean) => KGen;
  data: unknown;
}

/** struct blk_plug; the request list joins it with the request-queue port. */
export interface blk_plug {
  magic: number;
  cb_list: blk_plug_cb[];
}

declare module '../../sim/task.ts' {
  interface task_struct {
    plug: blk_plug | null;
  }
}

registerTaskInit((t) => {
  t.plug = null;
});

/** @port include/linux/blkdev.h v3.15 simplified - no mq_list (no blk-mq in the model); request list not yet modeled */
export function blk_needs_flush_plug(tsk: task_struct): boolean {
  const plug = tsk.plug;
  return plug !== null && plug.cb_list.length > 0;
}

/** @port include/linux/blkdev.h v3.15 ported */
export function* blk_schedule_flush_plug(tsk: task_struct): KGen {
  const plug = tsk.plug;
  if (plug !== null) yield* blk_core.blk_flush_plug_list(plug, true);
}
