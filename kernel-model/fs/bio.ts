// Bios and bio_sets (fs/bio.c, v3.15): allocation from a bio_set's mempool with the rescuer
// that keeps stacking drivers making progress, bio_kmalloc, clones, chaining, completion.
//
// Simplified throughout: bios carry no pages (bi_io_vec, bvec pools and integrity are not
// modeled; a bio is a sector range, bi_iter is bi_sector + bi_size). The allocation, mempool,
// punting and completion logic is the C's, in its order. Because there are no bvecs, the second
// punting site of bio_alloc_bioset (after a failed bvec_alloc) does not exist in the model.

import { __GFP_WAIT, GFP_KERNEL, type gfp_t } from '../include/linux/gfp.ts';
import { BUG_ON } from '../include/asm-generic/bug.ts';
import { ATOMIC_INIT, atomic_dec_and_test, atomic_inc, atomic_read } from '../include/linux/atomic.ts';
import {
  type bio,
  type bio_end_io_t,
  type bio_list,
  BIO_CLONED,
  BIO_UPTODATE,
  bio_list_add,
  bio_list_empty,
  bio_list_init,
  bio_list_merge,
  bio_list_pop,
} from '../include/linux/bio.ts';
import { io_account_complete } from '../block/blk-io-accounting.ts';
import { blk_core } from '../block/blk-core.ts';
import { spin_lock_init, spinlock, type spinlock_t } from '../kernel/locking/spinlock.ts';
import { INIT_WORK, WQ_MEM_RECLAIM, alloc_workqueue, workqueue, type work_struct, type workqueue_struct } from '../kernel/workqueue.ts';
import { mempools, slabPoolFns, type mempool_t } from '../mm/mempool.ts';
import { kmem_cache_create, slab, type kmem_cache } from '../mm/slab.ts';
import { kernel_functions } from '../sim/hooks.ts';
import { current, machine, perMachine } from '../sim/machine.ts';
import { type KGen, type task_struct, registerTaskInit } from '../sim/task.ts';
import { kmemleak_not_leak } from '../mm/kasan.ts';
import { EIO } from '../include/uapi/asm-generic/errno-base.ts';

export const BIO_POOL_SIZE = 2;
const BIO_INLINE_VECS = 4;
const BIO_SIZE = 128;

export interface bio_set {
  name: string;
  bio_slab: kmem_cache;
  front_pad: number;
  bio_pool: mempool_t<bio>;
  rescue_lock: spinlock_t;
  rescue_list: bio_list;
  rescue_work: work_struct;
  rescue_workqueue: workqueue_struct;
}

interface BioState {
  nextIoId: number;
  fs_bio_set: bio_set | undefined;
}

declare module '../sim/task.ts' {
  interface task_struct {
    /** current->bio_list: non-null while generic_make_request() is active in this task. */
    bio_list: bio_list | null;
  }
}

registerTaskInit((t: task_struct) => {
  t.bio_list = null;
});

// Filled in by the boot hook at the end of this file, once the bio functions are registered.
const st = perMachine((): BioState => ({ nextIoId: 1 }) as BioState);

/** The bio_set used by code that has none of its own. */
export function fs_bio_set(): bio_set {
  const state = st();
  state.fs_bio_set ??= init_bio();
  return state.fs_bio_set;
}

/** A fresh struct bio as the slab hands it out (before bio_init). */
export function newBio(): bio {
  const b: bio = {
    ioId: 0,
    bi_sector: 0,
    bi_size: 0,
    bi_rw: 0,
    bi_flags: 0,
    bi_bdev: null,
    bi_cnt: ATOMIC_INIT(1),
    bi_remaining: ATOMIC_INIT(1),
    bi_end_io: null,
    bi_private: null,
    bi_pool: null,
    bi_max_vecs: 0,
    bi_where: null,
    accounted: false,
    bi_front_pad: null,
    describe: () => `bio ${b.ioId} (${b.bi_rw & 1 ? 'write' : 'read'} sector ${b.bi_sector}+${b.bi_size >> 9})${whereText(b)}`,
    *blockers() {
      const w = b.bi_where;
      if (w !== null && w !== 'device') yield* w.owner.blockers();
    },
  };
  return b;
}

function whereText(b: bio): string {
  const w = b.bi_where;
  if (w === null) return '';
  if (w === 'device') return ' at the device';
  return ` queued on ${w.owner.describe()}`;
}

