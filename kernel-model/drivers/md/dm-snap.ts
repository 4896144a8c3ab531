// dm-snapshot (drivers/md/dm-snap.c, v3.15): the "snapshot" target (reads of unchanged chunks go
// to the origin and are tracked until they complete; writes and reads of changed chunks go to
// the COW device) and the "snapshot-origin" target (a write to a chunk not yet copied starts an
// exception: kcopyd copies the chunk to the COW device, and the write waits until then).
//
// When kcopyd is done, pending_complete() takes s->lock for writing and polls (msleep(1))
// until no tracked read of the chunk is in flight: the read must not see the origin change
// under it. That poll is the wait the seed deadlock goes through, so it is annotated for the
// wait-for graph (current->pollingOn): a tracked chunk waits for the bios that track it.
//
// Simplified: no snapshot-merge target, no exception handover between tables, the transient
// store only, exception tables without consecutive-chunk merging (hash_shift 0), and no
// full-chunk write shortcut (start_full_bio): a write covering a whole chunk is copied first
// like any other. A model knob: `rt_lock` makes s->lock sleep as a PREEMPT_RT kernel's
// rw_semaphore does, on an rt_mutex (so a writer blocked on it is pi-blocked).

import { ATOMIC_INIT, atomic_dec, atomic_inc, atomic_read, type atomic_t } from '../../include/linux/atomic.ts';
import {
  type bio,
  type bio_list,
  WRITE,
  bio_list_add,
  bio_list_get,
  bio_list_init,
  bio_rw,
} from '../../include/linux/bio.ts';
import type { request_queue } from '../../include/linux/blkdev.ts';
import { DM_MAPIO_REMAPPED, DM_MAPIO_SUBMITTED, type dm_dev, type dm_target, type target_type } from '../../include/linux/device-mapper.ts';
import { GFP_ATOMIC, GFP_KERNEL, GFP_NOIO } from '../../include/linux/gfp.ts';
import { blk_core } from '../../block/blk-core.ts';
import { bio_io_error } from '../../fs/bio.ts';
import { rt_mutex, rt_mutex_init, rtmutex } from '../../kernel/locking/rtmutex.ts';
import { init_rwsem, rwsem, type rw_semaphore } from '../../kernel/locking/rwsem.ts';
import { spin_lock_init, spinlock, type spinlock_t } from '../../kernel/locking/spinlock.ts';
import { timers } from '../../kernel/timer.ts';
import { mempools, slabPoolFns, type mempool_t } from '../../mm/mempool.ts';
import { kmem_cache_create, slab } from '../../mm/slab.ts';
import { kernel_functions } from '../../sim/hooks.ts';
import { current, perMachine } from '../../sim/machine.ts';
import type { KGen, WaitTarget } from '../../sim/task.ts';
import { dm_per_bio_data } from './dm.ts';
import { type dm_exception, type dm_exception_store, chunk_to_sector, sector_to_chunk } from './dm-exception-store.ts';
import { type dm_kcopyd_client, kcopyd } from './dm-kcopyd.ts';
import { dm_exception_store_create } from './dm-snap-transient.ts';
import { dm_table_get_size } from './dm-table.ts';
import { EINVAL, EIO, ENOMEM } from '../../include/uapi/asm-generic/errno-base.ts';

/**
 * The pending-exception pool's reserve. The C keeps 256 (MIN_IOS); the model keeps 16: no
 * workload here has more exceptions in flight, and every reserved element is a tracked
 * allocation at each boot.
 */
const MIN_IOS = 16;
const DM_TRACKED_CHUNK_HASH_SIZE = 16;
const EXCEPTION_HASH_SIZE = 64;

function DM_TRACKED_CHUNK_HASH(x: number): number {
  return x & (DM_TRACKED_CHUNK_HASH_SIZE - 1);
}

interface dm_exception_table {
  hash_mask: number;
  table: dm_exception[][];
}

/** The per-bio data of a snapshot clone: the chunk a read tracks (hlist node + chunk). */
interface dm_snap_tracked_chunk {
  /** On a tracked_chunk_hash list (!hlist_unhashed(&c->node)). */
  hashed: boolean;
  chunk: number;
  /** The bio this per-bio data is in front of (container_of in the C). */
  bio: bio;
}

