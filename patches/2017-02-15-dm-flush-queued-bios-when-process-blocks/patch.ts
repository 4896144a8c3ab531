// d67a5f4b5947 "dm: flush queued bios when process blocks to avoid deadlock" (Mikulas Patocka,
// v4.11): the dm-only form of the 2014 block-layer patch. While a target's map method runs,
// dm core holds an on-stack plug whose callback list carries flush_current_bio_list(); if the
// map method sleeps, schedule() flushes the plug and the callback hands the bios queued on
// current->bio_list to their bio_sets' rescuers. Bios without a bio_set, or from fs_bio_set,
// stay on the list. Ported as in the commit onto the model's 3.15 dm core.

import { bio_list_add, bio_list_get } from '../../kernel-model/include/linux/bio.ts';
import type { blk_plug, blk_plug_cb } from '../../kernel-model/include/linux/blkdev.ts';
import { DM_MAPIO_REMAPPED, DM_MAPIO_REQUEUE, DM_MAPIO_SUBMITTED } from '../../kernel-model/include/linux/device-mapper.ts';
import { atomic_inc } from '../../kernel-model/include/linux/atomic.ts';
import { BUG_ON } from '../../kernel-model/include/asm-generic/bug.ts';
import { blk_core } from '../../kernel-model/block/blk-core.ts';
import { dm, type dm_target_io } from '../../kernel-model/drivers/md/dm.ts';
import { fs_bio_set } from '../../kernel-model/fs/bio.ts';
import { spinlock } from '../../kernel-model/kernel/locking/spinlock.ts';
import { workqueue } from '../../kernel-model/kernel/workqueue.ts';
import { definePatch, patch_functions } from '../../kernel-model/patch-api.ts';
import { current } from '../../kernel-model/sim/machine.ts';
import type { KGen } from '../../kernel-model/sim/task.ts';

/**
 * Flush current->bio_list when the target map method blocks. This fixes deadlocks in snapshot
 * and possibly in other targets.
 */
interface dm_offload {
  plug: blk_plug;
  cb: blk_plug_cb;
  /** The cb_list the callback was added to (list_head cb.list); null once it is unlinked. */
  cb_list: blk_plug_cb[] | null;
}

/** @port drivers/md/dm.c v4.11 ported - added by this commit */
export function* flush_current_bio_list(cb: blk_plug_cb, _from_schedule: boolean): KGen {
  const o = cb.data as dm_offload;
  const tsk = current();
  // INIT_LIST_HEAD(&o->cb.list): flush_plug_callbacks() already took it off the plug.
  o.cb_list = null;
  if (!tsk.bio_list) return;
  // list = *current->bio_list; bio_list_init(current->bio_list);
  const list = bio_list_get(tsk.bio_list);
  for (const b of list) {
    const bs = b.bi_pool;
    if (!bs || bs === fs_bio_set()) {
      bio_list_add(tsk.bio_list, b);
      continue;
    }
    yield* spinlock.spin_lock(bs.rescue_lock);
    bio_list_add(bs.rescue_list, b);
    yield* workqueue.queue_work(bs.rescue_workqueue, bs.rescue_work);
    yield* spinlock.spin_unlock(bs.rescue_lock);
  }
}

/** @port drivers/md/dm.c v4.11 ported - added by this commit */
export function dm_offload_start(o: dm_offload): void {
  blk_core.blk_start_plug(o.plug);
  o.cb.callback = added.flush_current_bio_list;
  // list_add(&o->cb.list, &current->plug->cb_list): the outer plug when this one is nested.
  const cb_list = (current().plug as blk_plug).cb_list;
  cb_list.unshift(o.cb);
  o.cb_list = cb_list;
}

/** @port drivers/md/dm.c v4.11 ported - added by this commit */
export function* dm_offload_end(o: dm_offload): KGen {
  // list_del(&o->cb.list)
  if (o.cb_list !== null) {
    const i = o.cb_list.indexOf(o.cb);
    if (i >= 0) o.cb_list.splice(i, 1);
    o.cb_list = null;
  }
  yield* blk_core.blk_finish_plug(o.plug);
}

