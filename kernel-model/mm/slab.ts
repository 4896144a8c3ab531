// kmalloc, kzalloc, kfree and kmem caches. An allocation is a scheduling point, checks that a
// sleeping allocation is allowed here, tells lockdep about possible reclaim, may fail by fault
// injection or memory pressure, and returns a fresh model object tracked by KASAN/kmemleak.

import { __GFP_WAIT, type gfp_t } from '../include/linux/gfp.ts';
import { dumpStackHeader, formatCallTrace, guiltyFrame } from '../sim/findings.ts';
import { kernel_functions } from '../sim/hooks.ts';
import { current, machine, machineOrNull, perMachine } from '../sim/machine.ts';
import type { KGen } from '../sim/task.ts';
import { lockdep_trace_alloc } from '../kernel/locking/lockdep.ts';
import { might_sleep } from '../kernel/sched/core.ts';
import { ALLOC_PRIMITIVES, kasan_free, kasan_track_alloc } from './kasan.ts';
import { contextName } from '../sim/task.ts';
import { page_alloc } from './page_alloc.ts';
import type { kstruct } from '../lib/kstruct.ts';
import { NULL, assign_address, struct_assign } from '../lib/c-pointers.ts';

export interface kmem_cache {
  name: string;
  size: number;
  /** The struct type its objects are (translated code passes it as sizeof(struct x)). */
  type: kstruct<object> | null;
}

/**
 * Objects allocated from each cache and not freed back to it (the slabs' active objects), per
 * machine: some caches are made once per process (the radix tree's), and a run's count must
 * not carry into the next.
 */
const liveObjects = perMachine((): Map<kmem_cache, number> => new Map());

/**
 * kmem_cache_create(name, size, align, flags, ctor): `size` is a struct's descriptor when the C
 * passes sizeof(struct x), so the cache makes objects of that struct. Making the cache allocates
 * its struct kmem_cache (v3.15's do_kmem_cache_create(), v3.2's kmem_cache_zalloc(&cache_cache)),
 * which failslab may fail as any GFP_KERNEL allocation of the caller's: the cache is then NULL.
 * Caches made at boot (pid 0) never fail, as every boot allocation.
 * @port mm/slab.c v3.2 simplified - one cache object, no slabs or per-cpu caches; the cache's own allocation is a fault-injection point only (no scheduling point, not tracked by kmemleak)
 */
export function kmem_cache_create(name: string, size: number | kstruct<object>, _align = 0, _flags = 0, _ctor: unknown = null): kmem_cache {
  const m = machineOrNull();
  if (m !== null && m.current !== null && m.shouldFailSlab(guiltyFrame(m.current.stack, ALLOC_PRIMITIVES), KMEM_CACHE_STRUCT_SIZE)) return NULL as unknown as kmem_cache;
  return typeof size === 'number' ? { name, size, type: null } : { name, size: size.size, type: size };
}

/** sizeof(struct kmem_cache) the failslab record gives (SLUB's, x86-64). */
const KMEM_CACHE_STRUCT_SIZE = 200;

/** SLAB_* creation flags (include/linux/slab.h): accepted, not acted on by the model's slab. */
export const SLAB_HWCACHE_ALIGN = 0x00002000;
export const SLAB_PANIC = 0x00040000;

/**
 * kmem_cache_destroy(cachep): a cache that still has objects (allocated from it and never freed
 * back: a leak into a module's cache, found when the module unloads) is not destroyed, and the
 * kernel says so with a stack dump: v3.15's mm/slab_common.c "kmem_cache_destroy %s: Slab cache
 * still has objects", v3.2's mm/slab.c slab_error() "Can't free all objects".
 * @port mm/slab_common.c v3.15 simplified - no slab_mutex, memcg caches or refcount of merged caches; the cache object stays (the model frees nothing)
 */
