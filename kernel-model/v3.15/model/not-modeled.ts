// What the v3.15 world calls but does not model, in one place: the functions of C files that
// are not in kernel-model/c/v3.15/ (blk-mq, io_cq contexts, request-based dm, dm's userspace
// interface and statistics, md's write-intent bitmap, the persistent snapshot store). Each is
// the C function's behaviour in the configurations the model builds (bio-based stacks and a
// request_fn disk with the noop elevator, no bitmap, no statistics), and a path the model never takes stops the run with an error that
// names it: reaching one is a gap in the model, not a kernel bug.
//
// The translated world calls these by their C names (the runtime index finds them here).

import { EBUSY, EINVAL, ENOMEM } from '../../include/uapi/asm-generic/errno-base.ts';
import { BUG_ON } from '../../include/asm-generic/bug.ts';
import { atomic_dec, atomic_dec_and_test, atomic_read, atomic_set } from '../../include/linux/atomic.ts';
import { slab } from '../../mm/slab.ts';
import type { task_struct } from '../../sim/task.ts';
import { type io_context, io_context_type } from '../include/linux/iocontext.ts';
import { INIT_LIST_HEAD, list_empty, type list_head } from '../../include/linux/list.ts';
import { mutex_init, type mutex } from '../../kernel/locking/mutex.ts';
import { kernel_functions, mark_not_modeled } from '../../sim/hooks.ts';
import { HZ, jiffies } from '../../include/linux/jiffies.ts';
import type { Ref } from '../../lib/c-pointers.ts';
import { PAGE_SIZE } from '../../mm/page.ts';
import type { KGen } from '../../sim/task.ts';

function notModeled(fn: string, why: string): never {
  throw new Error(`${fn}: not modeled in the v3.15 world (${why})`);
}

const NO_ICQ = 'the noop elevator has no icq_cache: no request of the model carries an io_cq';
const NO_MQ = 'no blk-mq queue';

// --- block/blk-mq.c, block/blk-ioc.c, block/blk-softirq.c: what the request-based half of the
// block layer (blk-core.c, elevator.c, noop-iosched.c, blk-merge.c, blk-timeout.c, blk-flush.c,
// blk-exec.c, translated) calls but the model's request_fn disk never needs ---

/** @port block/blk-mq.c v3.15 model - blk-flush.c's blk-mq arm (q->mq_ops), never taken */
function blk_mq_insert_request(_rq: unknown, _at_head: boolean, _run_queue: boolean, _async: boolean): never {
  return notModeled('blk_mq_insert_request', NO_MQ);
}

/** @port block/blk-mq.c v3.15 model - blk-flush.c's blk-mq arm (q->mq_ops), never taken */
function blk_mq_end_io(_rq: unknown, _error: number): never {
  return notModeled('blk_mq_end_io', NO_MQ);
}

/** @port block/blk-mq.c v3.15 model - blk-flush.c's blk-mq arm (q->mq_ops), never taken */
function blk_mq_rq_init(_hctx: unknown, _rq: unknown): never {
  return notModeled('blk_mq_rq_init', NO_MQ);
}

/** @port block/blk-mq.c v3.15 model - blk-flush.c's blk-mq arm (q->mq_ops), never taken */
function blk_mq_run_hw_queue(_hctx: unknown, _async: boolean): never {
  return notModeled('blk_mq_run_hw_queue', NO_MQ);
}

/** q->mq_ops->map_queue(q, ctx->cpu), blk-flush.c's blk-mq arms. @port block/blk-mq.c v3.15 model - blk-flush.c's blk-mq arm (q->mq_ops), never taken */
function blk_mq_map_queue(_q: unknown, _ctx: unknown): never {
  return notModeled('blk_mq_map_queue', NO_MQ);
}

/** @port block/blk-mq.c v3.15 model - blk-timeout.c's blk-mq arm (q->mq_ops), never taken */
function __blk_mq_complete_request(_rq: unknown): never {
  return notModeled('__blk_mq_complete_request', NO_MQ);
}

