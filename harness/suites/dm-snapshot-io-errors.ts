// A snapshot and its origin over disks that fail IOs: the v3.15 grammar's device stack
// (harness/fuzz/ops-v3.15.ts) with three tasks writing the origin and the snapshot across chunk
// boundaries and reading them back, the disks failing up to three fifths of their IOs in every
// run. Each task first writes one chunk and then a span that starts in it, so that one clone of
// the span goes straight to the disk while the next waits for its chunk to be copied out and is
// resubmitted from kcopyd's callback: the clones of one bio complete on different CPUs, and a
// failed one sets the dm_io's status while another is still in flight (dec_pending's
// io->endio_lock). A failed copy-out invalidates the snapshot; failed reads and writes reach
// the submitter. The suite is one named program of the generated grammar, so its text is the
// whole workload.

import { v315Grammar } from '../fuzz/grammar-v3.15.ts';
import { namedProgramSuite } from './named-program.ts';

export const dmSnapshotIoErrors = namedProgramSuite(v315Grammar, {
  name: 'dm-snapshot-io-errors',
  summary: 'writes across snapshot chunks and reads back through a snapshot and its origin whose disks fail IOs: clones of one bio failing on different CPUs',
  scenario: 'for IO through a snapshot and its origin whose disks fail IOs',
  defaultSchedules: 100,
  expectedSteps: 2000,
  text: `cpus 3
t0: io origin w 0+8; io origin w 0+32; io snap r 0+64; io origin w 64+8; io origin w 48+32
t1: io origin w 128+8; io origin w 120+32; io snap r 112+48; io origin w 200+8; io origin w 192+32
t2: io snap w 264+8; io snap w 256+32; io origin w 300+8; io origin w 296+32; io snap r 256+64`,
  // The disks fail up to three fifths of their IOs in every run; completions are sometimes late.
  plan: { memory: ['none'], ioDelay: { chance: 1, max: 3 }, wqDelay: { chance: 4, max: 1 }, ioError: { chance: 1, percent: 60 } },
});
