// The gendisk registry of block/genhd.c and the block devices of fs/block_dev.c (v3.15), as the
// translated dm and md code call them: disks by dev_t and name, block devices made on first use
// and found again by dev_t, opened exclusively by a holder; a partition (model/partitions.ts)
// is opened through its whole disk, as the C does. Not in the model: sysfs, uevents, the bdi's
// registration, probing by region. A disk's
// references are its device's kobject, as the C's: alloc_disk() holds the first, every opened
// block device holds one from get_gendisk() to its last close, and the last put frees the disk.

import { EBUSY, EINVAL, ENOENT, ENOMEM, ENOTTY, ENXIO } from '../../include/uapi/asm-generic/errno-base.ts';
import { atomic_set } from '../../include/linux/atomic.ts';
import { WARN_ON } from '../../include/asm-generic/bug.ts';
import { GFP_KERNEL } from '../../include/linux/gfp.ts';
import { HDIO_GETGEO, type hd_geometry, hd_geometry_zeroed } from '../../include/uapi/linux/hdreg.ts';
import { ERR_PTR, IS_ERR } from '../../include/linux/kernel.ts';
import { lazyPerMachine } from '../../lib/lazy-per-machine.ts';
import { NULL, type Ref, container_of } from '../../lib/c-pointers.ts';
import { type kobj_type, type kobject, kobject_get, kobject_init, kobject_put } from '../../lib/kobject.ts';
import type { device } from '../../lib/opaque.ts';
import { module_put, try_module_get } from '../../kernel/module.ts';
import { sprintf } from '../../lib/string.ts';
import { percpu } from '../../mm/percpu.ts';
import { slab } from '../../mm/slab.ts';
import { kernel_functions } from '../../sim/hooks.ts';
import { mutex_init, mutexes } from '../../kernel/locking/mutex.ts';
import { WARN_ON_ONCE } from '../../include/asm-generic/bug.ts';
import { world_initcall } from '../../sim/initcalls.ts';
import { blk_core } from '../block/blk-core.ts';
import type { KGen } from '../../sim/task.ts';
import { type block_device, block_device_type, inode_type } from '../include/linux/fs.ts';
import { disk_stats_type, type gendisk, gendisk_type, type hd_struct } from '../include/linux/genhd.ts';
import { QUEUE_FLAG_INIT_DONE, blkdev_h } from '../include/linux/blkdev.ts';
import { BLKPG, type blkpg_ioctl_arg, blkpg, disk_partitions, genhd_parts } from './partitions.ts';

const MINORBITS = 20;
/** fmode_t bits (include/linux/fs.h): an open for reading, for writing, exclusive (a holder's claim). */
export const FMODE_READ = 0x1;
export const FMODE_WRITE = 0x2;
export const FMODE_EXCL = 0x80;

/** MKDEV(ma, mi), as include/linux/kdev_t.h packs a dev_t. */
export function MKDEV(major: number, minor: number): number {
  return ((major << MINORBITS) | minor) >>> 0;
}

interface registry {
  /** register_blkdev(): major -> name. */
  majors: Map<number, string>;
  /** add_disk(): dev_t -> disk. */
  disks: Map<number, gendisk>;
  /** bdget(): dev_t -> block device, with its reference count (the bdev inode's). */
  bdevs: Map<number, { bdev: block_device; count: number }>;
}

const reg = lazyPerMachine((): registry => ({ majors: new Map(), disks: new Map(), bdevs: new Map() }));

/** @port block/genhd.c v3.15 simplified - no /proc/devices; dynamic majors from 254 down */
function register_blkdev(major: number, name: Ref<string> | string): number {
  const r = reg();
  const n = typeof name === 'string' ? name : name.v;
  if (major === 0) {
    for (major = 254; major > 0 && r.majors.has(major); major--);
    if (major === 0) return -EBUSY;
  } else if (r.majors.has(major)) return -EBUSY;
  r.majors.set(major, n);
  return major;
}

/** @port block/genhd.c v3.15 simplified */
function unregister_blkdev(major: number, _name: Ref<string> | string): void {
  reg().majors.delete(major);
}

