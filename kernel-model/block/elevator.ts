// The elevator core (block/elevator.c, v3.2): the glue between the request queue and its IO
// scheduler - merge lookups (the one-hit last_merge cache and the back-merge hash), inserting
// requests, moving them to the dispatch queue, and the scheduler hooks for request setup,
// completion and release. CFQ is the only scheduler the model registers.
//
// Simplified: no elevator switching or sysfs; the back-merge hash is a list; dispatch-queue
// sorting appends (elv_dispatch_add_tail order) instead of sorting by sector.

import { BUG_ON } from '../include/asm-generic/bug.ts';
import { type bio, bio_data_dir, bio_sectors } from '../include/linux/bio.ts';
import { REQ_SORTED, REQ_STARTED } from '../include/linux/blk_types.ts';
import {
  ELEVATOR_BACK_MERGE,
  ELEVATOR_FRONT_MERGE,
  ELEVATOR_INSERT_BACK,
  ELEVATOR_INSERT_FRONT,
  ELEVATOR_INSERT_SORT,
  ELEVATOR_NO_MERGE,
  ELV_MQUEUE_MAY,
  type elevator_ops,
  type elevator_queue,
  type elevator_type,
  type request,
  type rq_queue,
  blk_rq_pos,
  blk_rq_sectors,
  rq_data_dir,
  rq_is_sync,
  rq_mergeable,
} from '../include/linux/blkdev-request.ts';
import { GFP_KERNEL, type gfp_t } from '../include/linux/gfp.ts';
import { mutex_init, mutexes } from '../kernel/locking/mutex.ts';
import { slab } from '../mm/slab.ts';
import { kernel_functions } from '../sim/hooks.ts';
import type { KGen } from '../sim/task.ts';
import { ENOMEM } from '../include/uapi/asm-generic/errno-base.ts';

/** The registered IO schedulers (elv_list), kept on a function for the reason blkio_list is. */
function elv_list(): elevator_type[] {
  const holder = elv_list as unknown as { list?: elevator_type[] };
  holder.list ??= [];
  return holder.list;
}

/** @port block/elevator.c v3.2 simplified - no module loading or sysfs */
export function elv_register(e: elevator_type): void {
  elv_list().push(e);
}

/** The scheduler's hooks; only NULL once elevator_exit() has run. */
function elv_ops(e: elevator_queue): elevator_ops {
  return e.ops as elevator_ops;
}

/** The end sector a back merge would extend: the hash key of a request. */
function rq_hash_key(rq: request): number {
  return blk_rq_pos(rq) + blk_rq_sectors(rq);
}

function elv_rqhash_del(q: rq_queue, rq: request): void {
  if (!rq.hashed) return;
  const hash = (q.elevator as elevator_queue).hash;
  hash.splice(hash.indexOf(rq), 1);
  rq.hashed = false;
}

function elv_rqhash_add(q: rq_queue, rq: request): void {
  BUG_ON(rq.hashed, 'block/elevator.c');
  (q.elevator as elevator_queue).hash.push(rq);
  rq.hashed = true;
}

function elv_rqhash_find(q: rq_queue, offset: number): request | null {
  const hash = (q.elevator as elevator_queue).hash;
  for (let i = 0; i < hash.length; i++) {
    const rq = hash[i];
    if (!rq_mergeable(rq)) {
      elv_rqhash_del(q, rq);
      i--;
      continue;
    }
    if (rq_hash_key(rq) === offset) return rq;
  }
  return null;
}

/** Whether the bio may join the request at all. @port block/elevator.c v3.2 ported */
function elv_rq_merge_ok(rq: request, b: bio): boolean {
  if (!rq_mergeable(rq)) return false;
  /* different data direction or already started, don't merge */
  if (bio_data_dir(b) !== rq_data_dir(rq)) return false;
  /* must be same device */
  if (rq.q !== b.bi_bdev) return false;
  /* elv_iosched_allow_merge() */
  const e = rq.q.elevator as elevator_queue;
  return elv_ops(e).elevator_allow_merge_fn(rq.q, rq, b);
}

