// A disk's partitions (block/partition-generic.c, block/genhd.c and the BLKPG ioctl of
// block/ioctl.c, v3.15), hand-ported: the disk's partition table, published with RCU for the
// IO path's lookups (disk_map_sector_rcu(), which accounts a request to the partition its
// sector falls in), partitions added and deleted by BLKPG as parted and partx do, and deleted
// all at once when the disk goes (del_gendisk()). A partition is an hd_struct with its own
// statistics, its own in_flight counts and its own accounting reference (hd_ref_init(): 1, put
// by delete_partition(); each request accounted to it holds one more), and a device whose last
// put frees it (part_release()), an RCU grace period after the last accounting reference went.
//
// Not in the model: sysfs (the partition's attribute files and its "holders" directory are
// kept as the kobject the C allocates, with nothing inside), uevents, partition tables read
// from the disk (rescan_partitions(): the model's disks carry no data), extended dev_t numbers
// (a disk has as many partitions as minors, GENHD_FL_EXT_DEVT unset), BLKPG_RESIZE_PARTITION.
// alloc_disk_node()'s one-slot table (part0) is made by the first add_partition() of the disk,
// not at alloc_disk(): a disk never partitioned has no table, and the lookups below then give
// part0 as the C's one-slot table would; this keeps every disk's allocations as they were.

import { EBUSY, EINVAL, ENOMEM, ENXIO } from '../../include/uapi/asm-generic/errno-base.ts';
import { atomic_set } from '../../include/linux/atomic.ts';
import { ERR_PTR, IS_ERR, PTR_ERR } from '../../include/linux/kernel.ts';
import { GFP_KERNEL } from '../../include/linux/gfp.ts';
import { NULL, container_of } from '../../lib/c-pointers.ts';
import { type kobj_type, type kobject, kobject_get, kobject_init, kobject_put, kobject_zeroed } from '../../lib/kobject.ts';
import type { device } from '../../lib/opaque.ts';
import { mutexes } from '../../kernel/locking/mutex.ts';
import { call_rcu, kfree_rcu, rcu_read_lock, rcu_read_unlock, type rcu_head } from '../../kernel/rcupdate.ts';
import { percpu } from '../../mm/percpu.ts';
import { slab } from '../../mm/slab.ts';
import { kernel_functions, world_function } from '../../sim/hooks.ts';
import type { KGen } from '../../sim/task.ts';
import type { block_device } from '../include/linux/fs.ts';
import { type disk_part_tbl, disk_part_tbl_type, disk_stats_type, type gendisk, genhd_h, type hd_struct, hd_struct_type } from '../include/linux/genhd.ts';

/** sizeof(struct kobject) on x86-64, for kobject_create()'s kzalloc. */
const KOBJECT_SIZE = 64;

/** BLKPG's operations (include/uapi/linux/blkpg.h). */
export const BLKPG_ADD_PARTITION = 1;
export const BLKPG_DEL_PARTITION = 2;

/** BLKPG, _IO(0x12,105) (include/uapi/linux/fs.h). */
export const BLKPG = 0x1269;

/** struct blkpg_partition as a program fills it: byte offsets, as the ioctl takes them. */
export interface blkpg_partition {
  start: number;
  length: number;
  pno: number;
}

/** struct blkpg_ioctl_arg: the operation and its partition (`data`). */
export interface blkpg_ioctl_arg {
  op: number;
  data: blkpg_partition;
}

/** disk_max_parts(disk): without GENHD_FL_EXT_DEVT, the disk's minors. @port include/linux/genhd.h v3.15 simplified - no extended dev_t */
function disk_max_parts(disk: gendisk): number {
  return disk.minors;
}

/**
 * The disk's table, or the one slot alloc_disk_node() would have made (part[0] = &part0) for a
 * disk that has none yet (see the header).
 */
function table_of(disk: gendisk): { len: number; part: (hd_struct | null)[]; ptbl: disk_part_tbl | null } {
  const ptbl = disk.part_tbl;
  if (ptbl === NULL) return { len: 1, part: [disk.part0], ptbl: null };
  return { len: ptbl.len, part: ptbl.part, ptbl };
}

/**
 * disk_get_part(disk, partno): the partition with a reference to its device, or NULL.
 * @port block/genhd.c v3.15 ported
 */
function disk_get_part(disk: gendisk, partno: number): hd_struct | null {
  let part: hd_struct | null = null;
  if (partno < 0) return null;
  rcu_read_lock();
  const ptbl = table_of(disk);
  if (partno < ptbl.len) {
    part = ptbl.part[partno] ?? null;
    if (part) kobject_get(part.__dev.kobj);
  }
  rcu_read_unlock();
  return part;
}

