// A RAID1 mirror with a range of it suspended now and then while two tasks write and read
// across that range: the v3.15 grammar's device stack (harness/fuzz/ops-v3.15.ts) with one task
// writing md/suspend_lo and md/suspend_hi (as a cluster manager or a reshape tool does),
// holding the range for a millisecond or two and releasing it. Growing the range quiesces the
// personality (raid1_quiesce: freeze_array, then unfreeze_array) while IO is in flight; a write
// into the range waits in make_request until the range shrinks and quiesce(2) wakes it. Between
// two ranges the same task writes md/new_dev with a leg md0 already holds, as an administrator
// adding the wrong disk does: md_import_device() cannot claim it (EBUSY) and frees the rdev it
// began. No other suite writes those files. The suite is one named program of the generated
// grammar, so its text is the whole workload.

import { v315Grammar } from '../fuzz/grammar-v3.15.ts';
import { namedProgramSuite } from './named-program.ts';

export const raid1SuspendRange = namedProgramSuite(v315Grammar, {
  name: 'raid1-suspend-range',
  summary: 'ranges of a RAID1 mirror suspended and released (md/suspend_lo, suspend_hi) while two tasks write and read across them, and a member offered again through md/new_dev',
  scenario: 'for IO to a RAID1 mirror while a range of it is suspended',
  defaultSchedules: 100,
  expectedSteps: 2000,
  text: `cpus 3
t0: batch md0 w 0+8x4; io md0 w 64+8; batch md0 w 32+8x3; io md0 r 0+16; io md0 w 8+8
t1: quiesce 0+64 2; newdev 1; io md0 w 128+8; quiesce 32+96 1; batch md0 r 0+8x2; quiesce 0+16 2
t2: io md0 w 16+8; batch md0 w 96+8x3; io md0 r 64+8; io md0 w 40+8; io md0 w 136+8`,
  // Memory plentiful; completions and timers sometimes late, so that IO is in flight when a
  // range grows.
  plan: { memory: ['none'], ioDelay: { chance: 2, max: 3 }, wqDelay: { chance: 3, max: 1 } },
});
