// The per-cpu allocator (mm/percpu.c, v3.2) as far as its locking goes: pcpu_alloc() holds
// pcpu_alloc_mutex across the whole allocation and, while holding it, allocates with
// GFP_KERNEL to extend a chunk's area map, to create a chunk, or to populate pages. That
// sleeping allocation under the mutex is what lockdep records as RECLAIM_FS-ON; an alloc_percpu
// from the IO path under reclaim takes the same mutex IN-RECLAIM_FS.
//
// Chunk geometry is small and fixed so that the GFP_KERNEL paths are taken regularly: a chunk
// holds 16 areas, its area map starts with room for 4 entries and doubles, and each populated
// page serves 4 areas.

import { GFP_KERNEL } from '../include/linux/gfp.ts';
import { kernel_functions } from '../sim/hooks.ts';
import { current, machine, perMachine } from '../sim/machine.ts';
import type { kstruct } from '../lib/kstruct.ts';
import type { KGen } from '../sim/task.ts';
import { mutex_init, mutexes, type mutex } from '../kernel/locking/mutex.ts';
import { spin_lock_init, spinlock, type spinlock_t } from '../kernel/locking/spinlock.ts';
import { kasan_free, kasan_track_alloc, kmemleak_not_leak } from './kasan.ts';
import { page_alloc } from './page_alloc.ts';
import { slab } from './slab.ts';
import { ENOMEM } from '../include/uapi/asm-generic/errno-base.ts';

const AREAS_PER_CHUNK = 16;
const INITIAL_MAP_ALLOC = 4;
const AREAS_PER_PAGE = 4;

interface pcpu_chunk {
  id: number;
  map_alloc: number;
  map_used: number;
  /** Area slots: true when in use. */
  areas: boolean[];
  populated_pages: Set<number>;
}

/** A per-cpu pointer: one slot per possible CPU. */
export type percpu_ptr<T> = T[] & { readonly __percpu: true };

interface PercpuState {
  pcpu_alloc_mutex: mutex;
  pcpu_lock: spinlock_t;
  chunks: pcpu_chunk[];
  where: WeakMap<object, { chunk: pcpu_chunk; off: number }>;
}

const st = perMachine(
  (): PercpuState => ({
    pcpu_alloc_mutex: mutex_init('pcpu_alloc_mutex'),
    pcpu_lock: spin_lock_init('pcpu_lock'),
    chunks: [newChunk(0)],
    where: new WeakMap(),
  }),
);

function newChunk(id: number): pcpu_chunk {
  return { id, map_alloc: INITIAL_MAP_ALLOC, map_used: 1, areas: [], populated_pages: new Set() };
}

/** @port mm/percpu.c v3.2 simplified - the map needs room for the area and its split */
function pcpu_need_to_extend(chunk: pcpu_chunk): number {
  if (chunk.map_alloc >= chunk.map_used + 2) return 0;
  return chunk.map_alloc * 2;
}

/** @port mm/percpu.c v3.2 simplified - kzalloc of the new map, with GFP_KERNEL, as pcpu_mem_alloc() does */
function* pcpu_extend_area_map(chunk: pcpu_chunk, new_alloc: number): KGen<number> {
  const map = yield* slab.kzalloc(new_alloc * 4, GFP_KERNEL, () => ({ entries: new_alloc }));
  if (map === null) return -ENOMEM;
  chunk.map_alloc = new_alloc;
  slab.kfree(map);
  return 0;
}

/** @port mm/percpu.c v3.2 simplified - first free slot */
function pcpu_alloc_area(chunk: pcpu_chunk): number {
  for (let off = 0; off < AREAS_PER_CHUNK; off++) {
    if (!chunk.areas[off]) {
      chunk.areas[off] = true;
      chunk.map_used++;
      return off;
    }
  }
  return -1;
}

/** @port mm/percpu.c v3.2 simplified */
function pcpu_free_area(chunk: pcpu_chunk, off: number): void {
  chunk.areas[off] = false;
  chunk.map_used--;
}

/** @port mm/percpu.c v3.2 simplified - the chunk struct is kzalloc'ed with GFP_KERNEL */
function* pcpu_create_chunk(): KGen<pcpu_chunk | null> {
  const s = st();
  return yield* slab.kzalloc(64, GFP_KERNEL, () => newChunk(s.chunks.length));
}

/**
 * Allocates the backing pages of the area's page for every CPU, with GFP_KERNEL.
 * @port mm/percpu-vm.c v3.2 simplified - one page-allocator call per unpopulated page
 */
function* pcpu_populate_chunk(chunk: pcpu_chunk, off: number): KGen<number> {
  const page = Math.floor(off / AREAS_PER_PAGE);
  if (chunk.populated_pages.has(page)) return 0;
  if (!(yield* page_alloc.__alloc_pages_nodemask(GFP_KERNEL, false))) return -ENOMEM;
  chunk.populated_pages.add(page);
  return 0;
}

/**
 * @port mm/percpu.c v3.2 ported - the lock and allocation structure of pcpu_alloc(), over the
 * simplified chunk geometry above
 */
