// A bio-based simulated disk for the v3.15 world: its queue comes from blk_alloc_queue() with
// the driver's make_request_fn (blk_queue_make_request), as a bio-based driver (brd, a virtual
// disk) sets one up, so a bio goes straight from generic_make_request() to the "hardware". The
// hardware completes each bio later from hard-irq context, at a point the decision stream picks,
// after a delay drawn from it when the fault plan asks for one (plan.ioDelay jiffies at most),
// with -EIO for a share of them (plan.ioErrorPercent) and for every bio over a sector marked bad. It is a driver, not kernel C: nothing here
// is translated. The disk is registered (add_disk) so dm and md open it by dev_t or by name
// ("/dev/sda"), as dm_get_device() and mdadm do. It advertises what an SSD behind sd does: a
// volatile write cache with FUA (REQ_FLUSH | REQ_FUA), UNMAP (discard) and WRITE SAME. It
// completes a flush, a discard or a write-same bio like any other; the IO accounting follows its
// cache: what it stored is volatile until a bio with REQ_FLUSH completes, unless written with
// REQ_FUA. What it holds is kept for the bytes that have any (sim-disk-data.ts).

import { sim_complete_later, sim_io_fails } from '../../block/sim-hardware.ts';
import { io_account_cache_flush_sent, io_account_cache_flushed, io_account_failed, io_account_stored } from '../../block/blk-io-accounting.ts';
import { EIO } from '../../include/uapi/asm-generic/errno-base.ts';
import { GFP_KERNEL } from '../../include/linux/gfp.ts';
import { NULL, ref } from '../../lib/c-pointers.ts';
import { kernel_functions } from '../../sim/hooks.ts';
import { machine } from '../../sim/machine.ts';
import type { KGen } from '../../sim/task.ts';
import { blk_core } from '../block/blk-core.ts';
import { blk_settings } from '../block/blk-settings.ts';
import { bio_c } from '../fs/bio.ts';
import { REQ_DISCARD, REQ_FLUSH, REQ_FUA, REQ_WRITE, REQ_WRITE_SAME, type bio } from '../include/linux/blk_types.ts';
import { QUEUE_FLAG_DISCARD, blkdev_h, block_device_operations_type, type request_queue } from '../include/linux/blkdev.ts';
import type { block_device } from '../include/linux/fs.ts';
import { genhd_h } from '../include/linux/genhd.ts';
import type { gendisk } from '../include/linux/genhd.ts';
import { FMODE_READ, FMODE_WRITE, block_dev_c, genhd_c } from './genhd.ts';
import { sector_store_create, sim_disk_transfer, type sector_store } from './sim-disk-data.ts';

/** The major number of the model's disks (SCSI disk's, sd). */
export const SIM_DISK_MAJOR = 8;
/** sd's SD_MINORS: a disk's minors, its own and fifteen partitions' (a disk's first minor is a multiple of it). */
export const SD_MINORS = 16;
/** A model disk holds 8 GiB unless its creator says otherwise. */
export const SIM_DISK_SECTORS = 1 << 24;

/** sd's SD_MAX_WS16_BLOCKS: the most blocks one UNMAP or WRITE SAME(16) covers (512-byte blocks here). */
const SD_MAX_WS16_BLOCKS = 0x7fffff;
/** The disk's physical block, which sd_config_discard() takes as the discard granularity (bytes). */
const PHYSICAL_BLOCK_SIZE = 4096;

export interface sim_disk {
  name: string;
  /** dev_t of the disk, MKDEV(SIM_DISK_MAJOR, minor). */
  dev: number;
  disk: gendisk;
  /** The whole-disk block device, opened by the driver: bios for the disk name it. */
  bdev: block_device;
  queue: request_queue;
  /** Bios at the device, in the order they arrived. */
  inflight: Set<bio>;
  completed: number;
  /** Every bio the device saw, in order: sector range, direction, its bi_rw flags, when (jiffies, and the machine step). */
  seen: { sector: number; sectors: number; write: boolean; rw: number; at: number; step: number }[];
  /** The bytes the disk holds (sim-disk-data.ts: only those written from pages that carry bytes). */
  data: sector_store;
  /** Sectors of the medium that fail every read and write (media errors: sim_disk_set_bad()). */
  bad: Set<number>;
}

/** Marks `sectors` sectors from `sector` bad: every bio that covers one of them fails with -EIO, for good. */
export function sim_disk_set_bad(d: sim_disk, sector: number, sectors: number): void {
  for (let s = sector; s < sector + sectors; s++) d.bad.add(s);
}

/** Whether the bio covers a bad sector of the medium. */
function covers_bad_sector(d: sim_disk, b: bio): boolean {
  if (d.bad.size === 0 || b.bi_rw & REQ_DISCARD) return false;
  const { bi_sector: sector, bi_size: size } = b.bi_iter;
  for (let s = sector; s < sector + (size >>> 9); s++) if (d.bad.has(s)) return true;
  return false;
}

/**
 * The pages of data a bio still carries (the bio_vecs its iterator covers, as
 * bio_for_each_segment() walks them, without touching the bio); none for a discard. `rw` is
 * what the bio is or will be submitted with (its bi_rw once submitted).
 */
export function sim_bio_pages(b: bio, rw = b.bi_rw): object[] {
  if (rw & REQ_DISCARD) return [];
  const pages: object[] = [];
  let { bi_idx: idx, bi_bvec_done: done, bi_size: size } = b.bi_iter;
  // A write-same's one page stands for every sector of its range.
  if (rw & REQ_WRITE_SAME) return size > 0 ? [b.bi_io_vec[idx].bv_page] : [];
  while (size > 0) {
    const bv = b.bi_io_vec[idx];
    pages.push(bv.bv_page);
    size -= Math.min(size, bv.bv_len - done);
    done = 0;
    idx++;
  }
  return pages;
}

