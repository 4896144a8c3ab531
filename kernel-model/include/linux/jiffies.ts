// jiffies and the comparisons of include/linux/jiffies.h. Virtual time: the machine's jiffies
// move only when nothing can run and a timer is pending. The comparisons are the kernel's
// (signed difference), which is plain comparison while jiffies stay far from wrapping.

import { HZ, machine } from '../../sim/machine.ts';

export { HZ };

/** The global `jiffies`. */
export function jiffies(): number {
  return machine().jiffies;
}

/** time_after(a, b): a is after b. */
export function time_after(a: number, b: number): boolean {
  return b - a < 0;
}

/** time_before(a, b) */
export function time_before(a: number, b: number): boolean {
  return time_after(b, a);
}

/** time_after_eq(a, b) */
export function time_after_eq(a: number, b: number): boolean {
  return a - b >= 0;
}

/** time_before_eq(a, b) */
export function time_before_eq(a: number, b: number): boolean {
  return time_after_eq(b, a);
}

/** time_in_range(a, b, c): b <= a <= c. */
export function time_in_range(a: number, b: number, c: number): boolean {
  return time_after_eq(a, b) && time_before_eq(a, c);
}

/** msecs_to_jiffies(m) */
export function msecs_to_jiffies(m: number): number {
  return Math.ceil((m * HZ) / 1000);
}

/** jiffies_to_msecs(j) */
export function jiffies_to_msecs(j: number): number {
  return Math.floor((j * 1000) / HZ);
}

/**
 * round_jiffies_up(j): j rounded up to a whole second, as __round_jiffies_up() does on CPU 0.
 * @port kernel/timer.c v3.2 ported - with cpu 0 (no per-cpu skew)
 */
export function round_jiffies_up(j: number): number {
  const rem = j % HZ;
  return rem === 0 ? j : j - rem + HZ;
}
