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
import { NULL } from '../../lib/c-pointers.ts';
import { registerRunEndCheck } from '../../sim/run.ts';
import { md_c_globals, type md_rdev, type mddev } from '../drivers/md/md.ts';

// The names are read here rather than through md.c's mdname() or bdevname(): the check looks at
// the model once it is done and must not count as the workload reaching the kernel's functions.

/** The array's name as md prints it (mdname()): its gendisk's, "mdX" before it has one. */
function array_name(array: mddev): string {
  return array.gendisk === NULL ? 'mdX' : array.gendisk.disk_name.v;
}

/** The member's name: its block device's disk. */
function member_name(rdev: md_rdev): string {
  return rdev.bdev === NULL ? '(no device)' : rdev.bdev.bd_disk.disk_name.v;
}

registerRunEndCheck('quiescent', (m) => {
  if (!m.debug || m.base !== 'v3.15') return;
  // With workload tasks left the run hangs (kernel/hung_task.ts), its IO still in flight.
  if (m.workloadLeft().length > 0) return;
  for (const array of list_entries<mddev>(md_c_globals().all_mddevs, 'all_mddevs')) {
    for (const rdev of list_entries<md_rdev>(array.disks, 'same_set')) {
      const pending = atomic_read(rdev.nr_pending);
      if (pending === 0) continue;
      m.report({
        kind: 'accounting',
        title: 'accounting drift in md member nr_pending',
        report: `${array_name(array)}: member ${member_name(rdev)} has nr_pending ${pending} with no IO left (md.h: "number of pending requests"; every get is put by rdev_dec_pending() when its IO completes)`,
        backtraces: [],
        step: m.steps,
        fatal: false,
      });
    }
  }
});
