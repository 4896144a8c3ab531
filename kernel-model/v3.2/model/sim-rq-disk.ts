// A request-based simulated disk for the v3.2 world: its queue is set up with blk_init_queue(),
// so bios go through throttling, the CFQ elevator and the request list before the "hardware"
// sees them. The request_fn starts up to `depth` requests; each completes later from hard-irq
// context, at a point the decision stream picks, after a delay drawn from it when the fault
// plan asks for one (plan.ioDelay jiffies at most), with -EIO for a share of them
// (plan.ioErrorPercent). The disk has a volatile write cache: it tells the IO accounting which
// pages it stored, durably or not, and which cache flushes it was sent and completed. A disk
// made with a command timeout is a SCSI disk as sd sets one up (blk_queue_rq_timeout() and a
// timeout handler, blk_queue_rq_timed_out()): blk_start_request() puts each request it starts
// on the queue's timeout_list (blk_add_timer()) and blk_finish_request() takes it off
// (blk_delete_timer()), and blk-timeout.c's timer walks that list. This device answers every
// command it is sent, but some slowly (plan.ioLostPercent of them: as their timeout fires, or
// just after), so a command still out at its deadline is slow, not lost: the handler gives it
// more time (BLK_EH_RESET_TIMER, the request put back on the timeout list), as a driver that has
// not given up on a command does, and its answer ends it later.
// Without one (the default) it is a virtio-blk disk, which in v3.2 has no command timeout. It
// is a driver, not kernel C: nothing here is translated.

import { sim_bad_segment, sim_complete_at, sim_complete_later, sim_io_fails, sim_io_lost } from '../../block/sim-hardware.ts';
import { round_jiffies_up } from '../../include/linux/jiffies.ts';
import { io_account_cache_flush_sent, io_account_cache_flushed, io_account_failed, io_account_stored } from '../../block/blk-io-accounting.ts';
import { EIO } from '../../include/uapi/asm-generic/errno-base.ts';
import { spinlock } from '../../kernel/locking/spinlock.ts';
import { NULL, ref } from '../../lib/c-pointers.ts';
import { kernel_functions } from '../../sim/hooks.ts';
import { machine } from '../../sim/machine.ts';
import type { KGen } from '../../sim/task.ts';
import { blk_core } from '../block/blk-core.ts';
import type { block_device } from '../include/linux/fs.ts';
import type { gendisk } from '../include/linux/genhd.ts';
import { REQ_DISCARD, REQ_FLUSH, REQ_FUA, REQ_WRITE, type bio } from '../include/linux/blk_types.ts';
import { BLK_EH_RESET_TIMER, blkdev_h, type request, type request_queue } from '../include/linux/blkdev.ts';
import { genhd, set_capacity } from './genhd.ts';

/** The major number of the model's disks (device-mapper's, as the seed's disk was). */
export const SIM_DISK_MAJOR = 253;
/** Every model disk holds 8 GiB. */
export const SIM_DISK_SECTORS = 1 << 24;

export interface sim_rq_disk {
  name: string;
  /** dev_t of the disk, MKDEV(major, minor) */
  dev: number;
  disk: gendisk;
  /** The whole-disk block device bios are submitted to. */
  bdev: block_device;
  queue: request_queue;
  /** Requests the device works on at once (its queue depth). */
  depth: number;
  inflight: Set<request>;
  completed: number;
  /** Commands the timeout handler was called for (each given more time). */
  timed_out: number;
  /** Bytes of every request the device transferred. */
  bytes: number;
  /** Every request the device saw, in order: sector range, bios merged in it, and when (jiffies). */
  seen: { sector: number; sectors: number; write: boolean; bios: number; at: number }[];
}

/** The bios a request carries (rq->bio ... ->bi_next). */
function bios_of(rq: request): number {
  let n = 0;
  for (let b = rq.bio; b; b = b.bi_next) n++;
  return n;
}

/**
 * The pages of the data `b` still carries (its bio_vecs from bi_idx to bi_vcnt), as the IO
 * accounting follows them: what a bio built by the workload writes. A discard carries none.
 */
export function sim_bio_pages(b: bio, rw = b.bi_rw): object[] {
  if (rw & REQ_DISCARD) return [];
  const pages: object[] = [];
  for (let i = b.bi_idx; i < b.bi_vcnt; i++) pages.push(b.bi_io_vec[i].bv_page);
  return pages;
}

/** A failure of the whole request rather than of one segment. */
const ALL_SEGMENTS = -1;