/**
 * memset(bio, 0) and the two counts: a bio reused from a mempool's reserve must not carry its
 * last user's sector, size, direction or device. The front_pad in front of it is not touched.
 * @port fs/bio.c v3.15 ported
 */
function bio_init(b: bio): void {
  const s = st();
  b.ioId = s.nextIoId++;
  b.bi_sector = 0;
  b.bi_size = 0;
  b.bi_rw = 0;
  b.bi_bdev = null;
  b.bi_pool = null;
  b.bi_max_vecs = 0;
  b.bi_flags = 1 << BIO_UPTODATE;
  b.bi_cnt.counter = 1;
  b.bi_remaining.counter = 1;
  b.bi_end_io = null;
  b.bi_private = null;
  b.bi_where = null;
  b.accounted = false;
}

/**
 * Resubmits the bios punted to this bio_set's rescuer.
 * @port fs/bio.c v3.15 ported
 */
function* bio_alloc_rescue(work: work_struct): KGen {
  const bs = (work as work_struct & { bs: bio_set }).bs;
  for (;;) {
    yield* spinlock.spin_lock(bs.rescue_lock);
    const b = bio_list_pop(bs.rescue_list);
    yield* spinlock.spin_unlock(bs.rescue_lock);
    if (!b) break;
    yield* blk_core.generic_make_request(b);
  }
}

/**
 * Moves the bios on current->bio_list that came from `bs` to its rescuer, which submits them
 * from another context, so that the mempool can refill while this task waits.
 * @port fs/bio.c v3.15 ported
 */
function* punt_bios_to_rescuer(bs: bio_set): KGen {
  const tsk = current();
  const list = tsk.bio_list as bio_list;
  /*
   * In order to guarantee forward progress we must punt only bios that
   * were allocated from this bio_set; otherwise, if there was a bio on
   * there for a stacking driver higher up in the stack, processing it
   * could require allocating bios from this bio_set, and doing that from
   * our own rescuer would be bad.
   */
  const punt = bio_list_init(list.owner);
  const nopunt = bio_list_init(list.owner);
  let b: bio | null;
  while ((b = bio_list_pop(list))) bio_list_add(b.bi_pool === bs ? punt : nopunt, b);
  bio_list_merge(list, nopunt);
  yield* spinlock.spin_lock(bs.rescue_lock);
  bio_list_merge(bs.rescue_list, punt);
  yield* spinlock.spin_unlock(bs.rescue_lock);
  yield* workqueue.queue_work(bs.rescue_workqueue, bs.rescue_work);
}

/** sizeof(struct bio) + nr_iovecs * sizeof(struct bio_vec): what bio_kmalloc asks kmalloc for. */
export function bio_kmalloc_size(nr_iovecs: number): number {
  return BIO_SIZE + nr_iovecs * 16;
}

/**
 * @port fs/bio.c v3.15 ported - no bvec allocation: bios carry no pages in the model
 */
function* bio_alloc_bioset(gfp_mask: gfp_t, nr_iovecs: number, bs: bio_set | null): KGen<bio | null> {
  const saved_gfp = gfp_mask;
  let p: bio | null;
  if (!bs) {
    p = yield* slab.kmalloc(bio_kmalloc_size(nr_iovecs), gfp_mask, newBio);
  } else {
    /*
     * generic_make_request() converts recursion to iteration; this
     * means if we're running beneath it, any bios we allocate and
     * submit will not be submitted (and thus freed) until after we
     * return.
     *
     * This exposes us to a potential deadlock if we allocate
     * multiple bios from the same bio_set() while running
     * underneath generic_make_request(). If we were to allocate
     * multiple bios (say a stacking block driver that was splitting
     * bios), we would deadlock if we exhausted the mempool's
     * reserve.
     *
     * We solve this, and guarantee forward progress, with a rescuer
     * workqueue per bio_set. If we go to allocate and there are
     * bios on current->bio_list, we first try the allocation
     * without __GFP_WAIT; if that fails, we punt those bios we
     * would be blocking to the rescuer workqueue before we retry
     * with the original gfp_flags.
     */
    const list = current().bio_list;
    if (list && !bio_list_empty(list)) gfp_mask &= ~__GFP_WAIT;
    p = yield* mempools.mempool_alloc(bs.bio_pool, gfp_mask);
    if (!p && gfp_mask !== saved_gfp) {
      yield* bios.punt_bios_to_rescuer(bs);
      gfp_mask = saved_gfp;
      p = yield* mempools.mempool_alloc(bs.bio_pool, gfp_mask);
    }
  }
  if (!p) return null;
  bios.bio_init(p);
  p.bi_pool = bs;
  p.bi_max_vecs = nr_iovecs;
  return p;
}

