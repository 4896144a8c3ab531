// Mikulas Patocka, "[PATCH] block: flush queued bios when the process blocks" (2014-05-27,
// re-sent to Jens Axboe), ported as written against the model's 3.15 base: every schedule() of
// a task that is going to sleep hands the bios on its current->bio_list to their bio_sets'
// rescuer workqueues, and bio_alloc_bioset() no longer punts them itself.

import { type bio, bio_list_add, bio_list_empty, bio_list_get } from '../../kernel-model/include/linux/bio.ts';
import { blk_needs_flush_plug, blk_schedule_flush_plug } from '../../kernel-model/include/linux/blkdev.ts';
import type { gfp_t } from '../../kernel-model/include/linux/gfp.ts';
import { bio_kmalloc_size, bios, newBio, type bio_set } from '../../kernel-model/fs/bio.ts';
import { spinlock } from '../../kernel-model/kernel/locking/spinlock.ts';
import { tsk_is_pi_blocked } from '../../kernel-model/kernel/sched/core.ts';
import { workqueue } from '../../kernel-model/kernel/workqueue.ts';
import { mempools } from '../../kernel-model/mm/mempool.ts';
import { slab } from '../../kernel-model/mm/slab.ts';
import { definePatch, patch_functions } from '../../kernel-model/patch-api.ts';
import { current } from '../../kernel-model/sim/machine.ts';
import type { KGen, task_struct } from '../../kernel-model/sim/task.ts';

/**
 * Pop bios queued on current->bio_list and submit each of them to their rescue workqueue.
 *
 * If the bio doesn't have a bio_set, we leave it on current->bio_list. However, stacking
 * drivers should use bio_set, so this shouldn't be an issue.
 * @port fs/bio.c v3.15 ported - added by this patch (replaces punt_bios_to_rescuer)
 */
export function* blk_flush_bio_list(): KGen {
  const tsk = current();
  // struct bio_list list = *current->bio_list; bio_list_init(current->bio_list);
  const list = bio_list_get(tsk.bio_list as NonNullable<task_struct['bio_list']>);
  for (const b of list) {
    const bs = b.bi_pool;
    if (!bs) {
      bio_list_add(tsk.bio_list as NonNullable<task_struct['bio_list']>, b);
    } else {
      yield* spinlock.spin_lock(bs.rescue_lock);
      bio_list_add(bs.rescue_list, b);
      yield* spinlock.spin_unlock(bs.rescue_lock);
      yield* workqueue.queue_work(bs.rescue_workqueue, bs.rescue_work);
    }
  }
}

/**
 * sched_submit_work() with the patch: bios on current->bio_list go to the rescuers before the
 * plug is flushed. The early return for pi-blocked tasks stays in front of it.
 * @port kernel/sched/core.c v3.15 ported - as patched
 */
function* sched_submit_work(tsk: task_struct): KGen {
  if (!tsk.state || tsk_is_pi_blocked(tsk)) return;
  /*
   * If there are bios on the bio list, flush them to the appropriate
   * rescue threads.
   */
  const list = current().bio_list;
  if (list !== null && !bio_list_empty(list)) yield* added.blk_flush_bio_list();
  /*
   * If we are going to sleep and we have plugged IO queued,
   * make sure to submit it to avoid deadlocks.
   */
  if (blk_needs_flush_plug(tsk)) yield* blk_schedule_flush_plug(tsk);
}

/**
 * bio_alloc_bioset() with the patch: no saved_gfp, no __GFP_WAIT masking, no punting; the
 * allocation sleeps in mempool_alloc(), whose schedule() now flushes current->bio_list.
 * @port fs/bio.c v3.15 ported - as patched; no bvec allocation (the model's bios carry no pages)
 */
function* bio_alloc_bioset(gfp_mask: gfp_t, nr_iovecs: number, bs: bio_set | null): KGen<bio | null> {
  let p: bio | null;
  if (!bs) {
    p = yield* slab.kmalloc(bio_kmalloc_size(nr_iovecs), gfp_mask, newBio);
  } else {
    p = yield* mempools.mempool_alloc(bs.bio_pool, gfp_mask);
  }
  if (!p) return null;
  bios.bio_init(p);
  p.bi_pool = bs;
  p.bi_max_vecs = nr_iovecs;
  return p;
}

