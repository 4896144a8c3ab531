// The submit path and plugging from block/blk-core.c (v3.15). generic_make_request() turns
// recursion into iteration through current->bio_list. A task batches the IO it submits while
// plugged and flushes it when it unplugs or sleeps. Plug callbacks let stacking drivers (md, dm) hook the
// unplug. The request-queue half (v3.2, below generic_make_request) carries bios through
// throttling and the elevator to a request-based driver: blk_init_queue(), blk_queue_bio(),
// request allocation, dispatch to request_fn and completion.

import { type bio, bio_data_dir, bio_list_init, bio_list_pop, bio_list_add, bio_sectors, taskListOwner } from '../include/linux/bio.ts';
import { type blk_plug, type blk_plug_cb, type request_queue, QUEUE_FLAG_DEAD } from '../include/linux/blkdev.ts';
import { BUG_ON, WARN_ON } from '../include/asm-generic/bug.ts';
import { REQ_ALLOCED, REQ_ELVPRIV, REQ_NOIDLE, REQ_SORTED, REQ_STARTED, REQ_SYNC, REQ_WRITE, rw_is_sync } from '../include/linux/blk_types.ts';
import {
  BLKDEV_MAX_RQ,
  BLKDEV_MIN_RQ,
  ELEVATOR_BACK_MERGE,
  ELEVATOR_FRONT_MERGE,
  ELEVATOR_INSERT_SORT,
  ELV_MQUEUE_NO,
  type request,
  type request_fn_proc,
  type request_list,
  type rq_queue,
  blk_rq_sectors,
  rq_is_sync,
} from '../include/linux/blkdev-request.ts';
import { GFP_KERNEL, GFP_NOIO, __GFP_ZERO, type gfp_t } from '../include/linux/gfp.ts';
import { io_account_submit } from './blk-io-accounting.ts';
import { kernel_functions } from '../sim/hooks.ts';
import { current, machine } from '../sim/machine.ts';
import { lazyPerMachine } from '../lib/lazy-per-machine.ts';
import { type KGen, TASK_UNINTERRUPTIBLE } from '../sim/task.ts';
import { bios } from '../fs/bio.ts';
import { mutex_init, mutexes } from '../kernel/locking/mutex.ts';
import { spin_lock_init, spinlock, type spinlock_t } from '../kernel/locking/spinlock.ts';
import { core } from '../kernel/sched/core.ts';
import { finish_wait, init_wait, init_waitqueue_head, prepare_to_wait_exclusive, wake_up, waitqueue_active } from '../kernel/sched/wait.ts';
import { timers } from '../kernel/timer.ts';
import { WQ_MEM_RECLAIM, alloc_workqueue, type work_struct, type workqueue_struct, workqueue } from '../kernel/workqueue.ts';
import { mempools, slabPoolFns } from '../mm/mempool.ts';
import { kmem_cache_create, slab } from '../mm/slab.ts';
import { blk_sysfs } from './blk-sysfs.ts';
import { blk_throttle } from './blk-throttle.ts';
import { elevator } from './elevator.ts';
import { EIO, ENODEV, ENOMEM } from '../include/uapi/asm-generic/errno-base.ts';

const PLUG_MAGIC = 0x91827364;

/** @port block/blk-core.c v3.15 simplified - no request or mq list yet */
function blk_start_plug(plug: blk_plug): void {
  const tsk = current();
  plug.magic = PLUG_MAGIC;
  plug.cb_list = [];
  /*
   * If this is a nested plug, don't actually assign it. It will be
   * flushed on its own.
   */
  if (!tsk.plug) tsk.plug = plug;
}

/** @port block/blk-core.c v3.15 ported */
function* flush_plug_callbacks(plug: blk_plug, from_schedule: boolean): KGen {
  while (plug.cb_list.length > 0) {
    const callbacks = plug.cb_list.splice(0);
    for (const cb of callbacks) yield* cb.callback(cb, from_schedule);
  }
}

/**
 * Finds or adds a plug callback for (unplug, data) on the current plug.
 * @port block/blk-core.c v3.15 ported
 */