/** alloc_disk(minors): a zeroed gendisk with its part0's statistics and part0's first reference (hd_ref_init). @port block/genhd.c v3.15 simplified - alloc_disk_node without the partition table */
function* alloc_disk(minors: number): KGen<gendisk> {
  const disk = (yield* slab.kzalloc(gendisk_type, GFP_KERNEL)) as gendisk | null;
  if (disk === null) return null as never;
  const stats = yield* percpu.alloc_percpu(disk_stats_type);
  if (stats === null) {
    slab.kfree(disk);
    return null as never;
  }
  disk.part0.dkstats = stats as never;
  /* device_initialize(disk_to_dev(disk)): the reference put_disk() drops; the type's release is disk_release() */
  kobject_init(disk.part0.__dev.kobj, disk_ktype);
  // hd_ref_init(&disk->part0): the reference blk_account_io_start()/_done() take and drop per request.
  atomic_set(disk.part0.ref, 1);
  disk.minors = minors;
  disk.node_id = -1;
  return disk;
}

function part_devt(part: hd_struct): number {
  return part.__dev.devt;
}

/**
 * add_disk(disk): registers the dev_t, then does what blk_register_queue() (block/blk-sysfs.c)
 * does for the queue besides sysfs: it ends the bypass mode blk_alloc_queue_node() starts the
 * queue in (until then __get_request() keeps requests away from the elevator, REQ_ELVPRIV
 * unset) and marks its initialisation done. Then, as the C: "Take an extra ref on queue which
 * will be put on disk_release() so that it sticks around as long as @disk is there."
 * @port block/genhd.c v3.15 simplified - registers the dev_t, ends the queue's initial bypass and takes the disk's queue reference; no sysfs (no elv_register_queue), bdi or events
 */
function* add_disk(disk: gendisk): KGen {
  const devt = MKDEV(disk.major, disk.first_minor);
  disk.part0.__dev.devt = devt;
  reg().disks.set(devt, disk);
  const q = disk.queue;
  if (WARN_ON(!q, 'block/blk-sysfs.c')) return;
  yield* blk_core.blk_queue_bypass_end(q);
  blkdev_h.queue_flag_set_unlocked(QUEUE_FLAG_INIT_DONE, q);
  WARN_ON_ONCE(!blk_core.blk_get_queue(disk.queue), 'block/genhd.c');
}

/**
 * del_gendisk(disk): its partitions deleted, then the disk unregistered.
 * @port block/genhd.c v3.15 simplified - no events, sysfs, bdi or holders to remove
 */
function* del_gendisk(disk: gendisk): KGen {
  yield* genhd_parts.delete_partitions(disk);
  reg().disks.delete(part_devt(disk.part0));
}

/** put_disk(disk): drops a reference; the last one releases the disk (disk_release()). @port block/genhd.c v3.15 ported */
function* put_disk(disk: gendisk): KGen {
  if (disk) yield* kobject_put(disk.part0.__dev.kobj);
}

/**
 * get_disk(disk): a reference to the disk and to its driver's module, as the region lookup
 * takes it (exact_lock()).
 * @port block/genhd.c v3.15 ported
 */
function get_disk(disk: gendisk): kobject | null {
  if (!disk.fops) return NULL;
  const owner = disk.fops.owner;
  if (owner && !try_module_get(owner)) return NULL;
  const kobj = kobject_get(disk.part0.__dev.kobj);
  if (kobj === NULL) {
    module_put(owner);
    return NULL;
  }
  return kobj;
}

/**
 * disk_release(dev): the disk's last reference went: its statistics are freed, the queue
 * reference add_disk() took is put, and the disk is freed.
 * @port block/genhd.c v3.15 simplified - without events, the random state or the dev_t's release
 */
function* disk_release(dev: device): KGen {
  const disk = container_of<gendisk>(dev, 'part0.__dev');
  genhd_parts.disk_replace_part_tbl(disk, null);
  yield* percpu.free_percpu(disk.part0.dkstats as never);
  if (disk.queue) yield* blk_core.blk_put_queue(disk.queue);
  slab.kfree(disk);
}

