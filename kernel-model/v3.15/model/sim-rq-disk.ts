// A request-based simulated disk for the v3.15 world: its queue is set up with blk_init_queue(), so
// bios go through blk_queue_bio(), the noop elevator and the request list before the "hardware"
// sees them (a plugged task's bios become requests on its plug, sorted and inserted by
// blk_flush_plug_list()). The request_fn fetches and starts up to `depth` requests; each completes
// later from hard-irq context, at a point the decision stream picks, after a delay drawn from it
// when the fault plan asks for one (plan.ioDelay jiffies at most), with -EIO for a share of them
// (plan.ioErrorPercent): a lost link fails a command whole, a media error one segment of it, half
// and half. The driver completes as SCSI's does: the interrupt hands the request to
// blk_complete_request(), and the block softirq calls the driver's softirq_done_fn, which ends the
// request (blk_end_request_all()) and starts or runs the queue (the request_fn stops it while every
// command slot is taken). Like sd, it has a command timeout (blk_queue_rq_timeout, SIM_RQ_TIMEOUT)
// and a timeout handler: a command the device loses (plan.ioLostPercent of them: answered only as
// its timeout fires, or never) times out in blk-timeout.c, and the handler aborts it and fails it
// with -EIO (BLK_EH_HANDLED), as SCSI's error handler ends a command it gave up on. A completion
// and a timeout of the same request race for REQ_ATOM_COMPLETE (blk_mark_rq_complete); the loser
// does nothing, and the driver's host lock keeps the timeout handler from ending a request its
// interrupt handler is still completing. As sd builds a SCSI command for a request once, in its
// prep_rq_fn (REQ_DONTPREP: not again if the request is requeued), and frees it in its
// unprep_rq_fn when the request ends, the driver prepares its command per request and releases
// it from blk_finish_request(). The disk has a volatile write cache
// (blk_queue_flush(REQ_FLUSH | REQ_FUA)), so flush and FUA requests take blk-flush.c's machinery;
// the IO accounting follows the cache (what a flush request empties, what REQ_FUA writes past).
// It is a driver, not kernel C: nothing here is translated. The disk is registered (add_disk) so dm
// opens it by dev_t or by name ("/dev/sde").

import { sim_bad_segment, sim_complete_at, sim_complete_later, sim_io_fails, sim_io_lost } from '../../block/sim-hardware.ts';
import { io_account_cache_flush_sent, io_account_cache_flushed, io_account_failed, io_account_stored } from '../../block/blk-io-accounting.ts';
import { EIO } from '../../include/uapi/asm-generic/errno-base.ts';
import { spin_lock_init, spinlock, type spinlock_t } from '../../kernel/locking/spinlock.ts';
import { NULL, field_ref, ref } from '../../lib/c-pointers.ts';
import { test_bit } from '../../include/linux/bitops.ts';
import { kernel_functions } from '../../sim/hooks.ts';
import { HZ, machine } from '../../sim/machine.ts';
import { round_jiffies_up } from '../../include/linux/jiffies.ts';
import type { KGen } from '../../sim/task.ts';
import { blk_core } from '../block/blk-core.ts';
import { blk_settings } from '../block/blk-settings.ts';
import { blk_softirq } from '../block/blk-softirq.ts';
import { bio_h } from '../include/linux/bio.ts';
import { REQ_DONTPREP, REQ_FLUSH, REQ_FUA, REQ_WRITE } from '../include/linux/blk_types.ts';
import { BLKPREP_OK, BLK_EH_HANDLED, QUEUE_FLAG_STOPPED, blkdev_h, block_device_operations_type, type request, type request_queue } from '../include/linux/blkdev.ts';
import type { block_device } from '../include/linux/fs.ts';
import { genhd_h, type gendisk } from '../include/linux/genhd.ts';
import { FMODE_READ, FMODE_WRITE, block_dev_c, genhd_c } from './genhd.ts';
import { SD_MINORS, SIM_DISK_MAJOR, sim_bio_pages } from './sim-disk.ts';

