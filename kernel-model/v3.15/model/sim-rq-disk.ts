// A request-based simulated disk for the v3.15 world: its queue is set up with blk_init_queue(),
// so bios go through blk_queue_bio(), the noop elevator and the request list before the
// "hardware" sees them (a plugged task's bios become requests on its plug, sorted and inserted
// by blk_flush_plug_list()). The request_fn fetches and starts up to `depth` requests; each
// completes later from hard-irq context, at a point the decision stream picks, after a delay
// drawn from it when the fault plan asks for one (plan.ioDelay jiffies at most), with -EIO for a
// share of them (plan.ioErrorPercent), through __blk_end_request_all() under the queue lock, and
// the queue is run again, as a simple driver's interrupt handler does. The disk has a volatile
// write cache (blk_queue_flush(REQ_FLUSH | REQ_FUA)), so flush and FUA requests take
// blk-flush.c's machinery. It is a driver, not kernel C: nothing here is translated. The disk is
// registered (add_disk) so dm opens it by dev_t or by name ("/dev/sde").

import { sim_complete_later, sim_io_fails } from '../../block/sim-hardware.ts';
import { io_account_failed } from '../../block/blk-io-accounting.ts';
import { EIO } from '../../include/uapi/asm-generic/errno-base.ts';
import { spinlock } from '../../kernel/locking/spinlock.ts';
import { NULL, ref } from '../../lib/c-pointers.ts';
import { kernel_functions } from '../../sim/hooks.ts';
import { machine } from '../../sim/machine.ts';
import type { KGen } from '../../sim/task.ts';
import { blk_core } from '../block/blk-core.ts';
import { blk_settings } from '../block/blk-settings.ts';
import { REQ_FLUSH, REQ_FUA, REQ_WRITE } from '../include/linux/blk_types.ts';
import { blkdev_h, block_device_operations_type, type request, type request_queue } from '../include/linux/blkdev.ts';
import type { block_device } from '../include/linux/fs.ts';
import { genhd_h, type gendisk } from '../include/linux/genhd.ts';
import { block_dev_c, genhd_c } from './genhd.ts';
import { SIM_DISK_MAJOR } from './sim-disk.ts';

const FMODE_READ = 0x1;
const FMODE_WRITE = 0x2;

export interface sim_rq_disk {
  name: string;
  /** dev_t of the disk, MKDEV(SIM_DISK_MAJOR, minor). */
  dev: number;
  disk: gendisk;
  /** The whole-disk block device, opened by the driver: bios for the disk name it. */
  bdev: block_device;
  queue: request_queue;
  /** Requests the device works on at once (its queue depth). */
  depth: number;
  inflight: Set<request>;
  completed: number;
  /** Every request the device saw, in order: sector range, direction, bios merged in it, when (jiffies, and the machine step). */
  seen: { sector: number; sectors: number; write: boolean; bios: number; at: number; step: number }[];
}

/** The bios a request carries (rq->bio ... ->bi_next). */
function bios_of(rq: request): number {
  let n = 0;
  for (let b = rq.bio; b; b = b.bi_next) n++;
  return n;
}

/**
 * The device's interrupt for one finished request: complete it under the queue lock and start
 * more.
 * @port drivers/block/sim-rq-disk.c v3.15 model - a disk completing one request per interrupt
 */
function* sim_rq_disk_irq(d: sim_rq_disk, rq: request, error: number): KGen {
  const q = d.queue;
  const flags = yield* spinlock.spin_lock_irqsave(q.queue_lock);
  d.inflight.delete(rq);
  d.completed++;
  // The model's IO accounting checks that each failed bio completes with an error.
  if (error !== 0) for (let b = rq.bio; b; b = b.bi_next) io_account_failed(b, error, d.name);
  yield* blk_core.__blk_end_request_all(rq, error);
  yield* blk_core.__blk_run_queue(q);
  yield* spinlock.spin_unlock_irqrestore(q.queue_lock, flags);
}

