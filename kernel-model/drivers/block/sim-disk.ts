// The simulated disk: a bio-based block device whose make_request_fn hands the bio to the
// "hardware", which completes it later from hard-irq context. When the completion lands is a
// decision of the run (the interrupt is delivered at a point the decision stream picks); the
// fault plan can add a delay in jiffies and make a share of completions fail with -EIO.

import { type bio } from '../../include/linux/bio.ts';
import { type request_queue } from '../../include/linux/blkdev.ts';
import { bios } from '../../fs/bio.ts';
import { spin_lock_init } from '../../kernel/locking/spinlock.ts';
import { setup_timer, mod_timer } from '../../kernel/timer.ts';
import { kernel_functions } from '../../sim/hooks.ts';
import { machine } from '../../sim/machine.ts';
import type { KGen } from '../../sim/task.ts';
import { EIO } from '../../include/uapi/asm-generic/errno-base.ts';

export interface sim_disk {
  name: string;
  queue: request_queue;
  /** Bios at the device, in the order they arrived. */
  inflight: Set<bio>;
  completed: number;
  /** Every bio the device saw, in order: sector ranges for functional tests. */
  seen: { sector: number; sectors: number; write: boolean }[];
}

let nextQueueId = 1;

/** blk_alloc_queue() + blk_queue_make_request(): a queue with a bio-based make_request_fn. */
export function blk_alloc_queue(name: string, make_request_fn: request_queue['make_request_fn'], queuedata: unknown): request_queue {
  return {
    id: nextQueueId++,
    name,
    queue_lock: spin_lock_init('&(&q->__queue_lock)->rlock'),
    queue_flags: 0,
    node: 0,
    make_request_fn,
    queuedata,
  };
}

/**
 * The device's interrupt handler for one bio.
 * @port drivers/block/sim-disk.c v3.15 model - a disk completing one bio per interrupt
 */
function* sim_disk_irq(disk: sim_disk, b: bio, error: number): KGen {
  disk.inflight.delete(b);
  disk.completed++;
  b.bi_where = null;
  yield* bios.bio_endio(b, error);
}

/** @port drivers/block/sim-disk.c v3.15 model - starts the transfer; completion comes by interrupt */
function* sim_disk_make_request(q: request_queue, b: bio): KGen {
  const disk = q.queuedata as sim_disk;
  const m = machine();
  disk.inflight.add(b);
  disk.seen.push({ sector: b.bi_sector, sectors: b.bi_size >> 9, write: (b.bi_rw & 1) === 1 });
  b.bi_where = 'device';
  const error = m.plan.ioErrorPercent > 0 && m.decide('fault', 100) < m.plan.ioErrorPercent ? -EIO : 0;
  const raise = (): void => m.raiseIrq('hardirq', `${disk.name}`, () => sim_disk_ops.sim_disk_irq(disk, b, error));
  if (m.plan.ioDelay > 0) {
    const delay = m.decide('delay', m.plan.ioDelay + 1);
    if (delay > 0) {
      const timer = setup_timer(`${disk.name}-completion`, function* (): KGen {
        raise();
      });
      mod_timer(timer, m.jiffies + delay);
      yield;
      return;
    }
  }
  raise();
  yield;
}

export const sim_disk_ops = kernel_functions('drivers/block/sim-disk.c', { sim_disk_irq, sim_disk_make_request });

/** Creates a simulated disk and its queue. */
export function sim_disk_create(name: string): sim_disk {
  const disk: sim_disk = { name, queue: null as unknown as request_queue, inflight: new Set(), completed: 0, seen: [] };
  disk.queue = blk_alloc_queue(name, sim_disk_ops.sim_disk_make_request, disk);
  return disk;
}