/** @port block/elevator.c v3.2 ported */
function elv_try_merge(__rq: request, b: bio): number {
  if (elevator.elv_rq_merge_ok(__rq, b)) {
    if (blk_rq_pos(__rq) + blk_rq_sectors(__rq) === b.bi_sector) return ELEVATOR_BACK_MERGE;
    if (blk_rq_pos(__rq) - bio_sectors(b) === b.bi_sector) return ELEVATOR_FRONT_MERGE;
  }
  return ELEVATOR_NO_MERGE;
}

/**
 * Finds a request the bio can be merged into; `out.req` gets it. Queue lock held.
 * @port block/elevator.c v3.2 ported
 */
function elv_merge(q: rq_queue, out: { req: request | null }, b: bio): number {
  const e = q.elevator as elevator_queue;
  /*
   * First try one-hit cache.
   */
  if (q.last_merge) {
    const ret = elevator.elv_try_merge(q.last_merge, b);
    if (ret !== ELEVATOR_NO_MERGE) {
      out.req = q.last_merge;
      return ret;
    }
  }
  /*
   * See if our hash lookup can find a potential backmerge.
   */
  const __rq = elv_rqhash_find(q, b.bi_sector);
  if (__rq && elevator.elv_rq_merge_ok(__rq, b)) {
    out.req = __rq;
    return ELEVATOR_BACK_MERGE;
  }
  const front = elv_ops(e).elevator_merge_fn(q, b);
  if (front) {
    out.req = front;
    return ELEVATOR_FRONT_MERGE;
  }
  return ELEVATOR_NO_MERGE;
}

/** @port block/elevator.c v3.2 ported */
function* elv_merged_request(q: rq_queue, rq: request, type: number): KGen {
  const e = q.elevator as elevator_queue;
  yield* elv_ops(e).elevator_merged_fn(q, rq, type);
  if (type === ELEVATOR_BACK_MERGE) {
    /* elv_rqhash_reposition() */
    elv_rqhash_del(q, rq);
    elv_rqhash_add(q, rq);
  }
  q.last_merge = rq;
}

/** @port block/elevator.c v3.2 ported */
function elv_bio_merged(q: rq_queue, rq: request, b: bio): void {
  const e = q.elevator as elevator_queue;
  elv_ops(e).elevator_bio_merged_fn(q, rq, b);
}

/**
 * Moves a request from the scheduler to the dispatch queue.
 * @port block/elevator.c v3.2 simplified - appends instead of sorting by sector
 */
function elv_dispatch_sort(q: rq_queue, rq: request): void {
  if (q.last_merge === rq) q.last_merge = null;
  elv_rqhash_del(q, rq);
  q.nr_sorted--;
  rq.queuelist = q.queue_head;
  q.queue_head.push(rq);
}

/** Everything the scheduler holds goes to the dispatch queue. @port block/elevator.c v3.2 ported */
function* elv_drain_elevator(q: rq_queue): KGen {
  const e = q.elevator as elevator_queue;
  while (yield* elv_ops(e).elevator_dispatch_fn(q, true));
}

/** @port block/elevator.c v3.2 simplified - no flush or requeue insertion */
function* __elv_add_request(q: rq_queue, rq: request, where: number): KGen {
  if (where === ELEVATOR_INSERT_FRONT || where === ELEVATOR_INSERT_BACK) {
    rq.queuelist = q.queue_head;
    if (where === ELEVATOR_INSERT_FRONT) q.queue_head.unshift(rq);
    else q.queue_head.push(rq);
    return;
  }
  BUG_ON(where !== ELEVATOR_INSERT_SORT, 'block/elevator.c');
  rq.cmd_flags |= REQ_SORTED;
  q.nr_sorted++;
  if (rq_mergeable(rq)) {
    elv_rqhash_add(q, rq);
    if (!q.last_merge) q.last_merge = rq;
  }
  /*
   * Some ioscheds (cfq) run q->request_fn directly, so
   * rq cannot be accessed after calling
   * elevator_add_req_fn.
   */
  const e = q.elevator as elevator_queue;
  yield* elv_ops(e).elevator_add_req_fn(q, rq);
}

