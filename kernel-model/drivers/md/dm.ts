// Device-mapper core for bio-based devices (drivers/md/dm.c, v3.15): the mapped device's
// make_request_fn splits each bio at target boundaries (and at a target's max_io_len), clones
// every piece from the device's bio_set with the dm_target_io in the bio_set's front_pad,
// hands each clone to its target's map method, and completes the original bio when the last
// clone completes (dec_pending).
//
// Not modeled: request-based dm, suspend/resume and the deferred list, flush and discard bios,
// table swaps (so no SRCU on the live table), disk statistics, integrity.
//
// A model knob: a device created with `clone_with_kmalloc` has no bio_set and clones with
// bio_kmalloc (bio_alloc_bioset's NULL-bs path), as md raid1 and raid10 allocated some of their
// bios at the time. dm never did this; it lets a suite ask what happens to clones without a
// bio_set.

import { ATOMIC_INIT, atomic_dec_and_test, atomic_inc, atomic_set, type atomic_t } from '../../include/linux/atomic.ts';
import { BUG_ON } from '../../include/asm-generic/bug.ts';
import { type bio, BIO_UPTODATE, bio_data_dir, bio_flagged, bio_sectors } from '../../include/linux/bio.ts';
import type { request_queue } from '../../include/linux/blkdev.ts';
import {
  DM_ENDIO_INCOMPLETE,
  DM_ENDIO_REQUEUE,
  DM_MAPIO_REMAPPED,
  DM_MAPIO_REQUEUE,
  DM_MAPIO_SUBMITTED,
  type dm_table,
  type dm_target,
  dm_target_offset,
} from '../../include/linux/device-mapper.ts';
import { GFP_KERNEL, GFP_NOIO } from '../../include/linux/gfp.ts';
import { blk_core } from '../../block/blk-core.ts';
import { type bio_set, bio_advance, bio_io_error, bios } from '../../fs/bio.ts';
import { spin_lock_init, spinlock, type spinlock_t } from '../../kernel/locking/spinlock.ts';
import { mempools, slabPoolFns, type mempool_t } from '../../mm/mempool.ts';
import { kmem_cache_create, slab } from '../../mm/slab.ts';
import { kernel_functions } from '../../sim/hooks.ts';
import { perMachine } from '../../sim/machine.ts';
import type { KGen } from '../../sim/task.ts';
import { blk_alloc_queue } from '../block/sim-disk.ts';
import { dm_table_create, dm_table_ops } from './dm-table.ts';
import { EIO } from '../../include/uapi/asm-generic/errno-base.ts';

/** Default of the dm_mod.reserved_bio_based_ios module parameter (v3.15). */
export const RESERVED_BIO_BASED_IOS = 16;

/** One original bio being mapped (struct dm_io, from the device's io_pool). */
export interface dm_io {
  md: mapped_device;
  error: number;
  io_count: atomic_t;
  bio: bio;
  endio_lock: spinlock_t;
}

/**
 * One clone (struct dm_target_io), kept in the clone's front_pad. `per_bio_data` is the
 * target's per-bio data, which the C places just in front of the tio (dm_per_bio_data()).
 */
export interface dm_target_io {
  io: dm_io;
  ti: dm_target;
  target_bio_nr: number;
  clone: bio;
  per_bio_data: object;
}

export interface mapped_device {
  name: string;
  queue: request_queue;
  /** The live table (md->map). */
  map: dm_table | null;
  io_pool: mempool_t<dm_io>;
  /** The clones' bio_set, or null when the device clones with bio_kmalloc (model knob). */
  bs: bio_set | null;
  /** In-flight original bios by direction (md->pending[2]). */
  pending: [number, number];
}

interface clone_info {
  md: mapped_device;
  map: dm_table;
  bio: bio;
  io: dm_io;
  sector: number;
  sector_count: number;
}

/** Options of dm_create: the module parameter and the model knob. */
export interface dm_create_opts {
  /** dm_mod.reserved_bio_based_ios: the size of the io_pool and bio_set reserves. */
  reserved_bio_based_ios?: number;
  /** Clone with bio_kmalloc instead of a bio_set (see the file comment). */
  clone_with_kmalloc?: boolean;
}

const _io_cache = kmem_cache_create('dm_io', 64);
const io_pool_fns = slabPoolFns(
  (): dm_io => ({ md: null, error: 0, io_count: ATOMIC_INIT(0), bio: null, endio_lock: spin_lock_init('&io->endio_lock') }) as unknown as dm_io,
);
const minors = perMachine(() => ({ next: 0 }));

/** The target's per-bio data of a clone. @port include/linux/device-mapper.h v3.15 ported */
export function dm_per_bio_data<T extends object>(b: bio): T {
  return (b.bi_front_pad as dm_target_io).per_bio_data as T;
}

/** @port drivers/md/dm.c v3.15 ported */
function* alloc_io(md: mapped_device): KGen<dm_io> {
  return (yield* mempools.mempool_alloc(md.io_pool, GFP_NOIO)) as dm_io;
}