function blk_check_plugged(unplug: blk_plug_cb['callback'], data: unknown): blk_plug_cb | null {
  const plug = current().plug;
  if (!plug) return null;
  for (const cb of plug.cb_list) if (cb.callback === unplug && cb.data === data) return cb;
  const cb: blk_plug_cb = { callback: unplug, data };
  plug.cb_list.push(cb);
  return cb;
}

/** @port block/blk-core.c v3.15 simplified - callbacks only until the request list is modeled */
function* blk_flush_plug_list(plug: blk_plug, from_schedule: boolean): KGen {
  yield* blk_core.flush_plug_callbacks(plug, from_schedule);
}

/** @port block/blk-core.c v3.15 ported */
function* blk_finish_plug(plug: blk_plug): KGen {
  yield* blk_core.blk_flush_plug_list(plug, false);
  const tsk = current();
  if (plug === tsk.plug) tsk.plug = null;
}

/**
 * @port block/blk-core.c v3.15 simplified - no partition remap, no fail_make_request, no
 * integrity; the dead-queue check and the throttling hook (blk_throtl_bio, as in v3.2) remain
 */
function* generic_make_request_checks(b: bio): KGen<boolean> {
  const q = b.bi_bdev;
  if (!q || q.queue_flags & QUEUE_FLAG_DEAD) {
    machine().log(`generic_make_request: bio ${b.ioId} to a dead or missing queue`);
    yield* bios.bio_endio(b, -EIO);
    return false;
  }
  // Every v3.2 queue has throttling data (blk_alloc_queue_node calls blk_throtl_init); the
  // model's bio-based simulated disk is set up without it and is not throttled.
  if (q.td !== undefined && (yield* blk_throttle.blk_throtl_bio(q, b))) return false; /* throttled, will be resubmitted later */
  return true;
}

/**
 * Submits a bio to its device. While a make_request_fn is active in this task, new bios are
 * only queued on current->bio_list and run when the active one returns.
 * @port block/blk-core.c v3.15 ported
 */
function* generic_make_request(b: bio): KGen {
  const tsk = current();
  if (!(yield* blk_core.generic_make_request_checks(b))) return;
  /*
   * We only want one ->make_request_fn to be active at a time, else
   * stack usage with stacked devices could be a problem.  So use
   * current->bio_list to keep a list of requests submited by a
   * make_request_fn function.  current->bio_list is also used as a
   * flag to say if generic_make_request is currently active in this
   * task or not.  If it is NULL, then no make_request is active.  If
   * it is non-NULL, then a make_request is active, and new requests
   * should be added at the tail
   */
  if (tsk.bio_list) {
    bio_list_add(tsk.bio_list, b);
    return;
  }
  const bio_list_on_stack = bio_list_init(taskListOwner(tsk));
  tsk.bio_list = bio_list_on_stack;
  let next: bio | null = b;
  do {
    const q = next.bi_bdev as request_queue;
    yield* q.make_request_fn(q, next);
    next = bio_list_pop(tsk.bio_list);
  } while (next);
  tsk.bio_list = null; /* deactivate */
}

/**
 * Submits a bio from above the block layer (a filesystem, swap writeout): IO accounting starts
 * here.
 * @port block/blk-core.c v3.15 simplified - no vm event counters
 */
function* submit_bio(rw: number, b: bio): KGen {
  b.bi_rw |= rw;
  b.accounted = true;
  io_account_submit(b);
  yield* blk_core.generic_make_request(b);
}

// --- The request path (block/blk-core.c, v3.2) -----------------------------------------------
//
// Simplified throughout: no plugged request lists (blk_queue_bio() adds a request to the
// elevator at once), no request batching or congestion marks, no flush/FUA machinery, no
// bounce buffers, no IO statistics; a queue has a single reference, so blk_put_queue()
// releases it.

const BLK_RW_ASYNC = 0;
const BLK_RW_SYNC = 1;

const request_cachep = kmem_cache_create('blkdev_requests', 304);
const blk_requestq_cachep = kmem_cache_create('blkdev_queue', 2048);

