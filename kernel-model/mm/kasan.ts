// KASAN for model objects. Every allocation is tracked with who allocated it; on free the
// object's own properties are deleted and its prototype becomes a Proxy that reports any read
// or write (an ordinary object whose prototype is a Proxy sends both reads and writes of
// missing properties to it). Live objects keep full speed; a freed one can never be read or
// written silently. Freed objects are never reused. Double and invalid frees are caught at
// the free. A report ends the run, as with panic_on_warn.

import type { Finding } from '../sim/findings.ts';
import { formatCallTrace, guiltyFrame } from '../sim/findings.ts';
import { KernelPanic, current, machine, perMachine } from '../sim/machine.ts';
import { contextName, type task_struct } from '../sim/task.ts';

export type Allocator = 'kmalloc' | 'kmem_cache' | 'percpu';

export interface AllocInfo {
  id: number;
  size: number;
  allocator: Allocator;
  /** The cache name ("kmalloc-256", "bio-0") it belongs to. */
  cache: string;
  allocTask: string;
  allocStack: string[];
  freeTask: string | null;
  freeStack: string[] | null;
  /** kmemleak_not_leak(): lives for the machine's lifetime on purpose. */
  notLeak: boolean;
}

interface KasanState {
  nextId: number;
  info: WeakMap<object, AllocInfo>;
  /** Objects not yet freed, in allocation order (kmemleak scans these). */
  live: Map<number, object>;
}

const state = perMachine((): KasanState => ({ nextId: 1, info: new WeakMap(), live: new Map() }));

/** Frames that are allocator internals: reports name the caller. */
export const ALLOC_PRIMITIVES: ReadonlySet<string> = new Set([
  'kmalloc',
  'kzalloc',
  'kzalloc_node',
  'kmalloc_node',
  'kmalloc_array',
  'krealloc_array',
  'kfree',
  'kmem_cache_alloc',
  'kmem_cache_zalloc',
  'kmem_cache_alloc_node',
  'kmem_cache_free',
  'pcpu_alloc',
  '__alloc_percpu',
  '__percpu_counter_init',
  'free_percpu',
  'mempool_alloc',
  'mempool_free',
  'mempool_alloc_slab',
  'mempool_free_slab',
  '__alloc_pages_nodemask',
  '__alloc_pages_direct_reclaim',
]);

function address(id: number): string {
  return `ffff8800${(id * 0x100).toString(16).padStart(8, '0')}`;
}

export function objectAddress(obj: object): string {
  const info = state().info.get(obj);
  return info ? address(info.id) : 'ffff880000000000';
}

export function allocInfo(obj: object): AllocInfo | undefined {
  return state().info.get(obj);
}

/** Records a new allocation (kasan_kmalloc + kmemleak_alloc). */
export function kasan_track_alloc(obj: object, size: number, allocator: Allocator, cache: string): void {
  const st = state();
  const t = current();
  const info: AllocInfo = {
    id: st.nextId++,
    size,
    allocator,
    cache,
    allocTask: contextName(t),
    allocStack: [...t.stack],
    freeTask: null,
    freeStack: null,
    notLeak: false,
  };
  st.info.set(obj, info);
  st.live.set(info.id, obj);
}

/** kmemleak_not_leak(): the object lives on purpose (a boot-time singleton). */
export function kmemleak_not_leak(obj: object): void {
  const info = state().info.get(obj);
  if (info) info.notLeak = true;
}

function stackBlock(task: string, stack: readonly string[]): string {
  return `${formatCallTrace(stack).replace('Call Trace:', '').trimStart()}`
    .split('\n')
    .map((l) => ` ${l.trim()}`)
    .join('\n')
    .replace(/^/, `task ${task}:\n`);
}

function kasanReport(kind: string, title: string, body: string[], info: AllocInfo | undefined): never {
  const m = machine();
  const t = current();
  const lines = ['==================================================================', ...body, '', formatCallTrace(t.stack)];
  if (info) {
    lines.push('', `Allocated by ${stackBlock(info.allocTask, info.allocStack)}`);
    if (info.freeTask !== null) lines.push('', `Freed by ${stackBlock(info.freeTask, info.freeStack ?? [])}`);
    lines.push(
      '',
      `The buggy address belongs to the object at ${address(info.id)}`,
      ` which belongs to the cache ${info.cache} of size ${info.size}`,
    );
  }
  lines.push('==================================================================');
  const backtraces = [{ task: contextName(t), stack: [...t.stack] }];
  if (info) backtraces.push({ task: info.allocTask, stack: info.allocStack });
  if (info?.freeStack) backtraces.push({ task: info.freeTask ?? '?', stack: info.freeStack });
  const f: Finding = { kind: 'kasan', title, report: lines.join('\n'), backtraces, step: m.steps, fatal: true };
  m.report(f);
  throw new KernelPanic(kind);
}

/**
 * `owner->member[index]` where `member` is an array at the end of `owner` (a flexible array
 * member sized at allocation, as r1bio's bios[]): an index past its end reads beyond the
 * object, which KASAN reports as a slab-out-of-bounds access. Used where the C indexes such an
 * array with a value nothing bounds (annotations.ts rewrites the expression).
 */
export function kasan_array_read<T>(owner: object, member: string, arr: readonly T[], index: number): T {
  if (index >= 0 && index < arr.length) return arr[index] as T;
  const info = state().info.get(owner);
  const t = current();
  const fn = guiltyFrame(t.stack, ALLOC_PRIMITIVES);
  return kasanReport(
    'slab-out-of-bounds',
    `KASAN: slab-out-of-bounds Read in ${fn}`,
    [`BUG: KASAN: slab-out-of-bounds in ${fn}`, `Read of size 8 at addr ${address(info?.id ?? 0)} by task ${contextName(t)} (${member}[${index}] of ${arr.length})`],
    info,
  );
}