export interface dm_snapshot {
  /** Protects the exception tables and `valid`/`active`; an rt_mutex with the rt_lock knob. */
  lock: rw_semaphore | rt_mutex;
  origin: dm_dev;
  cow: dm_dev;
  ti: dm_target;
  /** You can't use a snapshot if this is 0 (e.g. if full). */
  valid: number;
  /** Origin writes don't trigger exceptions until this is set. */
  active: number;
  pending_exceptions_count: atomic_t;
  pending_pool: mempool_t<dm_snap_pending_exception>;
  pending: dm_exception_table;
  complete: dm_exception_table;
  /** Chunks with outstanding reads. */
  tracked_chunk_lock: spinlock_t;
  tracked_chunk_hash: dm_snap_tracked_chunk[][];
  store: dm_exception_store;
  kcopyd_client: dm_kcopyd_client;
}

interface dm_snap_pending_exception {
  e: dm_exception;
  /** Origin buffers waiting for this to complete are held in a bio list. */
  origin_bios: bio_list;
  snapshot_bios: bio_list;
  snap: dm_snapshot;
  /** 1 indicates the exception has already been sent to kcopyd. */
  started: number;
}

/** One of these per registered origin, held in the snapshot_origins hash. */
interface origin {
  bdev: request_queue;
  /** Sorted by chunk size, largest first. */
  snapshots: dm_snapshot[];
}

const exception_cache = kmem_cache_create('dm_snap_exception', 32);
const pending_cache = kmem_cache_create('dm_snap_pending_exception', 128);
const pending_fns = slabPoolFns((): dm_snap_pending_exception => ({}) as dm_snap_pending_exception);

const origins = perMachine(() => ({ _origins: new Map<request_queue, origin>(), _origins_lock: init_rwsem('_origins_lock') }));

/** Nobody outside the snapshot waits on these lists by name: the bios sit with the exception. */
const pendingListOwner = { describe: () => 'a pending snapshot exception', blockers: () => [] };

// --- s->lock ---------------------------------------------------------------------------------

/** down_write(&s->lock); on a PREEMPT_RT kernel the rw_semaphore sleeps on an rt_mutex. */
function* down_write_snap(s: dm_snapshot): KGen {
  if (s.lock instanceof rt_mutex) yield* rtmutex.rt_mutex_lock(s.lock);
  else yield* rwsem.down_write(s.lock);
}

/** up_write(&s->lock) */
function* up_write_snap(s: dm_snapshot): KGen {
  if (s.lock instanceof rt_mutex) yield* rtmutex.rt_mutex_unlock(s.lock);
  else yield* rwsem.up_write(s.lock);
}

// --- tracked chunks ---------------------------------------------------------------------------

/** @port drivers/md/dm-snap.c v3.15 ported */
function init_tracked_chunk(b: bio): void {
  const c = dm_per_bio_data<dm_snap_tracked_chunk>(b);
  c.hashed = false;
  c.bio = b;
}

/** @port drivers/md/dm-snap.c v3.15 ported */
function is_bio_tracked(b: bio): boolean {
  return dm_per_bio_data<dm_snap_tracked_chunk>(b).hashed === true;
}

/** @port drivers/md/dm-snap.c v3.15 ported */
function* track_chunk(s: dm_snapshot, b: bio, chunk: number): KGen {
  const c = dm_per_bio_data<dm_snap_tracked_chunk>(b);
  c.chunk = chunk;
  yield* spinlock.spin_lock_irq(s.tracked_chunk_lock);
  s.tracked_chunk_hash[DM_TRACKED_CHUNK_HASH(chunk)].unshift(c);
  c.hashed = true;
  yield* spinlock.spin_unlock_irq(s.tracked_chunk_lock);
}

/** @port drivers/md/dm-snap.c v3.15 ported */
function* stop_tracking_chunk(s: dm_snapshot, b: bio): KGen {
  const c = dm_per_bio_data<dm_snap_tracked_chunk>(b);
  const flags = yield* spinlock.spin_lock_irqsave(s.tracked_chunk_lock);
  const list = s.tracked_chunk_hash[DM_TRACKED_CHUNK_HASH(c.chunk)];
  list.splice(list.indexOf(c), 1);
  c.hashed = false;
  yield* spinlock.spin_unlock_irqrestore(s.tracked_chunk_lock, flags);
}

