// Direct reclaim. The model does not keep pages; what matters for the bugs it hunts is what
// reclaim does in the allocating task's context: it writes dirty anonymous pages to swap through
// submit_bio, with that task's cgroup, under PF_MEMALLOC. The block model plugs the swap
// writeout in with register_reclaim_writeback().

import { __GFP_IO, type gfp_t } from '../include/linux/gfp.ts';
import { kernel_functions } from '../sim/hooks.ts';
import { perMachine } from '../sim/machine.ts';
import type { KGen } from '../sim/task.ts';

/** What reclaim does to free memory: swap writeout, set up by the block model. */
export type ReclaimWriteback = (gfp_mask: gfp_t) => KGen;

interface VmscanState {
  writeback: ReclaimWriteback | null;
}

const st = perMachine((): VmscanState => ({ writeback: null }));

export function register_reclaim_writeback(fn: ReclaimWriteback): void {
  st().writeback = fn;
}

/**
 * shrink_page_list() -> pageout() -> swap_writepage() for one batch of anonymous pages. Swap
 * writeout needs __GFP_IO (may_enter_fs for a page in the swap cache), as in the kernel.
 * @port mm/vmscan.c v3.2 model - one writeout batch per reclaim pass
 */
function* try_to_free_pages(gfp_mask: gfp_t): KGen<number> {
  const writeback = st().writeback;
  if (!(gfp_mask & __GFP_IO) || writeback === null) return 0;
  yield* writeback(gfp_mask);
  return 1;
}

export const vmscan = kernel_functions('mm/vmscan.c', { try_to_free_pages });