/** Where a poisoned object's prototype keeps its allocation record (the proxy's target). */
const POISON_INFO = Symbol('kasan.info');

function useAfterFree(target: object, what: 'Read' | 'Write', key: string | symbol): undefined {
  // Symbol lookups come from the runtime (inspection, iteration protocols), not kernel code.
  if (typeof key === 'symbol') return undefined;
  const info = (target as Record<symbol, AllocInfo>)[POISON_INFO] as AllocInfo;
  const t = current();
  const fn = guiltyFrame(t.stack, ALLOC_PRIMITIVES);
  return kasanReport(
    'use-after-free',
    `KASAN: use-after-free ${what} in ${fn}`,
    [`BUG: KASAN: use-after-free in ${fn}`, `${what} of size 8 at addr ${address(info.id)} by task ${contextName(t)} (field '${String(key)}')`],
    info,
  );
}

// One handler for every poisoned object: the allocation record rides on the proxy's target, so
// a free creates no closures (frees are frequent: every mempool reserve is freed at teardown).
const POISON_HANDLER: ProxyHandler<object> = {
  get: (target, key) => useAfterFree(target, 'Read', key),
  set: (target, key) => {
    useAfterFree(target, 'Write', key);
    return false;
  },
  has: (target, key) => {
    useAfterFree(target, 'Read', key);
    return false;
  },
};

function poisonProxy(info: AllocInfo): object {
  const target = Object.create(null) as Record<symbol, AllocInfo>;
  target[POISON_INFO] = info;
  return new Proxy(target, POISON_HANDLER);
}

/** The frame a report blames: found only when a report is made, never on every free. */
function guiltyIn(t: task_struct): string {
  return guiltyFrame(t.stack, ALLOC_PRIMITIVES);
}

/**
 * Checks a free and poisons the object. `allocator` is the allocator the free goes through;
 * a mismatch (kfree of a per-cpu pointer, a cache free of a kmalloc object) is an invalid free.
 */
export function kasan_free(obj: object, allocator: Allocator, cache: string | null): void {
  const st = state();
  const info = st.info.get(obj);
  const t = current();
  if (info === undefined) {
    kasanReport('invalid-free', `KASAN: invalid-free in ${guiltyIn(t)}`, [
      `BUG: KASAN: double-free or invalid-free in ${guiltyIn(t)}`,
      `Freeing an object that was never allocated, by task ${contextName(t)}`,
    ], undefined);
  }
  if (info.freeTask !== null) {
    kasanReport('double-free', `KASAN: double-free in ${guiltyIn(t)}`, [
      `BUG: KASAN: double-free or invalid-free in ${guiltyIn(t)}`,
      `Freeing object at ${address(info.id)} a second time, by task ${contextName(t)}`,
    ], info);
  }
  if (info.allocator !== allocator || (cache !== null && info.cache !== cache)) {
    kasanReport('invalid-free', `KASAN: invalid-free in ${guiltyIn(t)}`, [
      `BUG: KASAN: double-free or invalid-free in ${guiltyIn(t)}`,
      `Freeing object at ${address(info.id)} from ${info.cache} through ${allocator}${cache ? ` (${cache})` : ''}, by task ${contextName(t)}`,
    ], info);
  }
  info.freeTask = contextName(t);
  info.freeStack = [...t.stack];
  st.live.delete(info.id);
  poison(obj, info);
}

function poison(obj: object, info: AllocInfo): void {
  const record = obj as Record<string, unknown>;
  // The array's elements that exist (a lazy array makes its elements on first touch: the ones
  // never touched need no poisoning, and must not be made now).
  const children = Array.isArray(obj)
    ? Object.keys(obj)
        .filter((k) => k !== 'length')
        .map((k) => (obj as unknown as Record<string, unknown>)[k])
        .filter((x): x is object => typeof x === 'object' && x !== null)
    : [];
  // Last property first: V8 undoes the newest property of an object cheaply, where any other
  // delete turns the object into a slow dictionary first.
  const keys = Object.keys(record);
  for (let i = keys.length - 1; i >= 0; i--) {
    const key = keys[i] as string;
    if (Array.isArray(obj) && key === 'length') continue;
    delete record[key];
  }
  Object.setPrototypeOf(obj, poisonProxy(info));
  // A per-cpu area: every CPU's slot is poisoned with it.
  for (const child of children) {
    for (const key of Object.keys(child)) delete (child as Record<string, unknown>)[key];
    Object.setPrototypeOf(child, poisonProxy(info));
  }
}

/** The objects still allocated, in allocation order, for kmemleak. */
/**
 * `&p->member` of an embedded member, as C computes it: an address, no read. The model's member
 * is an object of p; when p has been freed (a dangling pointer the C only does arithmetic on,
 * such as cfqd->serving_group after its group is gone) there is no object to give, and NULL
 * stands for the address nobody reads.
 */
export function member_address<T>(p: object | null, member: string): T {
  if (p === null || p === undefined) return null as T;
  const info = state().info.get(p);
  if (info !== undefined && info.freeTask !== null) return null as T;
  return (p as Record<string, unknown>)[member] as T;
}

export function liveObjects(): { obj: object; info: AllocInfo }[] {
  const st = state();
  const out: { obj: object; info: AllocInfo }[] = [];
  for (const obj of st.live.values()) out.push({ obj, info: st.info.get(obj) as AllocInfo });
  return out;
}
