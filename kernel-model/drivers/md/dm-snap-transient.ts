// The transient exception store (drivers/md/dm-snap-transient.c, v3.15): COW chunks are handed
// out in order and nothing is written to disk, so an exception commits at once - the commit
// callback (dm-snapshot's pending_complete) runs in the caller's context, the kcopyd worker.

import { GFP_KERNEL } from '../../include/linux/gfp.ts';
import { slab } from '../../mm/slab.ts';
import { kernel_functions } from '../../sim/hooks.ts';
import type { KGen } from '../../sim/task.ts';
import {
  type commit_callback_t,
  type dm_exception,
  type dm_exception_store,
  type dm_exception_store_type,
  sector_to_chunk,
} from './dm-exception-store.ts';

interface transient_c {
  next_free: number;
}

/** @port drivers/md/dm-snap-transient.c v3.15 ported */
function* transient_prepare_exception(store: dm_exception_store, e: dm_exception): KGen<number> {
  const tc = store.context as transient_c;
  const size = store.cow_sectors;
  if (size < tc.next_free + store.chunk_size) return -1;
  e.new_chunk = sector_to_chunk(store, tc.next_free);
  tc.next_free += store.chunk_size;
  return 0;
}

/** @port drivers/md/dm-snap-transient.c v3.15 ported */
function* transient_commit_exception(_store: dm_exception_store, _e: dm_exception, callback: commit_callback_t, callback_context: unknown): KGen {
  /* Just succeed */
  yield* callback(callback_context, 1);
}

/** @port drivers/md/dm-snap-transient.c v3.15 ported */
function* transient_dtr(store: dm_exception_store): KGen {
  slab.kfree(store.context as transient_c);
  yield;
}

export const dm_snap_transient = kernel_functions('drivers/md/dm-snap-transient.c', {
  transient_prepare_exception,
  transient_commit_exception,
  transient_dtr,
});

const transient_type: dm_exception_store_type = {
  name: 'transient',
  prepare_exception: (store, e) => dm_snap_transient.transient_prepare_exception(store, e),
  commit_exception: (store, e, cb, ctx) => dm_snap_transient.transient_commit_exception(store, e, cb, ctx),
  dtr: (store) => dm_snap_transient.transient_dtr(store),
};

/**
 * dm_exception_store_create for "N" (non-persistent) with a power-of-two chunk size in sectors.
 * @port drivers/md/dm-exception-store.c v3.15 simplified - the transient type only, arguments parsed
 */
export function* dm_exception_store_create(chunk_size: number, cow_sectors: number): KGen<dm_exception_store | null> {
  const tc = yield* slab.kmalloc(16, GFP_KERNEL, (): transient_c => ({ next_free: 0 }));
  if (tc === null) return null;
  return {
    type: transient_type,
    chunk_size,
    chunk_mask: chunk_size - 1,
    chunk_shift: Math.log2(chunk_size),
    cow_sectors,
    context: tc,
  };
}