/** disk_put_part(part) @port include/linux/genhd.h v3.15 ported */
function* disk_put_part(part: hd_struct | null): KGen {
  if (part) yield* kobject_put(part.__dev.kobj);
}

/** sector_in_part(part, sector) @port block/genhd.c v3.15 ported - part_nr_sects_read() is a plain read (64-bit) */
function sector_in_part(part: hd_struct, sector: number): boolean {
  return part.start_sect <= sector && sector < part.start_sect + part.nr_sects;
}

/**
 * disk_map_sector_rcu(disk, sector): the partition the sector is in, part0 if none; the last
 * partition found is remembered for the next lookup (ptbl->last_lookup). Called under
 * rcu_read_lock() (part_stat_lock()).
 * @port block/genhd.c v3.15 ported
 */
function disk_map_sector_rcu(disk: gendisk, sector: number): hd_struct {
  const ptbl = disk.part_tbl;
  /* a disk never partitioned: its one slot is part0 */
  if (ptbl === NULL) return disk.part0;
  const last = ptbl.last_lookup;
  if (last && genhd_parts.sector_in_part(last, sector)) return last;
  for (let i = 1; i < ptbl.len; i++) {
    const part = ptbl.part[i];
    if (part && genhd_parts.sector_in_part(part, sector)) {
      ptbl.last_lookup = part;
      return part;
    }
  }
  return disk.part0;
}

/**
 * disk_replace_part_tbl(disk, new_ptbl): publishes the new table, the old one freed after a
 * grace period. Called with the whole disk's bd_mutex held.
 * @port block/genhd.c v3.15 ported
 */
function disk_replace_part_tbl(disk: gendisk, new_ptbl: disk_part_tbl | null): void {
  const old_ptbl = disk.part_tbl;
  disk.part_tbl = new_ptbl as disk_part_tbl;
  if (old_ptbl) {
    old_ptbl.last_lookup = NULL;
    kfree_rcu(old_ptbl, old_ptbl.rcu_head);
  }
}

/**
 * disk_expand_part_tbl(disk, partno): a table with room for partno, the old one's entries copied.
 * @port block/genhd.c v3.15 ported - a disk without a table gets part0 in slot 0 here (see the header)
 */
function* disk_expand_part_tbl(disk: gendisk, partno: number): KGen<number> {
  const old_ptbl = disk.part_tbl;
  const len = old_ptbl ? old_ptbl.len : 0;
  const target = partno + 1;
  if (genhd_h_parts.disk_max_parts(disk) && target > genhd_h_parts.disk_max_parts(disk)) return -EINVAL;
  if (target <= len) return 0;
  const new_ptbl = (yield* slab.kzalloc_node(disk_part_tbl_type, GFP_KERNEL, disk.node_id)) as disk_part_tbl | null;
  if (!new_ptbl) return -ENOMEM;
  new_ptbl.len = target;
  new_ptbl.part = new Array<hd_struct>(target).fill(NULL);
  for (let i = 0; i < len; i++) new_ptbl.part[i] = old_ptbl.part[i];
  if (!old_ptbl) new_ptbl.part[0] = disk.part0;
  genhd_parts.disk_replace_part_tbl(disk, new_ptbl);
  return 0;
}

/**
 * part_release(dev): the partition device's last reference: statistics and the partition freed.
 * @port block/partition-generic.c v3.15 ported - no partition_meta_info (BLKPG gives none)
 */
function* part_release(dev: device): KGen {
  const p = container_of<hd_struct>(dev, '__dev');
  yield* percpu.free_percpu(p.dkstats as never);
  slab.kfree(p);
}

const part_ktype: kobj_type = {
  release: (kobj: kobject) => partitions.part_release(container_of<device>(kobj, 'kobj')),
};

/** The "holders" directory's kobject (kobject_create_and_add()'s dynamic kobject), freed by its last put. */
const holder_ktype: kobj_type = {
  release: function* (kobj: kobject): KGen {
    slab.kfree(kobj);
  },
};

/**
 * delete_partition_rcu_cb(head): a grace period after the last accounting reference, the
 * partition is emptied and its device put.
 * @port block/partition-generic.c v3.15 ported
 */
function* delete_partition_rcu_cb(head: rcu_head): KGen {
  const part = container_of<hd_struct>(head, 'rcu_head');
  part.start_sect = 0;
  part.nr_sects = 0;
  /* part_stat_set_all(part, 0): the statistics are freed with the partition */
  yield* kobject_put(part.__dev.kobj);
}

