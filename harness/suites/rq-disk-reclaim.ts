// The request-based disk under reclaim: the v3.15 grammar's device stack (harness/fuzz/ops-v3.15.ts)
// with swap on the snapshot origin's second half and memory short enough that every sleeping
// allocation reclaims and half the atomic ones fail. Two tasks submit plugged batches of 64 KiB
// writes and then reads to /dev/sde, each IO a request of its own held in the task's plug, so
// that up to fourteen requests are allocated at once: with the slab failing, __get_request()
// takes them from the request list's mempool reserve (BLKDEV_MIN_RQ, four) until it is empty, and
// then sleeps in mempool_alloc(), which flushes the task's plug (sched_submit_work) so that the
// requests it holds can complete and give their elements back. blk_queue_bio() runs inside
// generic_make_request() and allocates with GFP_NOIO: an allocation there that may start IO
// reclaims, writes a page to swap through the origin, finds that bio queued on its own
// current->bio_list and waits for it forever (throttle_vm_writeout). The suite is one named
// program of the generated grammar, so its text is the whole workload.

import { v315Grammar } from '../fuzz/grammar-v3.15.ts';
import { namedProgramSuite } from './named-program.ts';

export const rqDiskReclaim = namedProgramSuite(v315Grammar, {
  name: 'rq-disk-reclaim',
  summary: 'plugged batches of 64 KiB IOs to the request-based disk while the host swaps to a snapshot origin under high memory pressure: the request mempool runs out inside blk_queue_bio',
  scenario: 'for IO to a request-based disk while the host reclaims and swaps',
  defaultSchedules: 60,
  expectedSteps: 5000,
  text: `cpus 2
t0: swapon origin; pressure high; batch sde w 0+128x8; batch sde r 0+128x8
t1: io sde w 1920+8; batch sde w 1024+128x6; batch sde r 1024+128x6`,
  // Completions are late in every run (requests stay allocated while more are made); the program
  // sets the pressure itself.
  plan: { memory: ['none'], ioDelay: { chance: 1, max: 3 }, wqDelay: { chance: 3, max: 1 } },
});
