// A host short of memory that swaps to a logical volume with a snapshot while its IO goes through
// the dm and md stack: the v3.15 grammar's device stack (harness/fuzz/ops-v3.15.ts: a RAID1
// mirror md0, a snapshot and its origin over a linear device, a request-based disk sde), swap on
// the origin's second half (a swap write copies its chunk out to the snapshot first, through
// kcopyd), and three tasks writing and reading through md0 and the origin under high pressure.
// Every sleeping allocation reclaims; reclaim writes anonymous pages to swap and throttles on the
// writeback it started (throttle_vm_writeout). An allocation the stack makes while it submits
// IO must not start IO itself (GFP_NOIO): if it does, its swap write sits on its own
// current->bio_list and it waits for it forever. The suite is one named program of the
// generated grammar, so its text is the whole workload.

import { v315Grammar } from '../fuzz/grammar-v3.15.ts';
import { namedProgramSuite } from './named-program.ts';

export const swapUnderStack = namedProgramSuite(v315Grammar, {
  name: 'swap-under-stack',
  summary: 'swap to a snapshot origin under high memory pressure while IO goes through a RAID1 mirror and the origin: reclaim inside the stack',
  scenario: 'for IO through dm and md while the host swaps under memory pressure',
  defaultSchedules: 100,
  expectedSteps: 3000,
  text: `cpus 3
t0: swapon origin; pressure high; batch md0 w 0+8x4; batch md0 r 0+8x4; io md0 w 64+8; io md0 r 512+8
t1: io origin w 0+8; io origin w 32+8; io snap r 0+8; io origin w 128+16; io origin w 300+8
t2: batch md0 w 256+8x3; io origin w 400+8; batch md0 r 256+8x3; io snap r 128+8`,
  // IO completions are sometimes late; the program sets the pressure itself.
  plan: { memory: ['none'], ioDelay: { chance: 2, max: 3 }, wqDelay: { chance: 3, max: 2 } },
});
