// The queue's release (block/blk-sysfs.c, v3.2): what happens when the last reference to a
// request queue goes - the elevator exits, throttling exits, the request pool is destroyed.

import type { rq_queue } from '../include/linux/blkdev-request.ts';
import { mempools } from '../mm/mempool.ts';
import { kernel_functions } from '../sim/hooks.ts';
import type { KGen } from '../sim/task.ts';
import { blk_free_queue_struct } from './blk-core.ts';
import { blk_throttle } from './blk-throttle.ts';
import { elevator } from './elevator.ts';

/**
 * @port block/blk-sysfs.c v3.2 simplified - called directly by blk_cleanup_queue() (one
 * reference); no tags, blktrace or bdi
 */
function* blk_release_queue(q: rq_queue): KGen {
  if (q.elevator) yield* elevator.elevator_exit(q.elevator);
  yield* blk_throttle.blk_throtl_exit(q);
  if (q.rq.rq_pool) yield* mempools.mempool_destroy(q.rq.rq_pool);
  blk_free_queue_struct(q);
}

export const blk_sysfs = kernel_functions('block/blk-sysfs.c', { blk_release_queue });
