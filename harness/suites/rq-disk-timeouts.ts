// The request-based disk with commands that time out: the v3.15 grammar's device stack
// (harness/fuzz/ops-v3.15.ts) with three tasks writing adjacent blocks of /dev/sde at once, so that
// their requests wait in the noop elevator and merge there (a write that fills the gap between two
// queued requests joins them: attempt_back_merge, noop_merged_requests), while the disk loses a
// share of its commands in half the runs. A lost command is answered as its timeout fires, or
// never: blk-timeout.c's timer finds it expired, the driver's timeout handler aborts it and fails
// it with -EIO, and the block softirq ends it (blk_complete_request); an answer that comes as the
// timer fires races it for REQ_ATOM_COMPLETE. One task first sets rq_affinity to 2, so that
// completions are moved to the submitting CPU by IPI (raise_blk_irq). Halfway, one task shrinks the
// request list to four (echo 4 > /sys/block/sde/queue/nr_requests) while two plugged batches of
// unmergeable 64 KiB IOs need more: get_request() finds the list full, marks the queue congested,
// makes the task a batcher (ioc_set_batching) and puts the others to sleep until a request is freed
// or the list grows back to 128. IO through the linear target over sde (rql), a suspend and resume
// of it with a command outstanding, a reload past the end of sde that dm refuses at resume (the
// device stays suspended until resumed with its old table), one of a target type the kernel does
// not have (thin: refused at load after request_module) and one over a leg md0 holds open
// exclusively (refused at load: dm_get_device() cannot open it, EBUSY), its deferred removal marked and called off
// (dmsetup message @cancel_deferred_remove), a cache flush and a discard go on meanwhile, and two
// writes are journal commits (WRITE_FLUSH_FUA) whose preflush and data steps, sequenced by
// blk-flush.c, may fail or time out like any command (the write-cache check: a commit that
// completes without an error has made the writes before it durable). Two tasks
// first read adjacent blocks, one as readahead (READA: its request is failfast), so that a plain
// read merged into a readahead request makes a mixed merge (blk_rq_set_mixed_merge). No other
// suite loses commands or resizes a request list. The suite is one named program of the generated
// grammar, so its text is the whole workload.

import { v315Grammar } from '../fuzz/grammar-v3.15.ts';
import { namedProgramSuite } from './named-program.ts';

export const rqDiskTimeouts = namedProgramSuite(v315Grammar, {
  name: 'rq-disk-timeouts',
  summary: 'adjacent writes merging in the elevator of a request-based disk that loses commands (timeouts abort them) and whose request list shrinks to four under plugged batches',
  scenario: 'for IO to a request-based disk whose commands time out',
  defaultSchedules: 100,
  expectedSteps: 3000,
  text: `cpus 3
t0: queue sde rq_affinity 2; io sde w 0+8; io sde w 64+8; io sde w 128+8; io rql w 512+8; io sde w 192+8; flush sde; batch sde w 1024+128x6
t1: io sde ra 1536+8; io sde w 16+8; io sde w 80+8; io sde w 144+8; queue sde nr_requests 4; suspend rql; resume rql; reload rql oversize; reload rql unknown; reload rql busy; io sde w 208+8 flush+fua; queue sde nr_requests 128; io rql r 512+8
t2: io sde r 1544+8; io sde w 8+8; io sde w 72+8; io sde w 136+8; remove-deferred rql; io rql w 520+8; cancel-remove rql; io sde w 200+8 flush+fua; discard sde 1024+64; batch sde r 256+128x5`,
  // Completions late in every run (requests queue behind the device's depth and merge); in half
  // the runs up to a fifth of the commands are lost, in a third up to a fifth fail.
  plan: { memory: ['none', 'low'], ioDelay: { chance: 1, max: 3 }, wqDelay: { chance: 4, max: 1 }, ioError: { chance: 3, percent: 20 }, ioLost: { chance: 2, percent: 20 } },
});