/** @port drivers/md/dm-snap.c v3.15 ported */
function* __chunk_is_tracked(s: dm_snapshot, chunk: number): KGen<boolean> {
  yield* spinlock.spin_lock_irq(s.tracked_chunk_lock);
  const found = s.tracked_chunk_hash[DM_TRACKED_CHUNK_HASH(chunk)].some((c) => c.chunk === chunk);
  yield* spinlock.spin_unlock_irq(s.tracked_chunk_lock);
  return found;
}

/**
 * What __check_for_conflicting_io() waits for: every in-flight read that tracks the chunk. A
 * tracked read is a bio, and a bio waits for wherever it sits (another task's bio_list...).
 */
function trackedChunk(s: dm_snapshot, chunk: number): WaitTarget {
  return {
    describe: () => `tracked chunk ${chunk} of snapshot ${s.ti.table.md.name} (reads of it in flight)`,
    *blockers() {
      for (const c of s.tracked_chunk_hash[DM_TRACKED_CHUNK_HASH(chunk)]) if (c.chunk === chunk) yield c.bio;
    },
  };
}

/**
 * This conflicting I/O is extremely improbable in the caller, so msleep(1) is sufficient and
 * there is no need for a wait queue. (The model annotates the poll so hang detection sees it.)
 * @port drivers/md/dm-snap.c v3.15 ported
 */
function* __check_for_conflicting_io(s: dm_snapshot, chunk: number): KGen {
  const t = current();
  while (yield* dm_snap.__chunk_is_tracked(s, chunk)) {
    t.pollingOn = trackedChunk(s, chunk);
    yield* timers.msleep(1);
  }
  t.pollingOn = null;
}

// --- the origin registry ---------------------------------------------------------------------

/** @port drivers/md/dm-snap.c v3.15 ported */
function __lookup_origin(bdev: request_queue): origin | null {
  return origins()._origins.get(bdev) ?? null;
}

/** @port drivers/md/dm-snap.c v3.15 ported */
function __insert_snapshot(o: origin, s: dm_snapshot): void {
  /* Sort the list according to chunk size, largest-first smallest-last */
  let i = 0;
  while (i < o.snapshots.length && o.snapshots[i].store.chunk_size >= s.store.chunk_size) i++;
  o.snapshots.splice(i, 0, s);
}

/**
 * Make a note of the snapshot and its origin so we can look it up when the origin has a write.
 * @port drivers/md/dm-snap.c v3.15 simplified - no exception handover validation
 */
function* register_snapshot(snap: dm_snapshot): KGen<number> {
  const bdev = snap.origin.bdev;
  const new_o = yield* slab.kmalloc(32, GFP_KERNEL, (): origin => ({ bdev, snapshots: [] }));
  if (new_o === null) return -ENOMEM;
  const { _origins, _origins_lock } = origins();
  yield* rwsem.down_write(_origins_lock);
  let o = __lookup_origin(bdev);
  if (o !== null) {
    slab.kfree(new_o);
  } else {
    /* New origin */
    o = new_o;
    _origins.set(bdev, o);
  }
  __insert_snapshot(o, snap);
  yield* rwsem.up_write(_origins_lock);
  return 0;
}

/** @port drivers/md/dm-snap.c v3.15 ported */
function* unregister_snapshot(s: dm_snapshot): KGen {
  const { _origins, _origins_lock } = origins();
  yield* rwsem.down_write(_origins_lock);
  const o = __lookup_origin(s.origin.bdev);
  if (o !== null) {
    o.snapshots.splice(o.snapshots.indexOf(s), 1);
    if (o.snapshots.length === 0) {
      _origins.delete(o.bdev);
      slab.kfree(o);
    }
  }
  yield* rwsem.up_write(_origins_lock);
}

/** @port drivers/md/dm-snap.c v3.15 ported */
function* get_origin_minimum_chunksize(bdev: request_queue): KGen<number> {
  const { _origins_lock } = origins();
  yield* rwsem.down_read(_origins_lock);
  const o = __lookup_origin(bdev);
  let chunk_size = 0;
  for (const snap of o?.snapshots ?? []) chunk_size = chunk_size === 0 ? snap.store.chunk_size : Math.min(chunk_size, snap.store.chunk_size);
  yield* rwsem.up_read(_origins_lock);
  return chunk_size;
}

