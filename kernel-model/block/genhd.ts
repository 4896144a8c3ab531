// Disks and block devices as the model registers them (block/genhd.c): the devices a world's
// model disks add, found by their dev_t (get_gendisk) as the blkio rule files find them, and
// named as bdevname() names them. v3.2 has no partitions: a disk is its whole device (v3.15's are
// model/partitions.ts).

import { lazyPerMachine } from '../lib/lazy-per-machine.ts';
import { type Machine, machine } from '../sim/machine.ts';
import { world_function } from '../sim/hooks.ts';
import { NULL, type Ref } from '../lib/c-pointers.ts';

/** What the model needs of a world's struct gendisk: its name buffer. */
interface disk_like {
  disk_name: Ref<string>;
}

interface Registered {
  disk: object;
  refs: number;
}

const disks = lazyPerMachine((_m: Machine) => new Map<number, Registered>());

/** MKDEV(major, minor), as include/linux/kdev_t.h packs it. */
export function mkdev(major: number, minor: number): number {
  return major * 2 ** 20 + minor;
}

/** Registers a model disk under its dev_t (what add_disk() does for the device). */
export function register_disk_model(dev: number, disk: object): void {
  disks().set(dev, { disk, refs: 0 });
}

/** Every registered model disk, in the order they were added (for the checks at a run's end). */
export function registered_model_disks(): object[] {
  return [...disks().values()].map((r) => r.disk);
}

/** Forgets a model disk (del_gendisk). */
export function unregister_disk_model(dev: number): void {
  disks().delete(dev);
}

/**
 * get_gendisk(devt, &partno): the disk with that device number, with a reference, or NULL.
 * @port block/genhd.c v3.2 simplified - a map of the model's disks; no partitions (partno 0)
 */
export function get_gendisk(devt: number, partno: Ref<number>): never {
  const r = disks().get(devt);
  partno.v = 0;
  if (r === undefined) return NULL;
  r.refs++;
  return r.disk as never;
}

/** put_disk(disk) @port block/genhd.c v3.2 simplified - drops the reference get_gendisk took */
export function put_disk(disk: object): void {
  for (const r of disks().values()) if (r.disk === disk && r.refs > 0) r.refs--;
}

/**
 * bdevname(bdev, buf): disk_name(bdev->bd_disk, partno, buf), through the world's own disk_name()
 * where it has one (v3.15's model/genhd.ts), else the disk's name as it stands.
 * @port fs/partitions/check.c v3.2 simplified - a partition's number from bd_part (v3.15's partitions), else 0
 */
export function bdevname(bdev: { bd_disk: disk_like; bd_part?: { partno: number } | null }, buf: Ref<string>): string {
  const disk_name = world_function<(disk: disk_like, partno: number, buf: Ref<string>) => Ref<string>>(machine().base, 'disk_name');
  if (disk_name !== null) return disk_name(bdev.bd_disk, bdev.bd_part?.partno ?? 0, buf).v;
  buf.v = bdev.bd_disk.disk_name.v;
  return buf.v;
}

/**
 * disk_map_sector_rcu(disk, sector): the partition a sector is in; a world without partitions
 * (v3.2) has only the whole disk's part0 (v3.15's own is model/partitions.ts).
 * @port block/genhd.c v3.2 simplified - no partition table
 */
export function disk_map_sector_rcu<P>(disk: { part0: P }, _sector: number): P {
  return disk.part0;
}

/** __delete_partition: the model of v3.2 has no partitions, so no partition is ever put to zero. */
export function __delete_partition(_part: object): void {
  throw new Error('__delete_partition: partitions are not modeled');
}
