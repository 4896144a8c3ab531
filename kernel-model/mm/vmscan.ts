// Direct reclaim. The model does not keep pages; what matters for the bugs it hunts is what
// reclaim does in the allocating task's context: it writes dirty anonymous pages to swap through
// submit_bio, with that task's cgroup, under PF_MEMALLOC. The block model plugs the swap
// writeout in with register_reclaim_writeback().

import { __GFP_IO, type gfp_t } from '../include/linux/gfp.ts';
import { kernel_functions } from '../sim/hooks.ts';
import { page_writeback } from './page-writeback.ts';
import { perMachine } from '../sim/machine.ts';
import type { KGen } from '../sim/task.ts';

/** What reclaim does to free memory: swap writeout, set up by the block model. */
export type ReclaimWriteback = (gfp_mask: gfp_t) => KGen;

interface VmscanState {
  writeback: ReclaimWriteback | null;
}

const st = perMachine((): VmscanState => ({ writeback: null }));

export function register_reclaim_writeback(fn: ReclaimWriteback | null): void {
  st().writeback = fn;
}

/**
 * shrink_page_list() -> pageout() -> swap_writepage() for one batch of anonymous pages, then, as
 * shrink_zone() ends every pass, throttle_vm_writeout(). Swap writeout needs __GFP_IO
 * (may_enter_fs for a page in the swap cache), as in the kernel.
 * @port mm/vmscan.c v3.2 model - one writeout batch per reclaim pass
 */
function* try_to_free_pages(gfp_mask: gfp_t): KGen<number> {
  const writeback = st().writeback;
  let progress = 0;
  if (gfp_mask & __GFP_IO && writeback !== null) {
    yield* writeback(gfp_mask);
    progress = 1;
  }
  yield* page_writeback.throttle_vm_writeout(gfp_mask);
  return progress;
}

export const vmscan = kernel_functions('mm/vmscan.c', { try_to_free_pages });
