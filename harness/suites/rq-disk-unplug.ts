// A request-based disk hot-unplugged while its request list is full: the driver's remove
// (del_gendisk(), then blk_cleanup_queue()) runs as writers sleep in get_request() for a free
// request. The disk is slow (two command slots, completions 4 to 8 jiffies late), its request
// list is shrunk to four (echo 4 > /sys/block/sdf/queue/nr_requests), and eight writers each
// submit a plugged batch of four unmergeable writes, so that when the disk goes, a jiffy after
// they all opened it, three or four of them wait for a request. blk_cleanup_queue() marks the
// queue dying and drains it: requests in flight and queued finish, and each one freed wakes one
// waiter (the waits are exclusive), which finds the queue dying and fails its bio; with more
// waiters than requests freed, the wake-up chain ends there, and __blk_drain_queue() wakes every
// waiter left ("With queue marked dead, any woken up waiter will fail the allocation path, so the
// wakeup chaining is lost and we're left with hung waiters"). The writers' later writes fail at
// submission, and each closes the device it holds open. No other suite removes a disk while IO
// waits on it.

import { delete_modules } from '../../kernel-model/kernel/module.ts';
import { timers } from '../../kernel-model/kernel/timer.ts';
import '../../kernel-model/v3.15/world.ts';
import { defaultPlan, type FaultPlan } from '../../kernel-model/sim/faults.ts';
import { Prng } from '../../kernel-model/sim/prng.ts';
import type { Program } from '../../kernel-model/sim/run.ts';
import type { KGen } from '../../kernel-model/sim/task.ts';
import { WRITE } from '../../kernel-model/v3.15/include/linux/fs.ts';
import { close_block_device, open_block_device } from '../../kernel-model/v3.15/model/genhd.ts';
import { type sim_rq_disk, sim_rq_disk_ops } from '../../kernel-model/v3.15/model/sim-rq-disk.ts';
import { queue_sysfs_files } from '../../kernel-model/v3.15/model/sysfs.ts';
import type { Suite } from './suite.ts';
import { rqDisk, submitBatch } from './workload-io.ts';

const WRITERS = 8;
const WRITES = 4;
/** The disk's size in sectors, and how many commands it works on at once. */
const SECTORS = 4096;
const DEPTH = 2;

/** One writer: opens the disk, writes a plugged batch of unmergeable 4 KiB writes, closes it. */
function* writer(k: number, opened: () => void): KGen {
  const bdev = yield* open_block_device('/dev/sdf');
  opened();
  yield* submitBatch(
    bdev,
    WRITE,
    Array.from({ length: WRITES }, (_, i) => ({ sector: 256 * k + 16 * i, sectors: 8 })),
  );
  yield* close_block_device(bdev);
}

/** The hot-unplug: once every writer holds the disk open, the driver removes it. */
function* unplug(d: sim_rq_disk, allOpened: () => boolean): KGen {
  while (!allOpened()) yield* timers.msleep(1);
  yield* timers.msleep(1);
  yield* sim_rq_disk_ops.sim_rq_disk_remove(d);
}

/**
 * No allocation faults; a slow disk (each completion up to 4 to 8 jiffies late), so that the
 * writers' thirty-two requests are still coming through two command slots when it goes.
 */
function plan(seed: number): FaultPlan {
  const p = defaultPlan();
  p.ioDelay = 4 + new Prng(seed).below(5);
  return p;
}

const program = (): Program => {
  let removed = false;
  let disk: sim_rq_disk | null = null;
  return {
    cpus: 2,
    base: 'v3.15',
    setup(m) {
      const d = m.bootCall(
        (function* (): KGen<sim_rq_disk> {
          const made = yield* rqDisk('sdf', 80, SECTORS, DEPTH);
          yield* queue_sysfs_files.queue_sysfs_store(made.queue, 'nr_requests', '4\n');
          return made;
        })(),
      );
      disk = d;
      let opened = 0;
      for (let k = 0; k < WRITERS; k++) m.spawn(`writer${k}`, () => writer(k, () => opened++));
      m.spawn('unplug', function* (): KGen {
        yield* unplug(d, () => opened === WRITERS);
        removed = true;
      });
    },
    *teardown() {
      if (!removed && disk !== null) yield* sim_rq_disk_ops.sim_rq_disk_remove(disk);
      /* rmmod dm_snapshot dm_mod raid1 linear md_mod */
      yield* delete_modules('v3.15');
    },
  };
};

export const rqDiskUnplug: Suite = {
  name: 'rq-disk-unplug',
  summary: 'a slow request-based disk hot-unplugged while eight writers wait for requests of its full request list (nr_requests 4)',
  scenario: 'when a disk is removed while IO waits for its requests',
  kernel: '3.15',
  defaultSchedules: 100,
  expectedSteps: 1500,
  plan,
  program,
};
