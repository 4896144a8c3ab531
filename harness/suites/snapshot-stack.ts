// The device stack of the dm-snapshot suites (the translated v3.15 world), built as LVM builds a
// snapshot with dmsetup: a snapshot of an origin volume, and the origin volume itself through a
// snapshot-origin target (writes to it copy chunks out first).
//
//   /dev/dm-1 snap    snapshot <lower> /dev/sdb N <chunk>   --reads-->  lower  --> sda
//                                                           --COW---->  sdb
//   /dev/dm-2 origin  snapshot-origin <lower>               -------->  lower
//
// `lower` is /dev/dm-0, a dm-linear device over sda. (The hand-written model of old could put a
// RAID1 array there, with bio_kmalloc clones; the translated RAID1 clones from its bio_set, so
// it does not stand in for them: dm-snapshot-split.ts says what was measured.) Model variants:
// s->lock on an rt_mutex as a PREEMPT_RT kernel has it, and the snapshot's clones without a
// bio_set as bio_kmalloc() gives them (a knob: v3.15/model/dm-clone-kmalloc.ts).

import { delete_modules } from '../../kernel-model/kernel/module.ts';
import '../../kernel-model/v3.15/world.ts';
import type { KGen } from '../../kernel-model/sim/task.ts';
import type { dm_snapshot } from '../../kernel-model/v3.15/drivers/md/dm-snap.ts';
import type { block_device } from '../../kernel-model/v3.15/include/linux/fs.ts';
import { dm_ioctl, dm_dev_path, dmsetup_create, type dm_hash_cell } from '../../kernel-model/v3.15/model/dm-ioctl.ts';
import { dm_clone_with_kmalloc } from '../../kernel-model/v3.15/model/dm-clone-kmalloc.ts';
import { close_block_device, open_block_device } from '../../kernel-model/v3.15/model/genhd.ts';
import { sim_disk_ops, type sim_disk } from '../../kernel-model/v3.15/model/sim-disk.ts';
import { simDisk } from './workload-io.ts';

export interface SnapshotStackOptions {
  /** Chunk size in sectors (a power of two). */
  chunkSectors: number;
  /** Size of the origin volume, in chunks. */
  chunks: number;
  /** The snapshot device clones with bio_kmalloc instead of its bio_set (model knob). */
  cloneWithKmalloc: boolean;
  /** s->lock sleeps on an rt_mutex, as on PREEMPT_RT. */
  rtLock: boolean;
}

export interface SnapshotStack {
  opts: SnapshotStackOptions;
  disks: sim_disk[];
  lower: { dm: dm_hash_cell; path: string };
  snap: dm_hash_cell;
  origin: dm_hash_cell;
  /** The snapshot and origin devices as the workload opened them. */
  snapDev: block_device;
  originDev: block_device;
}

/** The dm_snapshot a snapshot device's table holds (its only target's private data). */
export function snapshotOf(hc: dm_hash_cell): dm_snapshot {
  return hc.md.map.targets[0].private as dm_snapshot;
}

/** Builds the stack at boot (run it with machine.bootCall) and opens its two top devices. */
export function* buildSnapshotStack(opts: SnapshotStackOptions): KGen<SnapshotStack> {
  const size = opts.chunks * opts.chunkSectors;
  const sda = yield* simDisk('sda', 0);
  // The COW volume: as large as the origin, as an LVM snapshot sized for a full copy is (dm-snap
  // sizes its exception hash table from it).
  const sdb = yield* simDisk('sdb', 16, size);
  const disks = [sda, sdb];
  const lin = yield* dmsetup_create([{ start: 0, len: size, type: 'linear', params: '/dev/sda 0' }]);
  const lower = { dm: lin, path: dm_dev_path(lin.md) };
  const snap = yield* dmsetup_create([{ start: 0, len: size, type: 'snapshot', params: `${lower.path} /dev/sdb N ${opts.chunkSectors}` }]);
  if (opts.rtLock) snapshotOf(snap).lock.rt = true;
  if (opts.cloneWithKmalloc) dm_clone_with_kmalloc(snap.md);
  const origin = yield* dmsetup_create([{ start: 0, len: size, type: 'snapshot-origin', params: lower.path }]);
  const snapDev = yield* open_block_device(dm_dev_path(snap.md));
  const originDev = yield* open_block_device(dm_dev_path(origin.md));
  return { opts, disks, lower, snap, origin, snapDev, originDev };
}

/** Tears the stack down top first, as closing the devices and dmsetup remove would, then unloads the modules. */
export function* destroySnapshotStack(st: SnapshotStack): KGen {
  yield* close_block_device(st.snapDev);
  yield* close_block_device(st.originDev);
  yield* dm_ioctl.dev_remove(st.origin, 0);
  yield* dm_ioctl.dev_remove(st.snap, 0);
  yield* dm_ioctl.dev_remove(st.lower.dm, 0);
  for (const d of st.disks) yield* sim_disk_ops.sim_disk_remove(d);
  /* rmmod dm_snapshot dm_mod raid1 md_mod: the module exits (a leak into a module's cache is reported) */
  yield* delete_modules('v3.15');
}