// --- exception tables --------------------------------------------------------------------------

/** @port drivers/md/dm-snap.c v3.15 simplified - no hash_shift (consecutive chunks) */
function dm_exception_table_init(size: number): dm_exception_table {
  return { hash_mask: size - 1, table: Array.from({ length: size }, () => []) };
}

/** @port drivers/md/dm-snap.c v3.15 ported */
function dm_exception_table_exit(et: dm_exception_table, free: (e: dm_exception) => void): void {
  for (const slot of et.table) for (const ex of slot.splice(0)) free(ex);
}

/** @port drivers/md/dm-snap.c v3.15 ported */
function dm_remove_exception(e: dm_exception): void {
  const list = e.hash_list as dm_exception[];
  list.splice(list.indexOf(e), 1);
  e.hash_list = null;
}

/** Return the exception data for a chunk, or NULL if not remapped. @port drivers/md/dm-snap.c v3.15 simplified - no consecutive chunks */
function dm_lookup_exception(et: dm_exception_table, chunk: number): dm_exception | null {
  return et.table[chunk & et.hash_mask].find((e) => e.old_chunk === chunk) ?? null;
}

/** @port drivers/md/dm-snap.c v3.15 simplified - a table without hash_shift adds at the head */
function dm_insert_exception(eh: dm_exception_table, new_e: dm_exception): void {
  const l = eh.table[new_e.old_chunk & eh.hash_mask];
  l.unshift(new_e);
  new_e.hash_list = l;
}

/** @port drivers/md/dm-snap.c v3.15 ported */
function* alloc_completed_exception(): KGen<dm_exception | null> {
  const make = (): dm_exception => ({ old_chunk: 0, new_chunk: 0, hash_list: null });
  const e = yield* slab.kmem_cache_alloc(exception_cache, GFP_NOIO, make);
  return e ?? (yield* slab.kmem_cache_alloc(exception_cache, GFP_ATOMIC, make));
}

function free_completed_exception(e: dm_exception): void {
  slab.kmem_cache_free(exception_cache, e);
}

/** @port drivers/md/dm-snap.c v3.15 ported */
function* alloc_pending_exception(s: dm_snapshot): KGen<dm_snap_pending_exception> {
  const pe = (yield* mempools.mempool_alloc(s.pending_pool, GFP_NOIO)) as dm_snap_pending_exception;
  yield* atomic_inc(s.pending_exceptions_count);
  pe.snap = s;
  return pe;
}

/** @port drivers/md/dm-snap.c v3.15 ported */
function* free_pending_exception(pe: dm_snap_pending_exception): KGen {
  const s = pe.snap;
  yield* mempools.mempool_free(pe, s.pending_pool);
  yield* atomic_dec(s.pending_exceptions_count);
}

/** @port drivers/md/dm-snap.c v3.15 ported */
function __lookup_pending_exception(s: dm_snapshot, chunk: number): dm_snap_pending_exception | null {
  const e = dm_lookup_exception(s.pending, chunk);
  return e === null ? null : (e as dm_exception & { pe: dm_snap_pending_exception }).pe;
}

/**
 * Looks to see if this snapshot already has a pending exception for this chunk, otherwise it
 * takes `pe` and inserts it into the pending table. s->lock is held for writing.
 * @port drivers/md/dm-snap.c v3.15 ported
 */
function* __find_pending_exception(s: dm_snapshot, pe: dm_snap_pending_exception, chunk: number): KGen<dm_snap_pending_exception | null> {
  const pe2 = __lookup_pending_exception(s, chunk);
  if (pe2 !== null) {
    yield* dm_snap.free_pending_exception(pe);
    return pe2;
  }
  // container_of(e, struct dm_snap_pending_exception, e): the exception points back to its pe.
  pe.e = Object.assign({ old_chunk: chunk, new_chunk: 0, hash_list: null }, { pe });
  pe.origin_bios = bio_list_init(pendingListOwner);
  pe.snapshot_bios = bio_list_init(pendingListOwner);
  pe.started = 0;
  if (yield* s.store.type.prepare_exception(s.store, pe.e)) {
    yield* dm_snap.free_pending_exception(pe);
    return null;
  }
  dm_insert_exception(s.pending, pe.e);
  return pe;
}

