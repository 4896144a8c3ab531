// How the model spells C's pointers, for translated and hand-written kernel code alike.
//
// - A pointer to a struct is the struct's object; NULL is `null`. Struct-typed fields and
//   variables are declared with their struct type, so `NULL` is typed `never` (assignable to
//   every pointer type) and a NULL dereference fails at run time, where the runner reports it
//   as the kernel's NULL pointer oops.
// - A struct embedded in another (`struct blkio_group blkg` in `struct throtl_grp`, a
//   list_head, a work_struct) is its own object, made with its container and knowing it:
//   container_of() goes back from the member to the container, checking the member's name.
// - A pointer to a scalar (an out-parameter `unsigned long *wait`, `struct rb_node **link`, the
//   address of a flags word for test_bit) is a `Ref`: a cell with one value `v`, made for a local
//   by `ref()` and for a field or array element by `field_ref()` / `elem_ref()`, which read and
//   write the field itself.

/** NULL: assignable to any pointer type, as in C. */
export const NULL = null as never;

/** A pointer to a scalar or to a pointer: `*p` is `p.v`. */
export interface Ref<T> {
  v: T;
}

/** `&local` for a local whose address is taken: the local lives in this cell. */
export function ref<T>(v: T): Ref<T> {
  return { v };
}

/** `&obj->field`: a cell that reads and writes the field. */
export function field_ref<O extends object, K extends keyof O>(obj: O, key: K): Ref<O[K]> {
  return {
    get v(): O[K] {
      return obj[key];
    },
    set v(x: O[K]) {
      obj[key] = x;
    },
  };
}

/** `&array[i]`: a cell that reads and writes the element. */
export function elem_ref<T>(array: T[], index: number): Ref<T> {
  return {
    get v(): T {
      return array[index];
    },
    set v(x: T) {
      array[index] = x;
    },
  };
}

const CONTAINER = Symbol('container');
const MEMBER = Symbol('member');

interface Embedded {
  [CONTAINER]?: object;
  [MEMBER]?: string;
}

/**
 * Marks `member` as embedded in `container` under `name` (arrays of embedded structs: every
 * element), and returns it. Struct constructors call it for each embedded member.
 */
export function embed<T extends object>(container: object, name: string, member: T): T {
  if (Array.isArray(member)) {
    // An array member: its elements are the container's (container_of on one finds it), and
    // the array itself is part of the container (memset zeroes it in place).
    for (const m of member as unknown[]) if (typeof m === 'object' && m !== null) embed(container, name, m);
    const a = member as unknown as Embedded;
    a[CONTAINER] = container;
    a[MEMBER] = name;
    return member;
  }
  const e = member as Embedded;
  e[CONTAINER] = container;
  e[MEMBER] = name;
  return member;
}

/** The struct `member` is embedded in, or null for a free-standing object. */
export function containerOf(member: object): object | null {
  return (member as Embedded)[CONTAINER] ?? null;
}

/** The name `member` has in its container, or null. */
export function memberName(member: object): string | null {
  return (member as Embedded)[MEMBER] ?? null;
}

export class ContainerOfError extends Error {}

/**
 * container_of(ptr, type, member). `member` is the member's name as the C writes it
 * ("rcu_head", "throtl_work.work"): the last component must be the name `ptr` was embedded
 * under, and every earlier one walks one more container up.
 */
export function container_of<T>(ptr: object, member: string): T {
  if (ptr === null) return ptr as never;
  const path = member.split('.');
  let p: object = ptr;
  for (let i = path.length - 1; i >= 0; i--) {
    const name = path[i].replace(/\[.*\]$/, '');
    const e = p as Embedded;
    if (e[MEMBER] !== name) throw new ContainerOfError(`container_of(${member}): the pointer is not a ${name} member (it is ${e[MEMBER] ?? 'not embedded'})`);
    p = e[CONTAINER] as object;
  }
  return p as T;
}