interface BlkCoreState {
  kblockd_workqueue: workqueue_struct | null;
  next_queue_id: number;
}

const rq_st = lazyPerMachine((): BlkCoreState => ({ kblockd_workqueue: null, next_queue_id: 1000 }));

/**
 * kblockd: created by blk_dev_init() at boot in the kernel; here on first use, so machines
 * without request-based queues carry no rescuer thread.
 */
function kblockd_workqueue(): workqueue_struct {
  const s = rq_st();
  if (s.kblockd_workqueue === null) s.kblockd_workqueue = alloc_workqueue('kblockd', WQ_MEM_RECLAIM, 0);
  return s.kblockd_workqueue;
}

/** @port block/blk-core.c v3.2 ported */
export function* kblockd_schedule_work(_q: request_queue, work: work_struct): KGen<boolean> {
  return yield* workqueue.queue_work(kblockd_workqueue(), work);
}

function newRequest(): request {
  return {
    queuelist: null,
    q: null as unknown as rq_queue,
    cmd_flags: 0,
    __sector: 0,
    __data_len: 0,
    bios: [],
    start_time: 0,
    ref_count: 0,
    elevator_private: [null, null, null],
    fifo_time: 0,
    hashed: false,
  };
}

/** @port block/blk-core.c v3.2 ported */
function blk_rq_init(q: rq_queue, rq: request): void {
  rq.queuelist = null;
  rq.q = q;
  rq.cmd_flags = 0;
  rq.__sector = -1;
  rq.__data_len = 0;
  rq.bios = [];
  rq.start_time = machine().jiffies;
  rq.ref_count = 1;
  rq.elevator_private = [null, null, null];
  rq.hashed = false;
}

/** @port block/blk-core.c v3.2 ported */
function* blk_free_request(q: rq_queue, rq: request): KGen {
  if (rq.cmd_flags & REQ_ELVPRIV) yield* elevator.elv_put_request(q, rq);
  yield* mempools.mempool_free(rq, q.rq.rq_pool);
}

/** @port block/blk-core.c v3.2 ported */
function* blk_alloc_request(q: rq_queue, flags: number, priv: boolean, gfp_mask: gfp_t): KGen<request | null> {
  const rq = yield* mempools.mempool_alloc(q.rq.rq_pool, gfp_mask);
  if (!rq) return null;
  blk_rq_init(q, rq);
  rq.cmd_flags = flags | REQ_ALLOCED;
  if (priv) {
    if (yield* elevator.elv_set_request(q, rq, gfp_mask)) {
      yield* mempools.mempool_free(rq, q.rq.rq_pool);
      return null;
    }
    rq.cmd_flags |= REQ_ELVPRIV;
  }
  return rq;
}

/** A request was freed: wake a waiter for this direction. @port block/blk-core.c v3.2 simplified - no congestion marks */
function __freed_request(q: rq_queue, sync: number): void {
  const rl = q.rq;
  if (rl.count[sync] + 1 <= q.nr_requests) {
    if (waitqueue_active(rl.wait[sync])) wake_up(rl.wait[sync]);
  }
}

/** Queue lock must be held. @port block/blk-core.c v3.2 ported */
function freed_request(q: rq_queue, sync: number, priv: boolean): void {
  const rl = q.rq;
  rl.count[sync]--;
  if (priv) rl.elvpriv--;
  __freed_request(q, sync);
  if (rl.starved[sync ^ 1]) __freed_request(q, sync ^ 1);
}

/**
 * Get a free request. Called with queue_lock held; returns with it dropped on success and held
 * on failure.
 * @port block/blk-core.c v3.2 simplified - no batching or congestion: a full list fails
 */
