// IDA (lib/idr.c): small integer ids handed out lowest first. The model keeps the set of ids in
// use; ida_pre_get() allocates as the kernel's does, so it can fail.

import type { KGen } from '../sim/task.ts';
import type { Ref } from './c-pointers.ts';
import { slab } from '../mm/slab.ts';
import { kernel_struct, struct_type } from './kstruct.ts';
import { machineOrNull } from '../sim/machine.ts';
import { EAGAIN, ENOENT, ENOMEM, ENOSPC } from '../include/uapi/asm-generic/errno-base.ts';
import { ERR_PTR } from '../include/linux/kernel.ts';

export interface ida {
  used: Set<number>;
  preloaded: boolean;
}

export interface idr {
  used: Map<number, unknown>;
}

export function ida_zeroed(): ida {
  return { used: new Set(), preloaded: false };
}

export function idr_zeroed(): idr {
  return { used: new Map() };
}

/**
 * DEFINE_IDA(name): made by the base's registered struct ida where the base registers one (v3.2,
 * whose KCSAN rules watch CFQ's), else a plain one.
 */
export function DEFINE_IDA(): ida {
  const base = machineOrNull()?.base;
  const t = base ? kernel_struct(base, 'ida') : undefined;
  return t === undefined ? ida_zeroed() : (t.make() as ida);
}

const ida_bitmap = struct_type('ida_bitmap', 128, () => ({}));

/** ida_pre_get(ida, gfp): returns 1 when memory for the next id is there. @port lib/idr.c v3.2 simplified */
export function* ida_pre_get(ida: ida, gfp_mask: number): KGen<number> {
  const b = yield* slab.kmalloc(ida_bitmap, gfp_mask);
  if (b === null) return 0;
  slab.kfree(b);
  ida.preloaded = true;
  return 1;
}

/** ida_get_new(ida, &id): the lowest free id. @port lib/idr.c v3.2 simplified */
export function ida_get_new(ida: ida, p_id: Ref<number>): number {
  if (!ida.preloaded) return -EAGAIN;
  let id = 0;
  while (ida.used.has(id)) id++;
  ida.used.add(id);
  p_id.v = id;
  return 0;
}

/** ida_remove(ida, id) @port lib/idr.c v3.2 simplified */
export function ida_remove(ida: ida, id: number): void {
  ida.used.delete(id);
}

/** idr_preload(gfp): preloads for idr_alloc(); the model's idr needs no memory for it. @port lib/idr.c v3.15 simplified */
export function idr_preload(_gfp_mask: number): void {}

/** @port lib/idr.c v3.15 simplified */
export function idr_preload_end(): void {}

/**
 * idr_alloc(idr, ptr, start, end, gfp): the lowest free id in [start, end) (end <= 0: no limit),
 * or -ENOSPC.
 * @port lib/idr.c v3.15 simplified - a map of ids, no layers
 */
export function idr_alloc(idr: idr, ptr: unknown, start: number, end: number, _gfp_mask: number): number {
  const max = end > 0 ? end : 0x80000000;
  for (let id = start; id < max; id++) {
    if (!idr.used.has(id)) {
      idr.used.set(id, ptr);
      return id;
    }
  }
  return -ENOSPC;
}

/** @port lib/idr.c v3.15 simplified */
export function idr_find(idr: idr, id: number): unknown {
  return idr.used.get(id) ?? null;
}

/** Returns the old pointer. @port lib/idr.c v3.15 simplified */
export function idr_replace(idr: idr, ptr: unknown, id: number): unknown {
  if (!idr.used.has(id)) return ERR_PTR(-ENOENT);
  const old = idr.used.get(id);
  idr.used.set(id, ptr);
  return old;
}

/** @port lib/idr.c v3.15 simplified */
export function idr_remove(idr: idr, id: number): void {
  idr.used.delete(id);
}

/** ida_simple_get(ida, start, end, gfp): the lowest free id in [start, end). @port lib/idr.c v3.15 simplified */
export function* ida_simple_get(ida: ida, start: number, end: number, gfp_mask: number): KGen<number> {
  const b = yield* slab.kmalloc(ida_bitmap, gfp_mask);
  if (b === null) return -ENOMEM;
  slab.kfree(b);
  const max = end > 0 ? end : 0x80000000;
  for (let id = start; id < max; id++) {
    if (!ida.used.has(id)) {
      ida.used.add(id);
      return id;
    }
  }
  return -ENOSPC;
}

/** @port lib/idr.c v3.15 simplified */
export function ida_simple_remove(ida: ida, id: number): void {
  ida.used.delete(id);
}

/**
 * idr_destroy(idp): frees the idr's cached layers; the ids still in it are left as they are
 * (the caller removed them, as dm_exit's "should be empty by this point" says).
 * @port lib/idr.c v3.15 simplified - no layers to free: the model's idr is a map
 */
export function idr_destroy(_idr: idr): void {}
