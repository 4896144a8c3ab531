// elevator-switch switches the v3.2 disk's elevator from CFQ to noop and back under IO: the new
// elevator set up, the queue drained with QUEUE_FLAG_ELVSWITCH set, the old one exited (CFQ's
// queues, groups and cfq_io_contexts, its cic index given back), and a dead cic dropped once
// the index comes back. What it finds on the base tree, and the fix that removes it, are
// proven with the other base-tree bugs (test/v3.2/base-bugs.test.ts). A patch that stops
// queue_attr_store() holding q->sysfs_lock, taken from its mail by `lkml-harness port`, lets the
// scheduler store attach an elevator without it: KCSAN's rule on q->elevator sees it, as it sees
// a switch that attaches the new elevator without the queue lock (the rule's second write lock).
import { describe, expect, it } from 'vitest';
import { portFixtureMail } from '../helpers/port-fixture.ts';
import { reportingWithMailAndBase, runsReporting } from '../helpers/suite-runs.ts';
import '../../kernel-model/index.ts';
import { runSeeds } from '../../harness/explore/runner.ts';
import { measureReach } from '../../harness/suites/reach.ts';
import { elevatorSwitch } from '../../harness/suites/elevator-switch.ts';

describe('elevator-switch', () => {
  it('takes the switch\'s paths: both elevators set up and exited, and the drain', { timeout: 120_000 }, () => {
    const r = measureReach(elevatorSwitch, 20);
    for (const fn of ['elv_iosched_store', 'elevator_change', 'elevator_switch', 'elv_quiesce_start', 'elv_quiesce_end', 'blk_drain_queue', 'cfq_init_queue', 'cfq_exit_queue', 'noop_init_queue', 'noop_exit_queue', 'noop_dispatch', 'cfq_drop_dead_cic']) expect(r.functions, fn).toContain(fn);
  });

  it('sees q->elevator changed without q->sysfs_lock when queue_attr_store() stops taking it', { timeout: 120_000 }, async () => {
    const patch = await portFixtureMail('queue-attr-store-no-sysfs-lock.patch');
    const isRace = (title: string): boolean => title.startsWith('KCSAN: data-race in') && title.includes('elevator_attach');
    const races = (p: typeof patch | null): number => runsReporting(runSeeds(elevatorSwitch, { seed: 1, count: 40, patch: p }), isRace);
    expect(races(patch)).toBeGreaterThan(0);
    expect(races(null)).toBe(0);
  });

  it('sees the new elevator attached without q->queue_lock: the dispatch path reads q->elevator under that lock alone', { timeout: 120_000 }, async () => {
    const isRace = (title: string): boolean => title.startsWith('KCSAN: data-race in') && title.includes('elevator_attach');
    const seen = await reportingWithMailAndBase(elevatorSwitch, 'elevator-switch-attach-unlocked.patch', 40, isRace);
    expect(seen.patched).toBeGreaterThan(0);
    expect(seen.base).toBe(0);
  });
});