/** @port block/blk-mq.c v3.15 model - blk-timeout.c's blk-mq arm (q->mq_ops), never taken */
function blk_mq_add_timer(_rq: unknown): never {
  return notModeled('blk_mq_add_timer', NO_MQ);
}

/** @port block/blk-ioc.c v3.15 model - __get_request() looks an icq up only when the elevator has an icq_cache */
function ioc_lookup_icq(_ioc: unknown, _q: unknown): never {
  return notModeled('ioc_lookup_icq', NO_ICQ);
}

/** @port block/blk-ioc.c v3.15 model - __get_request() creates an icq only when the elevator has an icq_cache */
function* ioc_create_icq(_ioc: unknown, _q: unknown, _gfp_mask: number): KGen<never> {
  yield* [];
  return notModeled('ioc_create_icq', NO_ICQ);
}

/** @port block/blk-ioc.c v3.15 model - __get_request() takes an io_context reference only for a request with an icq */
function get_io_context(_ioc: unknown): never {
  return notModeled('get_io_context', NO_ICQ);
}

/** @port block/blk-mq.c v3.15 model - no blk-mq queue in the model (plug->mq_list stays empty) */
function blk_mq_flush_plug_list(_plug: unknown, _from_schedule: boolean): never {
  return notModeled('blk_mq_flush_plug_list', 'no blk-mq queue');
}

/** @port block/blk-mq.c v3.15 model - no blk-mq queue in the model */
function blk_mq_free_queue(_q: unknown): never {
  return notModeled('blk_mq_free_queue', 'no blk-mq queue');
}

/** @port block/blk-mq.c v3.15 model - no blk-mq queue in the model */
function blk_mq_drain_queue(_q: unknown): never {
  return notModeled('blk_mq_drain_queue', 'no blk-mq queue');
}

/** @port block/blk-mq.c v3.15 model - no blk-mq queue in the model */
function blk_mq_free_request(_rq: unknown): never {
  return notModeled('blk_mq_free_request', 'no blk-mq queue');
}

/**
 * create_task_io_context(task, gfp_flags, node): a zeroed io_context with one reference, one
 * task and one active reference, installed as task->io_context unless the task already has one.
 * generic_make_request_checks() makes one up front for every submitting task.
 * @port block/blk-ioc.c v3.15 simplified - no icq radix tree or release work: a bio-based queue has no elevator to link an io_cq to the context
 */
function* create_task_io_context(task: task_struct, gfp_flags: number, _node: number): KGen<number> {
  const ioc = (yield* slab.kzalloc(io_context_type, gfp_flags)) as io_context | null;
  if (ioc === null) return -ENOMEM;
  atomic_set(ioc.refcount, 1);
  atomic_set(ioc.nr_tasks, 1);
  atomic_set(ioc.active_ref, 1);
  if (task.io_context === null) task.io_context = ioc;
  else slab.kfree(ioc);
  return task.io_context !== null ? 0 : -EBUSY;
}

/**
 * put_io_context(ioc): drops a reference; the last one frees the context (its icq_list is always
 * empty in the model).
 * @port block/blk-ioc.c v3.15 simplified - no io_cq to release through the release work
 */
function* put_io_context(ioc: io_context | null): KGen {
  if (ioc === null) return;
  BUG_ON(atomic_read(ioc.refcount) <= 0, 'block/blk-ioc.c');
  if (yield* atomic_dec_and_test(ioc.refcount)) slab.kfree(ioc);
}

/**
 * exit_io_context(task): do_exit() detaches the task's context and drops its task and active
 * references.
 * @port block/blk-ioc.c v3.15 simplified - put_io_context_active() without io_cq exit callbacks
 */
function* exit_io_context(task: task_struct): KGen {
  const ioc = task.io_context as io_context;
  task.io_context = null;
  yield* atomic_dec(ioc.nr_tasks);
  yield* atomic_dec(ioc.active_ref);
  yield* not_modeled_block.put_io_context(ioc);
}

/** @port block/blk-ioc.c v3.15 model - no queue of the model has an io_cq to clear (the noop elevator has no icq_cache) */
function ioc_clear_queue(_q: unknown): void {}

