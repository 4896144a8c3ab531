// kobjects as far as the block layer uses them: a reference count whose last put calls the
// type's release (blk_release_queue frees a request queue when its last user puts it). No sysfs.

import { ATOMIC_INIT, atomic_read, type atomic_t } from '../include/linux/atomic.ts';
import type { KGen } from '../sim/task.ts';

export interface kref {
  refcount: atomic_t;
}

/**
 * struct attribute: a sysfs file's name and mode. There is no sysfs to list them; workloads call
 * a kobject type's show and store handlers with the attribute as sysfs would.
 */
export interface attribute {
  name: string | null;
  mode: number;
}

/**
 * The entries of a C attribute table up to its terminator (__ATTR_NULL, an entry whose name is
 * NULL): the files sysfs would create for it, in order.
 */
export function attributesOf<T extends { attr: attribute }>(table: readonly T[]): T[] {
  const end = table.findIndex((entry) => entry.attr.name === null);
  return end < 0 ? [...table] : table.slice(0, end);
}

export function attribute_zeroed(): attribute {
  return { name: null, mode: 0 };
}

export interface kobj_type {
  release: ((kobj: kobject) => KGen) | null;
  /** sysfs is not modeled: attribute tables are kept, never shown. */
  sysfs_ops?: unknown;
  default_attrs?: unknown;
}

export interface kobject {
  name: string;
  kref: kref;
  ktype: kobj_type | null;
  /** kobject_add()ed: the model has no sysfs, so this only records that it was. */
  state_in_sysfs: boolean;
  /** The sysfs directory: always NULL, as the model has no sysfs (code that tests it skips its attribute files). */
  sd: null;
}

/** A zeroed kref. */
export function kref_zeroed(): kref {
  return { refcount: ATOMIC_INIT(0) };
}

/** A kobject embedded in a zeroed struct, before kobject_init(). */
export function kobject_zeroed(): kobject {
  return { name: '', kref: kref_zeroed(), ktype: null, state_in_sysfs: false, sd: null };
}

/** kobject_init(kobj, ktype): one reference. @port lib/kobject.c v3.2 simplified - no sysfs state */
export function kobject_init(kobj: kobject, ktype: kobj_type): void {
  kobj.kref.refcount.counter = 1;
  kobj.ktype = ktype;
}

/** kobject_get(kobj) @port lib/kobject.c v3.2 ported */
export function kobject_get(kobj: kobject): kobject {
  if (kobj) kobj.kref.refcount.counter++;
  return kobj;
}

/** kobject_put(kobj): the last put releases. @port lib/kobject.c v3.2 ported - kref_put(&kobj->kref, kobject_release) */
export function* kobject_put(kobj: kobject): KGen {
  if (!kobj) return;
  yield;
  if (--kobj.kref.refcount.counter === 0 && kobj.ktype?.release) yield* kobj.ktype.release(kobj);
}

/** The reference count, for tests. */
export function kobject_refcount(kobj: kobject): number {
  return atomic_read(kobj.kref.refcount);
}
