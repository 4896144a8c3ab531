// A backing device's per-cpu statistics (mm/backing-dev.c's bdi_init() and bdi_destroy()), apart
// from the congestion state in backing-dev.ts: making them allocates, and the allocator's reclaim
// path waits on congestion, so one file holding both would import itself in a circle.

import { percpu_counter_c, percpu_counter_init, type percpu_counter } from '../lib/percpu_counter.ts';
import { kernel_functions } from '../sim/hooks.ts';
import type { KGen } from '../sim/task.ts';

/** What bdi_init() and bdi_destroy() touch of a backing_dev_info: its per-cpu statistics. */
interface bdi_counters {
  bdi_stat: percpu_counter[];
}

/**
 * bdi_init(bdi): the per-cpu statistics (NR_BDI_STAT_ITEMS counters, the same four in v3.2 and
 * v3.15), each an allocation that can fail; on a failure the ones made are destroyed again.
 * @port mm/backing-dev.c v3.2 simplified - no writeback structures to set up (no page cache, no flusher); the completions' proportion counter (prop_local_init_percpu, v3.15's fprop_local_init_percpu) is not allocated
 */
function* bdi_init(bdi: bdi_counters): KGen<number> {
  let i: number;
  let err = 0;
  for (i = 0; i < bdi.bdi_stat.length; i++) {
    err = yield* percpu_counter_init(bdi.bdi_stat[i] as percpu_counter, 0);
    if (err) break;
  }
  if (err) {
    while (i--) yield* percpu_counter_c.percpu_counter_destroy(bdi.bdi_stat[i] as percpu_counter);
  }
  return err;
}

/**
 * bdi_destroy(bdi): the per-cpu statistics freed.
 * @port mm/backing-dev.c v3.2 simplified - no dirty inodes to hand over and no bdi device to unregister (bdi_register is not modeled)
 */
function* bdi_destroy(bdi: bdi_counters): KGen {
  for (let i = 0; i < bdi.bdi_stat.length; i++) yield* percpu_counter_c.percpu_counter_destroy(bdi.bdi_stat[i] as percpu_counter);
}

export const bdi_stats = kernel_functions('mm/backing-dev.c', { bdi_init, bdi_destroy });
