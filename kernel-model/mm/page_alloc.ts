// The page allocator's decision of whether an allocation finds free memory, enters direct
// reclaim, or fails, driven by the run's memory-pressure level and the decision stream.
//
//   none       every allocation is served from free memory
//   low        a sleeping allocation sometimes (1 in 4, drawn) goes through direct reclaim
//   high       every sleeping allocation goes through direct reclaim first; an atomic one
//              fails half the time (drawn)
//   exhausted  as high, and every allocation that cannot sleep fails
//
// An allocation with __GFP_NORETRY (mempool's) gives up after one reclaim pass: under high
// pressure it then fails half the time (drawn), when exhausted always.

import { __GFP_NORETRY, __GFP_WAIT, type gfp_t } from '../include/linux/gfp.ts';
import { kernel_functions } from '../sim/hooks.ts';
import { current, machine } from '../sim/machine.ts';
import { type KGen, PF_MEMALLOC } from '../sim/task.ts';
import { lockdep_clear_current_reclaim_state, lockdep_set_current_reclaim_state, lockdep_trace_alloc } from '../kernel/locking/lockdep.ts';
import { cond_resched, might_sleep } from '../kernel/sched/core.ts';
import { vmscan } from './vmscan.ts';
import { memory_pressure } from './memory-pressure.ts';
import { PAGE_SIZE, page_zeroed, type page } from './page.ts';
import { set_page_owner } from './page_owner.ts';
import { ALLOC_PRIMITIVES } from './kasan.ts';
import { guiltyFrame } from '../sim/findings.ts';

/**
 * Direct reclaim in the allocating task's own context.
 * @port mm/page_alloc.c v3.2 ported
 */
function* __alloc_pages_direct_reclaim(gfp_mask: gfp_t): KGen<number> {
  yield* cond_resched();
  /* We now go into synchronous reclaim */
  const t = current();
  t.flags |= PF_MEMALLOC;
  lockdep_set_current_reclaim_state(gfp_mask);
  const progress = yield* vmscan.try_to_free_pages(gfp_mask);
  lockdep_clear_current_reclaim_state();
  t.flags &= ~PF_MEMALLOC;
  yield* cond_resched();
  return progress;
}

/**
 * fail_page_alloc's decision for a page allocation made at `site` (the first frame that is not
 * an allocator): only a task's armed fail-nth fails one (machine.shouldFailPageAlloc).
 * @port mm/page_alloc.c v3.2 simplified - syzkaller's attributes: no gfp or order exemptions
 */
function should_fail_alloc_page(): boolean {
  return machine().shouldFailPageAlloc(guiltyFrame(current().stack, ALLOC_PRIMITIVES), PAGE_SIZE);
}

/**
 * Whether an allocation with `gfp_mask` gets memory; may reclaim first. It starts as the C
 * does: lockdep_trace_alloc(), then might_sleep_if(__GFP_WAIT), then fail_page_alloc, so a
 * page allocation (per-cpu population) under a lock marks it RECLAIM_FS-ON like a slab
 * allocation does. The slab allocator calls it for every object (`slab_object`), as the memory
 * pressure an object meets, not as a new slab page: those calls were offered to failslab
 * already, and fail_page_alloc leaves them alone.
 * @port mm/page_alloc.c v3.2 model - pressure level instead of watermarks and zones
 */
function* __alloc_pages_nodemask(gfp_mask: gfp_t, slab_object: boolean): KGen<boolean> {
  lockdep_trace_alloc(gfp_mask);
  if (gfp_mask & __GFP_WAIT) might_sleep('mm/page_alloc.c');
  if (!slab_object && should_fail_alloc_page()) return false;
  const m = machine();
  const pressure = memory_pressure();
  const t = current();
  // Boot-time allocations (pid 0) come from free memory, before any pressure exists.
  if (pressure === 'none' || t.pid === 0) return true;
  const wait = (gfp_mask & __GFP_WAIT) !== 0;
  if (t.flags & PF_MEMALLOC) {
    // Reclaimers allocate from the emergency reserves and never recurse into reclaim.
    return pressure !== 'exhausted';
  }
  if (!wait) {
    if (pressure === 'exhausted') return false;
    if (pressure === 'high') return m.decide('pressure', 2) === 0;
    return true;
  }
  if (pressure === 'low' && m.decide('pressure', 4) !== 0) return true;
  yield* page_alloc.__alloc_pages_direct_reclaim(gfp_mask);
  if (gfp_mask & __GFP_NORETRY) {
    if (pressure === 'exhausted') return false;
    if (pressure === 'high') return m.decide('pressure', 2) === 0;
  }
  return true;
}

/**
 * alloc_page(gfp): goes through the page allocator (reclaim, fault injection), then makes the page.
 * @port include/linux/gfp.h v3.2 simplified - one order-0 page
 */
export function* alloc_page(gfp_mask: number): KGen<page> {
  if (!(yield* page_alloc.__alloc_pages_nodemask(gfp_mask, false))) return null as never;
  const p = page_zeroed();
  set_page_owner(p, gfp_mask);
  return p;
}

export const page_alloc = kernel_functions('mm/page_alloc.c', {
  __alloc_pages_direct_reclaim,
  __alloc_pages_nodemask,
});