/** @port drivers/md/dm-snap.c v3.15 ported */
function remap_exception(s: dm_snapshot, e: dm_exception, b: bio, chunk: number): void {
  b.bi_bdev = s.cow.bdev;
  b.bi_sector = chunk_to_sector(s.store, e.new_chunk + (chunk - e.old_chunk)) + (b.bi_sector & s.store.chunk_mask);
}

/** @port drivers/md/dm-snap.c v3.15 simplified - no metadata to drop, no table event */
function __invalidate_snapshot(s: dm_snapshot, _err: number): void {
  if (!s.valid) return;
  s.valid = 0;
}

// --- completing exceptions ---------------------------------------------------------------------

/** Flush a list of buffers. @port drivers/md/dm-snap.c v3.15 ported */
function* flush_bios(list: bio[]): KGen {
  for (const b of list) yield* blk_core.generic_make_request(b);
}

/** Error a list of buffers. @port drivers/md/dm-snap.c v3.15 ported */
function* error_bios(list: bio[]): KGen {
  for (const b of list) yield* bio_io_error(b);
}

/** @port drivers/md/dm-snap.c v3.15 ported */
function* retry_origin_bios(s: dm_snapshot, list: bio[]): KGen {
  for (const b of list) {
    const r = yield* dm_snap.do_origin(s.origin, b);
    if (r === DM_MAPIO_REMAPPED) yield* blk_core.generic_make_request(b);
  }
}

/**
 * The copy is done: make the exception complete, once no read of the chunk is in flight, and
 * release the bios that waited for it.
 * @port drivers/md/dm-snap.c v3.15 ported
 */
function* pending_complete(pe: dm_snap_pending_exception, success: number): KGen {
  const s = pe.snap;
  let error = 0;
  out: {
    if (!success) {
      /* Read/write error - snapshot is unusable */
      yield* down_write_snap(s);
      __invalidate_snapshot(s, -EIO);
      error = 1;
      break out;
    }
    const e = yield* dm_snap.alloc_completed_exception();
    if (e === null) {
      yield* down_write_snap(s);
      __invalidate_snapshot(s, -ENOMEM);
      error = 1;
      break out;
    }
    e.old_chunk = pe.e.old_chunk;
    e.new_chunk = pe.e.new_chunk;
    yield* down_write_snap(s);
    if (!s.valid) {
      free_completed_exception(e);
      error = 1;
      break out;
    }
    /* Check for conflicting reads */
    yield* dm_snap.__check_for_conflicting_io(s, pe.e.old_chunk);
    /* Add a proper exception, and remove the in-flight exception from the list. */
    dm_insert_exception(s.complete, e);
  }
  dm_remove_exception(pe.e);
  const snapshot_bios = bio_list_get(pe.snapshot_bios);
  const origin_bios = bio_list_get(pe.origin_bios);
  yield* dm_snap.free_pending_exception(pe);
  yield* up_write_snap(s);
  /* Submit any pending write bios */
  if (error) yield* dm_snap.error_bios(snapshot_bios);
  else yield* dm_snap.flush_bios(snapshot_bios);
  yield* dm_snap.retry_origin_bios(s, origin_bios);
}

/** @port drivers/md/dm-snap.c v3.15 ported */
function* commit_callback(context: unknown, success: number): KGen {
  yield* dm_snap.pending_complete(context as dm_snap_pending_exception, success);
}

/** Called when the copy I/O has finished (kcopyd runs it). @port drivers/md/dm-snap.c v3.15 ported */
function* copy_callback(read_err: number, write_err: number, context: unknown): KGen {
  const pe = context as dm_snap_pending_exception;
  const s = pe.snap;
  if (read_err || write_err) yield* dm_snap.pending_complete(pe, 0);
  /* Update the metadata if we are persistent */ else yield* s.store.type.commit_exception(s.store, pe.e, dm_snap.commit_callback, pe);
}

