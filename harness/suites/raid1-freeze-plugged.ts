// A RAID1 mirror frozen for a read retry while a writer's plugged writes are all the other IO in
// flight: the v3.15 grammar's device stack (harness/fuzz/ops-v3.15.ts) with one task reading
// /dev/md0 block by block and one writing plugged batches of four, the legs failing a share of
// their IOs and completions late in every run, and the host swapping to the snapshot origin
// under high memory pressure. A failed read sends its r1_bio to raid1d, which freezes the array
// (freeze_array: it waits until every other r1_bio in flight is done or queued, submitting queued
// writes meanwhile). The writer's batch has writes counted in nr_pending and held in its plug
// when the freeze comes; its next write then sleeps in wait_barrier(), or its allocation sleeps
// in reclaim, and the sleep flushes the plug from the scheduler (raid1_unplug() with
// from_schedule), which hands the writes to raid1d's pending list. Nothing else is in flight to
// complete and wake raid1d: only raid1_unplug()'s own wake-up of conf->wait_barrier lets the
// freeze see them and submit them. The suite is one named program of the generated grammar, so
// its text is the whole workload.

import { v315Grammar } from '../fuzz/grammar-v3.15.ts';
import { namedProgramSuite } from './named-program.ts';

export const raid1FreezePlugged = namedProgramSuite(v315Grammar, {
  name: 'raid1-freeze-plugged',
  summary: 'reads that fail on a RAID1 leg while one writer holds plugged writes, under memory pressure: raid1d freezes the array with only plugged writes pending',
  scenario: 'for plugged writes to a RAID1 mirror that raid1d freezes for a read retry',
  defaultSchedules: 100,
  expectedSteps: 2000,
  text: `cpus 2
t0: swapon origin; pressure high; io md0 r 0+8; io md0 r 64+8; io md0 r 128+8; io md0 r 192+8; io md0 r 256+8; io md0 r 320+8
t1: batch md0 w 8+8x4; batch md0 w 72+8x4; batch md0 w 136+8x4; batch md0 w 200+8x4`,
  // The legs fail up to two fifths of their IOs and completions are late, in every run; the
  // program sets the pressure itself.
  plan: { memory: ['none'], ioDelay: { chance: 1, max: 3 }, wqDelay: { chance: 4, max: 1 }, ioError: { chance: 1, percent: 40 } },
});
