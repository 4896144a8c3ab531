// Swap writeout (mm/page_io.c, v3.2) and the reclaim step that drives it. Direct reclaim in
// any allocating task picks an anonymous page, gives it a swap slot and writes it out with
// swap_writepage() -> get_swap_bio() -> submit_bio(), in that task's context and so with its
// blkio cgroup: the swap bio goes through throttling and the IO scheduler like any other.
// Reclaim does not wait for the write.
//
// Pages are not modeled (see mm/vmscan.ts): a page here is its swap slot and writeback state.

import { type bio, BIO_UPTODATE, WRITE } from '../include/linux/bio.ts';
import type { request_queue } from '../include/linux/blkdev.ts';
import { GFP_NOIO, type gfp_t } from '../include/linux/gfp.ts';
import { blk_core } from '../block/blk-core.ts';
import { bios } from '../fs/bio.ts';
import { kernel_functions } from '../sim/hooks.ts';
import { lazyPerMachine } from '../lib/lazy-per-machine.ts';
import type { KGen } from '../sim/task.ts';
import { register_reclaim_writeback } from './vmscan.ts';
import { ENOMEM } from '../include/uapi/asm-generic/errno-base.ts';

const PAGE_SIZE = 4096;
const PAGE_SHIFT = 12;

/** An anonymous page on its way to swap: its swap slot and writeback state. */
export interface page {
  /** The swap offset (page_private: the swp_entry_t). */
  private: number;
  writeback: boolean;
  error: boolean;
}

export interface swap_info_struct {
  bdev: request_queue;
  /** First sector of the swap area on the device. */
  start_sector: number;
  next_offset: number;
  /** Pages written out, and completed. */
  pages_out: number;
  pages_done: number;
}

interface SwapState {
  si: swap_info_struct | null;
}

const st = lazyPerMachine((): SwapState => ({ si: null }));

/** The machine's swap device, if swapon() gave it one. */
export function swap_info(): swap_info_struct | null {
  return st().si;
}

/** @port mm/page_io.c v3.2 ported */
function* end_swap_bio_write(b: bio, _err: number): KGen {
  const uptodate = (b.bi_flags & (1 << BIO_UPTODATE)) !== 0;
  const pg = b.bi_private as page;
  if (!uptodate) pg.error = true;
  /* end_page_writeback() */
  pg.writeback = false;
  (st().si as swap_info_struct).pages_done++;
  yield* bios.bio_put(b);
}

/** @port mm/page_io.c v3.2 ported - map_swap_page() is the slot's offset into the swap area */
function* get_swap_bio(gfp_flags: gfp_t, pg: page, end_io: (b: bio, err: number) => KGen): KGen<bio | null> {
  const si = st().si as swap_info_struct;
  const b = yield* bios.bio_alloc(gfp_flags, 1);
  if (b) {
    b.bi_sector = si.start_sector + (pg.private << (PAGE_SHIFT - 9));
    b.bi_bdev = si.bdev;
    b.bi_size = PAGE_SIZE;
    b.bi_private = pg;
    b.bi_end_io = end_io;
  }
  return b;
}

/**
 * We may have stale swap cache pages in memory: notice them here and get rid of the
 * unnecessary I/O.
 * @port mm/page_io.c v3.2 ported - no try_to_free_swap() (every page written is still needed)
 */
function* swap_writepage(pg: page): KGen<number> {
  const b = yield* page_io.get_swap_bio(GFP_NOIO, pg, (bb, err) => page_io.end_swap_bio_write(bb, err));
  if (b === null) return -ENOMEM;
  /* set_page_writeback() */
  pg.writeback = true;
  (st().si as swap_info_struct).pages_out++;
  yield* blk_core.submit_bio(WRITE, b);
  return 0;
}

/**
 * One page of anonymous memory goes to swap: add_to_swap() gives it a slot, pageout() calls
 * swap_writepage(). Reclaim runs this in the allocating task's context.
 * @port mm/vmscan.c v3.2 model - shrink_page_list() reduced to swapping out one anonymous page
 */
function* shrink_anon_page(_gfp_mask: gfp_t): KGen {
  const si = st().si;
  if (si === null) return;
  const pg: page = { private: si.next_offset++, writeback: false, error: false };
  yield* page_io.swap_writepage(pg);
}

/**
 * swapon: the queue's disk becomes the swap device, and reclaim starts writing to it.
 * @port mm/swapfile.c v3.2 model - sys_swapon() of a whole block device, without the swap map
 */
export function swapon(bdev: request_queue, start_sector: number): swap_info_struct {
  const si: swap_info_struct = { bdev, start_sector, next_offset: 0, pages_out: 0, pages_done: 0 };
  st().si = si;
  register_reclaim_writeback((gfp) => swap_reclaim.shrink_anon_page(gfp));
  return si;
}

export const page_io = kernel_functions('mm/page_io.c', { end_swap_bio_write, get_swap_bio, swap_writepage });

/** The reclaim step lives with the swap writeout it drives; the kernel has it in mm/vmscan.c. */
const swap_reclaim = kernel_functions('mm/vmscan.c', { shrink_anon_page });
