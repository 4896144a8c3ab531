// A disk hot-removed while tasks of new cgroups are issuing their first IOs to it: three
// cgroups made up front, three tasks moving through them writing eight pages in each (two enter
// the first cgroup together), and a fourth that unplugs the disk as they start: a virtio-blk
// device removed from the guest, del_gendisk and blk_cleanup_queue while the disk is still
// open; the writers go on writing to the open disk and their IO fails
// (harness/fuzz/workload-v3.2.ts). A cgroup's first bio allocates its throtl_grp with
// q->queue_lock dropped; when the queue is marked dead meanwhile, throtl_get_tg() frees the new
// group and fails the bio (-ENODEV), and blk_cleanup_queue() drains what is queued and throttled.
// The writes are of eight pages and the disk fails some, so a bio is also ended part with an
// error and part without, and must still complete with the error.
// The lifecycle the issue names: a disk removed while non-root groups still hang off it. The
// suite is one named program of the generated grammar, so its text is the whole workload.

import { v32Grammar } from '../fuzz/grammar-v3.2.ts';
import { namedProgramSuite } from './named-program.ts';

export const diskUnplug = namedProgramSuite(v32Grammar, {
  name: 'disk-unplug',
  summary: 'the disk hot-removed while tasks of new blkio cgroups issue their first IOs to it',
  scenario: 'for a disk removed while cgroups have IO on it',
  defaultSchedules: 150,
  expectedSteps: 500,
  text: `cpus 3
t0: mkdir 1; mkdir 2; mkdir 3; sleep 1; attach 3; io w 4096+64 wait; attach 2; io w 4104+64 wait
t1: sleep 1; attach 1; io w 4200+64 wait; attach 2; io w 4208+64 wait; attach 3; io w 4216+64 wait
t2: sleep 1; attach 1; io w 4300+64 wait; attach 3; io w 4308+64 wait; attach 2; io w 4316+64 wait
t3: sleep 1; attach 2; unplug`,
  // Memory low, so that a group's per-cpu allocation reclaims and the unplug can land while it
  // does (about one run in ten); completions sometimes late, so that IO is still queued when
  // the disk goes; the disk fails up to half its IOs in every run, a media error on one page of
  // an eight-page write ending it segment by segment (blk_update_request's partial completion).
  plan: { memory: ['low'], ioDelay: { chance: 2, max: 2 }, wqDelay: { chance: 3, max: 1 }, ioError: { chance: 1, percent: 50 } },
});