function* pcpu_alloc<T extends object>(size: number, make: () => T): KGen<percpu_ptr<T> | null> {
  const s = st();
  yield* mutexes.mutex_lock(s.pcpu_alloc_mutex);
  let flags = yield* spinlock.spin_lock_irqsave(s.pcpu_lock);
  let found: { chunk: pcpu_chunk; off: number };
  restart: for (;;) {
    /* search through normal chunks */
    for (const chunk of s.chunks) {
      const new_alloc = pcpu_need_to_extend(chunk);
      if (new_alloc) {
        yield* spinlock.spin_unlock_irqrestore(s.pcpu_lock, flags);
        if ((yield* percpu.pcpu_extend_area_map(chunk, new_alloc)) < 0) {
          /* failed to extend area map */
          yield* mutexes.mutex_unlock(s.pcpu_alloc_mutex);
          return null;
        }
        flags = yield* spinlock.spin_lock_irqsave(s.pcpu_lock);
        continue restart;
      }
      const off = pcpu_alloc_area(chunk);
      if (off >= 0) {
        found = { chunk, off };
        break restart;
      }
    }
    /* hmmm... no space left, create a new chunk */
    yield* spinlock.spin_unlock_irqrestore(s.pcpu_lock, flags);
    const chunk = yield* percpu.pcpu_create_chunk();
    if (chunk === null) {
      /* failed to allocate new chunk */
      yield* mutexes.mutex_unlock(s.pcpu_alloc_mutex);
      return null;
    }
    flags = yield* spinlock.spin_lock_irqsave(s.pcpu_lock);
    s.chunks.push(chunk);
    // Chunks stay on the allocator's slot lists (no reclaim of free chunks in the model), which
    // kmemleak's scan would find: not a leak.
    kmemleak_not_leak(chunk);
  }
  yield* spinlock.spin_unlock_irqrestore(s.pcpu_lock, flags);
  /* populate, map and clear the area */
  if ((yield* percpu.pcpu_populate_chunk(found.chunk, found.off)) !== 0) {
    flags = yield* spinlock.spin_lock_irqsave(s.pcpu_lock);
    pcpu_free_area(found.chunk, found.off);
    /* failed to populate */
    yield* spinlock.spin_unlock_irqrestore(s.pcpu_lock, flags);
    yield* mutexes.mutex_unlock(s.pcpu_alloc_mutex);
    return null;
  }
  yield* mutexes.mutex_unlock(s.pcpu_alloc_mutex);
  const m = machine();
  const ptr = Array.from({ length: m.ncpus }, make) as percpu_ptr<T>;
  s.where.set(ptr, found);
  if (m.debug) kasan_track_alloc(ptr, size, 'percpu', 'percpu');
  return ptr;
}

/**
 * alloc_percpu(type): `make` builds one CPU's zeroed copy.
 * @port mm/percpu.c v3.2 ported
 */
function* __alloc_percpu<T extends object>(size: number, make: () => T): KGen<percpu_ptr<T> | null> {
  return yield* percpu.pcpu_alloc(size, make);
}

/** @port mm/percpu.c v3.2 simplified - no reclaim of fully free chunks */
function* free_percpu(ptr: percpu_ptr<object> | object | null): KGen {
  if (ptr === null) return;
  const s = st();
  const m = machine();
  const loc = s.where.get(ptr as object);
  if (m.debug) kasan_free(ptr, 'percpu', null);
  const flags = yield* spinlock.spin_lock_irqsave(s.pcpu_lock);
  if (loc !== undefined) pcpu_free_area(loc.chunk, loc.off);
  yield* spinlock.spin_unlock_irqrestore(s.pcpu_lock, flags);
}

/**
 * alloc_percpu(type) as translated code calls it: the struct's descriptor gives the size and
 * one CPU's zeroed copy. The result is typed as the C types it, a pointer to the struct.
 * @port include/linux/percpu.h v3.2 ported
 */
function* alloc_percpu<T extends object>(type: kstruct<T>): KGen<T> {
  return (yield* percpu.pcpu_alloc(type.size, type.make)) as unknown as T;
}

/** per_cpu_ptr(ptr, cpu): one CPU's copy of a per-cpu area. */
export function per_cpu_ptr<T>(ptr: percpu_ptr<T> | T, cpu: number): T {
  return (ptr as unknown as T[])[cpu];
}

/**
 * this_cpu_ptr(ptr): the current CPU's copy, of a per-cpu area or of a DEFINE_PER_CPU variable
 * (`&var`, which the model keeps as one slot per CPU).
 */
export function this_cpu_ptr<T>(ptr: readonly T[]): T;
export function this_cpu_ptr<T>(ptr: percpu_ptr<T> | T): T;
export function this_cpu_ptr<T>(ptr: percpu_ptr<T> | T | readonly T[]): T {
  return (ptr as unknown as T[])[Math.max(current().cpu, 0)];
}

export const percpu = kernel_functions('mm/percpu.c', {
  pcpu_extend_area_map,
  pcpu_create_chunk,
  pcpu_populate_chunk,
  pcpu_alloc,
  __alloc_percpu,
  alloc_percpu,
  free_percpu,
});

/**
 * u64_stats_fetch_begin(syncp): a 64-bit counter read never tears in the model (one task runs
 * between two yields), so a reader's loop runs once.
 * @port include/linux/u64_stats_sync.h v3.2 simplified - no seqcount
 */
export function u64_stats_fetch_begin(_syncp: object): number {
  return 0;
}

/** u64_stats_fetch_retry(syncp, start): never, see u64_stats_fetch_begin. */
export function u64_stats_fetch_retry(_syncp: object, _start: number): boolean {
  return false;
}
