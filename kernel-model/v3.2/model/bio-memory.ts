// How a bio's memory looks in the model (fs/bio.c, v3.2). The C carves a bio and its inline
// bio_vecs out of one slab object of sizeof(struct bio) + extra bytes, with the bio_set's
// front_pad in front of it, and keeps bvec arrays in slabs sized for n bio_vecs. The model's
// slab objects are typed: these descriptors make a bio with its inline vecs, and an array of
// n bio_vecs, so that the translated allocator (annotations.ts rewrites its kmem_cache_create
// and front_pad arithmetic to these) hands out the objects the C would carve.

import { embed, lazy_array } from '../../lib/c-pointers.ts';
import type { kstruct } from '../../lib/kstruct.ts';
import { bio_type, bio_vec_type, type bio, type bio_vec } from '../include/linux/blk_types.ts';

/**
 * A bio slab's object: sizeof(struct bio) + extra_size bytes, the extra being the inline
 * bio_vecs behind the bio (bioset_create's back_pad; front_pad is 0 in every bio_set of the v3.2
 * model, see bio_after_front_pad).
 */
export function bio_slab_object(size: number): kstruct<bio> {
  const inline = Math.floor((size - bio_type.size) / bio_vec_type.size);
  return {
    name: `bio+${inline}`,
    size,
    make: (): bio => {
      const b = bio_type.make();
      b.bi_inline_vecs = Array.from({ length: inline }, () => bio_vec_type.make());
      embed(b, 'bi_inline_vecs', b.bi_inline_vecs);
      return b;
    },
  };
}

/** A bvec slab's object: `size` bytes of bio_vecs, an array of them. */
export function bio_vec_array(size: number): kstruct<bio_vec[]> {
  const nr_vecs = Math.floor(size / bio_vec_type.size);
  return { name: `bio_vec[${nr_vecs}]`, size, make: () => lazy_array(nr_vecs, () => bio_vec_type.make()) };
}

function no_front_pad(front_pad: number): void {
  // A front_pad would need the caller's struct around the bio (dm's, at v3.15): not at v3.2.
  if (front_pad !== 0) throw new Error(`bio_set with front_pad ${front_pad}: the v3.2 model has no struct in front of a bio`);
}

/** `p + bs->front_pad` of bio_alloc_bioset(): the bio in a bio slab object. */
export function bio_after_front_pad(p: unknown, front_pad: number): bio {
  no_front_pad(front_pad);
  return p as bio;
}

/** `p -= bs->front_pad` of bio_free(): the slab object a bio sits in. */
export function bio_before_front_pad(p: unknown, front_pad: number): unknown {
  no_front_pad(front_pad);
  return p;
}