export function kmem_cache_destroy(cachep: kmem_cache): void {
  if (cachep === null || cachep === undefined || !liveObjects().get(cachep)) return;
  const m = machine();
  const t = current();
  t.stack.push('kmem_cache_destroy');
  try {
    const head =
      m.base === 'v3.2'
        ? `slab error in kmem_cache_destroy(): cache \`${cachep.name}': Can't free all objects`
        : `kmem_cache_destroy ${cachep.name}: Slab cache still has objects`;
    m.report({
      kind: 'warning',
      title: `kmem_cache_destroy: slab cache still has objects in ${guiltyFrame(t.stack, new Set(['kmem_cache_destroy']))}`,
      report: [head, dumpStackHeader(m.base === 'v3.2' ? 'v3.2' : 'v3.15', t), formatCallTrace([...t.stack, 'dump_stack'])].join('\n'),
      backtraces: [{ task: contextName(t), stack: [...t.stack] }],
      step: m.steps,
      fatal: false,
    });
  } finally {
    t.stack.pop();
  }
}

/** A struct's descriptor or the transitional (size, make) pair of hand-written model code. */
type Sized<T extends object> = kstruct<T> | number;

function sizeAndMake<T extends object>(size: Sized<T>, make: (() => T) | undefined): { size: number; make: () => T } {
  if (typeof size === 'number') return { size, make: make ?? ((): T => ({}) as T) };
  return { size: size.size, make: size.make };
}

function kmallocCacheName(size: number): string {
  let s = 8;
  while (s < size) s *= 2;
  return `kmalloc-${s}`;
}

/**
 * The checks every slab allocation makes before it allocates: a mask that may sleep must not be
 * used in atomic context, and lockdep records the reclaim it may enter under the locks held.
 * @port mm/slab.c v3.2 simplified - cache_alloc_debugcheck_before()'s might_sleep_if() and slab_alloc()'s lockdep_trace_alloc() (v3.15 slub: slab_pre_alloc_hook())
 */
export function slab_pre_alloc_hook(flags: gfp_t): void {
  if (flags & __GFP_WAIT) might_sleep('mm/slab.c');
  lockdep_trace_alloc(flags);
}

/** The allocation proper, shared by every allocator entry point. */
function* slab_alloc<T extends object>(size: number, flags: gfp_t, cache: string, make: () => T): KGen<T | null> {
  const m = machine();
  slab_pre_alloc_hook(flags);
  yield;
  const site = guiltyFrame(current().stack, ALLOC_PRIMITIVES);
  if (m.shouldFailSlab(site, size)) return null;
  if (!(yield* page_alloc.__alloc_pages_nodemask(flags, true))) {
    if (m.tracing) m.log(`allocation failed: ${size} bytes in ${site}`);
    return null;
  }
  const obj = make();
  assign_address(obj);
  if (m.debug) kasan_track_alloc(obj, size, cache.startsWith('kmalloc-') ? 'kmalloc' : 'kmem_cache', cache);
  return obj;
}

/**
 * `make` builds the object's initial contents; with kmalloc they are whatever the caller
 * initialises, as the model never reads uninitialised memory.
 * @port mm/slab.c v3.2 simplified
 */
function* kmalloc<T extends object>(size: Sized<T>, flags: gfp_t, make?: () => T): KGen<T | null> {
  const s = sizeAndMake(size, make);
  return yield* slab_alloc(s.size, flags, kmallocCacheName(s.size), s.make);
}

/** @port include/linux/slab.h v3.2 simplified */
function* kzalloc<T extends object>(size: Sized<T>, flags: gfp_t, make?: () => T): KGen<T | null> {
  const s = sizeAndMake(size, make);
  return yield* slab_alloc(s.size, flags, kmallocCacheName(s.size), s.make);
}

/** @port include/linux/slab.h v3.2 simplified - no NUMA nodes in the model */
function* kzalloc_node<T extends object>(size: Sized<T>, flags: gfp_t, _node: number, make?: () => T): KGen<T | null> {
  const s = sizeAndMake(size, make);
  return yield* slab_alloc(s.size, flags, kmallocCacheName(s.size), s.make);
}

