// A request-based simulated disk: its queue is set up with blk_init_queue(), so bios go
// through throttling, the CFQ elevator and the request list before the "hardware" sees them.
// The request_fn starts up to `depth` requests; each completes later from hard-irq context,
// at a point the decision stream picks, after a delay drawn from it when the fault plan asks
// for one (plan.ioDelay jiffies at most), with -EIO for a share of them (plan.ioErrorPercent).

import type { request, rq_queue } from '../../include/linux/blkdev-request.ts';
import { blk_rq_bytes, blk_rq_pos, blk_rq_sectors, rq_data_dir } from '../../include/linux/blkdev-request.ts';
import { blk_core } from '../../block/blk-core.ts';
import { spinlock } from '../../kernel/locking/spinlock.ts';
import { mod_timer, setup_timer } from '../../kernel/timer.ts';
import { kernel_functions } from '../../sim/hooks.ts';
import { machine } from '../../sim/machine.ts';
import type { KGen } from '../../sim/task.ts';
import { EIO } from '../../include/uapi/asm-generic/errno-base.ts';

export interface sim_rq_disk {
  name: string;
  /** dev_t of the disk, MKDEV(major, minor) */
  dev: number;
  queue: rq_queue;
  /** Requests the device works on at once (its queue depth). */
  depth: number;
  inflight: Set<request>;
  completed: number;
  /** Bytes of every request the device transferred. */
  bytes: number;
  /** Every request the device saw, in order: sector range, bios merged in it, and when (jiffies). */
  seen: { sector: number; sectors: number; write: boolean; bios: number; at: number }[];
}

/** MKDEV() */
export function MKDEV(major: number, minor: number): number {
  return (major << 20) | minor;
}

/**
 * The device's interrupt for one finished request: complete it under the queue lock and start
 * more.
 * @port drivers/block/sim-rq-disk.c v3.2 model - a disk completing one request per interrupt
 */
function* sim_rq_disk_irq(disk: sim_rq_disk, rq: request, error: number): KGen {
  const q = disk.queue;
  const flags = yield* spinlock.spin_lock_irqsave(q.queue_lock);
  disk.inflight.delete(rq);
  disk.completed++;
  yield* blk_core.__blk_end_request_all(rq, error);
  yield* blk_core.__blk_run_queue(q);
  yield* spinlock.spin_unlock_irqrestore(q.queue_lock, flags);
}

/** Starts one request: its completion interrupt comes later. */
function start_request(disk: sim_rq_disk, rq: request): void {
  const m = machine();
  disk.inflight.add(rq);
  disk.bytes += blk_rq_bytes(rq);
  disk.seen.push({ sector: blk_rq_pos(rq), sectors: blk_rq_sectors(rq), write: rq_data_dir(rq) === 1, bios: rq.bios.length, at: m.jiffies });
  for (const b of rq.bios) b.bi_where = 'device';
  const error = m.plan.ioErrorPercent > 0 && m.decide('fault', 100) < m.plan.ioErrorPercent ? -EIO : 0;
  const raise = (): void => m.raiseIrq('hardirq', disk.name, () => sim_rq_disk_ops.sim_rq_disk_irq(disk, rq, error));
  const delay = m.plan.ioDelay > 0 ? m.decide('delay', m.plan.ioDelay + 1) : 0;
  if (delay === 0) {
    raise();
    return;
  }
  mod_timer(
    setup_timer(`${disk.name}-completion`, function* (): KGen {
      raise();
    }),
    m.jiffies + delay,
  );
}

/**
 * The driver's request_fn, called with the queue lock held: start requests while the device
 * has room.
 * @port drivers/block/sim-rq-disk.c v3.2 model - a request_fn that fetches and starts requests
 */
function* sim_rq_disk_request_fn(q: rq_queue): KGen {
  const disk = q.queuedata as sim_rq_disk;
  while (disk.inflight.size < disk.depth) {
    const rq = yield* blk_core.blk_fetch_request(q);
    if (!rq) break;
    start_request(disk, rq);
  }
}

/**
 * Creates the disk and its request queue (with throttling and CFQ). Allocates: run it with
 * machine.bootCall() in a program's setup, or from a task.
 * @port drivers/block/sim-rq-disk.c v3.2 model - the probe of a request-based disk driver
 */
function* sim_rq_disk_create(name: string, minor: number, depth: number): KGen<sim_rq_disk | null> {
  const disk: sim_rq_disk = {
    name,
    dev: MKDEV(253, minor),
    queue: null as unknown as rq_queue,
    depth,
    inflight: new Set(),
    completed: 0,
    bytes: 0,
    seen: [],
  };
  const q = yield* blk_core.blk_init_queue((qq) => sim_rq_disk_ops.sim_rq_disk_request_fn(qq), null);
  if (!q) return null;
  q.name = name;
  q.dev = disk.dev;
  q.queuedata = disk;
  disk.queue = q;
  return disk;
}

/**
 * Removes the disk: the queue is drained and released.
 * @port drivers/block/sim-rq-disk.c v3.2 model - a driver's remove: blk_cleanup_queue() of its queue
 */
function* sim_rq_disk_remove(disk: sim_rq_disk): KGen {
  yield* blk_core.blk_cleanup_queue(disk.queue);
}

export const sim_rq_disk_ops = kernel_functions('drivers/block/sim-rq-disk.c', {
  sim_rq_disk_irq,
  sim_rq_disk_request_fn,
  sim_rq_disk_create,
  sim_rq_disk_remove,
});
