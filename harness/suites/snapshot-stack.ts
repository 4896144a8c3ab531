// The device stack of the dm-snapshot suites: a snapshot of an origin volume, and the origin
// volume itself through a snapshot-origin target (writes to it copy chunks out first).
//
//   snap   (dm: snapshot target, chunk-sized clones)  --reads-->  lower   --> sda (+ sdc)
//                                                      --COW---->  sdb
//   origin (dm: snapshot-origin target)                -------->  lower
//
// `lower` is a dm-linear device over sda, or a RAID1 array over sda and sdc (clones from
// bio_kmalloc). The snapshot device clones from its bio_set, or from bio_kmalloc with the knob.

import type { request_queue } from '../../kernel-model/include/linux/blkdev.ts';
import { dm_table_add_target } from '../../kernel-model/drivers/md/dm-table.ts';
import { type mapped_device, dm } from '../../kernel-model/drivers/md/dm.ts';
import { dm_linear, linear_target } from '../../kernel-model/drivers/md/dm-linear.ts';
import { dm_snap, origin_target, snapshot_target } from '../../kernel-model/drivers/md/dm-snap.ts';
import type { mddev } from '../../kernel-model/drivers/md/md.ts';
import { r1 } from '../../kernel-model/drivers/md/raid1.ts';
import { type sim_disk, sim_disk_create } from '../../kernel-model/drivers/block/sim-disk.ts';
import type { KGen } from '../../kernel-model/sim/task.ts';

export interface SnapshotStackOptions {
  /** Chunk size in sectors (a power of two). */
  chunkSectors: number;
  /** Size of the origin volume, in chunks. */
  chunks: number;
  /** The snapshot device clones with bio_kmalloc instead of its bio_set. */
  cloneWithKmalloc: boolean;
  /** s->lock sleeps on an rt_mutex, as on PREEMPT_RT. */
  rtLock: boolean;
  /** The origin volume is a RAID1 array over two disks instead of a linear device. */
  raid1Origin: boolean;
}

export interface SnapshotStack {
  opts: SnapshotStackOptions;
  disks: sim_disk[];
  lower: { queue: request_queue; dm: mapped_device | null; md: mddev | null };
  snap: mapped_device;
  origin: mapped_device;
}

export function* buildSnapshotStack(opts: SnapshotStackOptions): KGen<SnapshotStack> {
  const size = opts.chunks * opts.chunkSectors;
  const sda = sim_disk_create('sda');
  const sdb = sim_disk_create('sdb');
  const disks = [sda, sdb];
  let lower: SnapshotStack['lower'];
  if (opts.raid1Origin) {
    const sdc = sim_disk_create('sdc');
    disks.push(sdc);
    const md = yield* r1.raid1_run('md0', [sda.queue, sdc.queue]);
    lower = { queue: md.queue, dm: null, md };
  } else {
    const lin = yield* dm.dm_create(
      'lin',
      function* (t): KGen {
        yield* dm_linear.linear_ctr(dm_table_add_target(t, linear_target, size), { bdev: sda.queue, name: 'sda' }, 0);
      },
      {},
    );
    lower = { queue: lin.queue, dm: lin, md: null };
  }
  const originDev = { bdev: lower.queue, name: 'lower' };
  const snap = yield* dm.dm_create(
    'snap',
    function* (t): KGen {
      const ti = dm_table_add_target(t, snapshot_target, size);
      yield* dm_snap.snapshot_ctr(ti, originDev, { bdev: sdb.queue, name: 'sdb' }, size, opts.chunkSectors, opts.rtLock);
    },
    { clone_with_kmalloc: opts.cloneWithKmalloc },
  );
  const origin = yield* dm.dm_create(
    'origin',
    function* (t): KGen {
      yield* dm_snap.origin_ctr(dm_table_add_target(t, origin_target, size), originDev);
    },
    {},
  );
  return { opts, disks, lower, snap, origin };
}

/** Tears the stack down top first, as dmsetup remove would. */
export function* destroySnapshotStack(st: SnapshotStack): KGen {
  yield* dm.dm_destroy(st.origin);
  yield* dm.dm_destroy(st.snap);
  if (st.lower.dm !== null) yield* dm.dm_destroy(st.lower.dm);
  if (st.lower.md !== null) yield* r1.raid1_stop(st.lower.md);
}
