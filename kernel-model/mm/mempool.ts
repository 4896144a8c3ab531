// Memory pools (mm/mempool.c, v3.15): a reserve of min_nr preallocated elements that an
// allocation falls back to when the allocator has nothing, and waiting for an element to come
// back when the reserve is empty too. The first attempt goes without __GFP_WAIT and __GFP_IO,
// so that the reserve is used before anything sleeps.

import { __GFP_IO, __GFP_NOMEMALLOC, __GFP_NORETRY, __GFP_NOWARN, __GFP_WAIT, GFP_KERNEL, type gfp_t } from '../include/linux/gfp.ts';
import { kernel_functions } from '../sim/hooks.ts';
import { HZ } from '../sim/machine.ts';
import { type KGen, type WaitTarget, type task_struct, TASK_UNINTERRUPTIBLE } from '../sim/task.ts';
import { spin_lock_init, spinlock, type spinlock_t } from '../kernel/locking/spinlock.ts';
import { might_sleep } from '../kernel/sched/core.ts';
import { finish_wait, init_wait, init_waitqueue_head, prepare_to_wait, wake_up, type wait_queue_head_t } from '../kernel/sched/wait.ts';
import { timers } from '../kernel/timer.ts';
import { lost_wakeup } from '../kernel/sched/lost-wakeup.ts';
import { kcsan_reallocated } from '../kernel/kcsan.ts';
import { type kmem_cache, slab } from './slab.ts';
import { NULL } from '../lib/c-pointers.ts';
import type { kstruct } from '../lib/kstruct.ts';

/** A pool's allocation callback; translated callbacks are generators (every C callback is). */
export type mempool_alloc_t<T> = (gfp_mask: gfp_t, pool_data: unknown) => KGen<T | null>;
/** A pool's free callback: plain for the runtime's slab pools, a generator when translated. */
export type mempool_free_t<T> = (element: T, pool_data: unknown) => void | KGen;

export interface mempool_t<T extends object = object> {
  /** For reports: the slab cache's name, or the pool's allocator. */
  name: string;
  lock: spinlock_t;
  min_nr: number;
  elements: T[];
  pool_data: unknown;
  alloc: mempool_alloc_t<T>;
  free: mempool_free_t<T>;
  wait: wait_queue_head_t;
  /** Elements handed out and not yet returned: what a waiter for an element waits on. */
  outstanding: Set<T>;
}

function curr_nr<T extends object>(pool: mempool_t<T>): number {
  return pool.elements.length;
}

/** Calls a free callback, plain or generator. */
function* call_free<T extends object>(pool: mempool_t<T>, element: T): KGen {
  const r = pool.free(element, pool.pool_data);
  if (r !== undefined) yield* r;
}

function poolName(alloc_fn: { name: string }, pool_data: unknown): string {
  const cache = pool_data as Partial<kmem_cache> | null;
  return typeof cache?.name === 'string' ? cache.name : alloc_fn.name || 'mempool';
}

/** @port mm/mempool.c v3.15 ported */
function* mempool_create<T extends object>(min_nr: number, alloc_fn: mempool_alloc_t<T> | ((gfp_mask: gfp_t, pool_data: unknown) => KGen<unknown>), free_fn: mempool_free_t<T> | ((element: unknown, pool_data: unknown) => KGen | void), pool_data: unknown): KGen<mempool_t<T>> {
  return yield* mempools.mempool_create_node(min_nr, alloc_fn as mempool_alloc_t<T>, free_fn as mempool_free_t<T>, pool_data, GFP_KERNEL, -1);
}

/**
 * mempool_create_node(min_nr, alloc_fn, free_fn, pool_data, [gfp_mask,] node_id): v3.2 has no
 * gfp_mask argument, v3.15 has; the model has no NUMA nodes either way.
 * @port mm/mempool.c v3.15 ported - returns NULL (typed as the pool, as the C's pointer) on failure
 */
function* mempool_create_node<T extends object>(min_nr: number, alloc_fn: mempool_alloc_t<T>, free_fn: mempool_free_t<T>, pool_data: unknown, _gfp_or_node: number, _node_id?: number): KGen<mempool_t<T>> {
  const name = poolName(alloc_fn, pool_data);
  const pool: mempool_t<T> = {
    name,
    lock: spin_lock_init('&pool->lock'),
    min_nr,
    elements: [],
    pool_data,
    alloc: alloc_fn,
    free: free_fn,
    wait: init_waitqueue_head(`${name}.wait`),
    outstanding: new Set(),
  };
  const waitFor: WaitTarget = {
    anyOf: true,
    describe: () => `an element of mempool ${name} (reserve empty)`,
    blockers: () => [...pool.outstanding].filter((x): x is T & WaitTarget => isWaitTarget(x)),
  };
  pool.wait.waitsFor = () => [waitFor];
  /* First pre-allocate the guaranteed number of buffers. */
  while (pool.elements.length < min_nr) {
    const element = yield* pool.alloc(GFP_KERNEL, pool.pool_data);
    if (element === null) {
      yield* mempools.mempool_destroy(pool);
      return NULL;
    }
    pool.elements.push(element);
  }
  return pool;
}

function isWaitTarget(x: object): x is WaitTarget {
  return typeof (x as Partial<WaitTarget>).blockers === 'function';
}

/** @port mm/mempool.c v3.15 ported */
function* mempool_destroy<T extends object>(pool: mempool_t<T>): KGen {
  while (pool.elements.length > 0) yield* call_free(pool, pool.elements.pop() as T);
  yield;
}