/** The segments (bio_vecs not yet done) a request carries. */
function segments_of(rq: request): number {
  let n = 0;
  for (let b = rq.bio; b; b = b.bi_next) n += b.bi_vcnt - b.bi_idx;
  return n;
}

/**
 * The device's interrupt for one finished request: complete it under the queue lock and start
 * more. A request that hit a media error completes as a simple driver completes one: segment
 * by segment (__blk_end_request_cur), the bad segment with -EIO and the others with their data,
 * so a bio with the bad segment in its middle is ended partly with the error and finished later
 * without one (blk_update_request's partial-bio path must keep the error); one that lost the
 * link fails whole.
 * @port drivers/block/sim-rq-disk.c v3.2 model - a disk completing one request per interrupt
 */
function* sim_rq_disk_irq(d: sim_rq_disk, rq: request, bad_segment: number | null): KGen {
  const q = d.queue;
  const flags = yield* spinlock.spin_lock_irqsave(q.queue_lock);
  d.inflight.delete(rq);
  d.completed++;
  const write = (rq.cmd_flags & REQ_WRITE) !== 0;
  const fua = (rq.cmd_flags & REQ_FUA) !== 0;
  // A flush request (blk-flush.c's flush_rq) empties the disk's write cache.
  if (bad_segment === null && rq.cmd_flags & REQ_FLUSH) io_account_cache_flushed(d.name);
  if (bad_segment === null || bad_segment === ALL_SEGMENTS) {
    const error = bad_segment === null ? 0 : -EIO;
    // The model's IO accounting checks that each failed bio completes with an error, and that a
    // write completes without one only once its data is on a device.
    for (let b = rq.bio; b; b = b.bi_next) {
      if (error !== 0) io_account_failed(b, error, d.name);
      else if (write) io_account_stored(sim_bio_pages(b), d.name, fua);
    }
    yield* blk_core.__blk_end_request_all(rq, error);
  } else {
    for (let seg = 0; ; seg++) {
      const error = seg === bad_segment ? -EIO : 0;
      // The model's IO accounting checks that the bio with the bad segment completes with an
      // error; the other segments' data is on the device.
      if (error !== 0 && rq.bio) io_account_failed(rq.bio, error, d.name);
      else if (write && rq.bio) io_account_stored(sim_bio_pages(rq.bio).slice(0, 1), d.name, fua);
      if (!(yield* blk_core.__blk_end_request_cur(rq, error))) break;
    }
  }
  yield* blk_core.__blk_run_queue(q);
  yield* spinlock.spin_unlock_irqrestore(q.queue_lock, flags);
}

/**
 * The rq_timed_out_fn of a disk with a command timeout, called by the queue's timeout timer
 * with the queue lock held for a command still out at its deadline: the device answers every
 * command, so the driver gives it another timeout (the block layer re-adds the request to the
 * timeout list).
 * @port drivers/block/sim-rq-disk.c v3.2 model - a timeout handler that waits on for a slow command
 */
function* sim_rq_disk_timed_out(rq: request): KGen<number> {
  (rq.q.queuedata as sim_rq_disk).timed_out++;
  return BLK_EH_RESET_TIMER;
}

/** Starts one request: its completion interrupt comes later. */
function start_request(d: sim_rq_disk, rq: request): void {
  const m = machine();
  d.inflight.add(rq);
  if (rq.cmd_flags & REQ_FLUSH) io_account_cache_flush_sent(d.name);
  d.bytes += blkdev_h.blk_rq_bytes(rq);
  d.seen.push({ sector: blkdev_h.blk_rq_pos(rq), sectors: blkdev_h.blk_rq_sectors(rq), write: (rq.cmd_flags & REQ_WRITE) !== 0, bios: bios_of(rq), at: m.jiffies });
  // A failed request lost the link (every segment fails: ALL_SEGMENTS) or hit a media error on
  // one segment, drawn.
  const failed = sim_io_fails();
  const bad_segment = !failed ? null : (sim_bad_segment(() => segments_of(rq)) ?? ALL_SEGMENTS);
  const irq = (): KGen => sim_rq_disk_ops.sim_rq_disk_irq(d, rq, bad_segment);
  // A disk with a command timeout answers some commands slowly (the plan's lost commands, which
  // this device answers all the same): a 'late' one as the queue's timeout timer fires for it
  // (blk_add_timer() rounds the deadline up to a whole second), racing with it, a 'never' one
  // just after, once the handler has given it more time.
  const answer = d.queue.rq_timed_out_fn === null ? 'answered' : sim_io_lost();
  if (answer === 'answered') return sim_complete_later(d.name, irq);
  const fires = round_jiffies_up(m.jiffies + d.queue.rq_timeout);
  sim_complete_at(d.name, answer === 'late' ? fires : fires + 1, irq);
}