/** disk_type's release, as device_release() calls a device type's release with its device. */
const disk_ktype: kobj_type = {
  release: (kobj: kobject) => genhd_c.disk_release(container_of<device>(kobj, 'kobj')),
};

/** disk_name(hd, partno, buf) @port block/partition-generic.c v3.15 ported */
function disk_name(hd: gendisk, partno: number, buf: Ref<string>): Ref<string> {
  if (!partno) sprintf(buf, '%s', hd.disk_name);
  else sprintf(buf, '%sp%d', hd.disk_name, partno);
  return buf;
}

/**
 * get_gendisk(devt, &partno): the disk whose minors hold devt (add_disk() registers the range
 * disk->minors from its first_minor, as blk_register_region() does), with a reference
 * (get_disk()) taken in the same step as the lookup, as kobj_lookup() takes it under bdev_map's
 * lock; partno is devt's offset in the range.
 * @port block/genhd.c v3.15 simplified - a map by dev_t for bdev_map's regions; no probe, no extended dev_t
 */
function get_gendisk(devt: number, partno: Ref<number>): gendisk {
  partno.v = 0;
  const disk = reg().disks.get(devt) ?? disk_holding(devt);
  if (disk === undefined || genhd_c.get_disk(disk) === NULL) return null as never;
  partno.v = devt - part_devt(disk.part0);
  return disk;
}

/** The registered disk whose range of minors holds devt (a partition's dev_t), in the order the disks were added. */
function disk_holding(devt: number): gendisk | undefined {
  for (const [first, disk] of reg().disks) if (devt > first && devt < first + disk.minors) return disk;
  return undefined;
}

/** Whether a disk is registered for devt (udev's view: the device node exists), taking no reference. */
export function disk_registered(devt: number): boolean {
  return reg().disks.has(devt);
}

/** Every registered disk, in the order they were added (for the checks at a run's end). */
export function registered_disks(): gendisk[] {
  return [...reg().disks.values()];
}

/** The disk registered under a name ("dm-0", "sda"), for lookup_bdev() and udev's /dev node. */
export function disk_by_name(name: string): gendisk {
  for (const d of reg().disks.values()) if (d.disk_name.v === name) return d;
  return null as never;
}

/**
 * bdget(dev): the block device of dev, made the first time. iget5_locked() allocates the new
 * inode unlocked and looks the hash up again before inserting it: when another task made the
 * same device meanwhile (two opens of one new device), that one is taken and the new one freed.
 * @port fs/block_dev.c v3.15 simplified - a map by dev_t for the bdev filesystem's inode hash
 */
function* bdget(dev: number): KGen<block_device> {
  const r = reg();
  const found = (): block_device | null => {
    const e = r.bdevs.get(dev);
    if (e === undefined) return null;
    e.count++;
    return e.bdev;
  };
  const existing = found();
  if (existing !== null) return existing;
  const bdev = (yield* slab.kzalloc(block_device_type, GFP_KERNEL)) as block_device | null;
  if (bdev === null) return null as never;
  const inode = yield* slab.kzalloc(inode_type, GFP_KERNEL);
  if (inode === null) {
    slab.kfree(bdev);
    return null as never;
  }
  const raced = found();
  if (raced !== null) {
    slab.kfree(inode);
    slab.kfree(bdev);
    return raced;
  }
  bdev.bd_inode = inode as never;
  bdev.bd_dev = dev;
  /* bdev_cache's init_once() */
  mutex_init(bdev.bd_mutex, '&bdev->bd_mutex');
  r.bdevs.set(dev, { bdev, count: 1 });
  return bdev;
}

/** @port fs/block_dev.c v3.15 simplified */
function bdput(bdev: block_device): void {
  const r = reg();
  const e = r.bdevs.get(bdev.bd_dev);
  if (e === undefined || e.bdev !== bdev) return;
  if (--e.count > 0) return;
  r.bdevs.delete(bdev.bd_dev);
  slab.kfree(bdev.bd_inode as object);
  slab.kfree(bdev);
}