/** @port mm/mempool.c v3.15 ported */
function* mempool_alloc<T extends object>(pool: mempool_t<T>, gfp_mask: gfp_t): KGen<T | null> {
  if (gfp_mask & __GFP_WAIT) might_sleep('mm/mempool.c');
  gfp_mask |= __GFP_NOMEMALLOC; /* don't allocate emergency reserves */
  gfp_mask |= __GFP_NORETRY; /* don't loop in __alloc_pages */
  gfp_mask |= __GFP_NOWARN; /* failures are OK */
  let gfp_temp = gfp_mask & ~(__GFP_WAIT | __GFP_IO);
  for (;;) {
    /* repeat_alloc: */
    let element = yield* pool.alloc(gfp_temp, pool.pool_data);
    if (element !== null) {
      pool.outstanding.add(element);
      return element;
    }
    const flags = yield* spinlock.spin_lock_irqsave(pool.lock);
    if (curr_nr(pool)) {
      element = pool.elements.pop() as T;
      yield* spinlock.spin_unlock_irqrestore(pool.lock, flags);
      pool.outstanding.add(element);
      kcsan_reallocated(element);
      return element;
    }
    /*
     * We use gfp mask w/o __GFP_WAIT or IO for the first round.  If
     * alloc failed with that and @pool was empty, retry immediately.
     */
    if (gfp_temp !== gfp_mask) {
      yield* spinlock.spin_unlock_irqrestore(pool.lock, flags);
      gfp_temp = gfp_mask;
      continue;
    }
    /* We must not sleep if !__GFP_WAIT */
    if (!(gfp_mask & __GFP_WAIT)) {
      yield* spinlock.spin_unlock_irqrestore(pool.lock, flags);
      return null;
    }
    /* Let's wait for someone else to return an element to @pool */
    const wait = init_wait();
    prepare_to_wait(pool.wait, wait, TASK_UNINTERRUPTIBLE);
    yield* spinlock.spin_unlock_irqrestore(pool.lock, flags);
    /*
     * FIXME: this should be io_schedule().  The timeout is there as a
     * workaround for some DM problems in 2.6.18.
     */
    const left = yield* timers.io_schedule_timeout(5 * HZ);
    finish_wait(pool.wait, wait);
    // mempool_free() wakes pool->wait after every element it puts back: an element found in the
    // pool when the sleep ran out, with no wake-up reaching this waiter, was put back without it
    // (an element freed after the timer had already woken the waiter comes with its wake-up).
    if (left === 0 && !wait.woken && curr_nr(pool) > 0) lost_wakeup(pool.wait.name, 'an element was back in the pool', 5 * HZ);
  }
}

/** mempool_free(element, pool): the element is a `void *` in the C. @port mm/mempool.c v3.15 ported */
function* mempool_free<T extends object>(elem: unknown, pool: mempool_t<T>): KGen {
  if (elem === null) return;
  const element = elem as T;
  pool.outstanding.delete(element);
  if (curr_nr(pool) < pool.min_nr) {
    const flags = yield* spinlock.spin_lock_irqsave(pool.lock);
    if (curr_nr(pool) < pool.min_nr) {
      pool.elements.push(element);
      yield* spinlock.spin_unlock_irqrestore(pool.lock, flags);
      wake_up(pool.wait);
      return;
    }
    yield* spinlock.spin_unlock_irqrestore(pool.lock, flags);
  }
  yield* call_free(pool, element);
}

/** mempool_alloc_slab(gfp_mask, pool_data): an element from the slab cache pool_data is. @port mm/mempool.c v3.15 ported */
export function* mempool_alloc_slab(gfp_mask: gfp_t, pool_data: unknown): KGen<object | null> {
  return yield* slab.kmem_cache_alloc(pool_data as kmem_cache, gfp_mask);
}

/** mempool_free_slab(element, pool_data) @port mm/mempool.c v3.15 ported */
export function mempool_free_slab(element: object, pool_data: unknown): void {
  slab.kmem_cache_free(pool_data as kmem_cache, element);
}

/** mempool_kmalloc(gfp_mask, pool_data): pool_data is the element size. @port mm/mempool.c v3.15 ported */
export function* mempool_kmalloc(gfp_mask: gfp_t, pool_data: unknown): KGen<object | null> {
  return yield* slab.kmalloc(pool_data as number | kstruct<object>, gfp_mask);
}

/** mempool_kfree(element, pool_data) @port mm/mempool.c v3.15 ported */
export function mempool_kfree(element: object, _pool_data: unknown): void {
  slab.kfree(element);
}

/** mempool_create_slab_pool(min_nr, kc) @port include/linux/mempool.h v3.15 ported */
function* mempool_create_slab_pool(min_nr: number, kc: kmem_cache): KGen<mempool_t> {
  return yield* mempools.mempool_create(min_nr, mempool_alloc_slab, mempool_free_slab, kc);
}

/** mempool_create_kmalloc_pool(min_nr, size) @port include/linux/mempool.h v3.15 ported */
function* mempool_create_kmalloc_pool(min_nr: number, size: number | kstruct<object>): KGen<mempool_t> {
  return yield* mempools.mempool_create(min_nr, mempool_kmalloc, mempool_kfree, size);
}

/** Tasks waiting for an element of `pool` right now (for tests and reports). */
export function mempoolWaiters<T extends object>(pool: mempool_t<T>): task_struct[] {
  return pool.wait.task_list.map((w) => w.task);
}

export const mempools = kernel_functions('mm/mempool.c', {
  mempool_create,
  mempool_create_node,
  mempool_create_slab_pool,
  mempool_create_kmalloc_pool,
  mempool_destroy,
  mempool_alloc,
  mempool_free,
});