/** Starts one request: its completion interrupt comes later. */
function start_request(d: sim_rq_disk, rq: request): void {
  const m = machine();
  d.inflight.add(rq);
  d.seen.push({ sector: blkdev_h.blk_rq_pos(rq), sectors: blkdev_h.blk_rq_sectors(rq), write: (rq.cmd_flags & REQ_WRITE) !== 0, bios: bios_of(rq), at: m.jiffies, step: m.steps });
  const error = sim_io_fails() ? -EIO : 0;
  sim_complete_later(d.name, () => sim_rq_disk_ops.sim_rq_disk_irq(d, rq, error));
}

/**
 * The driver's request_fn, called with the queue lock held: fetch (blk_fetch_request: peek and
 * blk_start_request) and start requests while the device has room.
 * @port drivers/block/sim-rq-disk.c v3.15 model - a request_fn that fetches and starts requests
 */
function* sim_rq_disk_request_fn(q: request_queue): KGen {
  const d = q.queuedata as sim_rq_disk;
  while (d.inflight.size < d.depth) {
    const rq = yield* blk_core.blk_fetch_request(q);
    if (!rq) break;
    start_request(d, rq);
  }
}

/**
 * Creates the disk of `sectors` sectors: its request queue (blk_init_queue with the queue's own
 * lock, the noop elevator), its gendisk added as SIM_DISK_MAJOR:minor under `name`, and its
 * whole-disk block device opened. Allocates: run it with machine.bootCall() in a program's
 * setup, or from a task.
 * @port drivers/block/sim-rq-disk.c v3.15 model - the probe of a request-based disk driver
 */
function* sim_rq_disk_create(name: string, minor: number, sectors: number, depth: number): KGen<sim_rq_disk | null> {
  const q = yield* blk_core.blk_init_queue((qq) => sim_rq_disk_ops.sim_rq_disk_request_fn(qq), NULL);
  if (!q) return null;
  const d: sim_rq_disk = { name, dev: 0, disk: NULL, bdev: NULL, queue: q, depth, inflight: new Set(), completed: 0, seen: [] };
  q.queuedata = d;
  blk_settings.blk_queue_flush(q, REQ_FLUSH | REQ_FUA);
  const disk = yield* genhd_c.alloc_disk(1);
  if (!disk) {
    yield* blk_core.blk_cleanup_queue(q);
    return null;
  }
  disk.major = SIM_DISK_MAJOR;
  disk.first_minor = minor;
  disk.disk_name = ref(name);
  disk.queue = q;
  disk.private_data = d;
  /* the driver's block_device_operations: no open, release, ioctl or getgeo (an ioctl gets -ENOTTY) */
  disk.fops = block_device_operations_type.make();
  genhd_h.set_capacity(disk, sectors);
  d.disk = disk;
  yield* genhd_c.add_disk(disk);
  const bdev = yield* genhd_c.bdget_disk(disk, 0);
  if (!bdev || (yield* block_dev_c.blkdev_get(bdev, FMODE_READ | FMODE_WRITE, NULL)) !== 0) throw new Error(`sim_rq_disk_create(${name}): cannot open the disk it just added`);
  d.bdev = bdev;
  d.dev = bdev.bd_dev;
  return d;
}

/**
 * Removes the disk: the driver's block device is closed, the disk deleted, the queue cleaned up
 * (blk_cleanup_queue drains the elevator and the request list), the disk's last reference
 * dropped.
 * @port drivers/block/sim-rq-disk.c v3.15 model - a driver's remove
 */
function* sim_rq_disk_remove(d: sim_rq_disk): KGen {
  yield* block_dev_c.blkdev_put(d.bdev, FMODE_READ | FMODE_WRITE);
  genhd_c.del_gendisk(d.disk);
  yield* blk_core.blk_cleanup_queue(d.queue);
  yield* genhd_c.put_disk(d.disk);
}

export const sim_rq_disk_ops = kernel_functions('drivers/block/sim-rq-disk.c', { sim_rq_disk_irq, sim_rq_disk_request_fn, sim_rq_disk_create, sim_rq_disk_remove }, 'v3.15');
