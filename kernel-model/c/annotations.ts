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
  /**
   * For a global (keyed by its name): the model's initializer instead of the C's, with the
   * functions it refers to (they are translated), and why.
   */
  initializer?: { ts: string; uses: string[]; imports?: Record<string, string>; why: string };
}

export type Annotations = Readonly<Record<string, Readonly<Record<string, FunctionAnnotation>>>>;

const SYSFS = 'sysfs is not modeled: no kobject is added, no attribute file created';
const BVEC = 'the bvec slabs are an array walked by pointer arithmetic and a bio sits behind its bio_set\'s front_pad: the model allocates a bio and its bvec array as objects';
const SWAP = 'pages and the swap map are not modeled: direct reclaim writes one page-sized bio to the swap device';

export const ANNOTATIONS: Annotations = {
  'v3.2': {
    elv_register_queue: { keep: SYSFS },
    __elv_unregister_queue: { keep: SYSFS },
    elv_drain_elevator: { keep: 'a function-local static (the one-time "forced dispatching is broken" message)' },
    bio_find_or_create_slab: { keep: BVEC },
    bvec_alloc_bs: { keep: BVEC },
    bvec_free_bs: { keep: BVEC },
    bio_alloc_bioset: { keep: BVEC },
    bio_free: { keep: BVEC },
    __bio_add_page: { keep: BVEC },
    biovec_create_pools: { keep: BVEC },
    biovec_init_slabs: { keep: BVEC },
    bio_data: { keep: 'a page stands for its memory in the model: the data pointer is the page' },
    swap_writepage: { keep: SWAP },
    end_swap_bio_write: { keep: SWAP },
    get_swap_bio: { keep: SWAP },
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
