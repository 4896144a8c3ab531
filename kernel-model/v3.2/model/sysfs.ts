// sysfs as a workload meets the files of a disk's I/O scheduler, /sys/block/<disk>/queue/iosched/
// <tunable>: the model has no sysfs filesystem, so a read or write finds the attribute in the
// elevator type's table by name (cfq_attrs: quantum, slice_idle, low_latency...) and calls the
// elevator kobject's sysfs_ops, elv_attr_show() or elv_attr_store(), as sysfs_read_file() and
// sysfs_write_file() do, with the page as a string. Of the queue's own files,
// /sys/block/<disk>/queue/<attribute>, the model has the one its workloads write: scheduler
// (blk-sysfs.c's queue_iosched_entry), whose store switches the elevator, through the queue
// kobject's queue_attr_store() (translated) under q->sysfs_lock.
import { ENOENT } from '../../include/uapi/asm-generic/errno-base.ts';
import { S_IRUGO, S_IWUSR } from '../../include/uapi/linux/stat.ts';
import { NULL, embed_members, ref } from '../../lib/c-pointers.ts';
import { lazyPerMachine } from '../../lib/lazy-per-machine.ts';
import { attributesOf } from '../../lib/kobject.ts';
import { blk_sysfs, type queue_sysfs_entry } from '../block/blk-sysfs.ts';
import { kernel_functions } from '../../sim/hooks.ts';
import type { KGen } from '../../sim/task.ts';
import { elevator } from '../block/elevator.ts';
import type { request_queue } from '../include/linux/blkdev.ts';
import type { elv_fs_entry } from '../include/linux/elevator.ts';

function attrTable(q: request_queue): elv_fs_entry[] {
  const e = q.elevator;
  if (e === NULL || e.elevator_type.elevator_attrs === NULL) return [];
  return attributesOf(e.elevator_type.elevator_attrs as unknown as elv_fs_entry[]);
}

function lookup(q: request_queue, name: string): elv_fs_entry | null {
  return attrTable(q).find((entry) => entry.attr.name === name) ?? null;
}

/**
 * cat /sys/block/<disk>/queue/iosched/<name>: the text the show handler printed, or null for a
 * file the scheduler does not have.
 * @port fs/sysfs/file.c v3.2 model - sysfs_read_file() -> fill_read_buffer() -> ops->show()
 */
function* elv_sysfs_show(q: request_queue, name: string): KGen<string | null> {
  const entry = lookup(q, name);
  if (entry === null) return null;
  const page = ref('');
  const n = yield* elevator.elv_attr_show(q.elevator.kobj, entry.attr, page);
  return n < 0 ? null : page.v;
}

/**
 * echo value > /sys/block/<disk>/queue/iosched/<name>: the store handler's result (the bytes it
 * took, or -errno), -ENOENT (as the open would fail) for a file the scheduler does not have.
 * @port fs/sysfs/file.c v3.2 model - sysfs_write_file() -> flush_write_buffer() -> ops->store()
 */
function* elv_sysfs_store(q: request_queue, name: string, value: string): KGen<number> {
  const entry = lookup(q, name);
  if (entry === null) return -ENOENT;
  return yield* elevator.elv_attr_store(q.elevator.kobj, entry.attr, value, value.length);
}

/** blk-sysfs.c's queue_iosched_entry (its show, elv_iosched_show(), is not in the model). */
const queueAttrs = lazyPerMachine((): queue_sysfs_entry[] => [embed_members<queue_sysfs_entry>({ attr: { name: 'scheduler', mode: S_IRUGO | S_IWUSR }, show: NULL, store: elevator.elv_iosched_store }, ['attr'])]);

/**
 * echo value > /sys/block/<disk>/queue/<name>: the store handler's result (the bytes it took, or
 * -errno), -ENOENT (as the open would fail) for a file the model does not have.
 * @port fs/sysfs/file.c v3.2 model - sysfs_write_file() -> flush_write_buffer() -> ops->store()
 */
function* queue_sysfs_store(q: request_queue, name: string, value: string): KGen<number> {
  const entry = queueAttrs().find((e) => e.attr.name === name);
  if (entry === undefined) return -ENOENT;
  return yield* blk_sysfs.queue_attr_store(q.kobj, entry.attr, value, value.length);
}

export const sysfs_files = kernel_functions('fs/sysfs/file.c', { elv_sysfs_show, elv_sysfs_store, queue_sysfs_store }, 'v3.2');