/** @port include/linux/slab.h v3.2 simplified - no NUMA nodes in the model */
function* kmalloc_node<T extends object>(size: Sized<T>, flags: gfp_t, _node: number, make?: () => T): KGen<T | null> {
  const s = sizeAndMake(size, make);
  return yield* slab_alloc(s.size, flags, kmallocCacheName(s.size), s.make);
}

/**
 * kmalloc(sizeof(struct x) * n, ...): n zeroed structs as one allocation (an array the C walks
 * by index or pointer). A byte count (a runtime struct the translator sized) makes empty slots.
 * @port include/linux/slab.h v3.2 simplified
 */
function* kmalloc_array<T extends object>(n: number, type: Sized<T>, flags: gfp_t, _node?: number): KGen<T[] | null> {
  const s = sizeAndMake(type, undefined);
  return yield* slab_alloc(s.size * n, flags, kmallocCacheName(s.size * n), () => Array.from({ length: n }, s.make));
}

/**
 * krealloc(p, sizeof(struct x) * n, flags) on an array of structs: a new array whose first
 * elements take the old ones' contents, the old array freed (a pointer into it is now stale,
 * as in C); on failure NULL, and the old array stays.
 * @port mm/util.c v3.2 simplified - always moves (the C reuses the block when it is big enough)
 */
function* krealloc_array<T extends object>(p: T[] | null, n: number, type: kstruct<T>, flags: gfp_t): KGen<T[] | null> {
  const fresh = yield* slab.kmalloc_array(n, type, flags);
  if (fresh === null) return null;
  if (p !== null) {
    for (let i = 0; i < Math.min(n, p.length); i++) struct_assign(fresh[i], p[i]);
    slab.kfree(p);
  }
  return fresh;
}

/** @port mm/slab.c v3.2 simplified */
function* kmem_cache_alloc<T extends object>(cachep: kmem_cache, flags: gfp_t, make?: () => T): KGen<T | null> {
  const m = make ?? (cachep.type?.make as (() => T) | undefined) ?? ((): T => ({}) as T);
  const obj = yield* slab_alloc(cachep.size, flags, cachep.name, m);
  if (obj !== null) liveObjects().set(cachep, (liveObjects().get(cachep) ?? 0) + 1);
  return obj;
}

/** @port include/linux/slab.h v3.2 simplified */
function* kmem_cache_zalloc<T extends object>(cachep: kmem_cache, flags: gfp_t): KGen<T | null> {
  return yield* slab.kmem_cache_alloc<T>(cachep, flags);
}

/** @port include/linux/slab.h v3.2 simplified - no NUMA nodes in the model */
function* kmem_cache_alloc_node<T extends object>(cachep: kmem_cache, flags: gfp_t, _node: number): KGen<T | null> {
  return yield* slab.kmem_cache_alloc<T>(cachep, flags);
}

/** @port mm/slab.c v3.2 simplified - frees are not scheduling points */
function kfree(objp: unknown): void {
  if (objp === null || objp === undefined) return;
  if (machine().debug) kasan_free(objp as object, 'kmalloc', null);
}

/** @port mm/slab.c v3.2 simplified */
function kmem_cache_free(cachep: kmem_cache, objp: object): void {
  const live = liveObjects().get(cachep);
  if (objp !== null && objp !== undefined && live) liveObjects().set(cachep, live - 1);
  if (machine().debug) kasan_free(objp, 'kmem_cache', cachep.name);
}

export const slab = kernel_functions('mm/slab.c', {
  kmalloc,
  kzalloc,
  kzalloc_node,
  kmalloc_node,
  kmalloc_array,
  krealloc_array,
  kmem_cache_alloc,
  kmem_cache_zalloc,
  kmem_cache_alloc_node,
  kfree,
  kmem_cache_free,
});