/**
 * The driver's request_fn, called with the queue lock held: start requests while the device
 * has room.
 * @port drivers/block/sim-rq-disk.c v3.2 model - a request_fn that fetches and starts requests
 */
function* sim_rq_disk_request_fn(q: request_queue): KGen {
  const d = q.queuedata as sim_rq_disk | null;
  // A probe that failed after blk_init_queue() cleans the queue up before it set queuedata: the
  // drain runs the request_fn of a queue that never had a request.
  if (d === null) return;
  while (d.inflight.size < d.depth) {
    const rq = yield* blk_core.blk_fetch_request(q);
    if (!rq) break;
    start_request(d, rq);
  }
}

/**
 * Creates the disk: its request queue (with throttling and CFQ), its gendisk added as
 * SIM_DISK_MAJOR:minor, and its block device; with a `timeout` (jiffies) of more than 0 a command
 * timeout and its handler, as sd sets them up. Allocates: run it with machine.bootCall() in a
 * program's setup, or from a task.
 * @port drivers/block/sim-rq-disk.c v3.2 model - the probe of a request-based disk driver
 */
function* sim_rq_disk_create(name: string, minor: number, depth: number, timeout: number): KGen<sim_rq_disk | null> {
  const q = yield* blk_core.blk_init_queue((qq) => sim_rq_disk_ops.sim_rq_disk_request_fn(qq), NULL);
  if (!q) return null;
  const disk = yield* genhd.alloc_disk(1);
  if (!disk) {
    yield* blk_core.blk_cleanup_queue(q);
    return null;
  }
  disk.major = SIM_DISK_MAJOR;
  disk.first_minor = minor;
  disk.disk_name = ref(name);
  disk.queue = q;
  // blk_queue_flush(q, REQ_FLUSH | REQ_FUA): a disk with a volatile write cache, so flush and
  // FUA requests take the flush machinery (block/blk-flush.c). blk_queue_flush() is one store
  // (blk-settings.c is translated without it).
  q.flush_flags = REQ_FLUSH | REQ_FUA;
  // blk_queue_rq_timed_out() and blk_queue_rq_timeout(), each one store (blk-settings.c is
  // translated without them): what sd's probe sets up (its handler is scsi_times_out).
  if (timeout > 0) {
    q.rq_timed_out_fn = (rq) => sim_rq_disk_ops.sim_rq_disk_timed_out(rq);
    q.rq_timeout = timeout;
  }
  set_capacity(disk, SIM_DISK_SECTORS);
  const d: sim_rq_disk = {
    name,
    dev: 0,
    disk,
    bdev: NULL,
    queue: q,
    depth,
    inflight: new Set(),
    completed: 0,
    timed_out: 0,
    bytes: 0,
    seen: [],
  };
  q.queuedata = d;
  genhd.add_disk(disk);
  d.bdev = genhd.bdget_disk(disk);
  d.dev = d.bdev.bd_dev;
  return d;
}

/**
 * The disk unplugged (a virtio-blk device hot-removed) while it may still be open: del_gendisk,
 * then blk_cleanup_queue marks the queue dead, drains it and puts the driver's reference. The
 * queue stays, dead, as long as the disk holds its own (add_disk's); IO still on its way fails.
 * @port drivers/block/sim-rq-disk.c v3.2 model - a driver's remove, before the last close
 */
function* sim_rq_disk_unplug(d: sim_rq_disk): KGen {
  genhd.del_gendisk(d.disk);
  yield* blk_core.blk_cleanup_queue(d.queue);
}

/**
 * Removes the disk: unplugged, then released (the last close: the disk and with it the queue).
 * @port drivers/block/sim-rq-disk.c v3.2 model - a driver's remove
 */
function* sim_rq_disk_remove(d: sim_rq_disk): KGen {
  yield* sim_rq_disk_ops.sim_rq_disk_unplug(d);
  yield* genhd.disk_release(d.disk);
}

export const sim_rq_disk_ops = kernel_functions(
  'drivers/block/sim-rq-disk.c',
  {
    sim_rq_disk_irq,
    sim_rq_disk_timed_out,
    sim_rq_disk_request_fn,
    sim_rq_disk_create,
    sim_rq_disk_unplug,
    sim_rq_disk_remove,
  },
  'v3.2',
);
