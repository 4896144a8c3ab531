// disk-add-nomem takes the error paths of making a v3.2 request queue: with a probe's N-th
// allocation failed, the throttle data's and its root group's allocations fail in some runs and
// succeed in others, the request mempool's and the elevator's too, and what the probe made is
// undone (nothing leaks, nothing is used after it is freed), except in two places, bugs of the
// base tree (test/v3.2/base-bugs.test.ts) and the two titles the suite reports there: where the
// root group's per-cpu stats cannot be had, cfq_init_queue() kfree()s the root group embedded in
// cfqd; and where the throttle data cannot be, blk_alloc_queue_node() frees the queue without
// destroying its backing device's per-cpu counters.
// That it sees a forgotten free there is the mutant runs' measure (README). Two
// tasks probe at once, so CFQ's cic index IDA is changed from two contexts: a patch that drops
// cic_index_lock around ida_get_new(), taken from its mail by `lkml-harness port`, is a data race.
// The probes look their elevator up on elv_list, which the boot registered under elv_list_lock
// (a rule about elevator.c's globals): a lookup without the lock meets the registration.
import { describe, expect, it } from 'vitest';
import { portFixtureMail } from '../helpers/port-fixture.ts';
import { reportingWithMailAndBase, runsReporting } from '../helpers/suite-runs.ts';
import '../../kernel-model/index.ts';
import { measureReach } from '../../harness/suites/reach.ts';
import { runSeeds } from '../../harness/explore/runner.ts';
import { diskAddNomem } from '../../harness/suites/disk-add-nomem.ts';
import { probesOf } from '../../kernel-model/sim/branches.ts';

/** Both arms of every condition of `fn` taken: each bit of its probe mask set. */
const allArms = (mask: string | undefined, arms: number): boolean => mask !== undefined && parseInt(mask, 16) === 2 ** arms - 1;

describe('disk-add-nomem', () => {
  it('fails and completes each allocation of the throttle data, the request list and the elevator', { timeout: 120_000 }, () => {
    const r = measureReach(diskAddNomem, 150);
    // if (!td) and if (!tg): both arms each.
    expect(allArms(r.branches.blk_throtl_init, 4)).toBe(true);
    // blk_alloc_queue_node() failing, blk_init_allocated_queue() failing (cleaned up), and neither;
    // the elevator's data and its hash each failing and not.
    expect(allArms(r.branches.blk_init_queue_node, 4)).toBe(true);
    expect(allArms(r.branches.elevator_alloc, 5)).toBe(true);
  });

  it('fails a per-cpu chunk\'s page under the root groups\' stats, and CFQ\'s error path for it runs', { timeout: 120_000 }, () => {
    const r = measureReach(diskAddNomem, 150);
    // Probes 6 and 7 of cfq_init_queue(): if (blkio_alloc_blkg_stats(&cfqg->blkg)) failed, and not.
    expect(probesOf(r.branches.cfq_init_queue ?? '0')).toEqual(expect.arrayContaining([6, 7]));
  });

  it('fails the backing device\'s per-cpu counters, and the queue is freed', { timeout: 120_000 }, () => {
    const r = measureReach(diskAddNomem, 150);
    // Probes 2 and 3 of blk_alloc_queue_node(): if (err) after bdi_init() taken, and not.
    expect(probesOf(r.branches.blk_alloc_queue_node ?? '0')).toEqual(expect.arrayContaining([2, 3]));
  });

  it('reports on the base tree only the root group kfree()d inside cfqd and the counters of a bdi never destroyed: every other error path undoes what it made', { timeout: 120_000 }, () => {
    const runs = runSeeds(diskAddNomem, { seed: 1, count: 150, patch: null });
    const titles = new Set(runs.flatMap((x) => x.findings.map((f) => f.title)));
    expect([...titles].sort()).toEqual(['KASAN: double-free or invalid-free in cfq_init_queue', 'memory leak in bdi_init']);
  });

  it('sees cic_index_lock dropped around ida_get_new(): the two probes change the IDA together', { timeout: 120_000 }, async () => {
    const patch = await portFixtureMail('cfq-cic-index-no-lock.patch');
    const runs = runSeeds(diskAddNomem, { seed: 1, count: 60, patch });
    expect(runsReporting(runs, 'KCSAN: data-race in cfq_alloc_cic_index / cfq_alloc_cic_index')).toBeGreaterThan(0);
  });

  it('sees elevator_get() walk elv_list without elv_list_lock: the boot registered the schedulers under it', { timeout: 120_000 }, async () => {
    const patch = await portFixtureMail('elevator-get-unlocked-lookup.patch');
    const runs = runSeeds(diskAddNomem, { seed: 1, count: 30, patch });
    expect(runsReporting(runs, 'KCSAN: data-race in elevator_find / elv_register')).toBeGreaterThan(0);
  });

  it('fails the new elevator as the boot disk\'s scheduler is switched, and sees the elevator_queue leak when the switch forgets its kobject_put()', { timeout: 180_000 }, async () => {
    const seen = await reportingWithMailAndBase(diskAddNomem, 'elevator-switch-init-fail-no-put.patch', 60, 'memory leak in elevator_alloc');
    expect(seen.patched).toBeGreaterThan(0);
    expect(seen.base).toBe(0);
  });
});