/**
 * bdget_disk(disk, partno): the block device of a partition, or of the whole disk.
 * @port block/genhd.c v3.15 simplified - part0's block device is made without disk_get_part()'s device reference (the whole disk's opens in the model never took one)
 */
function* bdget_disk(disk: gendisk, partno: number): KGen<block_device> {
  if (partno === 0) return yield* block_dev_c.bdget(part_devt(disk.part0));
  const part = genhd_parts.disk_get_part(disk, partno);
  let bdev: block_device | null = null;
  if (part) bdev = yield* block_dev_c.bdget(part_devt(part));
  yield* genhd_parts.disk_put_part(part);
  return bdev as block_device;
}

/**
 * __blkdev_get(bdev, mode, for_part): under bd_mutex, the first opener binds the device to its
 * disk (bd_disk, bd_part, bd_queue, bd_contains). For the whole disk, every open calls the
 * driver's open() (disk->fops->open: dm_blk_open, md_open; a disk without one opens as it is),
 * and the first one sets the size once it succeeded. A partition's first open opens the whole
 * disk (for_part), takes the partition (disk_get_part()) and its size; a partition deleted or
 * emptied meanwhile is -ENXIO. A failed first open unbinds the device again. get_gendisk() pins
 * the disk and its driver's module (md_mod, dm_mod); only the first opener keeps those
 * references, until the last close.
 * @port fs/block_dev.c v3.15 simplified - no rescan, no bdi switch; the whole disk's bd_part is part0 without disk_get_part()'s device reference; -ERESTARTSYS is returned after undoing the open, and md_try_open_device() restarts from the probe
 */
function* __blkdev_get(bdev: block_device, mode: number, for_part: number): KGen<number> {
  let ret = 0;
  const partno = { v: 0 };
  const disk = genhd_c.get_gendisk(bdev.bd_dev, partno);
  if (disk === null) return -ENXIO;
  const owner = disk.fops ? disk.fops.owner : NULL;
  const out_unlock_bdev = function* (): KGen<number> {
    yield* mutexes.mutex_unlock(bdev.bd_mutex);
    yield* genhd_c.put_disk(disk);
    module_put(owner);
    return ret;
  };
  yield* mutexes.mutex_lock_nested(bdev.bd_mutex, for_part);
  if (!bdev.bd_openers) {
    bdev.bd_disk = disk;
    bdev.bd_queue = disk.queue;
    bdev.bd_contains = bdev;
    if (!partno.v) {
      bdev.bd_part = disk.part0;
      if (disk.fops && disk.fops.open) ret = yield* disk.fops.open(bdev, mode);
      if (!ret) bdev.bd_inode.i_size = disk.part0.nr_sects * 512;
    } else {
      const whole = yield* genhd_c.bdget_disk(disk, 0);
      ret = -ENOMEM;
      if (whole) {
        ret = yield* block_dev_c.__blkdev_get(whole, mode, 1);
        if (ret) block_dev_c.bdput(whole);
        else {
          bdev.bd_contains = whole;
          bdev.bd_part = genhd_parts.disk_get_part(disk, partno.v) as hd_struct;
          if (!bdev.bd_part || !bdev.bd_part.nr_sects) ret = -ENXIO;
          else bdev.bd_inode.i_size = bdev.bd_part.nr_sects * 512;
        }
      }
    }
    if (ret) {
      /* out_clear: */
      if (bdev.bd_part !== disk.part0) yield* genhd_parts.disk_put_part(bdev.bd_part);
      bdev.bd_part = null as never;
      bdev.bd_disk = null as never;
      bdev.bd_queue = null as never;
      if (bdev.bd_contains && bdev !== bdev.bd_contains) yield* block_dev_c.__blkdev_put(bdev.bd_contains, mode, 1);
      bdev.bd_contains = null as never;
      return yield* out_unlock_bdev();
    }
  } else {
    if (bdev.bd_contains === bdev) {
      if (bdev.bd_disk.fops && bdev.bd_disk.fops.open) ret = yield* bdev.bd_disk.fops.open(bdev, mode);
      if (ret) return yield* out_unlock_bdev();
    }
    /* only one opener holds refs to the module and disk */
    yield* genhd_c.put_disk(disk);
    module_put(owner);
  }
  bdev.bd_openers++;
  if (for_part) bdev.bd_part_count++;
  yield* mutexes.mutex_unlock(bdev.bd_mutex);
  return 0;
}