/** __delete_partition(part): hd_struct_put() dropped the last accounting reference. @port block/partition-generic.c v3.15 ported */
function __delete_partition(part: hd_struct): void {
  call_rcu(part.rcu_head, (head) => partitions.delete_partition_rcu_cb(head));
}

/**
 * delete_partition(disk, partno): unpublished from the table (and the lookup cache), its holders
 * directory and device removed, and hd_ref_init()'s accounting reference put; the partition
 * itself goes once the requests accounted to it are done. Called with the whole disk's bd_mutex
 * held.
 * @port block/partition-generic.c v3.15 ported - device_del() drops the parent reference device_add() took; no sysfs, no dev_t to free
 */
function* delete_partition(disk: gendisk, partno: number): KGen {
  const ptbl = disk.part_tbl;
  if (ptbl === NULL || partno >= ptbl.len) return;
  const part = ptbl.part[partno];
  if (!part) return;
  ptbl.part[partno] = NULL;
  ptbl.last_lookup = NULL;
  yield* kobject_put(part.holder_dir);
  /* device_del(part_to_dev(part)) */
  yield* kobject_put(part.__dev.parent.kobj);
  yield* genhd_h.hd_struct_put(part);
}

/**
 * add_partition(disk, partno, start, len, flags, info): a new partition of `len` sectors at
 * `start`, published in the table once its device is added. Called with the whole disk's
 * bd_mutex held. The accounting reference is set (hd_ref_init()) after the partition is
 * published, as the C does it.
 * @port block/partition-generic.c v3.15 ported - device_add() takes the parent's reference and registers nothing else (no sysfs, no uevent); the dev_t is the disk's major and first_minor + partno (blk_alloc_devt() within the disk's minors); no meta info, no whole-disk flag
 */
function* add_partition(disk: gendisk, partno: number, start: number, len: number, _flags: number, _info: null): KGen<hd_struct> {
  const ddev = disk.part0.__dev;
  let err = yield* genhd_parts.disk_expand_part_tbl(disk, partno);
  if (err) return ERR_PTR(err);
  const ptbl = disk.part_tbl;
  if (ptbl.part[partno]) return ERR_PTR(-EBUSY);
  const p = (yield* slab.kzalloc(hd_struct_type, GFP_KERNEL)) as hd_struct | null;
  if (!p) return ERR_PTR(-EBUSY);
  /* init_part_stats(p) */
  const stats = yield* percpu.alloc_percpu(disk_stats_type);
  if (stats === null) {
    slab.kfree(p);
    return ERR_PTR(-ENOMEM);
  }
  p.dkstats = stats as never;
  const pdev = p.__dev;
  p.start_sect = start;
  p.nr_sects = len;
  p.partno = partno;
  p.policy = disk.part0.policy;
  const dname = disk.disk_name.v;
  pdev.name = /\d$/.test(dname) ? `${dname}p${partno}` : `${dname}${partno}`;
  /* device_initialize(pdev) */
  kobject_init(pdev.kobj, part_ktype);
  pdev.parent = ddev;
  /* blk_alloc_devt(p, &devt): within the disk's minors */
  pdev.devt = genhd_h.disk_devt(disk) + partno;
  /* device_add(pdev): the parent's reference */
  kobject_get(ddev.kobj);
  err = -ENOMEM;
  /* p->holder_dir = kobject_create_and_add("holders", &pdev->kobj) */
  const holder = yield* slab.kzalloc(KOBJECT_SIZE, GFP_KERNEL, kobject_zeroed);
  if (!holder) {
    /* out_del: */
    yield* kobject_put(ddev.kobj);
    /* out_put: */
    yield* kobject_put(pdev.kobj);
    return ERR_PTR(err);
  }
  kobject_init(holder, holder_ktype);
  p.holder_dir = holder;
  /* everything is up and running, commence */
  ptbl.part[partno] = p;
  /* hd_ref_init(p) */
  atomic_set(p.ref, 1);
  return p;
}

/**
 * del_gendisk()'s first step: every partition deleted, from the last (disk_part_iter_init()
 * with DISK_PITER_INCL_EMPTY | DISK_PITER_REVERSE). The whole disk's page cache has nothing to
 * invalidate in the model.
 * @port block/genhd.c v3.15 ported - the partition loop of del_gendisk(), the iterator's device references taken and put around each
 */
