// Disks as block/genhd.c (v3.2) sets them up, for the model's drivers: alloc_disk() with its
// part0 statistics, add_disk() with the queue's backing device named "major:minor" (the blkio
// policies read a group's device number from it), and the whole-disk block_device a bio's
// bi_bdev points to. block/genhd.c is not translated: most of it is the driver model, sysfs
// and the partition table, none of which the model has. The initcall that sets up the block
// layer (genhd_device_init -> blk_dev_init) lives here too.

import { WARN_ON_ONCE } from '../../include/asm-generic/bug.ts';
import { atomic_set } from '../../include/linux/atomic.ts';
import { GFP_KERNEL } from '../../include/linux/gfp.ts';
import { NULL } from '../../lib/c-pointers.ts';
import { device_zeroed, type device } from '../../lib/opaque.ts';
import { percpu } from '../../mm/percpu.ts';
import { slab } from '../../mm/slab.ts';
import { mkdev, register_disk_model, unregister_disk_model } from '../../block/genhd.ts';
import { kernel_functions } from '../../sim/hooks.ts';
import { world_initcall } from '../../sim/initcalls.ts';
import type { KGen } from '../../sim/task.ts';
import { blk_core } from '../block/blk-core.ts';
import { block_device_type, inode_type, type block_device } from '../include/linux/fs.ts';
import { disk_stats_type, gendisk_type, type disk_stats, type gendisk } from '../include/linux/genhd.ts';

/**
 * alloc_disk(minors): a zeroed gendisk whose part0 has its per-cpu statistics and one
 * reference (hd_ref_init), or NULL.
 * @port block/genhd.c v3.2 simplified - alloc_disk_node() without the device model, the entropy pool or a partition table
 */
function* alloc_disk(minors: number): KGen<gendisk> {
  const disk = (yield* slab.kzalloc(gendisk_type, GFP_KERNEL)) as gendisk | null;
  if (disk === null) return NULL;
  // init_part_stats(&disk->part0)
  disk.part0.dkstats = (yield* percpu.alloc_percpu(disk_stats_type)) as disk_stats;
  if (!disk.part0.dkstats) {
    slab.kfree(disk);
    return NULL;
  }
  disk.node_id = -1;
  atomic_set(disk.part0.ref, 1);
  disk.minors = minors;
  return disk;
}

/**
 * add_disk(disk): the disk gets its device number (major:first_minor), its queue's backing
 * device is registered under that name, get_gendisk() finds it, and the disk takes a reference
 * on its queue ("Take an extra ref on queue which will be put on disk_release() so that it
 * sticks around as long as @disk is there"): a queue the driver has cleaned up stays until the
 * disk's last user is gone.
 * @port block/genhd.c v3.2 simplified - no blk_register_region, sysfs, uevents or disk events
 */
function add_disk(disk: gendisk): void {
  const devt = mkdev(disk.major, disk.first_minor);
  // bdi_register_dev(bdi, disk_devt(disk)): the bdi's device is named "%u:%u".
  const bdi_dev: device = { ...device_zeroed(), name: `${disk.major}:${disk.first_minor}`, parent: NULL };
  disk.queue.backing_dev_info.dev = bdi_dev;
  register_disk_model(devt, disk);
  WARN_ON_ONCE(blk_core.blk_get_queue(disk.queue) !== 0, 'block/genhd.c');
}

/**
 * del_gendisk(disk): get_gendisk() no longer finds it.
 * @port block/genhd.c v3.2 simplified - no partitions to delete, no sysfs
 */
function del_gendisk(disk: gendisk): void {
  unregister_disk_model(mkdev(disk.major, disk.first_minor));
  disk.queue.backing_dev_info.dev = NULL;
}

/**
 * disk_release(dev): the driver's last put_disk() of a disk nothing else holds: the part0
 * statistics and the disk are freed. (put_disk() of a reference get_gendisk() took is the
 * runtime's, block/genhd.ts.)
 * With it goes the disk's reference on its queue (blk_put_queue), the queue's last once the
 * driver's blk_cleanup_queue() has put its own.
 * @port block/genhd.c v3.2 simplified - called by the driver at remove, not through the kobject
 */
function* disk_release(disk: gendisk): KGen {
  yield* percpu.free_percpu(disk.part0.dkstats);
  if (disk.queue) yield* blk_core.blk_put_queue(disk.queue);
  slab.kfree(disk);
}

/**
 * bdget_disk(disk, 0) and its opening: the whole-disk block_device a bio is submitted to, with
 * its inode's i_rdev and i_size (bd_set_size: the disk's capacity), as bio_check_eod reads it.
 * @port fs/block_dev.c v3.2 simplified - a block_device and inode per disk, made once, outside a bdev filesystem
 */
function bdget_disk(disk: gendisk): block_device {
  const bdev = block_device_type.make();
  bdev.bd_dev = mkdev(disk.major, disk.first_minor);
  bdev.bd_disk = disk;
  bdev.bd_part = disk.part0;
  bdev.bd_contains = bdev;
  const inode = inode_type.make();
  inode.i_rdev = bdev.bd_dev;
  inode.i_size = disk.part0.nr_sects * 512;
  inode.i_bdev = bdev;
  bdev.bd_inode = inode;
  return bdev;
}

/** set_capacity(disk, sectors) (include/linux/genhd.h) */
export function set_capacity(disk: gendisk, size: number): void {
  disk.part0.nr_sects = size;
}

/**
 * genhd_device_init: the block layer's setup at boot (blk_dev_init: kblockd and the request
 * caches).
 * @port block/genhd.c v3.2 simplified - no block class, no major registration
 */
function genhd_device_init(): number {
  return blk_core.blk_dev_init();
}

export const genhd = kernel_functions('block/genhd.c', { alloc_disk, add_disk, del_gendisk, disk_release, bdget_disk, genhd_device_init }, 'v3.2');

world_initcall('v3.2', 4, 'subsys_initcall(genhd_device_init)', () => genhd.genhd_device_init());
