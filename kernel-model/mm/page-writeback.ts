// mm/page-writeback.c: direct reclaim's throttle on writeback. After each pass over a zone,
// shrink_zone() (v3.2; shrink_lruvec() in v3.15) calls throttle_vm_writeout(), which sleeps in
// congestion_wait() for as long as the pages under writeback exceed the dirty threshold, unless
// the allocation cannot enter the filesystem or start IO ("The caller might hold locks which can
// prevent IO completion"): one nap, and it goes on. That exception is why the block layer
// allocates GFP_NOIO under its own IO. A GFP_KERNEL allocation made while the task submits IO
// (inside generic_make_request, with bios on current->bio_list) reclaims, writes a page to swap,
// and the swap bio is queued on that same bio_list: it cannot complete until the allocation
// returns, and the allocation sleeps until it completes.

import { __GFP_FS, __GFP_IO, type gfp_t } from '../include/linux/gfp.ts';
import { all_of, bio_wait_target, queued_bios } from '../block/bio-list-owners.ts';
import { kernel_functions } from '../sim/hooks.ts';
import { HZ, current } from '../sim/machine.ts';
import type { KGen, WaitTarget } from '../sim/task.ts';
import { BLK_RW_ASYNC, backing_dev } from './backing-dev.ts';
import { PageWriteback, type page } from './page.ts';
import { memory_pressure } from './memory-pressure.ts';
import { NR_UNSTABLE_NFS, NR_WRITEBACK, global_page_state } from './vmstat.ts';

/**
 * The dirty threshold (global_dirty_limits() plus the tenth throttle_vm_writeout() allows page
 * allocators). The model has no page cache, so nothing to take a share of; the memory pressure
 * stands for it. When memory is short enough that every sleeping allocation reclaims ('high',
 * 'exhausted'), the rest of the system's writeback has used the allowance up, so every page that
 * reclaim itself has under writeback keeps reclaimers throttled until its write completes. With
 * less pressure writeback stays under the limit.
 */
function dirty_thresh(): number {
  const pressure = memory_pressure();
  return pressure === 'high' || pressure === 'exhausted' ? 0 : Number.POSITIVE_INFINITY;
}

interface bvec_page_holder {
  bi_vcnt: number;
  bi_io_vec: { bv_page: page | null }[] | null;
}

/** Whether a queued bio carries a page that is under writeback (a swap write, or its clone). */
function carriesWriteback(b: object): boolean {
  const bio = b as bvec_page_holder;
  if (!bio.bi_io_vec) return false;
  for (let i = 0; i < bio.bi_vcnt; i++) {
    const p = bio.bi_io_vec[i]?.bv_page;
    if (p && PageWriteback(p)) return true;
  }
  return false;
}

/**
 * What a throttled reclaimer waits for: every page under writeback to complete. A page whose bio
 * sits on a task's bio_list waits for that task (for the hang detector, kernel/hung_task.ts).
 */
const pages_under_writeback: WaitTarget = all_of('the pages under writeback (NR_WRITEBACK) to complete', function* () {
  for (const b of queued_bios()) if (carriesWriteback(b)) yield bio_wait_target(b);
});

/**
 * @port mm/page-writeback.c v3.2 simplified - the dirty threshold from the memory pressure (dirty_thresh above)
 */
function* throttle_vm_writeout(gfp_mask: gfp_t): KGen {
  const t = current();
  const outer = t.pollingOn;
  const mayWaitForIo = (gfp_mask & (__GFP_FS | __GFP_IO)) === (__GFP_FS | __GFP_IO);
  try {
    for (;;) {
      if (global_page_state(NR_UNSTABLE_NFS) + global_page_state(NR_WRITEBACK) <= dirty_thresh()) break;
      // Polling: congestion_wait() naps until the writeback is under the threshold. An allocation
      // that may not do IO naps once and goes on, which is no wait on the writeback.
      if (mayWaitForIo) t.pollingOn = pages_under_writeback;
      yield* backing_dev.congestion_wait(BLK_RW_ASYNC, HZ / 10);
      /*
       * The caller might hold locks which can prevent IO completion
       * or progress in the filesystem.  So we cannot just sit here
       * waiting for IO to complete.
       */
      if (!mayWaitForIo) break;
    }
  } finally {
    t.pollingOn = outer;
  }
}

export const page_writeback = kernel_functions('mm/page-writeback.c', { throttle_vm_writeout });
