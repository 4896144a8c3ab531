// The statistics and clocks kernel code updates as a side effect (vmstat event counters, a
// task's IO accounting, sched_clock): kept per machine so they are real and readable, though
// no detector looks at them.

import { type Machine, current, machine } from '../sim/machine.ts';
import { lazyPerMachine } from '../lib/lazy-per-machine.ts';
import type { task_struct } from '../sim/task.ts';

const vm_events = lazyPerMachine((_m: Machine) => new Map<number, number>());

/** count_vm_events(item, delta) */
export function count_vm_events(item: number, delta: number): void {
  const m = vm_events();
  m.set(item, (m.get(item) ?? 0) + delta);
}

/** The vm event counters, for tests. */
export function vm_event_count(item: number): number {
  return vm_events().get(item) ?? 0;
}

const read_bytes = lazyPerMachine((_m: Machine) => new Map<number, number>());

/** task_io_account_read(bytes): the current task's read bytes (ioac.read_bytes). */
export function task_io_account_read(bytes: number): void {
  const m = read_bytes();
  const pid = current().pid;
  m.set(pid, (m.get(pid) ?? 0) + bytes);
}

/** sched_clock(): nanoseconds, from virtual time (jiffies at HZ=1000). */
export function sched_clock(): number {
  return machine().jiffies * 1_000_000;
}

/** task_pid_nr(tsk) */
export function task_pid_nr(tsk: task_struct): number {
  return tsk.pid;
}

/** time_after64(a, b) */
export function time_after64(a: number, b: number): boolean {
  return b - a < 0;
}

/** enum vm_event_item (include/linux/vm_event_item.h): the two block IO counters. */
export const PGPGIN = 0;
export const PGPGOUT = 1;