/** Whether `member` sits in some container under `name` (list heads vs entries). */
export function isMemberNamed(member: object, name: string): boolean {
  return (member as Embedded)[MEMBER] === name;
}

/** The objects embedded in `obj` (its direct members, and array elements), for KASAN. */
export function embeddedMembers(obj: object): object[] {
  const out: object[] = [];
  for (const value of Object.values(obj)) {
    if (typeof value !== 'object' || value === null) continue;
    if (Array.isArray(value)) {
      for (const el of value as unknown[]) if (typeof el === 'object' && el !== null && (el as Embedded)[CONTAINER] === obj) out.push(el);
    } else if ((value as Embedded)[CONTAINER] === obj) out.push(value);
  }
  return out;
}

/** A struct constructor's last step: marks each named member as embedded in the struct. */
export function embed_members<T extends object>(s: T, members: readonly string[]): T {
  const rec = s as Record<string, object>;
  for (const name of members) embed(s, name, rec[name]);
  return s;
}

/**
 * Struct assignment (`*dst = *src`, `td->tg_service_tree = THROTL_RB_ROOT`): the members are
 * copied into the destination, which keeps its identity and its place in its container;
 * embedded members are copied into, member by member.
 */
export function struct_assign<T extends object>(dst: T, src: T): T {
  const d = dst as Record<string, unknown>;
  const s = src as Record<string, unknown>;
  for (const key of Object.keys(s)) {
    const dv = d[key];
    const sv = s[key];
    if (typeof dv === 'object' && dv !== null && containerOf(dv) === dst && typeof sv === 'object' && sv !== null && !Array.isArray(dv)) {
      struct_assign(dv, sv);
    } else d[key] = sv;
  }
  return dst;
}

/**
 * memcpy(dst, src, n) into an array of structs of `size` bytes each: n / size elements, each a
 * struct assignment. `src` is an array, or one struct when a single element is copied (a
 * pointer to a lone struct, as `&dest` passed for one destination).
 */
export function memcpy_structs<T extends object>(dst: T[], src: T | T[], n: number, size: number): void {
  const count = Math.floor(n / size);
  if (!Array.isArray(src) && count > 1) throw new Error(`memcpy of ${count} structs from a single struct`);
  for (let i = 0; i < count; i++) struct_assign(dst[i], Array.isArray(src) ? src[i] : src);
}

/** memset(p, 0, sizeof(*p)) on a struct: every scalar member zeroed, pointers NULL. */
export function memset_zero(p: object): void {
  for (const key of Object.keys(p)) zero_member(p, key);
}

/**
 * memset(p, 0, offsetof(T, member)) on a struct: the members declared before `member` zeroed as
 * memset_zero() zeroes them, `member` and the ones after it kept (bio_reset()'s BIO_RESET_BYTES).
 */
export function memset_zero_before(p: object, member: string): void {
  const keys = Object.keys(p);
  const end = keys.indexOf(member);
  if (end < 0) throw new Error(`memset_zero_before: the struct has no member ${member}`);
  for (let i = 0; i < end; i++) zero_member(p, keys[i] as string);
}

function zero_member(p: object, key: string): void {
  const rec = p as Record<string, unknown>;
  const v = rec[key];
  if (typeof v === 'number') rec[key] = 0;
  else if (typeof v === 'boolean') rec[key] = false;
  else if (Array.isArray(v) && containerOf(v) === p) zero_elements(v);
  else if (typeof v === 'object' && v !== null && containerOf(v) === p) memset_zero(v);
  else rec[key] = null;
}

/**
 * An array of `n` structs whose elements are made on first touch. The memory of all n exists
 * from the allocation in C; the model builds an element object only when code reads it, because
 * most of a bvec array (BIO_MAX_PAGES entries, preallocated by every mempool) is never touched.
 * Indexing, length and identity are a plain array's; a freed one (its prototype replaced by
 * KASAN's poison) makes nothing.
 */
