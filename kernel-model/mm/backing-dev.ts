// Backing devices (mm/backing-dev.c, mm/page-writeback.c) as far as a request queue sets one up:
// the model has no page cache to write back, so no flusher threads and no laptop mode; reclaim
// waits for congestion to clear (congestion_wait) when it throttles.

import { kernel_functions } from '../sim/hooks.ts';
import { TASK_UNINTERRUPTIBLE, type KGen } from '../sim/task.ts';
import { lazyPerMachine } from '../lib/lazy-per-machine.ts';
import { DEFINE_WAIT, finish_wait, init_waitqueue_head, prepare_to_wait, wake_up, waitqueue_active, type wait_queue_head_t } from '../kernel/sched/wait.ts';
import { timers } from '../kernel/timer.ts';

/** BLK_RW_ASYNC, BLK_RW_SYNC: which of the two congestion states (include/linux/backing-dev.h). */
export const BLK_RW_ASYNC = 0;
export const BLK_RW_SYNC = 1;

/** congestion_wqh[2]: who waits for a backing device's congestion to clear. */
const congestion_wqh = lazyPerMachine((): wait_queue_head_t[] => [init_waitqueue_head('congestion_wqh[BLK_RW_ASYNC]'), init_waitqueue_head('congestion_wqh[BLK_RW_SYNC]')]);

/**
 * laptop_mode_timer_fn: armed only when laptop_mode is set, which it never is in the model.
 * @port mm/page-writeback.c v3.2 model - laptop mode is not modeled
 */
export function* laptop_mode_timer_fn(_data: number): Generator<void, void, void> {
  throw new Error('laptop_mode_timer_fn: laptop mode is not modeled (laptop_mode is 0)');
}

/** laptop_io_completion(bdi): called only in laptop mode. @port mm/page-writeback.c v3.2 model - laptop mode is not modeled */
export function laptop_io_completion(_bdi: object): void {
  throw new Error('laptop_io_completion: laptop mode is not modeled (laptop_mode is 0)');
}

/**
 * blk_queue_end_tag(q, rq) (block/blk-tag.c): only for a request a tagged queue started. The
 * model's queues are untagged (q->queue_tags is NULL), so blk_rq_tagged() is never true.
 * @port block/blk-tag.c v3.2 model - tagged command queueing is not modeled
 */
export function blk_queue_end_tag(_q: object, _rq: object): void {
  throw new Error('blk_queue_end_tag: tagged command queueing is not modeled');
}

const BDI_sync_congested = 1;
const BDI_async_congested = 2;

/** set_bdi_congested(bdi, sync) @port mm/backing-dev.c v3.2 ported - the state bit */
export function set_bdi_congested(bdi: { state: number }, sync: number): void {
  bdi.state |= 1 << (sync ? BDI_sync_congested : BDI_async_congested);
}

/**
 * clear_bdi_congested(bdi, sync): the state bit, and whoever waits in congestion_wait() is woken.
 * @port mm/backing-dev.c v3.2 ported - no nr_bdi_congested count (nothing reads it)
 */
export function clear_bdi_congested(bdi: { state: number }, sync: number): void {
  const wqh = congestion_wqh()[sync];
  bdi.state &= ~(1 << (sync ? BDI_sync_congested : BDI_async_congested));
  if (waitqueue_active(wqh)) wake_up(wqh);
}

/**
 * congestion_wait(sync, timeout): sleeps until a backing device leaves congestion or `timeout`
 * jiffies pass; returns the jiffies left.
 * @port mm/backing-dev.c v3.2 ported - no tracepoint
 */
function* congestion_wait(sync: number, timeout: number): KGen<number> {
  const wait = DEFINE_WAIT();
  const wqh = congestion_wqh()[sync];
  prepare_to_wait(wqh, wait, TASK_UNINTERRUPTIBLE);
  const ret = yield* timers.io_schedule_timeout(timeout);
  finish_wait(wqh, wait);
  return ret;
}

/**
 * __blk_queue_free_tags(q) (block/blk-tag.c): frees a queue's tag map; the model's queues have none.
 * @port block/blk-tag.c v3.2 model - tagged command queueing is not modeled
 */
export function __blk_queue_free_tags(q: { queue_tags: unknown }): void {
  if (q.queue_tags) throw new Error('__blk_queue_free_tags: tagged command queueing is not modeled');
}

/** bdi_congested(bdi, bdi_bits) @port include/linux/backing-dev.h v3.15 ported */
export function bdi_congested(bdi: { state: number }, bdi_bits: number): boolean {
  return (bdi.state & bdi_bits) !== 0;
}

export const backing_dev = kernel_functions('mm/backing-dev.c', { congestion_wait });
