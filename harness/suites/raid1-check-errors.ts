// A RAID1 mirror checked (echo check > md/sync_action) while its legs fail IOs and two tasks
// read and write it: the v3.15 grammar's device stack (harness/fuzz/ops-v3.15.ts), one task
// starting checks and giving failed legs back (mdadm --fail --remove --add, which starts a
// recovery), the legs failing up to half their IOs in every run. Since v3.13 raid1 lets normal
// IO run beside resync in other windows of the array, so a read error's freeze_array() meets
// resync requests in flight; and a check whose reads all fail goes through
// fix_sync_read_error() and process_checks(). It finds two defects of the base tree, both fixed
// upstream later (harness/suites/README.md and the project README give the fixes): resync
// requests counted in nr_queued but not nr_pending, so freeze_array() waits forever ("INFO:
// task hung in freeze_array"), and process_checks() reading past r1_bio->bios[] when no read of
// a check succeeded and the rewrite of the read disk failed ("KASAN: slab-out-of-bounds Read in
// process_checks"). The suite is one named program of the generated grammar.

import { v315Grammar } from '../fuzz/grammar-v3.15.ts';
import { namedProgramSuite } from './named-program.ts';

export const raid1CheckErrors = namedProgramSuite(v315Grammar, {
  name: 'raid1-check-errors',
  summary: 'checks and recoveries of a RAID1 mirror whose legs fail IOs while two tasks read and write it: resync beside normal IO, read-error retries, process_checks',
  scenario: 'for a RAID1 mirror checked and recovered while its legs fail IOs under normal IO',
  defaultSchedules: 200,
  expectedSteps: 3000,
  text: `cpus 3
t0: sync check; sleep 500; readd 0; sleep 500; readd 1; sleep 500; sync check; sleep 500; readd 0; sleep 500; sync check
t1: io md0 r 0+8; batch md0 r 64+8x3; io md0 w 72+8; io md0 r 128+8
t2: batch md0 w 320+8x2; io md0 r 320+8; io md0 r 400+8`,
  // The legs fail up to half their IOs in every run; completions are late in every run.
  plan: { memory: ['none'], ioDelay: { chance: 1, max: 3 }, wqDelay: { chance: 4, max: 1 }, ioError: { chance: 1, percent: 50 } },
});