/** The function this patch adds, with a backtrace frame. */
const added = patch_functions({ blk_flush_bio_list });

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
  slug: '2014-05-27-block-flush-queued-bios-when-blocking',
  messageId: null,
  subject: 'block: flush queued bios when the process blocks',
  author: 'Mikulas Patocka <mpatocka@redhat.com>',
  date: '2014-05-27T15:03:36Z',
  base: 'linux-3.15-rc5',
  message: 'message.txt',
  touches: {
    'fs/bio.c': ['punt_bios_to_rescuer', 'blk_flush_bio_list', 'bio_alloc_bioset'],
    'kernel/sched/core.c': ['sched_submit_work'],
    'include/linux/blkdev.h': ['blk_needs_flush_plug', 'blk_flush_bio_list', 'blk_schedule_flush_plug'],
  },
  overrides: { sched_submit_work, bio_alloc_bioset },
  notOverridden: {
    punt_bios_to_rescuer:
      'the patch deletes it (blk_flush_bio_list, defined in this module, takes its place); with bio_alloc_bioset overridden nothing calls it',
    blk_flush_bio_list: 'new function: defined in this module and called from the sched_submit_work override',
    blk_needs_flush_plug: 'hunk context only: the patch adds the blk_flush_bio_list declaration after it',
    blk_schedule_flush_plug:
      'hunk context only: the !CONFIG_BLOCK hunk deletes a blank line after this stub and adds an empty blk_flush_bio_list stub; CONFIG_BLOCK is always set in the model',
  },
  adaptations: [
    'The archived mail lost every newline, so the diff was reconstructed before porting:',
    "- kernel/sched/core.c (certain): the two comment+if lines are added after sched_submit_work()'s early return",
    '  `if (!tsk->state || tsk_is_pi_blocked(tsk)) return;`, before the plug flush; the early return is kept, so a',
    '  pi-blocked task (blocked on an rt_mutex) still flushes nothing. The condition reads current->bio_list, not',
    '  tsk->bio_list, as written (the same task in schedule()).',
    '- fs/bio.c blk_flush_bio_list (certain): replaces punt_bios_to_rescuer(bs) entirely; it takes every bio off',
    '  current->bio_list, puts a bio without bi_pool back on it, and for each other bio takes its bio_set\'s',
    '  rescue_lock, adds it to the rescue_list, drops the lock and queues the rescue work (one queue_work per bio).',
    '- fs/bio.c bio_alloc_bioset, hunk @@ -428,36 +426,7 @@ (high confidence): the removed lines are the rescuer',
    '  comment, the `if (current->bio_list ...) gfp_mask &= ~__GFP_WAIT;` pair and the `if (!p && gfp_mask !=',
    '  saved_gfp) {...}` retry; the first `p = mempool_alloc(bs->bio_pool, gfp_mask);` STAYS. In the mangled text it',
    '  reads "- p = mempool_alloc(...)", but that "-" is the removed blank line before it (a context line keeps only a',
    '  space once newlines are gone). Evidence: the 3.15 source has blank lines around that statement; 29 removed',
    '  lines (the 20-line comment, a blank, the 2-line condition, a blank, the 5-line retry) with 7 context lines (3 before, the mempool_alloc',
    '  line, blank, front_pad, inline_vecs) give exactly -36/+7; removing the allocation as well would not match the',
    '  header and would leave p unset. Hunk @@ -410,7 +409,6 @@ removes saved_gfp (certain).',
    '- fs/bio.c hunk @@ -471,11 +440,6 @@ (certain) removes the second punt after a failed bvec_alloc(); the model',
    '  has no bvecs, so there is nothing to port.',
    '- include/linux/blkdev.h (certain): declarations only (extern blk_flush_bio_list, an empty !CONFIG_BLOCK stub, a',
    '  deleted blank line); nothing to override.',
    'Model base: the model is the 3.15 submit path (generic_make_request with a single current->bio_list). The',
    'override of bio_alloc_bioset repeats the model function with the hunks applied; blk_flush_bio_list walks the',
    'bios taken off the list with bio_list_get() in place of the on-stack bio_list copy.',
  ].join('\n'),
});
