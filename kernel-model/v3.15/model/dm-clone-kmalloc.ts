// A model knob of the dm-snapshot suites, not a configuration of the C: a mapped device whose
// clones carry no bio_set (bio->bi_pool NULL), as bios from bio_kmalloc() do. dm never cloned
// that way (its clones always come from md->bs); raid1 and raid10 allocated their resync
// buffers with bio_kmalloc() at the time, and seed 001's patch leaves such bios on
// current->bio_list ("Bios allocated with bio_kmalloc do not have bio_set, so they are not
// redirected"). The knob lets a suite ask what happens to clones the patch cannot punt.
//
// annotations.ts routes dm.c's two clone allocation sites through here: alloc_tio()'s
// bio_alloc_bioset() and free_tio()'s bio_put(). The memory stays the bio_set's (dm's
// dm_target_io and per-bio data live in its front pad): only bi_pool is cleared while the clone
// is in flight, and set back before the clone goes back to its mempool.

import { NULL } from '../../lib/c-pointers.ts';
import { kernel_functions } from '../../sim/hooks.ts';
import { lazyPerMachine } from '../../lib/lazy-per-machine.ts';
import type { KGen } from '../../sim/task.ts';
import { bio_c } from '../fs/bio.ts';
import type { bio } from '../include/linux/blk_types.ts';
import type { bio_set } from '../include/linux/bio.ts';

/** The devices whose clones carry no bio_set. */
const kmallocDevices = lazyPerMachine((): Set<object> => new Set());

/** Turns the knob on for a mapped device (before any IO reaches it). */
export function dm_clone_with_kmalloc(md: object): void {
  kmallocDevices().add(md);
}

/**
 * alloc_tio()'s bio_alloc_bioset(GFP_NOIO, nr_iovecs, md->bs); for a device with the knob, the
 * clone's bi_pool is cleared.
 * @port drivers/md/dm.c v3.15 model - a clone allocation; bi_pool NULL under the kmalloc knob
 */
function* dm_clone_alloc(gfp_mask: number, nr_iovecs: number, md: { bs: bio_set }): KGen<bio> {
  const clone = yield* bio_c.bio_alloc_bioset(gfp_mask, nr_iovecs, md.bs);
  if (clone && kmallocDevices().has(md)) clone.bi_pool = NULL;
  return clone;
}

/**
 * free_tio()'s bio_put(&tio->clone): a clone of a device with the knob gets its bio_set back
 * first, so its memory returns to the mempool it came from.
 * @port drivers/md/dm.c v3.15 model - a clone's release; bi_pool restored under the kmalloc knob
 */
function* dm_clone_put(md: { bs: bio_set }, clone: bio): KGen {
  if (clone.bi_pool === NULL && kmallocDevices().has(md)) clone.bi_pool = md.bs;
  yield* bio_c.bio_put(clone);
}

export const dm_clone_knob = kernel_functions('drivers/md/dm-clone-kmalloc.c', { dm_clone_alloc, dm_clone_put }, 'v3.15');