/** bd_may_claim()'s mark on a whole disk one of whose partitions is claimed. */
const BD_CLAIMED_PARTITION = { bd_may_claim: true };

/**
 * bd_may_claim(bdev, whole, holder): a device held by another holder, or a partition of a whole
 * disk another holder has, cannot be claimed; a whole disk some of whose partitions are claimed
 * has bd_may_claim as its holder, which no other holder is.
 * @port fs/block_dev.c v3.15 ported
 */
function bd_may_claim(bdev: block_device, whole: block_device, holder: unknown): boolean {
  if (bdev.bd_holder === holder) return true; /* already a holder */
  if (bdev.bd_holder !== null) return false; /* held by someone else */
  if (bdev === whole) return true; /* is a whole device which isn't held */
  if (whole.bd_holder === BD_CLAIMED_PARTITION) return true; /* is a partition of a device that is being partitioned */
  if (whole.bd_holder !== null) return false; /* is a partition of a held device */
  return true; /* is a partition of an un-held device */
}

/**
 * blkdev_get(bdev, mode, holder): FMODE_EXCL claims the device for `holder` (refused when
 * bd_may_claim() says another holder has it or its whole disk), __blkdev_get() opens it, and
 * the claim is taken: the device's holder, and for a partition its whole disk marked as
 * partitioned (bd_may_claim); on failure the caller's reference to the block device is dropped.
 * @port fs/block_dev.c v3.15 simplified - without bd_claiming's wait: the claim is checked before the open and again after it (the open sleeps: another holder may have claimed the device meanwhile, which the C's bd_start_claiming() would have made wait), and __blkdev_get()'s failure drops the reference here rather than in it; the whole disk of a partition is found through bd_contains once the device is open
 */
function* blkdev_get(bdev: block_device, mode: number, holder: unknown): KGen<number> {
  const claimedByAnother = (whole: block_device): boolean => (mode & FMODE_EXCL) !== 0 && !block_dev_c.bd_may_claim(bdev, whole, holder);
  if (claimedByAnother(bdev.bd_contains ?? bdev)) {
    block_dev_c.bdput(bdev);
    return -EBUSY;
  }
  const res = yield* block_dev_c.__blkdev_get(bdev, mode, 0);
  if (res) {
    block_dev_c.bdput(bdev);
    return res;
  }
  const whole = bdev.bd_contains;
  if (claimedByAnother(whole)) {
    yield* block_dev_c.__blkdev_put(bdev, mode, 0);
    return -EBUSY;
  }
  if (mode & FMODE_EXCL) {
    /* bd_finish_claiming() */
    if (whole !== bdev) {
      whole.bd_holders++;
      whole.bd_holder = BD_CLAIMED_PARTITION as never;
    }
    bdev.bd_holder = holder as never;
    bdev.bd_holders++;
  }
  return 0;
}

/** @port fs/block_dev.c v3.15 simplified */
function* blkdev_get_by_dev(dev: number, mode: number, holder: unknown): KGen<block_device> {
  const bdev = yield* block_dev_c.bdget(dev);
  if (bdev === null) return ERR_PTR(-12);
  const err = yield* block_dev_c.blkdev_get(bdev, mode, holder);
  if (err) return ERR_PTR(err);
  return bdev;
}

