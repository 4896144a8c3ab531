// IDA (lib/idr.c): small integer ids handed out lowest first. The model keeps the set of ids in
// use; ida_pre_get() allocates as the kernel's does, so it can fail.

import type { KGen } from '../sim/task.ts';
import type { Ref } from './c-pointers.ts';
import { slab } from '../mm/slab.ts';
import { struct_type } from './kstruct.ts';
import { EAGAIN } from '../include/uapi/asm-generic/errno-base.ts';

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

/** DEFINE_IDA(name) */
export function DEFINE_IDA(): ida {
  return ida_zeroed();
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
