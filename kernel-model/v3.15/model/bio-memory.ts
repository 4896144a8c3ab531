// How a bio's memory looks in the model (fs/bio.c, v3.15), and the front pad a bio_set puts in
// front of it.
//
// The C carves a bio out of one slab object: `front_pad` bytes that belong to the bio_set's user,
// then the bio, then its inline bio_vecs (`back_pad`). dm's bio_set has
// front_pad = roundup(per_bio_data_size, __alignof__(struct dm_target_io)) +
// offsetof(struct dm_target_io, clone), so the bio is the `clone` member of a dm_target_io, and
// the target's per-bio data sits in front of that; dm finds the dm_target_io with
// container_of(bio, struct dm_target_io, clone) and the per-bio data with dm_per_bio_data().
//
// The model's slab objects are typed, and a slab is shared by every bio_set whose objects have the
// same size (bio_find_or_create_slab), so what the front pad holds is decided where the C decides
// it, on use:
// - A bio slab object (bio_slab_object) is laid out for front_pad 0: the object is the bio, with
//   the inline bio_vecs of the bytes behind it. bio_kmalloc()'s kmalloc makes the same.
// - `p + front_pad` (bio_alloc_bioset, front_pad > 0): the bio front_pad bytes in, made the first
//   time the object is used with that front pad and kept with it (the bytes stay the same bytes
//   when the mempool hands the object out again); `p -= bs->front_pad` (bio_free) finds the
//   object again.
// - What the front pad holds is typed by the code that reads it: container_of(clone, struct
//   dm_target_io, clone) in dm's alloc_tio() makes the dm_target_io around the bio
//   (bio_front_container), and dm_per_bio_data(bio, sizeof(struct X)) at a target's call site
//   makes the struct X in front of it (dm_per_bio_data_of). Each is made once per object and
//   kept, as the bytes would be; a second, different type for the same bytes is an error.
// annotations.ts rewrites the C's pointer arithmetic to these functions, and says where.

import { container_of, containerOf, embed, lazy_array, memberName } from '../../lib/c-pointers.ts';
import type { kstruct } from '../../lib/kstruct.ts';
import { bio_type, bio_vec_type, type bio, type bio_vec } from '../include/linux/blk_types.ts';

/** What a bio slab object holds besides the front_pad-0 bio it is. */
interface FrontPadded {
  /** The object's size in bytes (sizeof(struct bio) + front_pad + back_pad). */
  size: number;
  /** front_pad -> the bio front_pad bytes into the object. */
  bios: Map<number, bio>;
  /** The struct made around the bio in the front pad (dm's dm_target_io), once typed. */
  front: object | null;
  /** The per-bio data in front of that (a target's struct), once typed. */
  per_bio_data: object | null;
}

const objects = new WeakMap<object, FrontPadded>();
/** A front-padded bio -> the slab object it sits in. */
const blockOf = new WeakMap<bio, object>();
/** A bio_vec of an array the model made -> the array (bvec + 1 walks). */
const arrayOf = new WeakMap<bio_vec, bio_vec[]>();

function inlineVecs(b: bio, n: number): void {
  b.bi_inline_vecs = Array.from({ length: Math.max(0, n) }, () => bio_vec_type.make());
  embed(b, 'bi_inline_vecs', b.bi_inline_vecs);
  for (const v of b.bi_inline_vecs) arrayOf.set(v, b.bi_inline_vecs);
}

/**
 * A bio slab's (or bio_kmalloc()'s) object: `size` bytes, laid out as a bio with the inline
 * bio_vecs the bytes behind it hold.
 */
export function bio_slab_object(size: number): kstruct<bio> {
  return {
    name: `bio-object(${size})`,
    size,
    make: (): bio => {
      const b = bio_type.make();
      inlineVecs(b, Math.floor((size - bio_type.size) / bio_vec_type.size));
      objects.set(b, { size, bios: new Map(), front: null, per_bio_data: null });
      return b;
    },
  };
}

/** A bvec slab's object: `size` bytes of bio_vecs, an array of them. */
export function bio_vec_array(size: number): kstruct<bio_vec[]> {
  const nr_vecs = Math.floor(size / bio_vec_type.size);
  return {
    name: `bio_vec[${nr_vecs}]`,
    size,
    make: () => {
      const a: bio_vec[] = lazy_array(nr_vecs, () => {
        const v = bio_vec_type.make();
        arrayOf.set(v, a);
        return v;
      });
      return a;
    },
  };
}

