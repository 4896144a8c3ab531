// Eight bugs of the v3.15-rc5 tree the model found, each proven both ways as the v3.2 ones are
// (test/v3.2/base-bugs.test.ts): the suite that found it still finds it on the base tree, and a
// fix written as a patch mail against the base C, taken by `lkml-harness port` with no
// hand-written TypeScript, makes it go away in the same schedules. The first three were fixed
// upstream later; the mails' descriptions name the upstream fixes. The third shows under two titles
// (the first freed object the late free_r1bio() touches), each proven, and md-open-race (blkid
// reading while mdadm stops the array) finds it too. (Its third face, allow_barrier() reading the
// conf the stop freed once the master bio's completion let it go on, showed in 2 of md-open-race's
// 150 runs until kthread_create_on_node()'s request allocation moved the schedules; in none of
// 600 since.) The fourth and fifth, md's flush ignoring a
// member's failed cache flush and dm's flush with data sending its data after a failed preflush,
// are seen by the IO accounting's write-cache check (a flush that completes without an error
// leaves the writes completed before it durable): md dropped the error until its flush handling
// was removed in v6.12; dm's dm_io_complete() still reissues the data whatever the preflush's
// status in v6.x. The sixth to eighth need arrays with superblocks (raid1-bad-blocks, 1.2
// superblocks with bad-block logs): raid1's write split at bad blocks ends more writes than it
// started (the safe-mode check), super_written() wakes the superblock waiter before its
// bio_put(), so a stop frees the bio_set under it (KASAN), and handle_read_error() re-splits a
// failed part as if it ran to the end of its bio (KASAN in call_bio_endio).
import { type BaseBug, proveBaseBugs } from '../helpers/base-bugs.ts';
import { raid1CheckErrors } from '../../harness/suites/raid1-check-errors.ts';
import { setupNomem } from '../../harness/suites/setup-nomem.ts';
import { mdOpenRace } from '../../harness/suites/md-open-race.ts';
import { mdLinear } from '../../harness/suites/md-linear.ts';
import { dmExtents } from '../../harness/suites/dm-extents.ts';
import { raid1BadBlocks } from '../../harness/suites/raid1-bad-blocks.ts';

const freeAfterBarrier = 'raid_end_bio_io() releases the barrier before free_r1bio(), so stopping the array frees conf and the bio_set under it';

const bugs: BaseBug[] = [
  {
    bug: 'resync requests are queued for raid1d (nr_queued) but not counted in nr_pending, so freeze_array() waits forever',
    mail: 'raid1-count-resync-in-nr-pending.patch',
    suite: raid1CheckErrors,
    runs: 200,
    title: 'INFO: task hung in freeze_array',
  },
  {
    bug: 'process_checks() reads r1_bio->bios[raid_disks * 2] when no read of a check succeeded and the rewrite failed',
    mail: 'raid1-process-checks-no-source.patch',
    suite: raid1CheckErrors,
    runs: 200,
    title: 'KASAN: slab-out-of-bounds Read in process_checks',
  },
  {
    bug: freeAfterBarrier,
    mail: 'raid1-free-r1bio-before-allow-barrier.patch',
    suite: setupNomem,
    runs: 150,
    title: 'KASAN: use-after-free Read in put_all_bios',
  },
  {
    bug: freeAfterBarrier,
    mail: 'raid1-free-r1bio-before-allow-barrier.patch',
    suite: setupNomem,
    runs: 150,
    title: 'KASAN: use-after-free Read in bio_free',
  },
  {
    bug: freeAfterBarrier,
    mail: 'raid1-free-r1bio-before-allow-barrier.patch',
    suite: mdOpenRace,
    runs: 60,
    title: 'KASAN: use-after-free Read in put_all_bios',
  },
  {
    bug: "md_end_flush() ignores a member's failed cache flush, so a flush of the array completes without an error while its writes sit in that member's volatile cache",
    mail: 'md-end-flush-error.patch',
    suite: mdLinear,
    runs: 60,
    title: 'lost flush: flush completed without error before earlier writes were durable',
  },
  {
    bug: "dec_pending() sends the data of a flush with data on whatever error its preflush left, so a device's failed cache flush is forgotten and the write completes without an error",
    mail: 'dm-flush-with-data-error.patch',
    suite: dmExtents,
    runs: 100,
    title: 'lost flush: flush completed without error before earlier writes were durable',
  },
  {
    bug: 'make_request() counts a write in writes_pending once (md_write_start) but each r1bio of a write split at bad blocks ends it (close_write), so the count goes below zero and the array is never marked clean again',
    mail: 'raid1-split-write-writes-pending.patch',
    suite: raid1BadBlocks,
    runs: 60,
    title: 'md: array left active after its writes stopped',
  },
  {
    bug: 'super_written() wakes md_super_wait() before it puts the bio, so a stop that was waiting frees mddev->bio_set under bio_put()',
    mail: 'md-super-written-put-before-wake.patch',
    suite: raid1BadBlocks,
    runs: 100,
    title: 'KASAN: use-after-free Read in bio_free',
  },
  {
    bug: "handle_read_error() sizes the r1bio for what is left of a failed part as the rest of the master bio, so a middle part's re-split reads and counts the parts after it again and the master is completed and freed while a part is in hand",
    mail: 'raid1-read-error-resplit-part.patch',
    suite: raid1BadBlocks,
    runs: 150,
    title: 'KASAN: use-after-free Read in call_bio_endio',
  },
];

proveBaseBugs('v3.15', bugs);