/** Dispatches the copy operation to kcopyd. @port drivers/md/dm-snap.c v3.15 ported */
function* start_copy(pe: dm_snap_pending_exception): KGen {
  const s = pe.snap;
  const sector = chunk_to_sector(s.store, pe.e.old_chunk);
  const src = { bdev: s.origin.bdev, sector, count: s.store.chunk_size };
  const dest = { bdev: s.cow.bdev, sector: chunk_to_sector(s.store, pe.e.new_chunk), count: s.store.chunk_size };
  /* Hand over to kcopyd */
  yield* kcopyd.dm_kcopyd_copy(s.kcopyd_client, src, [dest], 0, dm_snap.copy_callback, pe);
}

// --- the snapshot target ---------------------------------------------------------------------

/**
 * Maps one clone of a snapshot read or write.
 * @port drivers/md/dm-snap.c v3.15 simplified - no flush bios, no full-chunk write shortcut
 */
function* snapshot_map(ti: dm_target, b: bio): KGen<number> {
  const s = ti.private as dm_snapshot;
  let r = DM_MAPIO_REMAPPED;
  init_tracked_chunk(b);
  const chunk = sector_to_chunk(s.store, b.bi_sector);
  /* Full snapshots are not usable */
  /* To get here the table must be live so s->active is always set. */
  if (!s.valid) return -EIO;
  /* FIXME: should only take write lock if we need to copy an exception */
  yield* down_write_snap(s);
  out_unlock: {
    if (!s.valid) {
      r = -EIO;
      break out_unlock;
    }
    /* If the block is already remapped - use that, else remap it */
    let e = dm_lookup_exception(s.complete, chunk);
    if (e !== null) {
      remap_exception(s, e, b, chunk);
      break out_unlock;
    }
    /*
     * Write to snapshot - higher level takes care of RW/RO
     * flags so we should only get this if we are
     * writeable.
     */
    if (bio_rw(b) === WRITE) {
      let pe = __lookup_pending_exception(s, chunk);
      if (pe === null) {
        yield* up_write_snap(s);
        pe = yield* dm_snap.alloc_pending_exception(s);
        yield* down_write_snap(s);
        if (!s.valid) {
          yield* dm_snap.free_pending_exception(pe);
          r = -EIO;
          break out_unlock;
        }
        e = dm_lookup_exception(s.complete, chunk);
        if (e !== null) {
          yield* dm_snap.free_pending_exception(pe);
          remap_exception(s, e, b, chunk);
          break out_unlock;
        }
        pe = yield* dm_snap.__find_pending_exception(s, pe, chunk);
        if (pe === null) {
          __invalidate_snapshot(s, -ENOMEM);
          r = -EIO;
          break out_unlock;
        }
      }
      remap_exception(s, pe.e, b, chunk);
      r = DM_MAPIO_SUBMITTED;
      bio_list_add(pe.snapshot_bios, b);
      if (!pe.started) {
        /* this is protected by snap->lock */
        pe.started = 1;
        yield* up_write_snap(s);
        yield* dm_snap.start_copy(pe);
        return r;
      }
    } else {
      b.bi_bdev = s.origin.bdev;
      yield* dm_snap.track_chunk(s, b, chunk);
    }
  }
  yield* up_write_snap(s);
  return r;
}

/** @port drivers/md/dm-snap.c v3.15 ported */
function* snapshot_end_io(ti: dm_target, b: bio, _error: number): KGen<number> {
  const s = ti.private as dm_snapshot;
  if (is_bio_tracked(b)) yield* dm_snap.stop_tracking_chunk(s, b);
  return 0;
}

/**
 * Construct a snapshot mapping: <origin_dev> <COW-dev> N <chunk-size>, then resume it.
 * @port drivers/md/dm-snap.c v3.15 simplified - arguments parsed; the transient store; resumed at once
 */
