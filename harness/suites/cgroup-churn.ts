// blkio cgroups created and removed while IO runs in them: two workers keep writing (without
// waiting, as writeback does) and reading to a throttled CFQ disk while an admin moves each
// worker into a fresh cgroup, lets it do some IO there, moves it back and removes the cgroup.
// Removal unlinks the cgroup's throttle and CFQ groups (blkiocg_destroy -> the policies'
// unlink callbacks) while queued bios, requests and queues still hold references to them; the
// last reference frees a throttle group after an RCU grace period, a CFQ group at once.

import { cgroup_root } from '../../kernel-model/kernel/cgroup.ts';
import { init_waitqueue_head, wait_event, wake_up_all, type wait_queue_head_t } from '../../kernel-model/kernel/sched/wait.ts';
import type { FaultPlan } from '../../kernel-model/sim/faults.ts';
import type { Program } from '../../kernel-model/sim/run.ts';
import type { KGen, task_struct } from '../../kernel-model/sim/task.ts';
import { READ, WRITE } from '../../kernel-model/v3.2/include/linux/fs.ts';
import type { sim_rq_disk } from '../../kernel-model/v3.2/model/sim-rq-disk.ts';
import { attachTask, blkioTeardown, bootDisk, drawPlan, makeBlkioCgroup, removeCgroup, submitAndWait, submitNoWait } from './blkio-workload.ts';
import type { Suite } from './suite.ts';

const WORKERS = 2;
/** Cgroups each worker passes through. */
const MOVES = 2;
/** IOs a worker does in a cgroup before the admin may move it out. */
const IOS_PER_MOVE = 2;

interface Churn {
  disk: sim_rq_disk;
  /** IOs each worker has finished so far, and whether it is done. */
  ios: number[];
  done: boolean[];
  progress: wait_queue_head_t;
}

/** A worker: writes without waiting and reads, until told to stop. */
function* worker(c: Churn, index: number): KGen {
  const written = { n: 0, wq: c.progress };
  let issued = 0;
  const base = 8192 + index * 4096;
  for (let i = 0; i < MOVES * IOS_PER_MOVE + 1; i++) {
    if (yield* submitNoWait(c.disk, WRITE, base + i * 16, 8, written)) issued++;
    yield* submitAndWait(c.disk, READ, base + i * 16 + 8, 8);
    c.ios[index]++;
    wake_up_all(c.progress);
  }
  // Its writes must be done before it exits: nothing else waits for them.
  yield* wait_event(c.progress, () => written.n === issued);
  c.done[index] = true;
  wake_up_all(c.progress);
}

/** The admin: a new cgroup for each worker in turn, some IO there, then back out and rmdir. */
function* admin(c: Churn, workers: task_struct[]): KGen {
  for (let move = 0; move < MOVES; move++) {
    for (let w = 0; w < workers.length; w++) {
      const cg = yield* makeBlkioCgroup(`churn${move}-${w}`, c.disk, move === 0 ? [] : [{ file: 'write_bps_device', value: 256 << 10 }]);
      if (cg === null) continue;
      const before = c.ios[w];
      yield* attachTask(cg, workers[w]);
      yield* wait_event(c.progress, () => c.done[w] || c.ios[w] >= before + IOS_PER_MOVE);
      yield* attachTask(cgroup_root(), workers[w]);
      yield* removeCgroup(cg);
    }
  }
}

function program(): Program {
  let c: Churn;
  return {
    cpus: 2,
    base: 'v3.2',
    setup(m) {
      c = { disk: bootDisk(m, 'vdb'), ios: [], done: [], progress: init_waitqueue_head('churn.progress') };
      const workers: task_struct[] = [];
      for (let w = 0; w < WORKERS; w++) {
        c.ios.push(0);
        c.done.push(false);
        workers.push(m.spawn(`worker:${w}`, () => worker(c, w)));
      }
      m.spawn('admin', () => admin(c, workers));
    },
    // No accounting check: the removed cgroups took their groups' stats with them.
    teardown: () => blkioTeardown(c.disk, false),
  };
}

/** Memory mostly plentiful, sometimes short; completions and the throttle timer sometimes late. */
function plan(seed: number): FaultPlan {
  return drawPlan(seed, { memory: ['none', 'none', 'low'], ioDelay: { chance: 2, max: 3 }, wqDelay: { chance: 3, max: 2 } });
}

export const cgroupChurn: Suite = {
  name: 'cgroup-churn',
  summary: 'blkio cgroups created and removed while IO runs in them: group refcounts and RCU frees',
  scenario: 'for blkio cgroups removed while IO runs in them',
  kernel: '3.2',
  defaultSchedules: 150,
  expectedSteps: 800,
  plan,
  program,
};
