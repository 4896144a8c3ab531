// A snapshot origin written at many chunks at once while memory is short: the v3.15 grammar's
// device stack (harness/fuzz/ops-v3.15.ts) with three tasks each writing two plugged batches of
// sixteen whole chunks to the origin (the last batch of one task to the snapshot), so that up
// to 48 chunk copies are pending together. Every sleeping allocation reclaims first and half the
// atomic ones fail: pending exceptions come from their mempool's reserve, and half of kcopyd's
// page allocations (__GFP_NOWARN | __GFP_NORETRY, which cannot sleep) fail, so its jobs take
// the client's reserved pages until none is left and are put back at the head of the
// pages_jobs list (push_head) to wait for a copy to give pages back. No other suite runs kcopyd out of pages. The suite is one named
// program of the generated grammar, so its text is the whole workload.

import { v315Grammar } from '../fuzz/grammar-v3.15.ts';
import { namedProgramSuite } from './named-program.ts';

export const snapshotCopyPressure = namedProgramSuite(v315Grammar, {
  name: 'snapshot-copy-pressure',
  summary: 'origin writes to 48 snapshot chunks at once under memory pressure: kcopyd runs out of pages and requeues its jobs',
  scenario: 'for writes to a snapshot origin at many chunks at once while memory is short',
  defaultSchedules: 60,
  expectedSteps: 15000,
  text: `cpus 3
t0: batch origin w 0+16x16; batch origin w 768+16x16
t1: batch origin w 256+16x16; batch origin w 1024+16x16
t2: batch origin w 512+16x16; batch snap w 1280+16x16`,
  // Memory short in every run (exhausted memory makes the copies' retries outlast the run's
  // time limit); completions late in every run, so that copies overlap.
  plan: { memory: ['high'], ioDelay: { chance: 1, max: 3 }, wqDelay: { chance: 4, max: 1 } },
});
