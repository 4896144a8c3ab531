// dm-table.c's target btree (v3.15): the C keeps every level's nodes in one vmalloc()ed array of
// sector_t and points into it (t->index[l], get_node()). The model's array is a plain array of
// numbers (sector_t values stay exact below 2^53; KASAN can poison it), and a pointer into it is
// a view that reads and writes the array from an offset on.

import { GFP_KERNEL } from '../../include/linux/gfp.ts';
import { type kstruct, struct_type } from '../../lib/kstruct.ts';
import { slab } from '../../mm/slab.ts';
import { kernel_functions } from '../../sim/hooks.ts';
import type { KGen } from '../../sim/task.ts';

const views = new WeakMap<object, { base: number[]; off: number }>();

/** `p + n` over a sector_t array: a view of it from element n on. */
export function sector_subarray(p: number[], n: number): number[] {
  const v = views.get(p);
  const base = v?.base ?? p;
  const off = (v?.off ?? 0) + n;
  if (off === 0) return base;
  const view = new Proxy(base, {
    get(target, key, receiver) {
      if (typeof key === 'string' && /^\d+$/.test(key)) return target[off + Number(key)];
      return Reflect.get(target, key, receiver);
    },
    set(target, key, value) {
      if (typeof key === 'string' && /^\d+$/.test(key)) {
        target[off + Number(key)] = value as number;
        return true;
      }
      return Reflect.set(target, key, value);
    },
  });
  views.set(view, { base, off });
  return view;
}

/** vzalloc()ed sector_t's: `bytes` bytes of them, zeroed. */
export function sector_array(bytes: number): number[] {
  return new Array<number>(Math.ceil(bytes / 8)).fill(0);
}

/**
 * dm_vcalloc(nmemb, sizeof(struct T)) where the caller uses the block as an array of T (dm-snap's
 * exception hash table of list_heads): that array, zeroed, from the allocator dm_vcalloc() uses.
 * @port drivers/md/dm-table.c v3.15 simplified - dm_vcalloc() of a typed array
 */
function* dm_vcalloc_of<T extends object>(nmemb: number, type: kstruct<T>): KGen<T[]> {
  return (yield* slab.kzalloc(struct_type(`${type.name}[]`, nmemb * type.size, () => Array.from({ length: nmemb }, () => type.make())), GFP_KERNEL)) as T[];
}

export const dm_table_memory = kernel_functions('drivers/md/dm-table.c', { dm_vcalloc_of }, 'v3.15');
