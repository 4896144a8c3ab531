// sysfs as a workload meets the files of a disk's I/O scheduler, /sys/block/<disk>/queue/iosched/
// <tunable>: the model has no sysfs filesystem, so a read or write finds the attribute in the
// elevator type's table by name (cfq_attrs: quantum, slice_idle, low_latency...) and calls the
// elevator kobject's sysfs_ops, elv_attr_show() or elv_attr_store(), as sysfs_read_file() and
// sysfs_write_file() do, with the page as a string.
import { ENOENT } from '../../include/uapi/asm-generic/errno-base.ts';
import { NULL, ref } from '../../lib/c-pointers.ts';
import { kernel_functions } from '../../sim/hooks.ts';
import type { KGen } from '../../sim/task.ts';
import { elevator } from '../block/elevator.ts';
import type { request_queue } from '../include/linux/blkdev.ts';
import type { elv_fs_entry } from '../include/linux/elevator.ts';

function attrTable(q: request_queue): elv_fs_entry[] {
  const e = q.elevator;
  if (e === NULL || e.elevator_type.elevator_attrs === NULL) return [];
  const table = e.elevator_type.elevator_attrs as unknown as elv_fs_entry[];
  const end = table.findIndex((entry) => entry.attr.name === null);
  return end < 0 ? table : table.slice(0, end);
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

export const sysfs_files = kernel_functions('fs/sysfs/file.c', { elv_sysfs_show, elv_sysfs_store }, 'v3.2');
