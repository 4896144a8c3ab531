// blkio cgroups created and removed while IO runs in them: two workers keep writing (without
// waiting, as writeback does) and reading to a throttled CFQ disk while an admin moves each
// worker into a fresh cgroup, lets it do some IO there, moves it back and removes the cgroup.
// Removal unlinks the cgroup's throttle and CFQ groups (blkiocg_destroy -> the policies'
// unlink callbacks) while queued bios, requests and queues still hold references to them; the
// last reference frees a throttle group after an RCU grace period, a CFQ group at once.
//
// The -stats variant ends each worker round with a flush+FUA write (fsync) and adds what a
// container manager does beside it: a monitor that reads every live cgroup's stats files
// (blkio.time, io_service_bytes, io_queued, throttle.io_service_bytes) and resets them, while
// the groups it reads are being unlinked and freed and the IO paths update them
// (blkio_read_blkg_stats and blkiocg_reset_stats take blkg->stats_lock under blkcg->lock; the
// IO paths take blkg->stats_lock under q->queue_lock).

import { cgroup_root, cgroups, type cgroup } from '../../kernel-model/kernel/cgroup.ts';
import { timers } from '../../kernel-model/kernel/timer.ts';
import { init_waitqueue_head, wait_event, wake_up_all, type wait_queue_head_t } from '../../kernel-model/kernel/sched/wait.ts';
import type { FaultPlan } from '../../kernel-model/sim/faults.ts';
import type { Program } from '../../kernel-model/sim/run.ts';
import type { KGen, task_struct } from '../../kernel-model/sim/task.ts';
import { READ, WRITE } from '../../kernel-model/v3.2/include/linux/fs.ts';
import { REQ_FLUSH, REQ_FUA } from '../../kernel-model/v3.2/include/linux/blk_types.ts';
import type { sim_rq_disk } from '../../kernel-model/v3.2/model/sim-rq-disk.ts';
import { attachTask, blkioTeardown, bootDisk, makeBlkioCgroup, removeCgroup, submitAndWait, submitNoWait } from './blkio-workload.ts';
import { type PlanShape, drawPlan } from './plan-shape.ts';
import type { Suite } from './suite.ts';

const WORKERS = 2;
/** Cgroups each worker passes through. */
const MOVES = 2;
/** IOs a worker does in a cgroup before the admin may move it out. */
const IOS_PER_MOVE = 2;

interface Churn {
  disk: sim_rq_disk;
  /** The cgroups the admin has made and not yet removed, for the monitor to read. */
  live: cgroup[];
  /**
   * The cgroup whose files the monitor has open: an open file pins its cgroup, so rmdir of it
   * waits here until the monitor is done with it (the model's files have no open and close).
   */
  reading: cgroup | null;
  /** IOs each worker has finished so far, and whether it is done. */
  ios: number[];
  done: boolean[];
  progress: wait_queue_head_t;
}

/**
 * A worker: writes without waiting and reads, until told to stop. With `fsync`, each round ends
 * with a write that must reach stable storage (WRITE_FLUSH_FUA, as fsync's journal commit).
 */
function* worker(c: Churn, index: number, fsync: boolean): KGen {
  const written = { n: 0, wq: c.progress };
  let issued = 0;
  const base = 8192 + index * 4096;
  for (let i = 0; i < MOVES * IOS_PER_MOVE + 1; i++) {
    if (yield* submitNoWait(c.disk, WRITE, base + i * 16, 8, written)) issued++;
    yield* submitAndWait(c.disk, READ, base + i * 16 + 8, 8);
    if (fsync) yield* submitAndWait(c.disk, WRITE | REQ_FLUSH | REQ_FUA, base + i * 16 + 12, 4);
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
      c.live.push(cg);
      const before = c.ios[w];
      yield* attachTask(cg, workers[w]);
      yield* wait_event(c.progress, () => c.done[w] || c.ios[w] >= before + IOS_PER_MOVE);
      yield* attachTask(cgroup_root(), workers[w]);
      c.live.splice(c.live.indexOf(cg), 1);
      yield* wait_event(c.progress, () => c.reading !== cg);
      yield* removeCgroup(cg);
    }
  }
}

/** The stats files a container manager polls. */
const STATS_FILES = ['blkio.time', 'blkio.io_service_bytes', 'blkio.io_queued', 'blkio.throttle.io_service_bytes'];

/** The monitor: reads each live cgroup's stats while the workers run, then resets them (interval counters). */
function* monitor(c: Churn): KGen {
  while (!c.done.every((d) => d)) {
    for (const cg of [...c.live]) {
      if (!c.live.includes(cg)) continue;
      c.reading = cg;
      for (const file of STATS_FILES) yield* cgroups.cgroup_file_read_map(cg, file);
      yield* cgroups.cgroup_file_write(cg, 'blkio.reset_stats', '1');
      c.reading = null;
      wake_up_all(c.progress);
    }
    // It polls, as a manager does, every 10 ms.
    yield* timers.msleep(10);
  }
}

function program(withMonitor: boolean): Program {
  let c: Churn;
  return {
    cpus: 2,
    base: 'v3.2',
    setup(m) {
      c = { disk: bootDisk(m, 'vdb'), live: [], reading: null, ios: [], done: [], progress: init_waitqueue_head('churn.progress') };
      const workers: task_struct[] = [];
      for (let w = 0; w < WORKERS; w++) {
        c.ios.push(0);
        c.done.push(false);
        workers.push(m.spawn(`worker:${w}`, () => worker(c, w, withMonitor)));
      }
      m.spawn('admin', () => admin(c, workers));
      if (withMonitor) m.spawn('monitor', () => monitor(c));
    },
    // No accounting check: the removed cgroups took their groups' stats with them.
    teardown: () => blkioTeardown(c.disk, false),
  };
}

const SHAPE: PlanShape = { memory: ['none', 'none', 'low'], ioDelay: { chance: 2, max: 3 }, wqDelay: { chance: 3, max: 2 } };

/** Memory mostly plentiful, sometimes short; completions and the throttle timer sometimes late. */
function plan(seed: number): FaultPlan {
  return drawPlan(seed, SHAPE);
}

/** The same, and in a third of the runs the disk fails up to a quarter of its IOs. */
function planWithIoErrors(seed: number): FaultPlan {
  return drawPlan(seed, { ...SHAPE, ioError: { chance: 3, percent: 25 } });
}

export const cgroupChurn: Suite = {
  name: 'cgroup-churn',
  summary: 'blkio cgroups created and removed while IO runs in them: group refcounts and RCU frees',
  scenario: 'for blkio cgroups removed while IO runs in them',
  kernel: '3.2',
  defaultSchedules: 150,
  expectedSteps: 800,
  plan,
  program: () => program(false),
};

export const cgroupChurnStats: Suite = {
  name: 'cgroup-churn-stats',
  summary: 'cgroup-churn with fsync-style writes, a monitor reading and resetting every live cgroup\'s stats files as groups are removed, and disk IO errors',
  scenario: 'for blkio cgroup stats read and reset while their groups are removed',
  kernel: '3.2',
  defaultSchedules: 150,
  expectedSteps: 1200,
  plan: planWithIoErrors,
  program: () => program(true),
};
