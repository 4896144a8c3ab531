// IO priorities and CFQ's tunables changed while requests sit in CFQ's queues. One task sets its
// own priority between reads and writes of its own (ioprio_set marks its io_context changed; its
// next request makes cfq_ioc_set_ioprio() walk its cfq_io_contexts under rcu_read_lock, and
// changed_ioprio() swaps the async queue for one of the new class under the queue lock, the old
// one put while its writes may still hold it); one stores
// and shows every tunable under /sys/block/<disk>/queue/iosched/ (the elevator's sysfs_lock
// against the dispatch that reads them); one in a weighted cgroup issues plugged batches in
// descending order (front merges into the plug and into queued requests, and requests merged
// with their neighbours) and reads the group's weight and merge counts back. The suite is one
// named program of the generated grammar, so its text is the whole workload.

import { v32Grammar } from '../fuzz/grammar-v3.2.ts';
import { namedProgramSuite } from './named-program.ts';

export const cfqIoprioTunables = namedProgramSuite(v32Grammar, {
  name: 'cfq-ioprio-tunables',
  summary: 'IO priorities changed, every CFQ tunable stored and shown, and front-merged batches in a weighted cgroup, while requests are queued',
  scenario: 'for IO priority and CFQ tunable changes under queued IO',
  defaultSchedules: 100,
  expectedSteps: 700,
  text: `cpus 2
t0: io r 4352+8 wait; ioprio rt 1; io w 4416+8 nowait; io r 4312+8 nowait; io ws 4456+16 wait; ioprio idle 0; io w 4296+8 nowait; io r 4584+8 wait; ioprio be 4; io r 4248+8 wait
t1: tunable quantum; tunable quantum 4; tunable fifo_expire_sync; tunable fifo_expire_sync 125; tunable fifo_expire_async; tunable fifo_expire_async 250; tunable back_seek_max; tunable back_seek_max 16384; tunable back_seek_penalty; tunable back_seek_penalty 2; tunable slice_sync; tunable slice_sync 100; tunable slice_async; tunable slice_async 40; tunable slice_async_rq; tunable slice_async_rq 2; tunable group_idle; tunable group_idle 8; tunable slice_idle; tunable low_latency
t2: mkdir 1; weight 1 500; attach 1; batch r 4144+8x2 down; read 1 blkio.weight; io r 4560+8 nowait; batch w 4472+8x2 down; io r 4248+8 nowait; weight 1 1000; read 1 blkio.io_merged; attach 0; rmdir 1`,
  // Memory plentiful; completions and CFQ's timers sometimes late, so requests stay queued
  // across the priority and tunable changes.
  plan: { memory: ['none'], ioDelay: { chance: 2, max: 2 }, wqDelay: { chance: 3, max: 1 } },
});