function* get_request(q: rq_queue, rw_flags: number, _b: bio, gfp_mask: gfp_t): KGen<request | null> {
  const rl = q.rq;
  const is_sync = rw_is_sync(rw_flags) ? BLK_RW_SYNC : BLK_RW_ASYNC;
  if (q.queue_flags & QUEUE_FLAG_DEAD) return null;
  if (elevator.elv_may_queue(q, rw_flags) === ELV_MQUEUE_NO || rl.count[is_sync] >= q.nr_requests) {
    /* rq_starved: */
    if (rl.count[is_sync] === 0) rl.starved[is_sync] = 1;
    return null;
  }
  rl.count[is_sync]++;
  rl.starved[is_sync] = 0;
  const priv = true;
  rl.elvpriv++;
  yield* spinlock.spin_unlock_irq(q.queue_lock);
  const rq = yield* blk_core.blk_alloc_request(q, rw_flags, priv, gfp_mask);
  if (!rq) {
    /*
     * Allocation failed presumably due to memory. Undo anything
     * we might have messed up.
     */
    yield* spinlock.spin_lock_irq(q.queue_lock);
    freed_request(q, is_sync, priv);
    if (rl.count[is_sync] === 0) rl.starved[is_sync] = 1;
    return null;
  }
  return rq;
}

/**
 * Get a free request, sleeping until one is available. Called with queue_lock held; returns
 * with it dropped, or NULL (lock held) for a dead queue.
 * @port block/blk-core.c v3.2 simplified - no batching after the sleep
 */
function* get_request_wait(q: rq_queue, rw_flags: number, b: bio): KGen<request | null> {
  const is_sync = rw_is_sync(rw_flags) ? BLK_RW_SYNC : BLK_RW_ASYNC;
  let rq = yield* blk_core.get_request(q, rw_flags, b, GFP_NOIO);
  while (!rq) {
    const rl = q.rq;
    if (q.queue_flags & QUEUE_FLAG_DEAD) return null;
    const wait = init_wait();
    prepare_to_wait_exclusive(rl.wait[is_sync], wait, TASK_UNINTERRUPTIBLE);
    yield* spinlock.spin_unlock_irq(q.queue_lock);
    yield* core.io_schedule();
    yield* spinlock.spin_lock_irq(q.queue_lock);
    finish_wait(rl.wait[is_sync], wait);
    rq = yield* blk_core.get_request(q, rw_flags, b, GFP_NOIO);
  }
  return rq;
}

/** @port block/blk-core.c v3.2 ported - no REQ_FAILFAST/RAHEAD/META flags */
function init_request_from_bio(req: request, b: bio): void {
  req.cmd_flags |= b.bi_rw & (REQ_WRITE | REQ_SYNC | REQ_NOIDLE);
  req.__sector = b.bi_sector;
  req.__data_len = b.bi_size;
  req.bios = [b];
}

/** @port block/blk-core.c v3.2 ported - ll_back_merge_fn() reduced to the size limit */
function bio_attempt_back_merge(q: rq_queue, req: request, b: bio): boolean {
  if (blk_rq_sectors(req) + bio_sectors(b) > q.max_sectors) return false;
  req.bios.push(b);
  req.__data_len += b.bi_size;
  elevator.elv_bio_merged(q, req, b);
  return true;
}

/** @port block/blk-core.c v3.2 ported - ll_front_merge_fn() reduced to the size limit */
function bio_attempt_front_merge(q: rq_queue, req: request, b: bio): boolean {
  if (blk_rq_sectors(req) + bio_sectors(b) > q.max_sectors) return false;
  req.bios.unshift(b);
  req.__sector = b.bi_sector;
  req.__data_len += b.bi_size;
  elevator.elv_bio_merged(q, req, b);
  return true;
}

/** @port block/blk-core.c v3.2 ported - no io accounting */
function* add_acct_request(q: rq_queue, rq: request, where: number): KGen {
  yield* elevator.__elv_add_request(q, rq, where);
}

const mergeOut: { req: request | null } = { req: null };

/**
 * The make_request_fn of request-based queues: merge the bio into a queued request, or get a
 * new request (which may sleep) and hand it to the elevator, then run the queue.
 * @port block/blk-core.c v3.2 simplified - no plugged list (see above), no flush requests
 */
