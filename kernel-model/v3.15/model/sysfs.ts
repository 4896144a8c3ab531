// sysfs as a workload meets a disk's queue files, /sys/block/<disk>/queue/<attribute>: the
// model has no sysfs filesystem, so a read or write finds the attribute by name and calls the
// queue kobject's sysfs_ops, queue_attr_show() or queue_attr_store() (translated), as
// sysfs_read_file() and sysfs_write_file() do, with the page as a string. Of blk-sysfs.c's table
// of queue attributes (default_attrs) the model has the ones its workloads write: nr_requests,
// rq_affinity and scheduler (queue_iosched_entry, whose store switches the elevator). The files
// of the queue's I/O scheduler, /sys/block/<disk>/queue/iosched/<tunable>, are found in the
// elevator type's table by name (deadline_attrs: read_expire, fifo_batch ...) and go through the
// elevator kobject's sysfs_ops, elv_attr_show() and elv_attr_store().
import { ENOENT } from '../../include/uapi/asm-generic/errno-base.ts';
import { S_IRUGO, S_IWUSR } from '../../include/uapi/linux/stat.ts';
import { NULL, embed_members, ref } from '../../lib/c-pointers.ts';
import { lazyPerMachine } from '../../lib/lazy-per-machine.ts';
import { attributesOf } from '../../lib/kobject.ts';
import { kcsan_nocheck } from '../../kernel/kcsan.ts';
import { kernel_functions } from '../../sim/hooks.ts';
import type { KGen } from '../../sim/task.ts';
import { blk_sysfs, type queue_sysfs_entry } from '../block/blk-sysfs.ts';
import { elevator } from '../block/elevator.ts';
import type { request_queue } from '../include/linux/blkdev.ts';
import type { elv_fs_entry } from '../include/linux/elevator.ts';

/** The model's numeric queue attributes: blk-sysfs.c's queue_requests_entry and queue_rq_affinity_entry. */
export const QUEUE_ATTRS = ['nr_requests', 'rq_affinity'] as const;
export type QueueAttr = (typeof QUEUE_ATTRS)[number];

/** The elevators the v3.15 configuration builds in, by the names the scheduler file takes. */
export const ELEVATORS = ['noop', 'deadline'] as const;
export type ElevatorName = (typeof ELEVATORS)[number];

const queueAttrs = lazyPerMachine((): queue_sysfs_entry[] => [
  embed_members<queue_sysfs_entry>({ attr: { name: 'nr_requests', mode: S_IRUGO | S_IWUSR }, show: blk_sysfs.queue_requests_show, store: blk_sysfs.queue_requests_store }, ['attr']),
  embed_members<queue_sysfs_entry>({ attr: { name: 'rq_affinity', mode: S_IRUGO | S_IWUSR }, show: blk_sysfs.queue_rq_affinity_show, store: blk_sysfs.queue_rq_affinity_store }, ['attr']),
  embed_members<queue_sysfs_entry>({ attr: { name: 'scheduler', mode: S_IRUGO | S_IWUSR }, show: elevator.elv_iosched_show, store: elevator.elv_iosched_store }, ['attr']),
]);

function lookup(name: string): queue_sysfs_entry | null {
  return queueAttrs().find((entry) => entry.attr.name === name) ?? null;
}

/**
 * cat /sys/block/<disk>/queue/<name>: the text the show handler printed, or null for a file the
 * model does not have.
 * @port fs/sysfs/file.c v3.15 model - sysfs_read_file() -> fill_read_buffer() -> ops->show()
 */
function* queue_sysfs_show(q: request_queue, name: string): KGen<string | null> {
  const entry = lookup(name);
  if (entry === null) return null;
  const page = ref('');
  const n = yield* blk_sysfs.queue_attr_show(q.kobj, entry.attr, page);
  return n < 0 ? null : page.v;
}

/**
 * echo value > /sys/block/<disk>/queue/<name>: the store handler's result (the bytes it took, or
 * -errno), -ENOENT (as the open would fail) for a file the model does not have.
 * @port fs/sysfs/file.c v3.15 model - sysfs_write_file() -> flush_write_buffer() -> ops->store()
 */
function* queue_sysfs_store(q: request_queue, name: string, value: string): KGen<number> {
  const entry = lookup(name);
  if (entry === null) return -ENOENT;
  return yield* blk_sysfs.queue_attr_store(q.kobj, entry.attr, value, value.length);
}

/** The elevator type's attribute table up to its __ATTR_NULL, or none for a queue without an elevator. */
function attrTable(q: request_queue): elv_fs_entry[] {
  // sysfs finds the file in the elevator's own directory, not through q->elevator: the model's
  // lookup is machinery, not kernel code, and is not checked.
  const e = kcsan_nocheck(() => q.elevator);
  if (e === NULL || e.type.elevator_attrs === NULL) return [];
  return attributesOf(e.type.elevator_attrs as unknown as elv_fs_entry[]);
}

/**
 * cat /sys/block/<disk>/queue/iosched/<name>: the text the show handler printed, or null for a
 * file the scheduler does not have.
 * @port fs/sysfs/file.c v3.15 model - sysfs_read_file() -> fill_read_buffer() -> ops->show()
 */
function* elv_sysfs_show(q: request_queue, name: string): KGen<string | null> {
  const entry = attrTable(q).find((a) => a.attr.name === name);
  if (entry === undefined) return null;
  const page = ref('');
  const n = yield* elevator.elv_attr_show(kcsan_nocheck(() => q.elevator).kobj, entry.attr, page);
  return n < 0 ? null : page.v;
}

/**
 * echo value > /sys/block/<disk>/queue/iosched/<name>: the store handler's result (the bytes it
 * took, or -errno), -ENOENT (as the open would fail) for a file the scheduler does not have.
 * @port fs/sysfs/file.c v3.15 model - sysfs_write_file() -> flush_write_buffer() -> ops->store()
 */
function* elv_sysfs_store(q: request_queue, name: string, value: string): KGen<number> {
  const entry = attrTable(q).find((a) => a.attr.name === name);
  if (entry === undefined) return -ENOENT;
  return yield* elevator.elv_attr_store(kcsan_nocheck(() => q.elevator).kobj, entry.attr, value, value.length);
}

export const queue_sysfs_files = kernel_functions('fs/sysfs/file.c', { queue_sysfs_show, queue_sysfs_store, elv_sysfs_show, elv_sysfs_store }, 'v3.15');
