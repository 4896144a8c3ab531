// The I/O scheduler of the v3.15 request-based disk switched while IO goes on: the grammar's
// device stack (harness/fuzz/ops-v3.15.ts) with two tasks writing /sys/block/sde/queue/scheduler
// (noop to deadline and back, as a udev rule and a tuning daemon both do at boot), each reading
// the file back and storing one of deadline's tunables when deadline is there, while a third
// submits plugged batches to sde and through rql, the dm device over it. elevator_switch() runs
// under q->sysfs_lock (queue_attr_store() takes it around every queue attribute store): it puts
// the queue in bypass and drains it (blk_queue_bypass_start(): no request may keep the old
// elevator's data), inits the new elevator, which attaches itself to q->elevator under the queue
// lock, and exits the old one; the IO path reads q->elevator under the queue lock, the scheduler
// file's show under sysfs_lock. deadline is a module: the first switch to it loads it
// (request_module(), a modprobe task running its init while the switch waits), every queue on
// it holds a reference to it, and the teardown's rmmod unloads it. No other v3.15 suite changes the elevator: every other workload
// runs on noop from boot to teardown. The suite is one named program of the generated grammar,
// so its text is the whole workload.

import { v315Grammar } from '../fuzz/grammar-v3.15.ts';
import { namedProgramSuite } from './named-program.ts';

/** The workload: t0 and t1 switch the scheduler and tune deadline, t2 keeps IO in flight. */
export const RQ_ELEVATOR_SWITCH = `cpus 2
t0: scheduler sde deadline; tunable sde fifo_batch 8; sleep 3; scheduler sde noop; scheduler sde deadline; tunable sde read_expire 250; sleep 3; scheduler sde noop
t1: scheduler sde deadline; tunable sde write_expire 5000; scheduler sde noop; scheduler sde deadline; tunable sde writes_starved 1; tunable sde front_merges 0
t2: batch sde w 0+8x4; io sde r 64+8; batch sde w 128+128x3; batch rql w 512+8x3 holes; io sde w 1100+8; io sde w 1092+8; batch sde r 0+8x4; io rql r 256+16; batch sde w 768+8x4 holes; io sde w 1200+8; io sde w 1192+8; batch sde w 1024+8x4 holes`;

export const rqElevatorSwitch = namedProgramSuite(v315Grammar, {
  name: 'rq-elevator-switch',
  summary: 'two tasks switch the request-based disk\'s I/O scheduler between noop and deadline and store deadline\'s tunables while a third writes and reads in plugged batches to the disk and through dm over it',
  scenario: 'when the I/O scheduler of a request-based disk is switched under IO',
  defaultSchedules: 100,
  expectedSteps: 3000,
  text: RQ_ELEVATOR_SWITCH,
  // Completions and work sometimes late, so that requests are in flight (and the drain waits)
  // when a switch comes.
  plan: { memory: ['none'], ioDelay: { chance: 2, max: 2 }, wqDelay: { chance: 3, max: 1 } },
});