/**
 * The device's interrupt for one finished bio.
 * @port drivers/block/sim-disk.c v3.15 model - a disk completing one bio per interrupt
 */
function* sim_disk_irq(d: sim_disk, b: bio, error: number): KGen {
  d.inflight.delete(b);
  d.completed++;
  // The model's IO accounting checks that a failed bio completes with an error, and that a write
  // completes without one only once its data is on a device.
  // A bio with REQ_FLUSH flushes the write cache before its data is written (a preflush); its
  // data with REQ_FUA goes past the cache.
  if (error !== 0) io_account_failed(b, error, d.name);
  else {
    if (b.bi_rw & REQ_FLUSH) io_account_cache_flushed(d.name);
    if (b.bi_rw & REQ_WRITE) io_account_stored(sim_bio_pages(b), d.name, (b.bi_rw & REQ_FUA) !== 0);
    sim_disk_transfer(d.data, b);
  }
  yield* bio_c.bio_endio(b, error);
}

/**
 * The driver's make_request_fn: the bio goes to the hardware, which raises its interrupt later.
 * @port drivers/block/sim-disk.c v3.15 model - starts the transfer; completion comes by interrupt
 */
function* sim_disk_make_request(q: request_queue, b: bio): KGen {
  const d = q.queuedata as sim_disk;
  const m = machine();
  d.inflight.add(b);
  if (b.bi_rw & REQ_FLUSH) io_account_cache_flush_sent(d.name);
  d.seen.push({ sector: b.bi_iter.bi_sector, sectors: b.bi_iter.bi_size >>> 9, write: (b.bi_rw & REQ_WRITE) !== 0, rw: b.bi_rw, at: m.jiffies, step: m.steps });
  // The plan's drawn failure first, so that a disk without bad sectors draws as it always did.
  const error = sim_io_fails() || covers_bad_sector(d, b) ? -EIO : 0;
  sim_complete_later(d.name, () => sim_disk_ops.sim_disk_irq(d, b, error));
  yield;
}

/**
 * Creates the disk of `sectors` sectors: a bio-based queue, its gendisk added as SIM_DISK_MAJOR:minor under `name`,
 * and its whole-disk block device opened. Allocates: run it with machine.bootCall() in a
 * program's setup, or from a task.
 * @port drivers/block/sim-disk.c v3.15 model - the probe of a bio-based disk driver
 */
function* sim_disk_create(name: string, minor: number, sectors: number): KGen<sim_disk | null> {
  const q = yield* blk_core.blk_alloc_queue(GFP_KERNEL);
  if (!q) return null;
  const d: sim_disk = { name, dev: 0, disk: NULL, bdev: NULL, queue: q, inflight: new Set(), completed: 0, seen: [], data: sector_store_create(), bad: new Set() };
  q.queuedata = d;
  blk_settings.blk_queue_make_request(q, (qq, b) => sim_disk_ops.sim_disk_make_request(qq, b));
  // What sd_revalidate_disk() and sd_config_discard() set up for a disk with a write cache, FUA,
  // UNMAP (SD_LBP_UNMAP) and WRITE SAME(16).
  blk_settings.blk_queue_flush(q, REQ_FLUSH | REQ_FUA);
  q.limits.discard_granularity = PHYSICAL_BLOCK_SIZE;
  blk_settings.blk_queue_max_discard_sectors(q, SD_MAX_WS16_BLOCKS);
  blkdev_h.queue_flag_set_unlocked(QUEUE_FLAG_DISCARD, q);
  blk_settings.blk_queue_max_write_same_sectors(q, SD_MAX_WS16_BLOCKS);
  const disk = yield* genhd_c.alloc_disk(SD_MINORS);
  if (!disk) {
    yield* blk_core.blk_cleanup_queue(q);
    return null;
  }
  disk.major = SIM_DISK_MAJOR;
  disk.first_minor = minor;
  disk.disk_name = ref(name);
  disk.queue = q;
  /* the driver's block_device_operations: no open, release, ioctl or getgeo (an ioctl gets -ENOTTY) */
  disk.fops = block_device_operations_type.make();
  disk.private_data = d;
  genhd_h.set_capacity(disk, sectors);
  d.disk = disk;
  yield* genhd_c.add_disk(disk);
  const bdev = yield* genhd_c.bdget_disk(disk, 0);
  if (!bdev || (yield* block_dev_c.blkdev_get(bdev, FMODE_READ | FMODE_WRITE, NULL)) !== 0) throw new Error(`sim_disk_create(${name}): cannot open the disk it just added`);
  d.bdev = bdev;
  d.dev = bdev.bd_dev;
  return d;
}

/**
 * Removes the disk: the driver's block device is closed, the disk deleted, the queue cleaned
 * up, the disk's last reference dropped.
 * @port drivers/block/sim-disk.c v3.15 model - a driver's remove
 */
function* sim_disk_remove(d: sim_disk): KGen {
  yield* block_dev_c.blkdev_put(d.bdev, FMODE_READ | FMODE_WRITE);
  yield* genhd_c.del_gendisk(d.disk);
  yield* blk_core.blk_cleanup_queue(d.queue);
  yield* genhd_c.put_disk(d.disk);
}

export const sim_disk_ops = kernel_functions('drivers/block/sim-disk.c', { sim_disk_irq, sim_disk_make_request, sim_disk_create, sim_disk_remove }, 'v3.15');
