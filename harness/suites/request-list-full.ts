// The request list filled: one task writes back a fragmented file, 140 asynchronous 8-sector
// writes none of which merge, more than the queue's nr_requests (128), while the disk (queue
// depth 2) completes them slowly. get_request() marks the queue congested and then full, makes
// the writer a batcher (ioc_set_batching) that may go 50% over the limit, and refuses others: a
// new process's first asynchronous write arrives with no io_context, which get_request()
// allocates with the queue lock held (current_io_context(GFP_ATOMIC)), and then waits in
// get_request_wait() until requests are freed; a reader's synchronous reads use the other
// list meanwhile. No other suite fills the request list (their IO is a few requests deep).
// The new process then writes across the disk's end, as a filesystem that believes its device
// bigger does: generic_make_request_checks() fails the bio with -EIO before any queue sees it,
// and the write-cache check holds it to that (a write past the end acknowledged would be lost).
// The disk is a SCSI disk with sd's 30-second command timeout (disk-timeout 30): each request it
// starts is on the queue's timeout_list until blk_finish_request() takes it off, so with 140
// requests coming and going that list is the busiest of any v3.2 suite, and the timeout timer
// is still pending when the writes are done (it fires, with nothing left to time, before the
// disk goes). In some runs the disk is slow to answer a few commands: the timer finds them past
// their deadline, the handler gives them more time (BLK_EH_RESET_TIMER: blk_add_timer() again),
// and their answer, as the timer fires or after, ends them.
// The disk is also the swap device (the reader swaps on first, as a one-disk machine has it at
// boot), and memory becomes short once the reader's first read is done: every sleeping
// allocation reclaims, and reclaim writes anonymous pages to swap from the allocating task, in
// the middle of its own submission. That is why get_request_wait() allocates GFP_NOIO (its two
// get_request() calls, the request mempool's, and the io_context of a task that had none): an
// allocation that may start IO writes a swap page whose bio waits on the task's own bio_list
// while throttle_vm_writeout() waits for it. The suite is one named program of the generated
// grammar, so its text is the whole workload.

import { v32Grammar } from '../fuzz/grammar-v3.2.ts';
import { namedProgramSuite } from './named-program.ts';

/** The writer's IOs: 16 sectors apart, so that none merges with another. */
const WRITEBACK = Array.from({ length: 140 }, (_, i) => `io w ${8192 + 16 * i}+8 nowait`).join('; ');

export const requestListFull = namedProgramSuite(v32Grammar, {
  name: 'request-list-full',
  summary: 'a writeback of 140 unmergeable writes fills the request list past nr_requests while a new process writes and a reader reads, on the swap disk, memory turning short',
  scenario: 'when the request list is full',
  defaultSchedules: 60,
  expectedSteps: 6000,
  text: `cpus 2
disk-timeout 30
t0: ${WRITEBACK}
t1: sleep 1; io w 2048+8 nowait; io w 2064+8 nowait; io r 1024+8 wait; past-end w
t2: swapon; io r 512+8 wait; pressure high; sleep 1; io r 640+8 wait; io r 768+8 wait`,
  // Memory mostly plentiful until the pressure phase; completions often late, so the list stays
  // full; in a third of the runs the disk answers a few commands only as their timeout fires or
  // after (the timeout handler gives them more time).
  plan: { memory: ['none', 'none', 'low'], ioDelay: { chance: 2, max: 3 }, wqDelay: { chance: 3, max: 1 }, ioLost: { chance: 3, percent: 3 } },
});