/**
 * __map_bio() with the map call wrapped in dm_offload_start/dm_offload_end.
 * @port drivers/md/dm.c v4.11 ported - on the 3.15 model: free_tio(md, tio), no trace point
 */
function* __map_bio(tio: dm_target_io): KGen {
  const clone = tio.clone;
  const ti = tio.ti;
  const o: dm_offload = { plug: {} as blk_plug, cb: { callback: added.flush_current_bio_list, data: null }, cb_list: null };
  o.cb.data = o;
  clone.bi_end_io = dm.clone_endio;
  /*
   * Map the clone.  If r == 0 we don't need to do
   * anything, the target has assumed ownership of
   * this io.
   */
  yield* atomic_inc(tio.io.io_count);
  added.dm_offload_start(o);
  const r = yield* ti.type.map(ti, clone);
  yield* added.dm_offload_end(o);
  if (r === DM_MAPIO_REMAPPED) {
    /* the bio has been remapped so dispatch it */
    yield* blk_core.generic_make_request(clone);
  } else if (r < 0 || r === DM_MAPIO_REQUEUE) {
    /* error the io and bail out, or requeue it if needed */
    const md = tio.io.md;
    yield* dm.dec_pending(tio.io, r);
    yield* dm.free_tio(md, tio);
  } else {
    BUG_ON(r !== DM_MAPIO_SUBMITTED, 'drivers/md/dm.c');
  }
}

/** The functions this patch adds, with backtrace frames. */
const added = patch_functions({ flush_current_bio_list, dm_offload_start, dm_offload_end });

/**
 * What the patch was posted to fix, for the review's lead (read by harness/patches/load.ts):
 * the report in a sentence, the suites that reproduce it, and its findings' titles.
 */
export const postedFor = {
  summary: "the dm-snapshot deadlock: a split read's first piece queued on current->bio_list while pending_complete() holds s->lock and waits for it",
  suites: ["dm-snapshot-split"],
  titles: ["INFO: task hung in snapshot_map"],
};

export default definePatch({
  slug: '2017-02-15-dm-flush-queued-bios-when-process-blocks',
  messageId: null,
  subject: 'dm: flush queued bios when process blocks to avoid deadlock',
  author: 'Mikulas Patocka <mpatocka@redhat.com>',
  date: '2017-02-15T00:00:00Z',
  base: 'v4.11-rc (merged for v4.11)',
  commit: 'd67a5f4b5947aba4bfe9a80a2b86079c215ca755',
  touches: {
    'drivers/md/dm.c': ['flush_current_bio_list', 'dm_offload_start', 'dm_offload_end', '__map_bio'],
  },
  overrides: { __map_bio },
  notOverridden: {
    flush_current_bio_list: 'new function: defined in this module, installed as the plug callback by dm_offload_start',
    dm_offload_start: 'new function: defined in this module and called from the __map_bio override',
    dm_offload_end: 'new function: defined in this module and called from the __map_bio override',
  },
  adaptations: [
    'Written against v4.11 dm.c, ported onto the model\'s v3.15 dm core; the parts it relies on exist there unchanged:',
    'struct blk_plug_cb with (callback, data) and flush_plug_callbacks() called from blk_schedule_flush_plug() by',
    'sched_submit_work(), a single current->bio_list (f5fe1b51905d\'s bio_list[2] came later), fs_bio_set and the',
    'bio_set rescue_list/rescue_work/rescue_workqueue of df2cb6daa4cb.',
    '__map_bio is the 3.15 function with the v4.11 change: the map call sits between dm_offload_start() and',
    'dm_offload_end(); the error path keeps 3.15\'s free_tio(md, tio) and the trace point is left out (not modeled).',
    'flush_current_bio_list queues the rescue work while holding rescue_lock, as the commit does (the 2014 patch',
    'dropped the lock first). The model\'s plug callback list is an array: list_add is an insertion at the head of',
    'current->plug->cb_list (the outer plug when the on-stack one is nested), list_del a removal from that array,',
    'and INIT_LIST_HEAD in the callback marks the callback unlinked. The commit date in the slug is the author date',
    'as recalled (2017-02-15); it was not checked against a copy of the commit object here.',
  ].join('\n'),
});
