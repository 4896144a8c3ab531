// md's per-member count of IO in flight, checked once a workload is done. md.h (v3.15) says what
// rdev->nr_pending is: "number of pending requests". Whoever sends IO to a member takes one
// (raid1's read_balance() and make_request(), md's submit_flushes(), the resync's
// sync_request()) and rdev_dec_pending() drops it when that IO completes; hot removal
// (raid1_remove_disk()) refuses a member whose count is not zero, and md_check_recovery() acts
// on a faulty member when it reaches zero. So with nothing runnable, no timer left and no
// workload task waiting (the same point as block/disk-inflight.ts), every member of a live
// array must show none: a count left above zero is a get without its put (the member can never
// be removed), one below zero a put too many (the member could be removed, and freed, under IO
// still going to it). The check walks all_mddevs as /proc/mdstat does, with nothing running to
// race with it. Model-only: md has no such assertion.

import { atomic_read } from '../../include/linux/atomic.ts';
import { list_entries } from '../../include/linux/list.ts';
import { bdevname } from '../../block/genhd.ts';
import { accounting_drift } from '../../kernel/stat-drift.ts';
import { ref } from '../../lib/c-pointers.ts';
import { registerQuiescentCheck } from '../../sim/run.ts';
import { md_c_globals, md_h, type md_rdev, type mddev } from '../drivers/md/md.ts';

registerQuiescentCheck('v3.15', () => {
  for (const array of list_entries<mddev>(md_c_globals().all_mddevs, 'all_mddevs')) {
    for (const rdev of list_entries<md_rdev>(array.disks, 'same_set')) {
      const pending = atomic_read(rdev.nr_pending);
      if (pending === 0) continue;
      accounting_drift(
        'md member nr_pending',
        `${md_h.mdname(array).v}: member ${bdevname(rdev.bdev, ref(''))} has nr_pending ${pending} with no IO left (md.h: "number of pending requests"; every get is put by rdev_dec_pending() when its IO completes)`,
      );
    }
  }
});
