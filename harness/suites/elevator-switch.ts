// The I/O scheduler switched while IO goes on: echo noop, then cfq, then noop and cfq again, into
// /sys/block/<disk>/queue/scheduler. elevator_switch() sets up the new elevator, marks the queue
// QUEUE_FLAG_ELVSWITCH and drains it (blk_drain_queue() waits until no request holds the old
// elevator's private data, q->rq.elvpriv), attaches the new one and exits the old: CFQ's data
// with its queues, groups and the io_contexts' cfq_io_contexts (cfq_exit_queue), its cic index
// given back. While the switch drains, new requests get no elevator data and go to the dispatch
// list. Meanwhile a task in a blkio cgroup reads and writes back in plugged batches (requests
// held in its plug across the switch, merged into from the plug), one sets its IO priority to
// real-time and stores a tunable of whichever elevator is there, and the cgroup is removed at
// the end. The switching task reads once more under the last CFQ, which got the cic index the
// first one gave back, so its io_context's cic of the exited CFQ is found dead and dropped
// (cfq_drop_dead_cic). No other suite changes the elevator: every other v3.2 workload runs on CFQ from boot
// to teardown. The suite is one named program of the generated grammar, so its text is the
// whole workload.

import { v32Grammar } from '../fuzz/grammar-v3.2.ts';
import { namedProgramSuite } from './named-program.ts';

export const elevatorSwitch = namedProgramSuite(v32Grammar, {
  name: 'elevator-switch',
  summary: 'the I/O scheduler switched from CFQ to noop and back, twice, while a task in a blkio cgroup reads and writes back in plugged batches and another changes its IO priority and stores a tunable',
  scenario: 'when the I/O scheduler is switched under IO',
  defaultSchedules: 200,
  expectedSteps: 1500,
  text: `cpus 2
t0: mkdir 1; attach 1; io r 4096+8 wait; io w 4160+8 nowait; batch w 4200+8x4 up; io r 4104+8 wait; io ws 4300+8 wait; batch w 4400+8x3 down; io r 4112+8 wait
t1: io w 4500+8 nowait; scheduler noop; io r 4600+8 wait; scheduler cfq; tunable slice_idle 0; scheduler noop; io r 4608+8 wait; scheduler cfq; io r 4616+8 wait
t2: ioprio rt 0; io r 4700+8 wait; sleep 1; tunable quantum 4; io r 4708+8 wait; io w 4800+8 nowait; rmdir 1`,
  // Memory mostly plentiful; completions and CFQ's timers sometimes late, so requests are
  // queued (and the drain waits) when a switch comes.
  plan: { memory: ['none', 'none', 'low'], ioDelay: { chance: 2, max: 2 }, wqDelay: { chance: 3, max: 1 } },
});