function* snapshot_ctr(ti: dm_target, origin: dm_dev, cow: dm_dev, cow_sectors: number, chunk_size: number, rt_lock: boolean): KGen<number> {
  const s = yield* slab.kmalloc(256, GFP_KERNEL, () => ({}) as dm_snapshot);
  if (s === null) {
    ti.error = 'Cannot allocate private snapshot structure';
    return -ENOMEM;
  }
  s.origin = origin;
  s.cow = cow;
  const store = yield* dm_exception_store_create(chunk_size, cow_sectors);
  if (store === null) {
    ti.error = "Couldn't create exception store";
    slab.kfree(s);
    return -EINVAL;
  }
  s.store = store;
  s.ti = ti;
  s.valid = 1;
  s.active = 0;
  s.pending_exceptions_count = ATOMIC_INIT(0);
  s.lock = rt_lock ? rt_mutex_init('&s->lock') : init_rwsem('&s->lock');
  /* Allocate hash table for COW data */
  s.complete = dm_exception_table_init(EXCEPTION_HASH_SIZE);
  s.pending = dm_exception_table_init(EXCEPTION_HASH_SIZE);
  const kc = yield* kcopyd.dm_kcopyd_client_create();
  const pool = kc === null ? null : yield* mempools.mempool_create('pending_pool', MIN_IOS, pending_fns.alloc, pending_fns.free, pending_cache);
  if (kc === null || pool === null) {
    ti.error = kc === null ? 'Could not create kcopyd client' : 'Could not allocate mempool for pending exceptions';
    if (kc !== null) yield* kcopyd.dm_kcopyd_client_destroy(kc);
    yield* store.type.dtr(store);
    slab.kfree(s);
    return -ENOMEM;
  }
  s.kcopyd_client = kc;
  s.pending_pool = pool as mempool_t<dm_snap_pending_exception>;
  s.tracked_chunk_hash = Array.from({ length: DM_TRACKED_CHUNK_HASH_SIZE }, () => []);
  s.tracked_chunk_lock = spin_lock_init('&s->tracked_chunk_lock');
  ti.private = s;
  ti.per_bio_data_size = 32;
  /* Add snapshot to the list of snapshots for this origin */
  const r = yield* dm_snap.register_snapshot(s);
  if (r < 0) {
    ti.error = 'Snapshot origin struct allocation failed';
    yield* mempools.mempool_destroy(s.pending_pool);
    yield* kcopyd.dm_kcopyd_client_destroy(kc);
    yield* store.type.dtr(store);
    slab.kfree(s);
    return r;
  }
  ti.max_io_len = s.store.chunk_size;
  /* snapshot_resume */
  yield* down_write_snap(s);
  s.active = 1;
  yield* up_write_snap(s);
  return 0;
}

/** @port drivers/md/dm-snap.c v3.15 simplified - no handover or merge to cancel */
function* snapshot_dtr(ti: dm_target): KGen {
  const s = ti.private as dm_snapshot;
  /* Prevent further origin writes from using this snapshot. */
  /* After this returns there can be no new kcopyd jobs. */
  yield* dm_snap.unregister_snapshot(s);
  while (atomic_read(s.pending_exceptions_count)) yield* timers.msleep(1);
  /* __free_exceptions */
  yield* kcopyd.dm_kcopyd_client_destroy(s.kcopyd_client);
  dm_exception_table_exit(s.pending, () => undefined);
  dm_exception_table_exit(s.complete, free_completed_exception);
  yield* mempools.mempool_destroy(s.pending_pool);
  yield* s.store.type.dtr(s.store);
  slab.kfree(s);
}

// --- the snapshot-origin target ----------------------------------------------------------------

/**
 * Starts (or joins) an exception in every snapshot of the origin that has not copied the chunk
 * yet. DM_MAPIO_SUBMITTED: the bio waits on an exception and is resubmitted when it completes.
 * @port drivers/md/dm-snap.c v3.15 simplified - no merging snapshots
 */
