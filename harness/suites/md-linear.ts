// md's linear personality under IO: the v3.15 grammar's device stack (harness/fuzz/ops-v3.15.ts),
// whose md1 is a linear array (mdadm --build --level=linear) over two disks of half the stack's
// length each. Three tasks write and read across the members' boundary, so that
// linear_make_request() splits each such bio with bio_split() from fs_bio_set and chains the
// split to it (bio_chain: the parent completes once both halves have, with the error of either),
// while flushes go to md (md_flush_request: an empty flush to every member from md_wq, then the
// bio's data without REQ_FLUSH), as do the flush+FUA writes of a journal commit. Discards and
// write-sames cross the boundary too. Memory is short in a third of the runs (a split in
// generic_make_request() cannot wait for the mempool: bio_alloc_bioset() first tries without
// sleeping and punts the task's queued bios to the rescuer), and in half of them the disks
// fail some IOs, so halves fail apart. Every write that completes without an error must have
// reached a disk. The suite is one named program of the generated grammar, so its text is the
// whole workload.

import { v315Grammar } from '../fuzz/grammar-v3.15.ts';
import { namedProgramSuite } from './named-program.ts';

export const mdLinear = namedProgramSuite(v315Grammar, {
  name: 'md-linear',
  summary: 'IO across the members of an md linear array: bios split and chained at the boundary, flushes through md_flush_request, halves failing apart',
  scenario: 'for IO to an md linear array',
  defaultSchedules: 60,
  expectedSteps: 2500,
  text: `cpus 3
t0: io md1 w 1016+16; io md1 w 1020+8 flush+fua; flush md1; io md1 r 1000+64; batch md1 w 992+16x4
t1: io md1 w 1008+32 fua; discard md1 1000+48; writesame md1 1016+16; io md1 r 1016+16; io md1 w 1022+4
t2: flush md1; io md1 w 0+8; pressure high; io md1 w 1012+16; batch md1 r 1000+16x3 holes; pressure none; io md1 w 2040+8`,
  // In a third of the runs memory is short, in half of them the disks fail up to a fifth of their IOs.
  plan: { memory: ['none', 'low', 'high'], ioDelay: { chance: 1, max: 2 }, wqDelay: { chance: 4, max: 1 }, ioError: { chance: 2, percent: 20 } },
});
