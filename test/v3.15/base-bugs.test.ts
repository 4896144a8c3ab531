// Three bugs of the v3.15-rc5 tree the model found, each proven both ways as the v3.2 ones are
// (test/v3.2/base-bugs.test.ts): the suite that found it still finds it on the base tree, and a
// fix written as a patch mail against the base C, taken by `lkml-harness port` with no
// hand-written TypeScript, makes it go away in the same schedules. All were fixed upstream
// later; the mails' descriptions name the upstream fixes. The third shows under two titles
// (the first freed object the late free_r1bio() touches), each proven, and md-open-race (blkid
// reading while mdadm stops the array) finds it too.
import { type BaseBug, proveBaseBugs } from '../helpers/base-bugs.ts';
import { raid1CheckErrors } from '../../harness/suites/raid1-check-errors.ts';
import { setupNomem } from '../../harness/suites/setup-nomem.ts';
import { mdOpenRace } from '../../harness/suites/md-open-race.ts';

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
];

proveBaseBugs('v3.15', bugs);
