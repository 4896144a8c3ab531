// The host swaps to a snapshot origin while chunks of it are copied out under memory pressure:
// the v3.15 grammar's device stack (harness/fuzz/ops-v3.15.ts) with dm_mod loaded with a reserve
// of two (reserved_bio_based_ios=2, so kcopyd's dm-io client has two bios and two ios in its
// mempools), swap on the origin's second half, and three tasks each writing two plugged batches
// of eight whole chunks to the origin's first half (the last batch of one to the snapshot).
// Every chunk a write or a swap-out touches first is copied to the snapshot by kcopyd, whose
// worker allocates its dm-io bios and ios, and completes each copy, in the kernel's reclaim
// path's way: once a mempool's reserve is empty its allocation goes to the allocator with the
// caller's mask, and with __GFP_IO reclaim swaps a page out through the origin, whose chunk must
// be copied by the very worker that is reclaiming (throttle_vm_writeout waits for it for ever).
// In half the runs failslab is armed at alloc_completed_exception() (fault-inject's stack
// filter), so the completed exception's GFP_NOIO allocation fails and its GFP_ATOMIC fallback
// runs. The suite is one named program of the generated grammar, so its text is the whole
// workload.

import { v315Grammar } from '../fuzz/grammar-v3.15.ts';
import { namedProgramSuite } from './named-program.ts';

export const snapshotCopySwap = namedProgramSuite(v315Grammar, {
  name: 'snapshot-copy-swap',
  summary: 'swap to a snapshot origin while 48 of its chunks are copied out under memory pressure, dm_mod loaded with a reserve of two: kcopyd allocates and completes from empty reserves',
  scenario: 'for chunk copies of a snapshot origin that the host swaps to, with small dm reserves',
  defaultSchedules: 60,
  expectedSteps: 15000,
  text: `cpus 3
dm-reserved-ios 2
t0: swapon origin; batch origin w 0+16x8; batch origin w 384+16x8
t1: batch origin w 128+16x8; batch origin w 512+16x8
t2: batch origin w 256+16x8; batch snap w 640+16x8`,
  // Memory short in every run; completions late in every run, so that copies overlap.
  plan: {
    memory: ['high'],
    ioDelay: { chance: 1, max: 3 },
    wqDelay: { chance: 4, max: 1 },
    failslab: { chance: 2, probability: 50, sites: ['alloc_completed_exception'] },
  },
});