/**
 * scsi_verify_blk_ioctl(bd, cmd): a SCSI ioctl sent to part of a disk (a partition, or a dm
 * linear target that does not cover its whole device) passes only when it is harmless or the
 * caller has CAP_SYS_RAWIO.
 * @port block/scsi_ioctl.c v3.15 simplified - the model's programs run as root: capable(CAP_SYS_RAWIO) holds, so every command but CDROM_GET_CAPABILITY passes (no printk)
 */
function scsi_verify_blk_ioctl(bd: { bd_contains: unknown } | null, cmd: number): number {
  const CDROM_GET_CAPABILITY = 0x5331;
  const ENOIOCTLCMD = 515;
  if (bd && bd === bd.bd_contains) return 0;
  if (cmd === CDROM_GET_CAPABILITY) return -ENOIOCTLCMD;
  /* capable(CAP_SYS_RAWIO) */
  return 0;
}

export const not_modeled_block = kernel_functions('block/elevator.c', {
    blk_mq_insert_request,
    blk_mq_end_io,
    blk_mq_rq_init,
    blk_mq_run_hw_queue,
    blk_mq_map_queue,
    __blk_mq_complete_request,
    blk_mq_add_timer,
    ioc_lookup_icq,
    ioc_create_icq,
    get_io_context,
    blk_mq_flush_plug_list,
    blk_mq_drain_queue,
    blk_mq_free_queue,
    blk_mq_free_request,
    create_task_io_context,
    put_io_context,
    exit_io_context,
    ioc_clear_queue,
    scsi_verify_blk_ioctl,
}, 'v3.15');

// --- drivers/md: the parts of dm and md that are not in the model ---

/** @port drivers/md/dm.c v3.15 model - request-based dm (multipath) is not modeled */
function dm_init_request_based_queue(_md: unknown): never {
  return notModeled('dm_init_request_based_queue', 'request-based dm');
}

/** @port drivers/md/dm-stripe.c v3.15 model - the striped target is not in the model; registers nothing */
function* dm_stripe_init(): KGen<number> {
  yield* [];
  return 0;
}

/** @port drivers/md/dm-stripe.c v3.15 model - not in the model */
function* dm_stripe_exit(): KGen {
  yield* [];
}

/** @port drivers/md/dm-ioctl.c v3.15 model - no /dev/mapper/control: the model builds devices through dm.c, as dm-ioctl would */
function* dm_interface_init(): KGen<number> {
  yield* [];
  return 0;
}

/** @port drivers/md/dm-ioctl.c v3.15 model - no /dev/mapper/control */
function* dm_interface_exit(): KGen {
  yield* [];
}

/** @port drivers/md/dm-sysfs.c v3.15 model - sysfs is not modeled */
function dm_sysfs_init(_md: unknown): number {
  return 0;
}

/** @port drivers/md/dm-sysfs.c v3.15 model - sysfs is not modeled */
function dm_sysfs_exit(_md: unknown): void {}

/** @port drivers/md/dm-stats.c v3.15 model - no statistics are ever created (dm_stats_used() is false) */
function* dm_statistics_init(): KGen<number> {
  yield* [];
  return 0;
}

/** @port drivers/md/dm-stats.c v3.15 model - no statistics */
function* dm_statistics_exit(): KGen {
  yield* [];
}

/** @port drivers/md/dm-stats.c v3.15 ported */
function dm_stats_init(stats: { mutex: mutex; list: list_head }): void {
  mutex_init(stats.mutex, '&stats->mutex');
  INIT_LIST_HEAD(stats.list);
}

/** @port drivers/md/dm-stats.c v3.15 simplified - the list is always empty in the model */
function dm_stats_cleanup(stats: { list: list_head }): void {
  if (!list_empty(stats.list)) notModeled('dm_stats_cleanup', 'a device with statistics');
}

/** @port drivers/md/dm-stats.c v3.15 model - only called when dm_stats_used(), never in the model */
function dm_stats_account_io(..._args: unknown[]): never {
  return notModeled('dm_stats_account_io', 'no statistics');
}

/** @port drivers/md/dm-snap-persistent.c v3.15 model - the persistent exception store is not in the model: only "N" (transient) snapshots */
function* dm_persistent_snapshot_init(): KGen<number> {
  yield* [];
  return 0;
}

