// VM event counters and page state counters (include/linux/vmstat.h): what /proc/vmstat counts.
// The model counts per machine (one zone), so a suite can read how many pages went to swap and
// reclaim can read how many are under writeback.

import { lazyPerMachine } from '../lib/lazy-per-machine.ts';

/** enum vm_event_item, the members the modeled code counts. */
export const PSWPIN = 0;
export const PSWPOUT = 1;

const events = lazyPerMachine((): number[] => [0, 0]);

/** @port include/linux/vmstat.h v3.2 simplified - one machine-wide count, no per-cpu events */
export function count_vm_event(item: number): void {
  events()[item]++;
}

/** The count of one event on the current machine. */
export function vm_event_count(item: number): number {
  return events()[item];
}

/** enum zone_stat_item, the members the modeled code keeps. */
export const NR_WRITEBACK = 0;
export const NR_UNSTABLE_NFS = 1;

const pageState = lazyPerMachine((): number[] => [0, 0]);

/**
 * inc_zone_page_state(page, item): one zone, so the page only says which machine.
 * @port mm/vmstat.c v3.2 simplified - one zone, no per-cpu deltas
 */
export function inc_zone_page_state(_page: object, item: number): void {
  pageState()[item]++;
}

/** @port mm/vmstat.c v3.2 simplified - one zone, no per-cpu deltas */
export function dec_zone_page_state(_page: object, item: number): void {
  pageState()[item]--;
}

/** @port include/linux/vmstat.h v3.2 simplified - the one zone's count */
export function global_page_state(item: number): number {
  return pageState()[item];
}
