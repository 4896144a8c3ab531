// md-open-race opens a new md device from two programs at once and opens it again while it is
// stopped and deleted. Its runs take md_alloc()'s -EEXIST (the other probe made the disk first)
// and md_open()'s restart (the open found the disk of an array being deleted); on the base tree
// they report only raid1's free of the r1bio after the barrier's release (base-bugs.test.ts),
// as blkid reads while mdadm stops the array. A patch dropping md_alloc()'s disks_mutex, taken
// from its mail by `lkml-harness port`, makes two disks for one unit: the first one leaks.
import { describe, expect, it } from 'vitest';
import { portFixtureMail } from '../helpers/port-fixture.ts';
import { runsReporting } from '../helpers/suite-runs.ts';
import '../../kernel-model/index.ts';
import { measureReach } from '../../harness/suites/reach.ts';
import { runSeeds } from '../../harness/explore/runner.ts';
import { mdOpenRace } from '../../harness/suites/md-open-race.ts';
import { probesOf } from '../../kernel-model/sim/branches.ts';

const RAID1_FREE_AFTER_BARRIER = ['KASAN: use-after-free Read in bio_free', 'KASAN: use-after-free Read in put_all_bios'];

describe('md-open-race', () => {
  it('has two probes of one unit meet in md_alloc(), and an open meet the deletion in md_open()', { timeout: 120_000 }, () => {
    const r = measureReach(mdOpenRace, 60);
    // Probe 2 of md_alloc(): if (mddev->gendisk) goto abort, with -EEXIST.
    expect(probesOf(r.branches.md_alloc ?? '0')).toContain(2);
    // Probe 2 of md_open(): mddev->gendisk != bdev->bd_disk, -ERESTARTSYS.
    expect(probesOf(r.branches.md_open ?? '0')).toContain(2);
  });

  it('reports on the base tree only raid1\'s free of the r1bio after the barrier\'s release', { timeout: 120_000 }, () => {
    const runs = runSeeds(mdOpenRace, { seed: 1, count: 150, patch: null });
    const titles = [...new Set(runs.flatMap((x) => x.findings.map((f) => f.title)))].sort();
    expect(titles).toEqual(RAID1_FREE_AFTER_BARRIER);
  });

  it('sees disks_mutex dropped from md_alloc(): two probes each make a disk for the unit, and one leaks', { timeout: 120_000 }, async () => {
    const patch = await portFixtureMail('md-alloc-no-disks-mutex.patch');
    const runs = runSeeds(mdOpenRace, { seed: 1, count: 60, patch });
    expect(runsReporting(runs, 'memory leak in alloc_disk')).toBeGreaterThan(0);
  });
});
