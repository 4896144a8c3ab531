// Structs the kernel embeds that the model does not look inside (a kobject, a cpumask, a
// seqcount that only readers of torn 64-bit values need): an empty object keeps the embedding
// (its container, for container_of) without pretending to model the contents.

import { embed } from './c-pointers.ts';
import { type kobject as kobject_t, kobject_zeroed } from './kobject.ts';

export interface opaque {
  /** The struct's C name, for debugging. */
  readonly __opaque?: string;
}

export type kobject = opaque;
export type backing_dev_info = opaque & { dev: device | null; name: string };
export type device = opaque & { name: string; parent: device; devt: number; kobj: kobject_t };
export type block_device = opaque;
export type gendisk = opaque & { queue: unknown; disk_name: string };
export type cpumask = opaque;
export type seqcount = opaque;
export type u64_stats_sync = opaque;
export type hrtimer = opaque;
export type dentry = opaque;
export type kmem_cache_cpu = opaque;

/**
 * A struct device embedded in a zeroed struct (a partition's __dev): its dev_t is read, and its
 * kobject counts the references a disk's users hold (container_of finds the device from it).
 */
export function device_zeroed(): device {
  const dev: device = { name: '', parent: null as never, devt: 0, kobj: kobject_zeroed() };
  embed(dev, 'kobj', dev.kobj);
  return dev;
}

/** struct timespec: seconds and nanoseconds (md's rdev->last_read_error). */
export interface timespec {
  tv_sec: number;
  tv_nsec: number;
}

/** A zeroed struct timespec. */
export function timespec_zeroed(): timespec {
  return { tv_sec: 0, tv_nsec: 0 };
}

/** A zeroed opaque struct. */
export function opaque_zeroed(): opaque {
  return {};
}

/** dev_name(dev): the device's name ("253:0" for a disk's bdi device in the model). */
export function dev_name(dev: device): string {
  return dev.name;
}
