// Asynchronous region I/O for dm (drivers/md/dm-io.c, v3.15): a client owns a mempool of `io`
// structs and a bio_set; dm_io() issues one bio per region and calls the notify function from
// the completion of the last one (so, usually, from interrupt context).
//
// Simplified: asynchronous requests only (notify.fn set), no memory descriptors (bios carry no
// pages), one bio per region whatever its size.

import { ATOMIC_INIT, atomic_dec_and_test, atomic_inc, atomic_set, type atomic_t } from '../../include/linux/atomic.ts';
import type { bio } from '../../include/linux/bio.ts';
import type { request_queue } from '../../include/linux/blkdev.ts';
import { GFP_KERNEL, GFP_NOIO } from '../../include/linux/gfp.ts';
import { blk_core } from '../../block/blk-core.ts';
import { type bio_set, bios } from '../../fs/bio.ts';
import { mempools, slabPoolFns, type mempool_t } from '../../mm/mempool.ts';
import { kmem_cache_create, slab } from '../../mm/slab.ts';
import { kernel_functions } from '../../sim/hooks.ts';
import type { KGen } from '../../sim/task.ts';

const DM_IO_MIN_IOS = 16;
const DM_IO_MIN_BIOS = 16;

/** struct dm_io_region */
export interface dm_io_region {
  bdev: request_queue;
  sector: number;
  /** In sectors. */
  count: number;
}

export type io_notify_fn = (error_bits: number, context: unknown) => KGen;

export interface dm_io_client {
  pool: mempool_t<io>;
  bios: bio_set;
}

/** One dm_io() request in flight (struct io). */
interface io {
  error_bits: number;
  count: atomic_t;
  client: dm_io_client;
  callback: io_notify_fn;
  context: unknown;
}

const _dm_io_cache = kmem_cache_create('dm_io_cache', 64);
const io_fns = slabPoolFns((): io => ({ error_bits: 0, count: ATOMIC_INIT(0), client: null, callback: null, context: null }) as unknown as io);

/** @port drivers/md/dm-io.c v3.15 ported */
function* dm_io_client_create(): KGen<dm_io_client | null> {
  const client = yield* slab.kmalloc(32, GFP_KERNEL, () => ({}) as dm_io_client);
  if (client === null) return null;
  const pool = yield* mempools.mempool_create('dm_io', DM_IO_MIN_IOS, io_fns.alloc, io_fns.free, _dm_io_cache);
  const bs = pool === null ? null : yield* bios.bioset_create(DM_IO_MIN_BIOS, 0);
  if (pool === null || bs === null) {
    if (pool !== null) yield* mempools.mempool_destroy(pool);
    slab.kfree(client);
    return null;
  }
  bs.name = 'dm-io';
  client.pool = pool as mempool_t<io>;
  client.bios = bs;
  return client;
}

/** @port drivers/md/dm-io.c v3.15 ported */
function* dm_io_client_destroy(client: dm_io_client): KGen {
  yield* mempools.mempool_destroy(client.pool);
  yield* bios.bioset_free(client.bios);
  slab.kfree(client);
}

/**
 * Drops one count; the last one frees the io and notifies the caller.
 * @port drivers/md/dm-io.c v3.15 simplified - no synchronous sleeper, no vmap invalidation
 */
function* dec_count(req: io, region: number, error: number): KGen {
  if (error) req.error_bits |= 1 << region;
  if (yield* atomic_dec_and_test(req.count)) {
    const r = req.error_bits;
    const fn = req.callback;
    const context = req.context;
    yield* mempools.mempool_free(req, req.client.pool);
    yield* fn(r, context);
  }
}

/** A region bio's bi_end_io. @port drivers/md/dm-io.c v3.15 simplified - no zero fill of failed reads */
function* endio(b: bio, error: number): KGen {
  const { req, region } = b.bi_private as { req: io; region: number };
  yield* bios.bio_put(b);
  yield* dm_io_ops.dec_count(req, region, error);
}

/** @port drivers/md/dm-io.c v3.15 simplified - one bio for the whole region */
function* do_region(rw: number, region: number, where: dm_io_region, req: io): KGen {
  const b = (yield* bios.bio_alloc_bioset(GFP_NOIO, 1, req.client.bios)) as bio;
  b.bi_sector = where.sector;
  b.bi_bdev = where.bdev;
  b.bi_size = where.count << 9;
  b.bi_end_io = dm_io_ops.endio;
  b.bi_private = { req, region };
  yield* atomic_inc(req.count);
  yield* blk_core.submit_bio(rw, b);
}

/** @port drivers/md/dm-io.c v3.15 ported */
function* dispatch_io(rw: number, where: dm_io_region[], req: io): KGen {
  for (let i = 0; i < where.length; i++) if (where[i].count) yield* dm_io_ops.do_region(rw, i, where[i], req);
  /* Drop the extra reference that we were holding to avoid the io being completed too early. */
  yield* dm_io_ops.dec_count(req, 0, 0);
}

/** @port drivers/md/dm-io.c v3.15 ported */
function* async_io(client: dm_io_client, where: dm_io_region[], rw: number, fn: io_notify_fn, context: unknown): KGen<number> {
  const req = (yield* mempools.mempool_alloc(client.pool, GFP_NOIO)) as io;
  req.error_bits = 0;
  atomic_set(req.count, 1);
  req.client = client;
  req.callback = fn;
  req.context = context;
  yield* dm_io_ops.dispatch_io(rw, where, req);
  return 0;
}

/**
 * Issues I/O to `where`; `fn(error_bits, context)` runs when all of it has completed.
 * @port drivers/md/dm-io.c v3.15 simplified - asynchronous requests with no memory descriptor
 */
function* dm_io(client: dm_io_client, rw: number, where: dm_io_region[], fn: io_notify_fn, context: unknown): KGen<number> {
  return yield* dm_io_ops.async_io(client, where, rw, fn, context);
}

export const dm_io_ops = kernel_functions('drivers/md/dm-io.c', {
  dm_io_client_create,
  dm_io_client_destroy,
  dec_count,
  endio,
  do_region,
  dispatch_io,
  async_io,
  dm_io,
});
