// A swap device (mm/swapfile.c, v3.2 and v3.15) as far as swap writeout needs one: swapon() of a whole
// block device, a slot per page written, and the reclaim step that writes anonymous pages to
// it. Pages are not modeled beyond their flags (mm/page.ts): a page on its way to swap is a
// fresh page in the swap cache whose private field is its swap offset. The world's
// swap_writepage() (mm/page_io.c, translated) does the writing.

import { lazyPerMachine } from '../lib/lazy-per-machine.ts';
import type { Ref } from '../lib/c-pointers.ts';
import { kernel_functions, world_function } from '../sim/hooks.ts';
import { machine } from '../sim/machine.ts';
import type { KGen } from '../sim/task.ts';
import { reclaim_writeback_control, type writeback_control } from '../include/linux/writeback.ts';
import type { gfp_t } from '../include/linux/gfp.ts';
import { PG_locked, PG_swapcache, page_zeroed, type page } from './page.ts';
import { register_reclaim_writeback } from './vmscan.ts';

/** swap_info_struct.flags (include/linux/swap.h): a swap area on a block device. */
export const SWP_USED = 1 << 0;
export const SWP_WRITEOK = 1 << 1;
export const SWP_BLKDEV = 1 << 6;
/** A swap file whose filesystem does the IO (->swap_activate, swap over NFS): not modeled. */
export const SWP_FILE = 1 << 7;

export interface swap_info_struct {
  flags: number;
  /** The block device (the world's struct block_device). */
  bdev: object;
  /** First page of the swap area on the device. */
  start_page: number;
  /** Slots in the area (pages); unbounded for a disk model without a capacity. */
  max: number;
  next_offset: number;
  /** The pages written out, in order. */
  pages: page[];
}

const st = lazyPerMachine((): { si: swap_info_struct | null } => ({ si: null }));

/** The machine's swap device, if swapon() gave it one. */
export function swap_info(): swap_info_struct | null {
  return st().si;
}

function the_swap_device(): swap_info_struct {
  const si = st().si;
  if (si === null) throw new Error('swap writeout without a swap device: call swapon() first');
  return si;
}

/**
 * map_swap_page(page, &bdev): the page's swap slot as a page offset on the swap device.
 * @port mm/swapfile.c v3.2 simplified - one swap area, no extents: the slot follows the start
 */
export function map_swap_page(p: page, bdev: Ref<unknown>): number {
  const si = the_swap_device();
  bdev.v = si.bdev;
  return si.start_page + p.private;
}

/**
 * page_swap_info(page): the swap area a page in the swap cache has its slot in.
 * @port mm/swapfile.c v3.15 simplified - one swap area: the machine's
 */
export function page_swap_info(_p: page): swap_info_struct {
  return the_swap_device();
}

/**
 * try_to_free_swap(page): 1 when the page's swap copy is stale and the write can be dropped.
 * @port mm/swapfile.c v3.2 simplified - a page reclaim writes is always still mapped: never stale
 */
export function try_to_free_swap(_p: page): number {
  return 0;
}

/**
 * shrink_page_list() -> add_to_swap() -> pageout() for one anonymous page: it gets a slot, is
 * locked and handed to ->writepage, which is swap_writepage().
 * @port mm/vmscan.c v3.2 model - one page per reclaim pass
 */
function* shrink_anon_page(_gfp_mask: gfp_t): KGen {
  const si = the_swap_device();
  /* add_to_swap(): no free slot (the model never frees one), the page stays */
  if (si.next_offset >= si.max) return;
  const p = page_zeroed();
  p.private = si.next_offset++;
  p.flags |= (1 << PG_swapcache) | (1 << PG_locked);
  si.pages.push(p);
  const wbc: writeback_control = reclaim_writeback_control();
  const writepage = world_function<(p: page, wbc: writeback_control) => KGen<number>>(machine().base, 'swap_writepage');
  if (writepage === null) throw new Error(`the ${machine().base ?? 'runtime-only'} model has no swap_writepage`);
  yield* writepage(p, wbc);
}

/**
 * swapon: the block device becomes the swap device, its area `nr_sectors` long from
 * `start_sector`, and reclaim starts writing to it.
 * @port mm/swapfile.c v3.2 model - sys_swapon() of a whole block device, without the swap map
 */
export function swapon(bdev: object, start_sector: number, nr_sectors = Number.POSITIVE_INFINITY): swap_info_struct {
  const si: swap_info_struct = { flags: SWP_USED | SWP_WRITEOK | SWP_BLKDEV, bdev, start_page: start_sector >> 3, max: Math.floor(nr_sectors / 8), next_offset: 0, pages: [] };
  st().si = si;
  register_reclaim_writeback((gfp) => swap_reclaim.shrink_anon_page(gfp));
  return si;
}

/**
 * swapoff: reclaim stops writing to the area. The model's swapped-out pages are never read
 * back (no try_to_unuse()): what was written stays written.
 * @port mm/swapfile.c v3.2 model - sys_swapoff() without try_to_unuse()
 */
export function swapoff(): void {
  st().si = null;
  register_reclaim_writeback(null);
}

const swap_reclaim = kernel_functions('mm/vmscan.c', { shrink_anon_page });
