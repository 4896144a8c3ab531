// Per-cpu counters (lib/percpu_counter.c, v3.15): one number in the model (no per-cpu batches).

export interface percpu_counter {
  count: number;
}

export function percpu_counter_zeroed(): percpu_counter {
  return { count: 0 };
}

/** @port lib/percpu_counter.c v3.15 simplified - one counter; returns 0 */
export function percpu_counter_init(fbc: percpu_counter, amount: number): number {
  fbc.count = amount;
  return 0;
}

/** @port lib/percpu_counter.c v3.15 simplified */
export function percpu_counter_destroy(_fbc: percpu_counter): void {}