/** @port drivers/md/dm.c v3.15 ported */
function* free_io(md: mapped_device, io: dm_io): KGen {
  yield* mempools.mempool_free(io, md.io_pool);
}

/** @port drivers/md/dm.c v3.15 ported */
function* free_tio(_md: mapped_device, tio: dm_target_io): KGen {
  yield* bios.bio_put(tio.clone);
}

/** @port drivers/md/dm.c v3.15 simplified - the in-flight count only, no disk statistics */
function start_io_acct(io: dm_io): void {
  io.md.pending[bio_data_dir(io.bio)]++;
}

/** @port drivers/md/dm.c v3.15 simplified - the in-flight count only, no disk statistics */
function end_io_acct(io: dm_io): void {
  io.md.pending[bio_data_dir(io.bio)]--;
}

/**
 * Drops one count of the original bio; the last one completes it with the first error seen.
 * @port drivers/md/dm.c v3.15 simplified - no noflush suspend (a requeue becomes -EIO), no flush
 */
function* dec_pending(io: dm_io, error: number): KGen {
  const md = io.md;
  /* Push-back supersedes any I/O errors */
  if (error) {
    const flags = yield* spinlock.spin_lock_irqsave(io.endio_lock);
    io.error = error;
    yield* spinlock.spin_unlock_irqrestore(io.endio_lock, flags);
  }
  if (yield* atomic_dec_and_test(io.io_count)) {
    /* noflush suspend was interrupted (never suspending in the model). */
    if (io.error === DM_ENDIO_REQUEUE) io.error = -EIO;
    const io_error = io.error;
    const b = io.bio;
    end_io_acct(io);
    yield* dm.free_io(md, io);
    /* done with normal IO */
    yield* bios.bio_endio(b, io_error);
  }
}

/** A clone's bi_end_io. @port drivers/md/dm.c v3.15 ported */
function* clone_endio(b: bio, error: number): KGen {
  const tio = b.bi_front_pad as dm_target_io;
  const io = tio.io;
  const md = io.md;
  const type = tio.ti.type;
  if (!bio_flagged(b, BIO_UPTODATE) && !error) error = -EIO;
  if (type.end_io) {
    const r = yield* type.end_io(tio.ti, b, error);
    if (r < 0 || r === DM_ENDIO_REQUEUE) {
      /* error and requeue request are handled in dec_pending(). */
      error = r;
    } else if (r === DM_ENDIO_INCOMPLETE) {
      /* The target will handle the io */
      return;
    } else {
      BUG_ON(r !== 0, 'drivers/md/dm.c');
    }
  }
  yield* dm.free_tio(md, tio);
  yield* dm.dec_pending(io, error);
}

/** How far a clone starting at `sector` may reach in `ti`. @port drivers/md/dm.c v3.15 ported */
export function max_io_len(sector: number, ti: dm_target): number {
  let len = ti.len - dm_target_offset(ti, sector);
  /* Does the target need to split even further? */
  if (ti.max_io_len) {
    const offset = dm_target_offset(ti, sector);
    const max_len = ti.max_io_len - (offset % ti.max_io_len);
    if (len > max_len) len = max_len;
  }
  return len;
}

/**
 * Allocates a clone from the device's bio_set; the dm_target_io lives in its front_pad.
 * @port drivers/md/dm.c v3.15 ported
 */
function* alloc_tio(ci: clone_info, ti: dm_target, nr_iovecs: number, target_bio_nr: number): KGen<dm_target_io> {
  const clone = yield* bios.bio_alloc_bioset(GFP_NOIO, nr_iovecs, ci.md.bs);
  // A bio_set allocation that may sleep never fails; only the bio_kmalloc knob can get here.
  BUG_ON(clone === null, 'drivers/md/dm.c');
  const tio: dm_target_io = { io: ci.io, ti, target_bio_nr, clone: clone as bio, per_bio_data: {} };
  (clone as bio).bi_front_pad = tio;
  return tio;
}

/** @port drivers/md/dm.c v3.15 ported - no integrity */
function clone_bio(tio: dm_target_io, b: bio, sector: number, len: number): void {
  const clone = tio.clone;
  bios.__bio_clone_fast(clone, b);
  bio_advance(clone, (sector - clone.bi_sector) << 9);
  clone.bi_size = len << 9;
}

/**
 * Maps one clone through its target and dispatches it as the target asks.
 * @port drivers/md/dm.c v3.15 ported
 */
function* __map_bio(tio: dm_target_io): KGen {
  const clone = tio.clone;
  const ti = tio.ti;
  clone.bi_end_io = dm.clone_endio;
  /*
   * Map the clone.  If r == 0 we don't need to do
   * anything, the target has assumed ownership of
   * this io.
   */
  yield* atomic_inc(tio.io.io_count);
  const r = yield* ti.type.map(ti, clone);
  if (r === DM_MAPIO_REMAPPED) {
    /* the bio has been remapped so dispatch it */
    yield* blk_core.generic_make_request(clone);
  } else if (r < 0 || r === DM_MAPIO_REQUEUE) {
    /* error the io and bail out, or requeue it if needed */
    const md = tio.io.md;
    yield* dm.dec_pending(tio.io, r);
    yield* dm.free_tio(md, tio);
  } else {
    BUG_ON(r !== DM_MAPIO_SUBMITTED, 'drivers/md/dm.c');
  }
}