function* delete_partitions(disk: gendisk): KGen {
  const ptbl = disk.part_tbl;
  if (ptbl === NULL) return;
  for (let idx = ptbl.len - 1; idx > 0; idx--) {
    const part = genhd_parts.disk_get_part(disk, idx);
    if (part === null) continue;
    yield* partitions.delete_partition(disk, part.partno);
    yield* genhd_parts.disk_put_part(part);
  }
}

/**
 * blkpg_ioctl(bdev, arg) for BLKPG_ADD_PARTITION and BLKPG_DEL_PARTITION on a whole disk: an
 * added partition may not overlap another; a deleted one must not be open.
 * @port block/ioctl.c v3.15 ported - no capability check or copy_from_user; no BLKPG_RESIZE_PARTITION
 */
function* blkpg_ioctl(bdev: block_device, a: blkpg_ioctl_arg): KGen<number> {
  const p = a.data;
  const op = a.op;
  const disk = bdev.bd_disk;
  if (bdev !== bdev.bd_contains) return -EINVAL;
  const partno = p.pno;
  if (partno <= 0) return -EINVAL;
  if (op === BLKPG_ADD_PARTITION) {
    const start = Math.floor(p.start / 512);
    const length = Math.floor(p.length / 512);
    if (start < 0 || length < 0 || partno > 65535) return -EINVAL;
    yield* mutexes.mutex_lock(bdev.bd_mutex);
    /* overlap? (disk_part_iter with DISK_PITER_INCL_EMPTY: every partition, part0 left out) */
    const { len, part: parts } = table_of(disk);
    for (let i = 1; i < len; i++) {
      const part = parts[i];
      if (!part) continue;
      if (!(start + length <= part.start_sect || start >= part.start_sect + part.nr_sects)) {
        yield* mutexes.mutex_unlock(bdev.bd_mutex);
        return -EBUSY;
      }
    }
    const part = yield* partitions.add_partition(disk, partno, start, length, 0, null);
    yield* mutexes.mutex_unlock(bdev.bd_mutex);
    return IS_ERR(part) ? PTR_ERR(part) : 0;
  }
  if (op === BLKPG_DEL_PARTITION) {
    const part = genhd_parts.disk_get_part(disk, partno);
    if (!part) return -ENXIO;
    const bdevp = yield* bdget_of(part);
    yield* genhd_parts.disk_put_part(part);
    if (!bdevp) return -ENOMEM;
    yield* mutexes.mutex_lock(bdevp.bd_mutex);
    if (bdevp.bd_openers) {
      yield* mutexes.mutex_unlock(bdevp.bd_mutex);
      bdput(bdevp);
      return -EBUSY;
    }
    /* fsync_bdev(), invalidate_bdev(): the model's block devices have no page cache */
    yield* mutexes.mutex_lock_nested(bdev.bd_mutex, 1);
    yield* partitions.delete_partition(disk, partno);
    yield* mutexes.mutex_unlock(bdev.bd_mutex);
    yield* mutexes.mutex_unlock(bdevp.bd_mutex);
    bdput(bdevp);
    return 0;
  }
  return -EINVAL;
}

/** fs/block_dev.c's bdget() and bdput() (model/genhd.ts, which imports this module). */
function* bdget_of(part: hd_struct): KGen<block_device | null> {
  const bdget = world_function<(dev: number) => KGen<block_device | null>>('v3.15', 'bdget');
  if (bdget === null) throw new Error('partitions: fs/block_dev.c is not loaded');
  return yield* bdget(part.__dev.devt);
}

function bdput(bdev: block_device): void {
  world_function<(bdev: block_device) => void>('v3.15', 'bdput')?.(bdev);
}

/** The partitions a disk has now, in partno order (for the end-of-run checks). */
export function disk_partitions(disk: gendisk): hd_struct[] {
  const ptbl = disk.part_tbl;
  if (ptbl === NULL) return [];
  return ptbl.part.slice(1).filter((p): p is hd_struct => p !== NULL && p !== undefined);
}

export const partitions = kernel_functions('block/partition-generic.c', { add_partition, delete_partition, __delete_partition, delete_partition_rcu_cb, part_release }, 'v3.15');

/** genhd.c's functions of the partition table. */
export const genhd_parts = kernel_functions(
  'block/genhd.c',
  { disk_get_part, disk_put_part, sector_in_part, disk_map_sector_rcu, disk_replace_part_tbl, disk_expand_part_tbl, delete_partitions },
  'v3.15',
);


const genhd_h_parts = kernel_functions('include/linux/genhd.h', { disk_max_parts }, 'v3.15');

export const blkpg = kernel_functions('block/ioctl.c', { blkpg_ioctl }, 'v3.15');