function* blk_queue_bio(q: request_queue, b: bio): KGen {
  const rq_q = q as rq_queue;
  const sync = (b.bi_rw & REQ_SYNC) !== 0;
  yield* spinlock.spin_lock_irq(q.queue_lock);
  mergeOut.req = null;
  const el_ret = elevator.elv_merge(rq_q, mergeOut, b);
  const merge_req = mergeOut.req as request | null;
  if (el_ret === ELEVATOR_BACK_MERGE && merge_req && bio_attempt_back_merge(rq_q, merge_req, b)) {
    yield* elevator.elv_merged_request(rq_q, merge_req, el_ret);
    yield* spinlock.spin_unlock_irq(q.queue_lock);
    return;
  }
  if (el_ret === ELEVATOR_FRONT_MERGE && merge_req && bio_attempt_front_merge(rq_q, merge_req, b)) {
    yield* elevator.elv_merged_request(rq_q, merge_req, el_ret);
    yield* spinlock.spin_unlock_irq(q.queue_lock);
    return;
  }
  /* get_rq: */
  /*
   * This sync check and mask will be re-done in init_request_from_bio(),
   * but we need to set it earlier to expose the sync flag to the
   * rq allocator and io schedulers.
   */
  let rw_flags = bio_data_dir(b);
  if (sync) rw_flags |= REQ_SYNC;
  /*
   * Grab a free request. This is might sleep but can not fail.
   * Returns with the queue unlocked.
   */
  const req = yield* blk_core.get_request_wait(rq_q, rw_flags, b);
  if (!req) {
    yield* bios.bio_endio(b, -ENODEV); /* @q is dead */
    yield* spinlock.spin_unlock_irq(q.queue_lock);
    return;
  }
  /*
   * After dropping the lock and possibly sleeping here, our request
   * may now be mergeable after it had proven unmergeable (above).
   * We don't worry about that case for efficiency.
   */
  init_request_from_bio(req, b);
  yield* spinlock.spin_lock_irq(q.queue_lock);
  yield* blk_core.add_acct_request(rq_q, req, ELEVATOR_INSERT_SORT);
  yield* blk_core.__blk_run_queue(rq_q);
  yield* spinlock.spin_unlock_irq(q.queue_lock);
}

/** Run the queue's request_fn; queue lock held. @port block/blk-core.c v3.2 ported */
function* __blk_run_queue(q: rq_queue): KGen {
  yield* q.request_fn(q);
}

/** @port block/blk-core.c v3.2 ported */
function* blk_run_queue(q: rq_queue): KGen {
  const flags = yield* spinlock.spin_lock_irqsave(q.queue_lock);
  yield* blk_core.__blk_run_queue(q);
  yield* spinlock.spin_unlock_irqrestore(q.queue_lock, flags);
}

/** The next request for the driver, started but still queued. @port block/blk-core.c v3.2 simplified - no prep_rq_fn */
function* blk_peek_request(q: rq_queue): KGen<request | null> {
  const rq = yield* elevator.__elv_next_request(q);
  if (rq && !(rq.cmd_flags & REQ_STARTED)) {
    /*
     * This is the first time the device driver
     * sees this request (possibly after
     * requeueing).  Notify IO scheduler.
     */
    if (rq.cmd_flags & REQ_SORTED) elevator.elv_activate_rq(q, rq);
    /*
     * just mark as started even if we don't start
     * it, a request that has been delayed should
     * not be passed by new incoming requests
     */
    rq.cmd_flags |= REQ_STARTED;
  }
  return rq;
}

/** @port block/blk-core.c v3.2 ported */
function blk_dequeue_request(rq: request): void {
  const q = rq.q;
  BUG_ON(rq.queuelist === null, 'block/blk-core.c');
  const list = rq.queuelist as request[];
  list.splice(list.indexOf(rq), 1);
  rq.queuelist = null;
  /*
   * the time frame between a request being removed from the lists
   * and to it is freed is accounted as io that is in progress at
   * the driver side.
   */
  if (rq.cmd_flags & REQ_STARTED) q.in_flight[rq_is_sync(rq) ? 1 : 0]++;
}

