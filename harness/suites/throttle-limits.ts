// Throttle limits changed while bios wait on their group: writers in a throttled cgroup issue
// bursts of writes without waiting (and some reads) while an admin rewrites the group's bps and
// IOPS rules, raising and lowering them (rules are not deleted: see blkiocg_file_write's tag). A rule write reaches throttling through
// blkio_update_policy_node_blkg() -> throtl_update_blkio_group_*() without queue_lock, and
// schedules the dispatch work at once; the work restarts the group's slices and re-times its
// queued bios. Every bio must still complete, and be accounted once.

import { type cgroup } from '../../kernel-model/kernel/cgroup.ts';
import { init_waitqueue_head, wait_event, wake_up_all, type wait_queue_head_t } from '../../kernel-model/kernel/sched/wait.ts';
import { timers } from '../../kernel-model/kernel/timer.ts';
import type { FaultPlan } from '../../kernel-model/sim/faults.ts';
import type { Program } from '../../kernel-model/sim/run.ts';
import type { KGen, task_struct } from '../../kernel-model/sim/task.ts';
import { READ, WRITE } from '../../kernel-model/v3.2/include/linux/fs.ts';
import type { sim_rq_disk } from '../../kernel-model/v3.2/model/sim-rq-disk.ts';
import { type ThrottleRule, attachTask, blkioTeardown, bootDisk, makeBlkioCgroup, submitAndWait, submitNoWait, writeRule } from './blkio-workload.ts';
import { drawPlan } from './plan-shape.ts';
import type { Suite } from './suite.ts';

const WRITERS = 2;
const BURST = 5;

/** The admin's rule changes, in order: each is written, then it sleeps `after` ms. */
const CHANGES: readonly (ThrottleRule & { after: number })[] = [
  { file: 'write_bps_device', value: 32 << 10, after: 30 },
  { file: 'write_iops_device', value: 20, after: 50 },
  { file: 'write_bps_device', value: 1 << 20, after: 20 },
  { file: 'read_iops_device', value: 10, after: 40 },
  { file: 'write_bps_device', value: 16 << 10, after: 10 },
  { file: 'write_iops_device', value: 1000, after: 0 },
];

interface Limits {
  disk: sim_rq_disk;
  cg: cgroup | null;
  ready: boolean;
  started: wait_queue_head_t;
}

/** A writer in the throttled cgroup: a burst of writes it does not wait for, then a read. */
function* writer(l: Limits, index: number): KGen {
  yield* wait_event(l.started, () => l.ready);
  const written = { n: 0, wq: init_waitqueue_head(`writer${index}.done`) };
  let issued = 0;
  const base = 16384 + index * 4096;
  for (let i = 0; i < BURST; i++) if (yield* submitNoWait(l.disk, WRITE, base + i * 8, 8, written)) issued++;
  yield* submitAndWait(l.disk, READ, base + 2048, 8);
  // Its writes must be done before it exits: nothing else waits for them.
  yield* wait_event(written.wq, () => written.n === issued);
}

/** The admin: the cgroup with a low write limit, the writers in it, then rule changes. */
function* admin(l: Limits, writers: task_struct[]): KGen {
  l.cg = yield* makeBlkioCgroup('limited', l.disk, [{ file: 'write_bps_device', value: 64 << 10 }]);
  if (l.cg !== null) for (const w of writers) yield* attachTask(l.cg, w);
  l.ready = true;
  wake_up_all(l.started);
  if (l.cg === null) return;
  for (const c of CHANGES) {
    yield* writeRule(l.cg, l.disk, c);
    if (c.after) yield* timers.msleep(c.after);
  }
}

function program(): Program {
  let l: Limits;
  return {
    cpus: 2,
    base: 'v3.2',
    setup(m) {
      l = { disk: bootDisk(m, 'vdc'), cg: null, ready: false, started: init_waitqueue_head('limits.started') };
      const writers: task_struct[] = [];
      for (let w = 0; w < WRITERS; w++) writers.push(m.spawn(`writer:${w}`, () => writer(l, w)));
      m.spawn('admin', () => admin(l, writers));
    },
    teardown: () => blkioTeardown(l.disk, true),
  };
}

/** Memory plentiful or a little short; the throttle timer and completions sometimes late. */
function plan(seed: number): FaultPlan {
  return drawPlan(seed, { memory: ['low', 'none', 'none'], ioDelay: { chance: 2, max: 4 }, wqDelay: { chance: 2, max: 3 } });
}

export const throttleLimits: Suite = {
  name: 'throttle-limits',
  summary: 'throttle limits rewritten while bios are queued on their group',
  scenario: 'for throttle limits rewritten under queued bios',
  kernel: '3.2',
  defaultSchedules: 150,
  expectedSteps: 700,
  plan,
  program,
};
