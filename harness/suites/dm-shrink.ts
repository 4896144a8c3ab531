// Volumes shrunk under IO: the v3.15 grammar's device stack (harness/fuzz/ops-v3.15.ts) with the
// linear volumes reloaded at half their length, as lvreduce does, while tasks write near their
// ends. One task suspends lin and then loads and resumes the smaller table; a write that arrived
// while lin was suspended waits on its deferred list and is mapped against the smaller table on
// resume, where the table lookup finds no target past the end (dm_target_is_valid: -EIO from
// __split_and_process_bio). Writes after the resume fail earlier, in generic_make_request_checks
// (handle_bad_sector: "attempt to access beyond end of device"), and a write straddling the new
// end is split: its first half reaches the disk, its second fails, and the write must fail. The
// snapshot origin over lin keeps its old length, so its writes past lin's new end fail one layer
// down, after the chunk's copy-out read failed too. rql, over the request-based disk, is shrunk
// the same way, and an ioctl sent to it then covers part of its disk (scsi_verify_blk_ioctl).
// Both volumes are grown back at the end. Every write that completes without an error must have
// reached a disk (the IO accounting's lost-write check). The suite is one named program of the
// generated grammar, so its text is the whole workload.

import { v315Grammar } from '../fuzz/grammar-v3.15.ts';
import { namedProgramSuite } from './named-program.ts';

export const dmShrink = namedProgramSuite(v315Grammar, {
  name: 'dm-shrink',
  summary: 'linear volumes reloaded at half their length (lvreduce) while writes near their ends are deferred, straddle the new end or go past it',
  scenario: 'for IO to a volume being shrunk',
  defaultSchedules: 60,
  expectedSteps: 2500,
  text: `cpus 3
t0: io lin w 1536+8; suspend lin; sleep 2; reload lin shrink; io lin w 1536+8; io lin r 1016+16; sleep 2; reload lin
t1: sleep 1; io lin w 1600+8; io lin w 1016+16; io origin w 1664+8; io lin w 1008+8; io origin w 512+8
t2: io rql w 1792+8; reload rql shrink; ioctl rql; io rql w 1500+8; io rql w 1020+8; reload rql; io rql w 1500+8`,
  // Writes complete late (the deferred write needs its suspend to last), and in a third of the
  // runs some fail on the disks as well.
  plan: { memory: ['none', 'low'], ioDelay: { chance: 1, max: 2 }, wqDelay: { chance: 4, max: 1 }, ioError: { chance: 3, percent: 10 } },
});