/** @port block/blk-core.c v3.2 ported - no timeout timer */
function blk_start_request(req: request): void {
  blk_dequeue_request(req);
}

/** @port block/blk-core.c v3.2 ported */
function* blk_fetch_request(q: rq_queue): KGen<request | null> {
  const rq = yield* blk_core.blk_peek_request(q);
  if (rq) blk_start_request(rq);
  return rq;
}

/** Queue lock must be held. @port block/blk-core.c v3.2 ported */
function* __blk_put_request(q: rq_queue, req: request): KGen {
  if (--req.ref_count) return;
  yield* elevator.elv_completed_request(q, req);
  /* this is a bio leak */
  WARN_ON(req.bios.length > 0, 'block/blk-core.c');
  /*
   * Request may not have originated from ll_rw_blk. if not,
   * it didn't come out of our reserved rq pools
   */
  if (req.cmd_flags & REQ_ALLOCED) {
    const is_sync = rq_is_sync(req) ? BLK_RW_SYNC : BLK_RW_ASYNC;
    const priv = (req.cmd_flags & REQ_ELVPRIV) !== 0;
    BUG_ON(req.queuelist !== null, 'block/blk-core.c');
    BUG_ON(req.hashed, 'block/blk-core.c');
    yield* blk_core.blk_free_request(q, req);
    freed_request(q, is_sync, priv);
  }
}

/**
 * Completes the request's bios.
 * @port block/blk-core.c v3.2 simplified - whole requests only (no partial completion)
 */
function* blk_update_request(req: request, error: number): KGen<boolean> {
  for (const b of req.bios.splice(0)) {
    /* req_bio_endio() */
    yield* bios.bio_endio(b, error);
  }
  req.__data_len = 0;
  return false;
}

/** Queue lock must be held. @port block/blk-core.c v3.2 ported */
function* blk_finish_request(req: request, _error: number): KGen {
  BUG_ON(req.queuelist !== null, 'block/blk-core.c');
  yield* blk_core.__blk_put_request(req.q, req);
}

/** Completes a whole request; queue lock held. @port block/blk-core.c v3.2 ported */
function* __blk_end_request_all(rq: request, error: number): KGen {
  if (yield* blk_core.blk_update_request(rq, error)) return;
  yield* blk_core.blk_finish_request(rq, error);
}

/** @port block/blk-core.c v3.2 ported */
function* blk_init_free_list(q: rq_queue): KGen<number> {
  const fns = slabPoolFns(newRequest);
  const pool = yield* mempools.mempool_create('rq_pool', BLKDEV_MIN_RQ, fns.alloc, fns.free, request_cachep);
  if (!pool) return -ENOMEM;
  q.rq = {
    count: [0, 0],
    starved: [0, 0],
    elvpriv: 0,
    rq_pool: pool,
    wait: [init_waitqueue_head(`${q.name}.rq.wait[async]`), init_waitqueue_head(`${q.name}.rq.wait[sync]`)],
  };
  return 0;
}

function newQueue(id: number, node: number): rq_queue {
  const q: rq_queue = {
    id,
    name: `queue${id}`,
    queue_lock: spin_lock_init('&(&q->__queue_lock)->rlock'),
    queue_flags: 0,
    node,
    make_request_fn: (qq, b) => blk_core.blk_queue_bio(qq, b),
    queuedata: null,
    dev: 0,
    rq: null as unknown as request_list,
    queue_head: [],
    elevator: null,
    request_fn: null as unknown as request_fn_proc,
    last_merge: null,
    nr_requests: BLKDEV_MAX_RQ,
    nr_sorted: 0,
    in_flight: [0, 0],
    max_sectors: 256,
    sysfs_lock: mutex_init('&q->sysfs_lock'),
  };
  return q;
}

