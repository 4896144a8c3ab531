// A swap device (mm/swapfile.c, v3.2) as far as swap writeout needs one: swapon() of a whole
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

export interface swap_info_struct {
  /** The block device (the world's struct block_device). */
  bdev: object;
  /** First page of the swap area on the device. */
  start_page: number;
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
 * swapon: the block device becomes the swap device, starting at `start_sector`, and reclaim
 * starts writing to it.
 * @port mm/swapfile.c v3.2 model - sys_swapon() of a whole block device, without the swap map
 */
export function swapon(bdev: object, start_sector: number): swap_info_struct {
  const si: swap_info_struct = { bdev, start_page: start_sector >> 3, next_offset: 0, pages: [] };
  st().si = si;
  register_reclaim_writeback((gfp) => swap_reclaim.shrink_anon_page(gfp));
  return si;
}

const swap_reclaim = kernel_functions('mm/vmscan.c', { shrink_anon_page });
