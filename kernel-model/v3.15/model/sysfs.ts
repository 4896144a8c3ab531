// sysfs as a workload meets a disk's queue files, /sys/block/<disk>/queue/<attribute>: the
// model has no sysfs filesystem, so a read or write finds the attribute by name and calls the
// queue kobject's sysfs_ops, queue_attr_show() or queue_attr_store() (translated), as
// sysfs_read_file() and sysfs_write_file() do, with the page as a string. Of blk-sysfs.c's table
// of queue attributes (default_attrs) the model has the ones its workloads write: nr_requests
// and rq_affinity.
import { ENOENT } from '../../include/uapi/asm-generic/errno-base.ts';
import { S_IRUGO, S_IWUSR } from '../../include/uapi/linux/stat.ts';
import { embed_members, ref } from '../../lib/c-pointers.ts';
import { lazyPerMachine } from '../../lib/lazy-per-machine.ts';
import { kernel_functions } from '../../sim/hooks.ts';
import type { KGen } from '../../sim/task.ts';
import { blk_sysfs, type queue_sysfs_entry } from '../block/blk-sysfs.ts';
import type { request_queue } from '../include/linux/blkdev.ts';

/** The model's queue attributes: blk-sysfs.c's queue_requests_entry and queue_rq_affinity_entry. */
export const QUEUE_ATTRS = ['nr_requests', 'rq_affinity'] as const;
export type QueueAttr = (typeof QUEUE_ATTRS)[number];

const queueAttrs = lazyPerMachine((): queue_sysfs_entry[] => [
  embed_members<queue_sysfs_entry>({ attr: { name: 'nr_requests', mode: S_IRUGO | S_IWUSR }, show: blk_sysfs.queue_requests_show, store: blk_sysfs.queue_requests_store }, ['attr']),
  embed_members<queue_sysfs_entry>({ attr: { name: 'rq_affinity', mode: S_IRUGO | S_IWUSR }, show: blk_sysfs.queue_rq_affinity_show, store: blk_sysfs.queue_rq_affinity_store }, ['attr']),
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

export const queue_sysfs_files = kernel_functions('fs/sysfs/file.c', { queue_sysfs_show, queue_sysfs_store }, 'v3.15');
