// Per-cpu counters (lib/percpu_counter.c, the same in v3.2 and v3.15): the model keeps the count
// in one number (no per-cpu batches to fold), but each counter's per-cpu area is allocated and
// freed as the C's is, so making one can fail (a backing device's bdi_init(), for one) and one
// never destroyed is a leak.

import { ENOMEM } from '../include/uapi/asm-generic/errno-base.ts';
import { percpu, type percpu_ptr } from '../mm/percpu.ts';
import { kernel_functions } from '../sim/hooks.ts';
import type { KGen } from '../sim/task.ts';

/** One CPU's s32 of a counter. */
interface percpu_counter_cpu {
  v: number;
}

export interface percpu_counter {
  count: number;
  /** s32 __percpu *counters: NULL until initialised, and again once destroyed. */
  counters: percpu_ptr<percpu_counter_cpu> | null;
}

export function percpu_counter_zeroed(): percpu_counter {
  return { count: 0, counters: null };
}

/**
 * __percpu_counter_init(fbc, amount, key), behind the percpu_counter_init() macro (its static
 * lock class key is lockdep's business, not the model's).
 * @port lib/percpu_counter.c v3.2 simplified - not put on the CPU-hotplug list of counters (CPUs do not come and go in the model)
 */
function* __percpu_counter_init(fbc: percpu_counter, amount: number): KGen<number> {
  fbc.count = amount;
  fbc.counters = yield* percpu.__alloc_percpu(4, (): percpu_counter_cpu => ({ v: 0 }));
  if (!fbc.counters) return -ENOMEM;
  return 0;
}

/** @port lib/percpu_counter.c v3.2 simplified - no CPU-hotplug list to leave */
function* percpu_counter_destroy(fbc: percpu_counter): KGen {
  if (!fbc.counters) return;
  yield* percpu.free_percpu(fbc.counters);
  fbc.counters = null;
}

/**
 * percpu_counter_init(fbc, value) (include/linux/percpu_counter.h): a macro, so no frame of its
 * own; an allocation through it is its caller's.
 */
function percpu_counter_init(fbc: percpu_counter, amount: number): KGen<number> {
  return percpu_counter_c.__percpu_counter_init(fbc, amount);
}

export const percpu_counter_c = kernel_functions('lib/percpu_counter.c', { __percpu_counter_init, percpu_counter_destroy });
export { percpu_counter_init };