/** @port include/linux/bio.h v3.15 ported */
function* bio_kmalloc(gfp_mask: gfp_t, nr_iovecs: number): KGen<bio | null> {
  return yield* bios.bio_alloc_bioset(gfp_mask, nr_iovecs, null);
}

/** @port include/linux/bio.h v3.15 ported */
function* bio_alloc(gfp_mask: gfp_t, nr_iovecs: number): KGen<bio | null> {
  return yield* bios.bio_alloc_bioset(gfp_mask, nr_iovecs, fs_bio_set());
}

/** @port fs/bio.c v3.15 ported */
function* bio_free(b: bio): KGen {
  const bs = b.bi_pool;
  if (bs) {
    // fs_bio_set lives as long as the machine: a bio that refills its reserve stays referenced
    // by the pool, which kmemleak's scan would see.
    if (bs === st().fs_bio_set) kmemleak_not_leak(b);
    yield* mempools.mempool_free(b, bs.bio_pool);
  } else {
    /* Bio was allocated by bio_kmalloc() */
    slab.kfree(b);
  }
}

/** @port fs/bio.c v3.15 ported */
function* bio_put(b: bio): KGen {
  BUG_ON(!atomic_read(b.bi_cnt), 'fs/bio.c');
  /* last put frees it */
  if (yield* atomic_dec_and_test(b.bi_cnt)) yield* bios.bio_free(b);
}

/** @port fs/bio.c v3.15 ported */
function bio_get(b: bio): void {
  b.bi_cnt.counter++;
}

/**
 * Makes `b` a clone of `bio_src` sharing its (unmodeled) biovec.
 * @port fs/bio.c v3.15 ported - no bi_io_vec to share
 */
function __bio_clone_fast(b: bio, bio_src: bio): void {
  b.bi_bdev = bio_src.bi_bdev;
  b.bi_flags |= 1 << BIO_CLONED;
  b.bi_rw = bio_src.bi_rw;
  b.bi_sector = bio_src.bi_sector;
  b.bi_size = bio_src.bi_size;
}

/** @port fs/bio.c v3.15 ported - no integrity payload */
function* bio_clone_fast(src: bio, gfp_mask: gfp_t, bs: bio_set | null): KGen<bio | null> {
  const b = yield* bios.bio_alloc_bioset(gfp_mask, 0, bs);
  if (!b) return null;
  bios.__bio_clone_fast(b, src);
  return b;
}

/**
 * A clone with its own biovec (copied segment by segment in the C).
 * @port fs/bio.c v3.15 simplified - no bvec copy, no integrity; nr_iovecs is the source's bi_max_vecs
 */
function* bio_clone_bioset(src: bio, gfp_mask: gfp_t, bs: bio_set | null): KGen<bio | null> {
  const b = yield* bios.bio_alloc_bioset(gfp_mask, src.bi_max_vecs, bs);
  if (!b) return null;
  b.bi_bdev = src.bi_bdev;
  b.bi_rw = src.bi_rw;
  b.bi_sector = src.bi_sector;
  b.bi_size = src.bi_size;
  return b;
}

/**
 * Moves the bio's start forward by `bytes`.
 * @port fs/bio.c v3.15 simplified - bio_advance_iter on bi_sector/bi_size only
 */
export function bio_advance(b: bio, bytes: number): void {
  b.bi_sector += bytes >> 9;
  b.bi_size -= bytes;
}

/** @port fs/bio.c v3.15 ported */
function* bio_chain_endio(b: bio, error: number): KGen {
  yield* bios.bio_endio(b.bi_private as bio, error);
  yield* bios.bio_put(b);
}

/**
 * Makes `parent` complete only after `b` has: the parent's bi_remaining counts the child.
 * @port fs/bio.c v3.15 ported
 */
function* bio_chain(b: bio, parent: bio): KGen {
  BUG_ON(b.bi_private !== null || b.bi_end_io !== null, 'fs/bio.c');
  b.bi_private = parent;
  b.bi_end_io = bios.bio_chain_endio as bio_end_io_t;
  yield* atomic_inc(parent.bi_remaining);
}

/**
 * Completes a bio: drops one of its remaining counts, and on the last calls bi_end_io.
 * @port fs/bio.c v3.15 ported
 */