/** @port drivers/md/dm.c v3.15 simplified - no write-duplicating targets (num_write_bios) */
function* __clone_and_map_data_bio(ci: clone_info, ti: dm_target, sector: number, len: number): KGen {
  const tio = yield* dm.alloc_tio(ci, ti, 0, 0);
  clone_bio(tio, ci.bio, sector, len);
  yield* dm.__map_bio(tio);
}

/** @port drivers/md/dm.c v3.15 simplified - no discard or write-same bios */
function* __split_and_process_non_flush(ci: clone_info): KGen<number> {
  const ti = dm_table_ops.dm_table_find_target(ci.map, ci.sector);
  if (ti === null) return -EIO;
  const len = Math.min(max_io_len(ci.sector, ti), ci.sector_count);
  yield* dm.__clone_and_map_data_bio(ci, ti, ci.sector, len);
  ci.sector += len;
  ci.sector_count -= len;
  return 0;
}

/**
 * Entry point to split a bio into clones and submit them to the targets.
 * @port drivers/md/dm.c v3.15 simplified - no flush bios
 */
function* __split_and_process_bio(md: mapped_device, map: dm_table | null, b: bio): KGen {
  if (map === null) {
    yield* bio_io_error(b);
    return;
  }
  const io = yield* dm.alloc_io(md);
  io.error = 0;
  atomic_set(io.io_count, 1);
  io.bio = b;
  io.md = md;
  const ci: clone_info = { md, map, bio: b, io, sector: b.bi_sector, sector_count: bio_sectors(b) };
  start_io_acct(io);
  let error = 0;
  while (ci.sector_count && !error) error = yield* dm.__split_and_process_non_flush(ci);
  /* drop the extra reference count */
  yield* dm.dec_pending(io, error);
}

/** @port drivers/md/dm.c v3.15 simplified - no suspend (DMF_BLOCK_IO_FOR_SUSPEND), no statistics */
function* _dm_request(q: request_queue, b: bio): KGen {
  const md = q.queuedata as mapped_device;
  yield* dm.__split_and_process_bio(md, md.map, b);
}

/** The mapped device's make_request_fn. @port drivers/md/dm.c v3.15 simplified - bio-based only */
function* dm_request(q: request_queue, b: bio): KGen {
  yield* dm._dm_request(q, b);
}

/**
 * Creates a bio-based mapped device: alloc_dev, a table whose targets `build` adds and
 * constructs, dm_alloc_md_mempools sized for the targets' per-bio data, and __bind.
 * @port drivers/md/dm.c v3.15 model - dm_create + table load + resume in one call
 */
function* dm_create(name: string, build: (t: dm_table) => KGen, opts: dm_create_opts): KGen<mapped_device> {
  const md = (yield* slab.kzalloc(256, GFP_KERNEL, () => ({}) as mapped_device)) as mapped_device;
  md.name = name === '' ? `dm-${minors().next}` : name;
  minors().next++;
  md.queue = blk_alloc_queue(md.name, (q, b) => dm.dm_request(q, b), md);
  md.pending = [0, 0];
  md.map = null;
  const t = dm_table_create(md);
  yield* build(t);
  /* dm_alloc_md_mempools(DM_TYPE_BIO_BASED, ...) */
  const pool_size = opts.reserved_bio_based_ios ?? RESERVED_BIO_BASED_IOS;
  const per_bio_data_size = Math.max(0, ...t.targets.map((ti) => ti.per_bio_data_size));
  md.io_pool = (yield* mempools.mempool_create('dm_io', pool_size, io_pool_fns.alloc, io_pool_fns.free, _io_cache)) as mempool_t<dm_io>;
  md.bs = null;
  if (!opts.clone_with_kmalloc) {
    md.bs = yield* bios.bioset_create(pool_size, per_bio_data_size + 64);
    if (md.bs !== null) md.bs.name = md.name;
  }
  /* __bind */
  md.map = t;
  return md;
}

/** @port drivers/md/dm.c v3.15 model - table destruction and free_dev */
function* dm_destroy(md: mapped_device): KGen {
  if (md.map !== null) yield* dm_table_ops.dm_table_destroy(md.map);
  md.map = null;
  yield* mempools.mempool_destroy(md.io_pool);
  if (md.bs !== null) yield* bios.bioset_free(md.bs);
  slab.kfree(md);
}

export const dm = kernel_functions('drivers/md/dm.c', {
  alloc_io,
  free_io,
  free_tio,
  dec_pending,
  clone_endio,
  alloc_tio,
  __map_bio,
  __clone_and_map_data_bio,
  __split_and_process_non_flush,
  __split_and_process_bio,
  _dm_request,
  dm_request,
  dm_create,
  dm_destroy,
});