/** @port block/blk-core.c v3.2 simplified - no backing_dev_info, timers or kobject */
function* blk_alloc_queue_node(gfp_mask: gfp_t, node_id: number): KGen<rq_queue | null> {
  const id = rq_st().next_queue_id++;
  const q = yield* slab.kmem_cache_alloc(blk_requestq_cachep, gfp_mask | __GFP_ZERO, () => newQueue(id, node_id));
  if (!q) return null;
  if (yield* blk_throttle.blk_throtl_init(q)) {
    slab.kmem_cache_free(blk_requestq_cachep, q);
    return null;
  }
  return q;
}

/**
 * Sets up a request-based queue for a driver's request_fn: the request list, blk_queue_bio as
 * make_request_fn, and the elevator (CFQ). The driver sets name, dev and queuedata after.
 * @port block/blk-core.c v3.2 ported - blk_init_queue() with blk_init_queue_node() and blk_init_allocated_queue()
 */
function* blk_init_queue(rfn: request_fn_proc, lock: spinlock_t | null): KGen<rq_queue | null> {
  const q = yield* blk_core.blk_alloc_queue_node(GFP_KERNEL, -1);
  if (!q) return null;
  if (yield* blk_core.blk_init_free_list(q)) return null;
  q.request_fn = rfn;
  /* Override internal queue lock with supplied lock pointer */
  if (lock) q.queue_lock = lock;
  if (!(yield* elevator.elevator_init(q, null))) return q;
  return null;
}

/**
 * Drains everything queued before the queue was marked dead: the elevator, throttled bios, and
 * the requests the driver holds, polling every 10 ms.
 * @port block/blk-core.c v3.2 ported
 */
function* blk_drain_queue(q: rq_queue, drain_all: boolean): KGen {
  for (;;) {
    yield* spinlock.spin_lock_irq(q.queue_lock);
    yield* elevator.elv_drain_elevator(q);
    if (drain_all) yield* blk_throttle.blk_throtl_drain(q);
    yield* blk_core.__blk_run_queue(q);
    const nr_rqs = drain_all ? q.rq.count[0] + q.rq.count[1] : q.rq.elvpriv;
    yield* spinlock.spin_unlock_irq(q.queue_lock);
    if (!nr_rqs) break;
    yield* timers.msleep(10);
  }
}

/**
 * The driver is done with the queue: mark it dead, drain it, and drop the last reference.
 * @port block/blk-core.c v3.2 ported - no laptop-mode timer or blk_sync_queue() timers
 */
function* blk_cleanup_queue(q: rq_queue): KGen {
  /* mark @q DEAD, no new request or merges will be allowed afterwards */
  yield* mutexes.mutex_lock(q.sysfs_lock);
  q.queue_flags |= QUEUE_FLAG_DEAD;
  yield* spinlock.spin_lock_irq(q.queue_lock);
  q.queue_flags |= QUEUE_FLAG_DEAD;
  yield* spinlock.spin_unlock_irq(q.queue_lock);
  yield* mutexes.mutex_unlock(q.sysfs_lock);
  /*
   * Drain all requests queued before DEAD marking.
   */
  if (q.elevator) yield* blk_core.blk_drain_queue(q, true);
  /* @q is and will stay empty, shutdown and put */
  yield* blk_sysfs.blk_release_queue(q);
}

/** The queue object goes back to its cache (the end of blk_release_queue()). */
export function blk_free_queue_struct(q: rq_queue): void {
  slab.kmem_cache_free(blk_requestq_cachep, q);
}

export const blk_core = kernel_functions('block/blk-core.c', {
  generic_make_request_checks,
  generic_make_request,
  submit_bio,
  blk_start_plug,
  flush_plug_callbacks,
  blk_check_plugged,
  blk_flush_plug_list,
  blk_finish_plug,
  blk_free_request,
  blk_alloc_request,
  get_request,
  get_request_wait,
  add_acct_request,
  blk_queue_bio,
  __blk_run_queue,
  blk_run_queue,
  blk_peek_request,
  blk_fetch_request,
  __blk_put_request,
  blk_update_request,
  blk_finish_request,
  __blk_end_request_all,
  blk_init_free_list,
  blk_alloc_queue_node,
  blk_init_queue,
  blk_drain_queue,
  blk_cleanup_queue,
});