/** The command timeout, sd's SD_TIMEOUT (30 * HZ). */
export const SIM_RQ_TIMEOUT = 30 * HZ;

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
  /**
   * The driver's host lock: its interrupt handler completes a command under it and its timeout
   * handler aborts one under it, so that a request the timeout ends is not in the interrupt
   * handler's hands (SCSI's LLDs serialize their abort with their interrupt in the same way).
   */
  host_lock: spinlock_t;
  /** The command the driver built for each request it prepared, until the request ends. */
  commands: Map<request, sim_rq_command>;
  /** Commands the device works on: how each will complete (one object per command, its tag). */
  inflight: Map<request, sim_rq_command>;
  /** Requests the device answered with a media error on one segment, to be ended segment by segment. */
  bad_segment: Map<request, number>;
  completed: number;
  /** Commands the driver aborted after they timed out. */
  aborted: number;
  /** Every request the device saw, in order: sector range, direction, bios merged in it, when (jiffies, and the machine step). */
  seen: { sector: number; sectors: number; write: boolean; bios: number; at: number; step: number }[];
}

/**
 * A command the driver built for a request: how the device will answer it, decided as it is
 * started: with `error`, and for a media error the index of the one bad segment (the others
 * read or written with their data); a failure of the whole command (a lost link) has none.
 */
interface sim_rq_command {
  error: number;
  bad_segment: number | null;
}

/** The segments (bio_vecs not yet done) a request carries. */
function segments_of(rq: request): number {
  let n = 0;
  for (let b = rq.bio; b; b = b.bi_next) n += bio_h.bio_segments(b);
  return n;
}

/** The bios a request carries (rq->bio ... ->bi_next). */
function bios_of(rq: request): number {
  let n = 0;
  for (let b = rq.bio; b; b = b.bi_next) n++;
  return n;
}

/**
 * The device's interrupt for one finished command: the driver takes it off the device (a command
 * it aborted on timeout is no longer there, and its late answer is dropped), records its status
 * and hands the request to the block softirq.
 * @port drivers/block/sim-rq-disk.c v3.15 model - a disk completing one command per interrupt, as scsi_done() does
 */
function* sim_rq_disk_irq(d: sim_rq_disk, rq: request, cmd: sim_rq_command): KGen {
  yield* spinlock.spin_lock(d.host_lock);
  // The answer to a command the driver aborted is dropped (its request may carry another
  // command by now).
  if (d.inflight.get(rq) === cmd) {
    d.inflight.delete(rq);
    rq.errors = cmd.error;
    if (cmd.bad_segment !== null) d.bad_segment.set(rq, cmd.bad_segment);
    yield* blk_softirq.blk_complete_request(rq);
  }
  yield* spinlock.spin_unlock(d.host_lock);
}

/**
 * The softirq_done_fn: ends the request with the status the device or the timeout handler gave
 * it (bios completed outside the queue lock, the request freed under it), then starts the queue
 * if the request_fn stopped it, or runs it. A request the device answered with a media error is
 * ended segment by segment (blk_end_request_cur), the bad segment with -EIO and the others with
 * their data, so a bio with the bad segment in its middle is ended partly with the error and
 * finished later without one (blk_update_request's partial-bio path must keep the error).
 * @port drivers/block/sim-rq-disk.c v3.15 model - scsi_softirq_done() reduced to ending the request and running the queue
 */