/** `p + front_pad` of bio_alloc_bioset(): the bio in a bio slab object. */
export function bio_after_front_pad(p: unknown, front_pad: number): bio {
  if (front_pad === 0) return p as bio;
  const o = objects.get(p as object);
  if (o === undefined) throw new Error('bio_alloc_bioset: a front pad on an object that is not a bio slab object');
  let b = o.bios.get(front_pad);
  if (b === undefined) {
    b = bio_type.make();
    inlineVecs(b, Math.floor((o.size - bio_type.size - front_pad) / bio_vec_type.size));
    o.bios.set(front_pad, b);
    blockOf.set(b, p as object);
  }
  return b;
}

/** `p -= bs->front_pad` of bio_free(): the slab object a bio sits in. */
export function bio_before_front_pad(p: unknown, front_pad: number): unknown {
  if (front_pad === 0) return p;
  const block = blockOf.get(p as bio);
  if (block === undefined) throw new Error(`bio_free: a bio with front_pad ${front_pad} that no bio slab object holds`);
  return block;
}

/**
 * container_of(bio, struct T, member) where the bio sits in a bio_set's front pad: the struct T
 * the front pad holds, made around the bio the first time (dm's dm_target_io around `clone`).
 */
export function bio_front_container<T extends object>(b: bio, type: kstruct<T>, member: string): T {
  if (containerOf(b) !== null && memberName(b) === member) return container_of<T>(b, member);
  const block = blockOf.get(b);
  const o = block === undefined ? undefined : objects.get(block);
  if (o === undefined) throw new Error(`container_of(bio, struct ${type.name}, ${member}): the bio is not in a bio_set's front pad`);
  if (o.front !== null) throw new Error(`container_of(bio, struct ${type.name}, ${member}): the front pad already holds another struct`);
  const t = type.make();
  (t as Record<string, unknown>)[member] = b;
  embed(t, member, b);
  o.front = t;
  return t;
}

/**
 * dm_per_bio_data(bio, sizeof(struct X)) at a target's call site: the struct X in front of the
 * dm_target_io that holds the bio, made the first time.
 */
export function dm_per_bio_data_of<T extends object>(b: bio, type: kstruct<T>): T {
  const block = blockOf.get(b);
  const o = block === undefined ? undefined : objects.get(block);
  if (o === undefined) throw new Error(`dm_per_bio_data(bio, sizeof(struct ${type.name})): the bio is not a dm clone`);
  if (o.per_bio_data === null) {
    o.per_bio_data = type.make();
    perBioType.set(o.per_bio_data, type.name);
    perBioOwner.set(o.per_bio_data, block as object);
  } else if (perBioType.get(o.per_bio_data) !== type.name) {
    throw new Error(`dm_per_bio_data: the per-bio data is a ${perBioType.get(o.per_bio_data) ?? '?'}, not a ${type.name}`);
  }
  return o.per_bio_data as T;
}

const perBioType = new WeakMap<object, string>();
/** Per-bio data -> the slab object it sits in (dm_bio_from_per_bio_data() walks back from it). */
const perBioOwner = new WeakMap<object, object>();

/**
 * dm_bio_from_per_bio_data(data, data_size): the dm clone whose per-bio data `data` is (the clone
 * of the front pad's dm_target_io, which the model made when the target first used the data).
 */
export function dm_bio_from_per_bio_data(data: object): bio {
  const block = perBioOwner.get(data);
  const o = block === undefined ? undefined : objects.get(block);
  const tio = o?.front as { clone?: bio } | null | undefined;
  if (tio === null || tio === undefined || tio.clone === undefined) throw new Error('dm_bio_from_per_bio_data: not the per-bio data of a dm clone');
  return tio.clone;
}

/** dm_per_bio_data()'s own arithmetic, reached without a type: the model needs one. */
export function dm_per_bio_data_untyped(_b: bio, data_size: number): never {
  throw new Error(`dm_per_bio_data(bio, ${data_size}): the model types per-bio data at the call site (annotations.ts)`);
}

/** `bvec + 1` over an array of bio_vecs the model made. */
export function bvec_next(v: bio_vec): bio_vec {
  const a = arrayOf.get(v);
  if (a === undefined) throw new Error('bvec + 1: a bio_vec outside an array');
  return a[a.indexOf(v) + 1];
}

/** `bvec - 1`, the one before in its array. */
export function bvec_prev(v: bio_vec): bio_vec {
  const a = arrayOf.get(v);
  if (a === undefined) throw new Error('bvec - 1: a bio_vec outside an array');
  return a[a.indexOf(v) - 1];
}