function* __origin_write(snapshots: dm_snapshot[], sector: number, b: bio | null): KGen<number> {
  let r = DM_MAPIO_REMAPPED;
  let pe_to_start_now: dm_snap_pending_exception | null = null;
  let pe_to_start_last: dm_snap_pending_exception | null = null;
  /* Do all the snapshots on this origin */
  for (const snap of snapshots) {
    yield* down_write_snap(snap);
    next_snapshot: {
      /* Only deal with valid and active snapshots */
      if (!snap.valid || !snap.active) break next_snapshot;
      /* Nothing to do if writing beyond end of snapshot */
      if (sector >= dm_table_get_size(snap.ti.table)) break next_snapshot;
      /* Remember, different snapshots can have different chunk sizes. */
      const chunk = sector_to_chunk(snap.store, sector);
      /* Check exception table to see if block is already remapped in this snapshot and trigger an exception if not. */
      if (dm_lookup_exception(snap.complete, chunk) !== null) break next_snapshot;
      let pe = __lookup_pending_exception(snap, chunk);
      if (pe === null) {
        yield* up_write_snap(snap);
        pe = yield* dm_snap.alloc_pending_exception(snap);
        yield* down_write_snap(snap);
        if (!snap.valid) {
          yield* dm_snap.free_pending_exception(pe);
          break next_snapshot;
        }
        if (dm_lookup_exception(snap.complete, chunk) !== null) {
          yield* dm_snap.free_pending_exception(pe);
          break next_snapshot;
        }
        pe = yield* dm_snap.__find_pending_exception(snap, pe, chunk);
        if (pe === null) {
          __invalidate_snapshot(snap, -ENOMEM);
          break next_snapshot;
        }
      }
      r = DM_MAPIO_SUBMITTED;
      /*
       * If an origin bio was supplied, queue it to wait for the
       * completion of this exception, and start this one last,
       * at the end of the function.
       */
      if (b !== null) {
        bio_list_add(pe.origin_bios, b);
        b = null;
        if (!pe.started) {
          pe.started = 1;
          pe_to_start_last = pe;
        }
      }
      if (!pe.started) {
        pe.started = 1;
        pe_to_start_now = pe;
      }
    }
    yield* up_write_snap(snap);
    if (pe_to_start_now !== null) {
      yield* dm_snap.start_copy(pe_to_start_now);
      pe_to_start_now = null;
    }
  }
  /* Submit the exception against which the bio is queued last, to give the other exceptions a head start. */
  if (pe_to_start_last !== null) yield* dm_snap.start_copy(pe_to_start_last);
  return r;
}

/** Called on a write from the origin driver. @port drivers/md/dm-snap.c v3.15 ported */
function* do_origin(origin: dm_dev, b: bio): KGen<number> {
  const { _origins_lock } = origins();
  let r = DM_MAPIO_REMAPPED;
  yield* rwsem.down_read(_origins_lock);
  const o = __lookup_origin(origin.bdev);
  if (o !== null) r = yield* dm_snap.__origin_write(o.snapshots, b.bi_sector, b);
  yield* rwsem.up_read(_origins_lock);
  return r;
}

/** @port drivers/md/dm-snap.c v3.15 simplified - no flush bios */
function* origin_map(ti: dm_target, b: bio): KGen<number> {
  const dev = ti.private as dm_dev;
  b.bi_bdev = dev.bdev;
  /* Only tell snapshots if this is a write */
  return bio_rw(b) === WRITE ? yield* dm_snap.do_origin(dev, b) : DM_MAPIO_REMAPPED;
}

/**
 * Construct an origin mapping: <dev_path>, then resume it (which sets max_io_len to the
 * smallest chunk size of the origin's snapshots).
 * @port drivers/md/dm-snap.c v3.15 simplified - the device comes parsed; resumed at once
 */
function* origin_ctr(ti: dm_target, dev: dm_dev): KGen<number> {
  ti.private = dev;
  /* origin_resume */
  ti.max_io_len = yield* dm_snap.get_origin_minimum_chunksize(dev.bdev);
  return 0;
}

export const dm_snap = kernel_functions('drivers/md/dm-snap.c', {
  track_chunk,
  stop_tracking_chunk,
  __chunk_is_tracked,
  __check_for_conflicting_io,
  register_snapshot,
  unregister_snapshot,
  get_origin_minimum_chunksize,
  alloc_completed_exception,
  alloc_pending_exception,
  free_pending_exception,
  __find_pending_exception,
  flush_bios,
  error_bios,
  retry_origin_bios,
  pending_complete,
  commit_callback,
  copy_callback,
  start_copy,
  snapshot_map,
  snapshot_end_io,
  snapshot_ctr,
  snapshot_dtr,
  __origin_write,
  do_origin,
  origin_map,
  origin_ctr,
});

/** The "snapshot" target type. */
export const snapshot_target: target_type = {
  name: 'snapshot',
  map: (ti, b) => dm_snap.snapshot_map(ti, b),
  end_io: (ti, b, error) => dm_snap.snapshot_end_io(ti, b, error),
  dtr: (ti) => dm_snap.snapshot_dtr(ti),
};

/** The "snapshot-origin" target type. */
export const origin_target: target_type = {
  name: 'snapshot-origin',
  map: (ti, b) => dm_snap.origin_map(ti, b),
};
