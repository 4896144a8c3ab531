// VM event counters (include/linux/vmstat.h): what /proc/vmstat counts. The model counts per
// machine, so a suite can read how many pages went to swap.

import { lazyPerMachine } from '../lib/lazy-per-machine.ts';

/** enum vm_event_item, the members the modeled code counts. */
export const PSWPIN = 0;
export const PSWPOUT = 1;

const events = lazyPerMachine((): number[] => [0, 0]);

/** count_vm_event(item) */
export function count_vm_event(item: number): void {
  events()[item]++;
}

/** The count of one event on the current machine. */
export function vm_event_count(item: number): number {
  return events()[item];
}
