// Model-only knowledge the C does not state, keyed by base and C function, applied when the
// translator turns that function into TypeScript: what a polling loop waits for, whose
// bio_list a list is, an expression the model spells differently (pointer arithmetic over a
// bio_set's front_pad), and which functions stay hand-written and why. Because it is keyed by
// function and matched against the C's own text, it applies to the function as a patch leaves
// it, so it survives every patch that does not rewrite the very line it names.

/** An expression of the C replaced by model code. `c` is matched whitespace-insensitively. */
export interface Rewrite {
  c: string;
  ts: string;
  /** Names the TypeScript uses: name -> module relative to kernel-model/. */
  imports?: Record<string, string>;
  why: string;
}

/** A statement added after the C statement whose text is `after`. */
export interface Insertion {
  after: string;
  ts: string;
  imports?: Record<string, string>;
  why: string;
}

/** A loop that polls (msleep until X): for its duration the task's wait-for edge is `target`. */
export interface PollingLoop {
  /** The first line of the loop statement, as the C writes it. */
  loop: string;
  target: string;
  imports?: Record<string, string>;
  why: string;
}

export interface FunctionAnnotation {
  rewrite?: Rewrite[];
  insert?: Insertion[];
  polling?: PollingLoop[];
  /**
   * Who moves the bios of a bio_list this function initialises (the hang detector follows a
   * bio queued on it to them): C expression of the list -> TypeScript owner expression.
   */
  bioListOwner?: Record<string, string>;
  /** Forces the function to be a generator (it is called from the runtime with yield*). */
  generator?: boolean;
  /** The function stays hand-written in its module; the reason is printed by drift. */
  keep?: string;
  /** What the hand-written function imports beyond what the module's translated code does. */
  keepImports?: Record<string, string>;
  /**
   * For a global (keyed by its name): the model's initializer instead of the C's, with the
   * functions it refers to (they are translated), and why.
   */
  initializer?: { ts: string; uses: string[]; imports?: Record<string, string>; why: string };
}

export type Annotations = Readonly<Record<string, Readonly<Record<string, FunctionAnnotation>>>>;

const SYSFS = 'sysfs is not modeled: no kobject is added, no attribute file created';
const BIO_MEMORY = 'the model\'s slab objects are typed: a bio slab makes a bio with its inline bio_vecs, a bvec slab an array of bio_vecs (v3.2/model/bio-memory.ts)';
const SERVING_GROUP = 'cfqd->serving_group may be NULL or a group already freed: the C only computes &...->blkg, which blkiocg_update_io_add_stats never reads without CONFIG_DEBUG_BLK_CGROUP; the model computes it without reading the group';
const NO_INODE = 'the model\'s block_device has no inode: the inode\'s i_rdev is the device\'s bd_dev';

export const ANNOTATIONS: Annotations = {
  'v3.2': {
    bio_find_or_create_slab: {
      rewrite: [
        {
          c: 'krealloc(bio_slabs, bio_slab_max * sizeof(struct bio_slab), GFP_KERNEL)',
          ts: '(yield* slab.krealloc_array(bio_c_globals().bio_slabs, bio_c_globals().bio_slab_max, bio_slab_type, GFP_KERNEL)) as bio_slab[]',
          imports: { slab: 'mm/slab.ts', GFP_KERNEL: 'include/linux/gfp.ts' },
          why: 'krealloc of an array of structs: the model moves the structs into a new array',
        },
        {
          c: 'kmem_cache_create(bslab->name, sz, 0, SLAB_HWCACHE_ALIGN, NULL)',
          ts: 'kmem_cache_create(bslab.name.v, bio_slab_object(sz), 0, SLAB_HWCACHE_ALIGN, NULL)',
          imports: { kmem_cache_create: 'mm/slab.ts', SLAB_HWCACHE_ALIGN: 'mm/slab.ts', NULL: 'lib/c-pointers.ts', bio_slab_object: 'v3.2/model/bio-memory.ts' },
          why: BIO_MEMORY,
        },
      ],
    },
    biovec_init_slabs: {
      rewrite: [
        {
          c: 'kmem_cache_create(bvs->name, size, 0, SLAB_HWCACHE_ALIGN|SLAB_PANIC, NULL)',
          ts: 'kmem_cache_create(bvs.name.v, bio_vec_array(size), 0, SLAB_HWCACHE_ALIGN | SLAB_PANIC, NULL)',
          imports: { kmem_cache_create: 'mm/slab.ts', SLAB_HWCACHE_ALIGN: 'mm/slab.ts', SLAB_PANIC: 'mm/slab.ts', NULL: 'lib/c-pointers.ts', bio_vec_array: 'v3.2/model/bio-memory.ts' },
          why: BIO_MEMORY,
        },
      ],
    },
    bio_alloc_bioset: {
      rewrite: [{ c: 'p + bs->front_pad', ts: 'bio_after_front_pad(p, bs.front_pad)', imports: { bio_after_front_pad: 'v3.2/model/bio-memory.ts' }, why: BIO_MEMORY }],
    },
    bio_free: {
      rewrite: [{ c: 'p -= bs->front_pad', ts: 'p = bio_before_front_pad(p, bs.front_pad)', imports: { bio_before_front_pad: 'v3.2/model/bio-memory.ts' }, why: BIO_MEMORY }],
    },
    __bio_add_page: {
      rewrite: [{ c: 'bvec-1', ts: 'bio.bi_io_vec[bio.bi_vcnt - 1]', why: 'bvec is &bio->bi_io_vec[bio->bi_vcnt]: the element before it' }],
    },
    cfq_insert_request: {
      rewrite: [{ c: '&cfqd->serving_group->blkg', ts: 'member_address<blkio_group>(cfqd.serving_group, "blkg")', imports: { member_address: 'mm/kasan.ts' }, why: SERVING_GROUP }],
    },
    cfq_reposition_rq_rb: {
      rewrite: [{ c: '&cfqq->cfqd->serving_group->blkg', ts: 'member_address<blkio_group>(cfqq.cfqd.serving_group, "blkg")', imports: { member_address: 'mm/kasan.ts' }, why: SERVING_GROUP }],
    },
    hash_64: { keep: '64-bit arithmetic that wraps at 2^64: a double cannot hold it, the hand port computes in BigInt' },
    bio_data: { keep: 'a page stands for its memory in the model: the data pointer is the page', keepImports: { page_address: 'mm/page.ts' } },
    end_swap_bio_write: {
      rewrite: [
        { c: 'imajor(bio->bi_bdev->bd_inode)', ts: '(bio.bi_bdev.bd_dev >>> 20)', why: NO_INODE },
        { c: 'iminor(bio->bi_bdev->bd_inode)', ts: '(bio.bi_bdev.bd_dev & 0xfffff)', why: NO_INODE },
      ],
    },
    blk_queue_ktype: {
      initializer: {
        ts: '{ release: blk_sysfs.blk_release_queue }',
        uses: ['blk_release_queue'],
        why: SYSFS + '; the kobject keeps its release',
      },
    },
    elv_ktype: {
      initializer: { ts: '{ release: elevator.elevator_release }', uses: ['elevator_release'], why: SYSFS + '; the kobject keeps its release' },
    },
    cfq_attrs: {
      initializer: { ts: '[{ attr: { name: NULL, mode: 0 }, show: NULL, store: NULL }]', uses: [], imports: { NULL: 'lib/c-pointers.ts' }, why: SYSFS + ': only the table\'s terminator' },
    },
  },
  'v3.15': {},
};

export function annotationFor(table: Annotations, base: string, fn: string): FunctionAnnotation | undefined {
  return table[base]?.[fn];
}