/** @port drivers/md/dm-snap-persistent.c v3.15 model - not in the model */
function* dm_persistent_snapshot_exit(): KGen {
  yield* [];
}

export const not_modeled_dm = kernel_functions('drivers/md/dm-stats.c', {
    dm_init_request_based_queue,
    dm_stripe_init,
    dm_stripe_exit,
    dm_interface_init,
    dm_interface_exit,
    dm_sysfs_init,
    dm_sysfs_exit,
    dm_statistics_init,
    dm_statistics_exit,
    dm_stats_init,
    dm_stats_cleanup,
    dm_stats_account_io,
    dm_persistent_snapshot_init,
    dm_persistent_snapshot_exit,
}, 'v3.15');

// --- drivers/md/bitmap.c: the write-intent bitmap; the model's arrays have none
// (mddev->bitmap is NULL), and each of these starts with bitmap.c's own NULL test ---

const NO_BITMAP = 'arrays without a write-intent bitmap only';

/** @port drivers/md/bitmap.c v3.15 simplified - the NULL-bitmap path */
function bitmap_startwrite(bitmap: unknown, _offset: number, _sectors: number, _behind: number): number {
  if (!bitmap) return 0;
  return notModeled('bitmap_startwrite', NO_BITMAP);
}

/** @port drivers/md/bitmap.c v3.15 simplified - the NULL-bitmap path */
function bitmap_endwrite(bitmap: unknown, _offset: number, _sectors: number, _success: number, _behind: number): void {
  if (!bitmap) return;
  notModeled('bitmap_endwrite', NO_BITMAP);
}

/** @port drivers/md/bitmap.c v3.15 simplified - the NULL-bitmap path */
function bitmap_unplug(bitmap: unknown): void {
  if (!bitmap) return;
  notModeled('bitmap_unplug', NO_BITMAP);
}

/** @port drivers/md/bitmap.c v3.15 simplified - the NULL-bitmap path: a whole 1024-block step, nothing to record */
function bitmap_end_sync(bitmap: unknown, _offset: number, blocks: Ref<number>, _aborted: number): void {
  if (!bitmap) {
    blocks.v = 1024;
    return;
  }
  notModeled('bitmap_end_sync', NO_BITMAP);
}

/**
 * bitmap_start_sync(bitmap, offset, &blocks, degraded): without a bitmap, __bitmap_start_sync()
 * says "always resync" for 1024 blocks, and the loop to PAGE_SIZE >> 9 blocks runs once.
 * @port drivers/md/bitmap.c v3.15 simplified - the NULL-bitmap path
 */
function bitmap_start_sync(bitmap: unknown, _offset: number, blocks: Ref<number>, _degraded: number): number {
  if (bitmap) notModeled('bitmap_start_sync', NO_BITMAP);
  let rv = 0;
  blocks.v = 0;
  while (blocks.v < PAGE_SIZE >> 9) {
    /* __bitmap_start_sync(): if (bitmap == NULL) { *blocks = 1024; return 1; } */
    const blocks1 = 1024;
    rv |= 1;
    blocks.v += blocks1;
  }
  return rv;
}

/** @port drivers/md/bitmap.c v3.15 simplified - the NULL-bitmap path */
function bitmap_close_sync(bitmap: unknown): void {
  if (!bitmap) return;
  notModeled('bitmap_close_sync', NO_BITMAP);
}

/** @port drivers/md/bitmap.c v3.15 simplified - the NULL-bitmap path */
function bitmap_cond_end_sync(bitmap: unknown, _sector: number): void {
  if (!bitmap) return;
  notModeled('bitmap_cond_end_sync', NO_BITMAP);
}

/** @port drivers/md/bitmap.c v3.15 model - a bitmap is created only when one is asked for (a file or an offset), which the model's arrays never do */
function bitmap_create(_mddev: unknown): number {
  return notModeled('bitmap_create', NO_BITMAP);
}

/** @port drivers/md/bitmap.c v3.15 simplified - the NULL-bitmap path (err 0) */
function bitmap_load(mddev: { bitmap: unknown }): number {
  if (!mddev.bitmap) return 0;
  return notModeled('bitmap_load', NO_BITMAP);
}

