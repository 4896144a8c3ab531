// md-open-race opens a new md device from two programs at once and opens it again while it is
// stopped and deleted. Its runs take md_alloc()'s -EEXIST (the other probe made the disk first)
// and md_open()'s restart (the open found the disk of an array being deleted); on the base tree
// they report only raid1's free of the r1bio after the barrier's release (base-bugs.test.ts),
// as blkid reads while mdadm stops the array. A named array made meanwhile has md_alloc() walk
// all_mddevs for its name while the others add md1 there. A patch dropping md_alloc()'s disks_mutex, taken
// from its mail by `lkml-harness port`, makes two disks for one unit: the first one leaks; one
// dropping all_mddevs_lock from the name check races with mddev_find().
import { describe, expect, it } from 'vitest';
import { portFixtureMail } from '../helpers/port-fixture.ts';
import { runsReporting } from '../helpers/suite-runs.ts';
import '../../kernel-model/index.ts';
import { measureReach } from '../../harness/suites/reach.ts';
import { runSeeds } from '../../harness/explore/runner.ts';
import { mdOpenRace } from '../../harness/suites/md-open-race.ts';
import { probesOf } from '../../kernel-model/sim/branches.ts';

// The late free_r1bio() of the base bug shows as the first freed object it touches, or as
// allow_barrier() reading the conf the stop freed once the master bio completed.
const RAID1_FREE_AFTER_BARRIER = ['KASAN: use-after-free Read in allow_barrier', 'KASAN: use-after-free Read in bio_free', 'KASAN: use-after-free Read in put_all_bios'];

describe('md-open-race', () => {
  it('has two probes of one unit meet in md_alloc(), and an open meet the deletion in md_open()', { timeout: 120_000 }, () => {
    const r = measureReach(mdOpenRace, 60);
    // Probe 2 of md_alloc(): if (mddev->gendisk) goto abort, with -EEXIST.
    expect(probesOf(r.branches.md_alloc ?? '0')).toContain(2);
    // Probe 2 of md_open(): mddev->gendisk != bdev->bd_disk, -ERESTARTSYS.
    expect(probesOf(r.branches.md_open ?? '0')).toContain(2);
    // Probe 6 of md_alloc(): the body of its walk of all_mddevs, checking a named array's name.
    expect(probesOf(r.branches.md_alloc ?? '0')).toContain(6);
  });

  it('reports on the base tree only raid1\'s free of the r1bio after the barrier\'s release', { timeout: 120_000 }, () => {
    const runs = runSeeds(mdOpenRace, { seed: 1, count: 150, patch: null });
    const titles = [...new Set(runs.flatMap((x) => x.findings.map((f) => f.title)))].sort();
    // Which of its faces show depends on the schedules (allow_barrier()'s did in 2 of 150 runs
    // until kthread_create_on_node()'s allocation moved them); nothing else may.
    expect(titles.length).toBeGreaterThan(0);
    for (const t of titles) expect(RAID1_FREE_AFTER_BARRIER).toContain(t);
  });

  it('sees all_mddevs_lock dropped from md_alloc()\'s check of a new array\'s name: its walk of all_mddevs races with mddev_find()', { timeout: 120_000 }, async () => {
    const patch = await portFixtureMail('md-alloc-name-check-unlocked.patch');
    const runs = runSeeds(mdOpenRace, { seed: 1, count: 30, patch });
    expect(runsReporting(runs, 'KCSAN: data-race in md_alloc / mddev_find')).toBeGreaterThan(0);
  });

  it('sees disks_mutex dropped from md_alloc(): two probes each make a disk for the unit, and one leaks', { timeout: 120_000 }, async () => {
    const patch = await portFixtureMail('md-alloc-no-disks-mutex.patch');
    const runs = runSeeds(mdOpenRace, { seed: 1, count: 60, patch });
    expect(runsReporting(runs, 'memory leak in alloc_disk')).toBeGreaterThan(0);
  });
});
