// A RAID1 mirror whose reads fail while other IO is in flight: the v3.15 grammar's device stack
// (harness/fuzz/ops-v3.15.ts) with three tasks reading and writing /dev/md0 at once, plugged and
// unplugged, the legs failing a share of their IOs in every run and completions late in every
// run (so that several r1_bios are in flight together). A failed read sends its r1_bio to
// raid1d, which freezes the array (freeze_array: it waits until every other r1_bio in flight has
// completed or been queued for retry, submitting queued writes meanwhile), re-reads the block
// from the other leg, rewrites it (fix_read_error) and thaws the array. A failed write marks its
// leg Faulty, after which reads no longer freeze; halfway through, one task gives leg 0 back
// (mdadm --fail --remove --add) so that a second round of freezes can happen. What it drives
// that raid1-mirror seldom does: a freeze with other IO still in flight, so the wake-ups that end
// freeze_array's wait (an r1_bio queued for retry, a write queued to raid1d behind the freeze)
// are needed. The suite is one named program of the generated grammar, so its text is the whole
// workload.

import { v315Grammar } from '../fuzz/grammar-v3.15.ts';
import { namedProgramSuite } from './named-program.ts';

export const raid1ReadErrors = namedProgramSuite(v315Grammar, {
  name: 'raid1-read-errors',
  summary: 'reads that fail on a RAID1 leg while other tasks read and write the mirror: raid1d freezes the array with IO in flight',
  scenario: 'for IO to a RAID1 mirror whose reads fail while other IO is in flight',
  defaultSchedules: 100,
  expectedSteps: 2000,
  text: `cpus 3
t0: io md0 r 0+8; batch md0 r 64+8x3; io md0 r 128+8; batch md0 r 192+8x2; io md0 r 256+8
t1: batch md0 w 8+8x3; io md0 w 72+8; batch md0 r 8+8x2; io md0 w 136+8; io md0 w 200+8
t2: batch md0 w 320+8x2; io md0 r 320+8; readd 0; batch md0 w 336+8x3; batch md0 r 384+8x2`,
  // The legs fail up to two fifths of their IOs and completions are late, in every run.
  plan: { memory: ['none'], ioDelay: { chance: 1, max: 3 }, wqDelay: { chance: 4, max: 1 }, ioError: { chance: 1, percent: 40 } },
});