function* sim_rq_disk_softirq_done(rq: request): KGen {
  const d = rq.q.queuedata as sim_rq_disk;
  const error = rq.errors;
  const bad_segment = d.bad_segment.get(rq);
  d.bad_segment.delete(rq);
  d.completed++;
  const write = (rq.cmd_flags & REQ_WRITE) !== 0;
  const fua = (rq.cmd_flags & REQ_FUA) !== 0;
  // A flush request (blk-flush.c's flush_rq) empties the disk's write cache.
  if (error === 0 && rq.cmd_flags & REQ_FLUSH) io_account_cache_flushed(d.name);
  if (bad_segment === undefined) {
    // The model's IO accounting checks that each failed bio completes with an error, and that a
    // write completes without one only once its data is on a device.
    for (let b = rq.bio; b; b = b.bi_next) {
      if (error !== 0) io_account_failed(b, error, d.name);
      else if (write) io_account_stored(sim_bio_pages(b), d.name, fua);
    }
    yield* blk_core.blk_end_request_all(rq, error);
  } else {
    for (let seg = 0; ; seg++) {
      const seg_error = seg === bad_segment ? error : 0;
      // The model's IO accounting checks that the bio with the bad segment completes with an
      // error; the other segments' data is on the device.
      if (seg_error !== 0 && rq.bio) io_account_failed(rq.bio, seg_error, d.name);
      else if (write && rq.bio) io_account_stored(sim_bio_pages(rq.bio).slice(0, 1), d.name, fua);
      if (!(yield* blk_core.blk_end_request_cur(rq, seg_error))) break;
    }
  }
  // A command slot is free again: the queue the request_fn stopped when the device was full is
  // started (blk_start_queue runs it), and a queue still running is run.
  const q = d.queue;
  const flags = yield* spinlock.spin_lock_irqsave(q.queue_lock);
  if (test_bit(QUEUE_FLAG_STOPPED, field_ref(q, 'queue_flags'))) yield* blk_core.blk_start_queue(q);
  else yield* blk_core.__blk_run_queue(q);
  yield* spinlock.spin_unlock_irqrestore(q.queue_lock, flags);
}

/**
 * The rq_timed_out_fn, called by the queue's timeout timer with the queue lock held for a
 * command that did not complete in time: the driver aborts it on the device and fails it with
 * -EIO (BLK_EH_HANDLED: the block layer completes it through the softirq). A command the device
 * answered as the timer fired (its interrupt lost the race for REQ_ATOM_COMPLETE) ends with the
 * device's status.
 * @port drivers/block/sim-rq-disk.c v3.15 model - a timeout handler that aborts the command, as SCSI's error handler ends one it gave up on
 */
function* sim_rq_disk_timed_out(rq: request): KGen<number> {
  const d = rq.q.queuedata as sim_rq_disk;
  yield* spinlock.spin_lock(d.host_lock);
  if (d.inflight.has(rq)) {
    d.inflight.delete(rq);
    d.aborted++;
    rq.errors = -EIO;
  }
  yield* spinlock.spin_unlock(d.host_lock);
  return BLK_EH_HANDLED;
}

/** Starts one request: its completion interrupt comes later. */
function start_request(d: sim_rq_disk, rq: request): void {
  const m = machine();
  if (rq.cmd_flags & REQ_FLUSH) io_account_cache_flush_sent(d.name);
  d.seen.push({ sector: blkdev_h.blk_rq_pos(rq), sectors: blkdev_h.blk_rq_sectors(rq), write: (rq.cmd_flags & REQ_WRITE) !== 0, bios: bios_of(rq), at: m.jiffies, step: m.steps });
  // blk_peek_request() hands out prepared requests only.
  const cmd = d.commands.get(rq);
  if (cmd === undefined) throw new Error(`${d.name}: a request was started without its command (prep_rq_fn not called)`);
  // A failed command lost the link (it fails whole) or hit a media error on one segment, drawn.
  const failed = sim_io_fails();
  cmd.error = failed ? -EIO : 0;
  cmd.bad_segment = failed ? sim_bad_segment(() => segments_of(rq)) : null;
  d.inflight.set(rq, cmd);
  const irq = (): KGen => sim_rq_disk_ops.sim_rq_disk_irq(d, rq, cmd);
  switch (sim_io_lost()) {
    case 'answered':
      return sim_complete_later(d.name, irq);
    case 'late':
      // Answered as the queue's timeout timer fires for it (blk_add_timer rounds the deadline
      // up to a whole second): the interrupt and the timeout race for the request.
      return sim_complete_at(d.name, round_jiffies_up(m.jiffies + SIM_RQ_TIMEOUT), irq);
    case 'never':
      return;
  }
}