/**
 * The next request for the driver: from the dispatch queue, or asks the scheduler to move
 * some there. Queue lock held.
 * @port block/blk.h v3.2 simplified - no flush machinery
 */
function* __elv_next_request(q: rq_queue): KGen<request | null> {
  for (;;) {
    if (q.queue_head.length > 0) return q.queue_head[0];
    const e = q.elevator as elevator_queue;
    if (!(yield* elv_ops(e).elevator_dispatch_fn(q, false))) return null;
  }
}

/** @port block/elevator.c v3.2 ported */
function elv_activate_rq(q: rq_queue, rq: request): void {
  const e = q.elevator as elevator_queue;
  elv_ops(e).elevator_activate_req_fn(q, rq);
}

/** @port block/elevator.c v3.2 ported */
function* elv_completed_request(q: rq_queue, rq: request): KGen {
  const e = q.elevator as elevator_queue;
  /*
   * request is released from the driver, io must be done
   */
  if (rq.cmd_flags & REQ_STARTED) {
    q.in_flight[rq_is_sync(rq) ? 1 : 0]--;
    if (rq.cmd_flags & REQ_SORTED) yield* elv_ops(e).elevator_completed_req_fn(q, rq);
  }
}

/** @port block/elevator.c v3.2 ported */
function elv_may_queue(q: rq_queue, rw: number): number {
  const e = q.elevator as elevator_queue;
  return e.ops ? e.ops.elevator_may_queue_fn(q, rw) : ELV_MQUEUE_MAY;
}

/** @port block/elevator.c v3.2 ported */
function* elv_set_request(q: rq_queue, rq: request, gfp_mask: gfp_t): KGen<number> {
  const e = q.elevator as elevator_queue;
  return yield* elv_ops(e).elevator_set_req_fn(q, rq, gfp_mask);
}

/** @port block/elevator.c v3.2 ported */
function* elv_put_request(q: rq_queue, rq: request): KGen {
  const e = q.elevator as elevator_queue;
  yield* elv_ops(e).elevator_put_req_fn(rq);
}

/**
 * Sets up the queue's IO scheduler (the first registered one: CFQ) and its private data.
 * @port block/elevator.c v3.2 simplified - no scheduler choice by name or kernel parameter
 */
function* elevator_init(q: rq_queue, _name: string | null): KGen<number> {
  if (q.elevator) return 0;
  q.queue_head = [];
  q.last_merge = null;
  const e = elv_list()[0];
  /* elevator_alloc() */
  const eq = yield* slab.kzalloc_node(
    128,
    GFP_KERNEL,
    q.node,
    (): elevator_queue => ({ ops: e.ops, elevator_data: null, elevator_type: e, hash: [], sysfs_lock: mutex_init('&e->sysfs_lock') }),
  );
  if (!eq) return -ENOMEM;
  /* elevator_init_queue() */
  const data = yield* e.ops.elevator_init_fn(q);
  if (!data) {
    slab.kfree(eq);
    return -ENOMEM;
  }
  /* elevator_attach() */
  q.elevator = eq;
  eq.elevator_data = data;
  return 0;
}

/** @port block/elevator.c v3.2 ported - the kobject release (kfree) follows at once */
function* elevator_exit(e: elevator_queue): KGen {
  yield* mutexes.mutex_lock(e.sysfs_lock);
  if (e.ops) yield* e.ops.elevator_exit_fn(e);
  e.ops = null;
  yield* mutexes.mutex_unlock(e.sysfs_lock);
  slab.kfree(e);
}

export const elevator = kernel_functions('block/elevator.c', {
  elv_rq_merge_ok,
  elv_try_merge,
  elv_merge,
  elv_merged_request,
  elv_bio_merged,
  elv_dispatch_sort,
  elv_drain_elevator,
  __elv_add_request,
  __elv_next_request,
  elv_activate_rq,
  elv_completed_request,
  elv_may_queue,
  elv_set_request,
  elv_put_request,
  elevator_init,
  elevator_exit,
});