export function lazy_array<T extends object>(n: number, make: (i: number) => T): T[] {
  const target = new Array<T>(n);
  return new Proxy(target, {
    get(t, key, receiver) {
      if (typeof key === 'string' && !(key in t) && Object.getPrototypeOf(t) === Array.prototype) {
        const i = Number(key);
        if (Number.isInteger(i) && i >= 0 && i < t.length) t[i] = make(i);
      }
      return Reflect.get(t, key, receiver);
    },
  });
}

/** An embedded array zeroed in place: its structs member by member, its scalars 0. */
function zero_elements(a: unknown[]): void {
  for (let i = 0; i < a.length; i++) {
    const v = a[i];
    if (typeof v === 'number') a[i] = 0;
    else if (typeof v === 'boolean') a[i] = false;
    else if (typeof v === 'object' && v !== null && !Array.isArray(v)) memset_zero(v);
    else if (Array.isArray(v)) zero_elements(v);
    else a[i] = null;
  }
}

/**
 * A struct initializer (`{ .ops = { .fn = f }, .plid = 1 }`): the named members set on a zeroed
 * struct, nested initializers set into its embedded members, which keep their embedding.
 */
export function struct_init<T extends object>(zeroed: T, init: { [K in keyof T]?: unknown }): T {
  const d = zeroed as Record<string, unknown>;
  for (const [key, value] of Object.entries(init)) {
    const dv = d[key];
    if (typeof dv === 'object' && dv !== null && !Array.isArray(dv) && containerOf(dv) === zeroed && typeof value === 'object' && value !== null && !Array.isArray(value)) {
      struct_init(dv, value as Record<string, unknown>);
    } else d[key] = value;
  }
  return zeroed;
}

const views = new WeakMap<object, { base: unknown[]; off: number }>();

/**
 * `p + n` over an array the model keeps for an indexed pointer (argv + 1, a btree node in a
 * sector_t array): a view of the same elements from n on; reads and writes go to the array.
 */
export function array_view<T>(p: T[], n: number): T[] {
  const v = views.get(p);
  const base = (v?.base ?? p) as T[];
  const off = (v?.off ?? 0) + n;
  if (off === 0) return base;
  const index = (key: string | symbol): number | null => (typeof key === 'string' && /^\d+$/.test(key) ? off + Number(key) : null);
  const view = new Proxy(base, {
    get(target, key, receiver) {
      const i = index(key);
      if (i !== null) return target[i];
      if (key === 'length') return Math.max(0, target.length - off);
      return Reflect.get(target, key, receiver);
    },
    set(target, key, value) {
      const i = index(key);
      if (i !== null) {
        target[i] = value as T;
        return true;
      }
      return Reflect.set(target, key, value);
    },
  });
  views.set(view, { base, off });
  return view;
}

const addresses = new WeakMap<object, number>();
let nextAddress = 0;

/**
 * Gives a newly allocated object its address: the allocator's order, as a bump allocator's
 * would be (the slab's own order is arbitrary, but it does not depend on which task compares
 * two objects first).
 */
export function assign_address(p: object): void {
  addresses.set(p, ++nextAddress);
}

/**
 * An object's address for C's ordering of two pointers to objects of their own (`mddev <
 * mddev2`, `rqa->q < rqb->q`): the same for the object's whole life, as addresses are. A slab
 * object has its allocation's (assign_address()); any other object gets one the first time it is
 * compared. NULL is 0, below every object.
 */
export function ptr_address(p: object | null): number {
  if (p === null) return 0;
  let a = addresses.get(p);
  if (a === undefined) {
    a = ++nextAddress;
    addresses.set(p, a);
  }
  return a;
}

/**
 * A pointer's position in its array, for C's comparison of two pointers into the same array
 * (`while (--bv >= bio->bi_io_vec)`): a view's offset from its base, 0 for the array itself.
 */
export function array_offset(p: readonly unknown[]): number {
  return views.get(p)?.off ?? 0;
}