function* bio_endio(b: bio, error: number): KGen {
  BUG_ON(atomic_read(b.bi_remaining) <= 0, 'fs/bio.c');
  if (error) b.bi_flags &= ~(1 << BIO_UPTODATE);
  else if (!(b.bi_flags & (1 << BIO_UPTODATE))) error = -EIO;
  if (!(yield* atomic_dec_and_test(b.bi_remaining))) return;
  if (b.accounted) io_account_complete(b);
  if (b.bi_end_io) yield* b.bi_end_io(b, error);
}

/**
 * Splits the first `sectors` off `b` into a new bio from `bs`; `b` keeps the rest.
 * @port fs/bio.c v3.15 ported - no integrity trim
 */
function* bio_split(b: bio, sectors: number, gfp: gfp_t, bs: bio_set | null): KGen<bio | null> {
  BUG_ON(sectors <= 0, 'fs/bio.c');
  BUG_ON(sectors >= b.bi_size >> 9, 'fs/bio.c');
  const split = yield* bios.bio_clone_fast(b, gfp, bs);
  if (!split) return null;
  split.bi_size = sectors << 9;
  bio_advance(b, split.bi_size);
  return split;
}

/** bio_io_error(bio): bio_endio(bio, -EIO). @port include/linux/bio.h v3.15 ported */
export function* bio_io_error(b: bio): KGen {
  yield* bios.bio_endio(b, -EIO);
}

/**
 * @port fs/bio.c v3.15 simplified - no bvec pool or integrity pool
 */
function* bioset_create(pool_size: number, front_pad: number): KGen<bio_set | null> {
  const bs = yield* slab.kzalloc(64, GFP_KERNEL, () => ({}) as bio_set);
  if (!bs) return null;
  bs.name = `bioset-${front_pad}`;
  bs.front_pad = front_pad;
  bs.rescue_lock = spin_lock_init('&bs->rescue_lock');
  // A punted bio waits for the rescue work; the rescuer thread is what guarantees it runs.
  bs.rescue_list = bio_list_init({
    describe: () => `the rescue_list of bio_set ${bs.name}`,
    blockers: () => (bs.rescue_workqueue.rescuer ? [bs.rescue_workqueue.rescuer.task] : []),
  });
  bs.rescue_work = Object.assign(INIT_WORK('bio_alloc_rescue', bios.bio_alloc_rescue), { bs });
  bs.bio_slab = kmem_cache_create(`bio-${front_pad}`, BIO_SIZE + front_pad + BIO_INLINE_VECS * 16);
  const fns = slabPoolFns(newBio);
  const pool = yield* mempools.mempool_create('bio_pool', pool_size, fns.alloc, fns.free, bs.bio_slab);
  if (!pool) {
    slab.kfree(bs);
    return null;
  }
  bs.bio_pool = pool;
  bs.rescue_workqueue = alloc_workqueue('bioset', WQ_MEM_RECLAIM, 0);
  return bs;
}

/** @port fs/bio.c v3.15 simplified */
function* bioset_free(bs: bio_set): KGen {
  yield* mempools.mempool_destroy(bs.bio_pool);
  slab.kfree(bs);
}

export const bios = kernel_functions('fs/bio.c', {
  bio_init,
  bio_alloc_rescue,
  punt_bios_to_rescuer,
  bio_alloc_bioset,
  bio_kmalloc,
  bio_alloc,
  bio_free,
  bio_put,
  bio_get,
  __bio_clone_fast,
  bio_clone_fast,
  bio_clone_bioset,
  bio_chain_endio,
  bio_chain,
  bio_endio,
  bio_split,
  bioset_create,
  bioset_free,
});

/**
 * init_bio(): fs_bio_set. The kernel creates it at boot; the model creates it, as boot code
 * (pid 0, no pressure, no faults), the first time anything asks for it, which nothing can tell
 * apart and which keeps a machine that never touches a bio cheap to boot.
 * @port fs/bio.c v3.15 simplified
 */
function init_bio(): bio_set {
  const fs = machine().bootCall(bios.bioset_create(BIO_POOL_SIZE, 0));
  if (fs === null) throw new Error('bio: cannot create fs_bio_set at boot');
  fs.name = 'fs_bio_set';
  for (const e of fs.bio_pool.elements) markBootObject(e);
  markBootObject(fs);
  return fs;
}

function markBootObject(o: object): void {
  kmemleak_not_leak(o);
}