/**
 * __blkdev_put(bdev, mode, for_part): under bd_mutex, the last close writes the device back;
 * a whole disk's every close calls the driver's release() (disk->fops->release: dm_blk_close,
 * md_release); the last one unbinds the device from its disk. Then the block device's reference
 * is dropped, the last close drops the disk and module references the first open took, and a
 * partition's last close closes its whole disk.
 * @port fs/block_dev.c v3.15 simplified - no page cache or bdi switch
 */
function* __blkdev_put(bdev: block_device, mode: number, for_part: number): KGen {
  const disk = bdev.bd_disk;
  let victim: block_device | null = null;
  yield* mutexes.mutex_lock_nested(bdev.bd_mutex, for_part);
  if (for_part) bdev.bd_part_count--;
  if (!--bdev.bd_openers) {
    WARN_ON_ONCE(bdev.bd_holders !== 0, 'fs/block_dev.c');
    block_dev_c.sync_blockdev(bdev);
  }
  if (bdev.bd_contains === bdev) {
    if (disk.fops && disk.fops.release) yield* disk.fops.release(disk, mode);
  }
  if (!bdev.bd_openers) {
    const owner = disk.fops ? disk.fops.owner : NULL;
    if (bdev.bd_part !== disk.part0) yield* genhd_parts.disk_put_part(bdev.bd_part);
    bdev.bd_part = null as never;
    bdev.bd_disk = null as never;
    if (bdev !== bdev.bd_contains) victim = bdev.bd_contains;
    bdev.bd_contains = null as never;
    yield* genhd_c.put_disk(disk);
    module_put(owner);
  }
  yield* mutexes.mutex_unlock(bdev.bd_mutex);
  block_dev_c.bdput(bdev);
  if (victim) yield* block_dev_c.__blkdev_put(victim, mode, 1);
}

/**
 * blkdev_put(bdev, mode): an exclusive opener lets go of its claim (and of the whole disk's
 * count of claimed partitions), then __blkdev_put().
 * @port fs/block_dev.c v3.15 simplified - the claim released under bd_mutex (the C also takes bdev_lock), without bd_write_holder's disk events
 */
function* blkdev_put(bdev: block_device, mode: number): KGen {
  yield* mutexes.mutex_lock(bdev.bd_mutex);
  if (mode & FMODE_EXCL) {
    const whole = bdev.bd_contains;
    if (!--bdev.bd_holders) bdev.bd_holder = null as never;
    if (whole !== bdev && !--whole.bd_holders) whole.bd_holder = null as never;
  }
  yield* mutexes.mutex_unlock(bdev.bd_mutex);
  yield* block_dev_c.__blkdev_put(bdev, mode, 0);
}

/**
 * lookup_bdev(path): "/dev/<disk name>" or "/dev/<partition name>" (the model has no other
 * paths); -ENOMEM when the block device's inode cannot be allocated (bd_acquire() finds none).
 * @port fs/block_dev.c v3.15 simplified
 */