/**
 * The prep_rq_fn, called by blk_peek_request() with the queue lock held for a request not yet
 * prepared: the driver builds its command (sd_init_command) and marks the request prepared, so
 * that a requeued request keeps its command.
 * @port drivers/block/sim-rq-disk.c v3.15 model - scsi_prep_fn() reduced to building the command (no allocation: the command cannot be deferred)
 */
function* sim_rq_disk_prep(q: request_queue, rq: request): KGen<number> {
  const d = q.queuedata as sim_rq_disk;
  d.commands.set(rq, { error: 0, bad_segment: null });
  rq.cmd_flags |= REQ_DONTPREP;
  return BLKPREP_OK;
}

/**
 * The unprep_rq_fn, called as a prepared request ends (blk_finish_request -> blk_unprep_request):
 * the driver releases the request's command.
 * @port drivers/block/sim-rq-disk.c v3.15 model - scsi_unprep_fn() reduced to releasing the command
 */
function* sim_rq_disk_unprep(q: request_queue, rq: request): KGen {
  const d = q.queuedata as sim_rq_disk;
  d.commands.delete(rq);
}

/**
 * The driver's request_fn, called with the queue lock held: fetch (blk_fetch_request: peek and
 * blk_start_request) and start requests while the device has room, and stop the queue when it
 * has none (blk_stop_queue), as drivers with a fixed number of command slots do (cciss, sx8).
 * @port drivers/block/sim-rq-disk.c v3.15 model - a request_fn that fetches and starts requests
 */
function* sim_rq_disk_request_fn(q: request_queue): KGen {
  const d = q.queuedata as sim_rq_disk;
  for (;;) {
    // Every command slot taken: the queue is stopped until a completion frees one.
    if (d.inflight.size >= d.depth) {
      blk_core.blk_stop_queue(q);
      break;
    }
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
  const d: sim_rq_disk = { name, dev: 0, disk: NULL, bdev: NULL, queue: q, depth, host_lock: spin_lock_init(`${name}.host_lock`), commands: new Map(), inflight: new Map(), bad_segment: new Map(), completed: 0, aborted: 0, seen: [] };
  q.queuedata = d;
  blk_settings.blk_queue_flush(q, REQ_FLUSH | REQ_FUA);
  blk_settings.blk_queue_softirq_done(q, (rq) => sim_rq_disk_ops.sim_rq_disk_softirq_done(rq));
  blk_settings.blk_queue_rq_timed_out(q, (rq) => sim_rq_disk_ops.sim_rq_disk_timed_out(rq));
  blk_settings.blk_queue_rq_timeout(q, SIM_RQ_TIMEOUT);
  blk_settings.blk_queue_prep_rq(q, (qq, rq) => sim_rq_disk_ops.sim_rq_disk_prep(qq, rq));
  blk_settings.blk_queue_unprep_rq(q, (qq, rq) => sim_rq_disk_ops.sim_rq_disk_unprep(qq, rq));
  const disk = yield* genhd_c.alloc_disk(SD_MINORS);
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
  yield* genhd_c.del_gendisk(d.disk);
  yield* blk_core.blk_cleanup_queue(d.queue);
  yield* genhd_c.put_disk(d.disk);
}

export const sim_rq_disk_ops = kernel_functions('drivers/block/sim-rq-disk.c', { sim_rq_disk_irq, sim_rq_disk_softirq_done, sim_rq_disk_timed_out, sim_rq_disk_prep, sim_rq_disk_unprep, sim_rq_disk_request_fn, sim_rq_disk_create, sim_rq_disk_remove }, 'v3.15');