/** @port drivers/md/bitmap.c v3.15 simplified - the NULL-bitmap path ("there was no bitmap") */
function bitmap_destroy(mddev: { bitmap: unknown }): void {
  if (!mddev.bitmap) return;
  notModeled('bitmap_destroy', NO_BITMAP);
}

/** @port drivers/md/bitmap.c v3.15 simplified - the NULL-bitmap path ("there was no bitmap") */
function bitmap_flush(mddev: { bitmap: unknown }): void {
  if (!mddev.bitmap) return;
  notModeled('bitmap_flush', NO_BITMAP);
}

/** @port drivers/md/bitmap.c v3.15 model - md_check_recovery() calls it only when mddev->bitmap is set */
function bitmap_daemon_work(_mddev: unknown): void {
  notModeled('bitmap_daemon_work', NO_BITMAP);
}

/** @port drivers/md/bitmap.c v3.15 simplified - the NULL-bitmap path */
function bitmap_write_all(bitmap: unknown): void {
  if (!bitmap) return;
  notModeled('bitmap_write_all', NO_BITMAP);
}

/** @port drivers/md/bitmap.c v3.15 simplified - the NULL-bitmap path ("no bitmap for this array") */
function bitmap_update_sb(bitmap: unknown): void {
  if (!bitmap) return;
  notModeled('bitmap_update_sb', NO_BITMAP);
}

export const bitmap_c = kernel_functions(
  'drivers/md/bitmap.c',
  { bitmap_startwrite, bitmap_endwrite, bitmap_unplug, bitmap_end_sync, bitmap_start_sync, bitmap_close_sync, bitmap_cond_end_sync, bitmap_create, bitmap_load, bitmap_destroy, bitmap_flush, bitmap_daemon_work, bitmap_write_all, bitmap_update_sb },
  'v3.15'
);

// --- kernel/time/timekeeping.c, drivers/char/random.c, fs/file_table.c: what md.c's array
// set-up asks of the rest of the kernel ---

/** get_seconds(): wall-clock seconds; the model's clock is virtual time since boot. @port kernel/time/timekeeping.c v3.15 simplified - seconds of virtual time (jiffies / HZ) */
function get_seconds(): number {
  return Math.floor(jiffies() / HZ);
}

/**
 * get_random_bytes(buf, nbytes): the model has no entropy pool and runs are deterministic: the
 * bytes are a fixed pattern (md's array uuid is all that asks, and nothing reads it back).
 * @port drivers/char/random.c v3.15 simplified - a fixed pattern, not entropy
 */
function get_random_bytes(buf: Ref<string>, nbytes: number): void {
  buf.v = '\x5a'.repeat(nbytes);
}

/** @port fs/file_table.c v3.15 model - no files in the model (md's bitmap file is never set) */
function fput(_file: unknown): void {
  notModeled('fput', 'no files: md bitmap files are not modeled');
}

export const timekeeping_c = kernel_functions('kernel/time/timekeeping.c', { get_seconds }, 'v3.15');
export const random_c = kernel_functions('drivers/char/random.c', { get_random_bytes }, 'v3.15');
export const file_table_c = kernel_functions('fs/file_table.c', { fput }, 'v3.15');

// The stand-ins above that only stop the run: what the model leaves out is not counted as ported
// code when reach is measured (the others are the C's behaviour in the model's configurations).
mark_not_modeled('v3.15', [
  'blk_mq_insert_request', 'blk_mq_end_io', 'blk_mq_rq_init', 'blk_mq_run_hw_queue', 'blk_mq_map_queue', '__blk_mq_complete_request',
  'blk_mq_add_timer', 'blk_mq_flush_plug_list', 'blk_mq_free_queue', 'blk_mq_drain_queue', 'blk_mq_free_request',
  'ioc_lookup_icq', 'ioc_create_icq', 'get_io_context', 'dm_init_request_based_queue', 'dm_stats_account_io', 'bitmap_create',
  'bitmap_daemon_work', 'fput',
]);

void EINVAL;
