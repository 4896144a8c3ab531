// The request half of include/linux/blkdev.h and include/linux/elevator.h (v3.2): struct
// request, the request list a queue allocates them from, and the elevator's hooks. Kept apart
// from blkdev.ts, which bio-based queues (the simulated disk, dm) use without any of this.

import type { mutex } from '../../kernel/locking/mutex.ts';
import type { wait_queue_head_t } from '../../kernel/sched/wait.ts';
import type { mempool_t } from '../../mm/mempool.ts';
import type { KGen } from '../../sim/task.ts';
import type { bio } from './bio.ts';
import type { request_queue } from './blkdev.ts';
import type { gfp_t } from './gfp.ts';
import { RQ_NOMERGE_FLAGS, rw_is_sync } from './blk_types.ts';

/** elv_merge() results */
export const ELEVATOR_NO_MERGE = 0;
export const ELEVATOR_FRONT_MERGE = 1;
export const ELEVATOR_BACK_MERGE = 2;

/** insertion points for __elv_add_request() */
export const ELEVATOR_INSERT_FRONT = 1;
export const ELEVATOR_INSERT_BACK = 2;
export const ELEVATOR_INSERT_SORT = 3;

/** elevator_may_queue_fn() results */
export const ELV_MQUEUE_MAY = 0;
export const ELV_MQUEUE_NO = 1;
export const ELV_MQUEUE_MUST = 2;

export const BLKDEV_MIN_RQ = 4;
export const BLKDEV_MAX_RQ = 128;

export interface request {
  /** rq->queuelist: the list the request is on (the dispatch queue, a cfqq's fifo), or null. */
  queuelist: request[] | null;
  q: rq_queue;
  cmd_flags: number;
  __sector: number;
  __data_len: number;
  /** rq->bio .. rq->biotail, chained through bi_next in the kernel. */
  bios: bio[];
  start_time: number;
  ref_count: number;
  /** elevator_private[3]: CFQ keeps the cfq_io_context, cfq_queue and cfq_group here. */
  elevator_private: [unknown, unknown, unknown];
  /** rq_fifo_time() */
  fifo_time: number;
  /** On the elevator's back-merge hash. */
  hashed: boolean;
}

export interface request_list {
  /** count[], starved[] and wait[] are indexed by BLK_RW_SYNC / BLK_RW_ASYNC */
  count: [number, number];
  starved: [number, number];
  elvpriv: number;
  rq_pool: mempool_t<request>;
  wait: [wait_queue_head_t, wait_queue_head_t];
}

export type request_fn_proc = (q: rq_queue) => KGen;

/** struct elevator_ops, as far as CFQ fills it. */
export interface elevator_ops {
  /** A request a front merge of the bio is possible with (elevator_merge_fn's *req), or null. */
  elevator_merge_fn(q: rq_queue, b: bio): request | null;
  elevator_merged_fn(q: rq_queue, rq: request, type: number): KGen;
  elevator_allow_merge_fn(q: rq_queue, rq: request, b: bio): boolean;
  elevator_bio_merged_fn(q: rq_queue, rq: request, b: bio): void;
  elevator_dispatch_fn(q: rq_queue, force: boolean): KGen<number>;
  elevator_add_req_fn(q: rq_queue, rq: request): KGen;
  elevator_activate_req_fn(q: rq_queue, rq: request): void;
  elevator_completed_req_fn(q: rq_queue, rq: request): KGen;
  elevator_may_queue_fn(q: rq_queue, rw: number): number;
  elevator_set_req_fn(q: rq_queue, rq: request, gfp_mask: gfp_t): KGen<number>;
  elevator_put_req_fn(rq: request): KGen;
  elevator_init_fn(q: rq_queue): KGen<unknown>;
  elevator_exit_fn(e: elevator_queue): KGen;
}

export interface elevator_type {
  elevator_name: string;
  ops: elevator_ops;
}

export interface elevator_queue {
  ops: elevator_ops | null;
  elevator_data: unknown;
  elevator_type: elevator_type;
  /** The back-merge hash: sorted requests, by the sector they end at. */
  hash: request[];
  sysfs_lock: mutex;
}

/**
 * A request_queue set up by blk_init_queue() (request-based): the fields the request path uses
 * are all there. Bio-based queues are plain request_queue objects.
 */
export interface rq_queue extends request_queue {
  dev: number;
  rq: request_list;
  /** The dispatch queue (q->queue_head) the driver takes requests from. */
  queue_head: request[];
  elevator: elevator_queue | null;
  request_fn: request_fn_proc;
  last_merge: request | null;
  nr_requests: number;
  nr_sorted: number;
  in_flight: [number, number];
  /** queue_max_sectors(): the largest request, in sectors. */
  max_sectors: number;
  sysfs_lock: mutex;
}

declare module './blkdev.ts' {
  interface request_queue {
    /** The device number of the disk on the queue (bdi->dev), where there is one. */
    dev?: number;
  }
}

export function blk_rq_pos(rq: request): number {
  return rq.__sector;
}

export function blk_rq_bytes(rq: request): number {
  return rq.__data_len;
}

export function blk_rq_sectors(rq: request): number {
  return rq.__data_len >> 9;
}

export function rq_data_dir(rq: request): number {
  return rq.cmd_flags & 1;
}

export function rq_is_sync(rq: request): boolean {
  return rw_is_sync(rq.cmd_flags);
}

/** rq_mergeable(): a file system request nothing forbids merging with. */
export function rq_mergeable(rq: request): boolean {
  return !(rq.cmd_flags & RQ_NOMERGE_FLAGS);
}