function* lookup_bdev(path: Ref<string> | string): KGen<block_device> {
  const p = typeof path === 'string' ? path : path.v;
  const devt = devt_by_name(p.replace(/^\/dev\//, ''));
  if (devt === null) return ERR_PTR(-ENOENT);
  const bdev = yield* block_dev_c.bdget(devt);
  return bdev === null ? ERR_PTR(-ENOMEM) : bdev;
}

/** udev's /dev node: the dev_t of a disk or of one of its partitions, by name. */
function devt_by_name(name: string): number | null {
  for (const d of reg().disks.values()) {
    if (d.disk_name.v === name) return part_devt(d.part0);
    for (const part of disk_partitions(d)) if (part.__dev.name === name) return part.__dev.devt;
  }
  return null;
}

/** freeze_bdev(bdev): no filesystem is mounted on the model's devices: NULL. @port fs/block_dev.c v3.15 simplified */
function freeze_bdev(bdev: block_device): never {
  bdev.bd_fsfreeze_count++;
  return null as never;
}

/** @port fs/block_dev.c v3.15 simplified */
function thaw_bdev(bdev: block_device, _sb: unknown): number {
  if (bdev.bd_fsfreeze_count > 0) bdev.bd_fsfreeze_count--;
  return 0;
}

/** set_disk_ro(disk, flag) @port block/genhd.c v3.15 simplified - part0 only (no partitions), no uevent */
function set_disk_ro(disk: gendisk, flag: number): void {
  disk.part0.policy = flag;
}

/** __bdevname(dev, buffer): the name of a dev_t no disk answers for. @port block/genhd.c v3.15 ported */
function __bdevname(dev: number, buffer: Ref<string>): Ref<string> {
  sprintf(buffer, 'unknown-block(%u,%u)', dev >>> MINORBITS, dev & ((1 << MINORBITS) - 1));
  return buffer;
}

/** sync_blockdev(bdev): writes the device's dirty page cache. The model's block devices have no page cache: nothing to write. @port fs/block_dev.c v3.15 simplified - no page cache */
function sync_blockdev(_bdev: block_device): number {
  return 0;
}

/** invalidate_bdev(bdev): drops the device's clean page cache. The model's block devices have none. @port fs/block_dev.c v3.15 simplified - no page cache */
function invalidate_bdev(_bdev: block_device): void {}

/**
 * revalidate_disk(disk): the driver's revalidate_disk(), then the size of the disk's block
 * device (check_disk_size_change) follows the disk's capacity if the device is open.
 * @port fs/block_dev.c v3.15 simplified - part0's block device only, found without taking a reference
 */
function* revalidate_disk(disk: gendisk): KGen<number> {
  let ret = 0;
  if (disk.fops && disk.fops.revalidate_disk) ret = yield* disk.fops.revalidate_disk(disk);
  const e = reg().bdevs.get(part_devt(disk.part0));
  if (e !== undefined && e.bdev.bd_disk === disk) e.bdev.bd_inode.i_size = disk.part0.nr_sects * 512;
  return ret;
}

/**
 * check_disk_change(bdev): disk_clear_events() asks whether the medium changed; a disk without
 * disk events (disk->ev: none of the model's disks has them) is asked through the legacy
 * ->media_changed method (md's reports a stopped or newly run array). A change flushes the
 * device and revalidates the disk.
 * @port fs/block_dev.c v3.15 simplified - disk_clear_events() reduced to its arm for drivers without events; flush_disk() has no page cache to invalidate
 */
function* check_disk_change(bdev: block_device): KGen<number> {
  const disk = bdev.bd_disk;
  const bdops = disk.fops;
  /* disk_clear_events(disk, DISK_EVENT_MEDIA_CHANGE | DISK_EVENT_EJECT_REQUEST) */
  const changed = bdops.media_changed ? yield* bdops.media_changed(disk) : 0;
  if (!changed) return 0;
  /* flush_disk(bdev, true): the model's block devices have no page cache */
  if (bdops.revalidate_disk) yield* bdops.revalidate_disk(bdev.bd_disk);
  return 1;
}

export const genhd_c = kernel_functions(
  'block/genhd.c',
  { get_gendisk, get_disk, disk_release, register_blkdev, unregister_blkdev, alloc_disk, add_disk, del_gendisk, put_disk, disk_name, bdget_disk, set_disk_ro, __bdevname },
  'v3.15'
);

export const block_dev_c = kernel_functions(
  'fs/block_dev.c',
  { bdget, bdput, __blkdev_get, bd_may_claim, blkdev_get, blkdev_get_by_dev, __blkdev_put, blkdev_put, lookup_bdev, freeze_bdev, thaw_bdev, sync_blockdev, invalidate_bdev, revalidate_disk, check_disk_change },
  'v3.15'
);

/**
 * __blkdev_driver_ioctl(bdev, mode, cmd, arg): the disk driver's ioctl(), or -ENOTTY for a disk
 * without one (the model's simulated disks).
 * @port block/ioctl.c v3.15 ported
 */
function* __blkdev_driver_ioctl(bdev: block_device, mode: number, cmd: number, arg: number): KGen<number> {
  const disk = bdev.bd_disk;
  if (disk.fops.ioctl) return yield* disk.fops.ioctl(bdev, mode, cmd, arg);
  return -ENOTTY;
}

/**
 * blkdev_ioctl(bdev, mode, cmd, arg): HDIO_GETGEO asks the driver's getgeo() for the geometry,
 * the start sector set first (the driver may override it), and copies it to `arg`; every other
 * command goes to the driver's ioctl(). `arg` of HDIO_GETGEO is the user's buffer: a Ref the
 * geometry is stored in (null: the C's NULL pointer). BLKPG adds or deletes a partition
 * (blkpg_ioctl(), model/partitions.ts); its `arg` is the struct blkpg_ioctl_arg.
 * @port block/ioctl.c v3.15 simplified - HDIO_GETGEO, BLKPG and the driver's commands only: the other BLK* commands the block layer answers itself are not modeled; no copy_to_user fault
 */
function* blkdev_ioctl(bdev: block_device, mode: number, cmd: number, arg: Ref<hd_geometry | null> | blkpg_ioctl_arg | number | null): KGen<number> {
  const disk = bdev.bd_disk;
  if (cmd === BLKPG) {
    if (!arg || typeof arg !== 'object' || !('op' in arg)) return -EINVAL;
    return yield* blkpg.blkpg_ioctl(bdev, arg);
  }
  if (cmd === HDIO_GETGEO) {
    if (arg && typeof arg === 'object' && 'op' in arg) return -EINVAL;
    if (!arg || typeof arg === 'number') return -EINVAL;
    if (!disk.fops.getgeo) return -ENOTTY;
    /*
     * We need to set the startsect first, the driver may
     * want to override it.
     */
    const geo = hd_geometry_zeroed();
    geo.start = bdev.bd_part.start_sect;
    const ret = yield* disk.fops.getgeo(bdev, geo);
    if (ret) return ret;
    arg.v = { ...geo };
    return 0;
  }
  return yield* ioctl_c.__blkdev_driver_ioctl(bdev, mode, cmd, (arg ?? 0) as number);
}

export const ioctl_c = kernel_functions('block/ioctl.c', { __blkdev_driver_ioctl, blkdev_ioctl }, 'v3.15');

/**
 * ioctl(fd, cmd, arg) by a program on what open_block_device() opened: blkdev_ioctl() (the
 * block device file's unlocked_ioctl, block_ioctl()).
 */
export function* ioctl_block_device(bdev: block_device, cmd: number, arg: Ref<hd_geometry | null> | blkpg_ioctl_arg | number | null): KGen<number> {
  return yield* ioctl_c.blkdev_ioctl(bdev, FMODE_READ | FMODE_WRITE, cmd, arg);
}

/**
 * genhd_device_init: the block layer's setup at boot (blk_dev_init: kblockd and the request and
 * queue caches).
 * @port block/genhd.c v3.15 simplified - no block class, no major registration, no /proc entries
 */
function genhd_device_init(): number {
  return blk_core.blk_dev_init();
}

export const genhd_init = kernel_functions('block/genhd.c', { genhd_device_init }, 'v3.15');

world_initcall('v3.15', 4, 'subsys_initcall(genhd_device_init)', () => genhd_init.genhd_device_init());

/**
 * open("/dev/<name>", O_RDWR) by a program: the block device looked up by path and opened
 * (blkdev_open -> blkdev_get, which calls the driver's open()), for bios the program submits
 * to it. Throws when there is none or the driver refuses.
 */
export function* open_block_device(path: string): KGen<block_device> {
  const bdev = yield* block_dev_c.lookup_bdev(path);
  if (IS_ERR(bdev)) throw new Error(`open(${path}): no such block device`);
  const err = yield* block_dev_c.blkdev_get(bdev, FMODE_READ | FMODE_WRITE, null);
  if (err) throw new Error(`open(${path}): ${err}`);
  return bdev;
}

/** close() of what open_block_device() opened (blkdev_close() -> blkdev_put(), which calls the driver's release()). */
export function* close_block_device(bdev: block_device): KGen {
  yield* block_dev_c.blkdev_put(bdev, FMODE_READ | FMODE_WRITE);
}
