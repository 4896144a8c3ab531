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

/**
 * A loop that polls (msleep until X). The translator sets the task's `pollingOn` to `target` at
 * the top of each pass through the loop's body and clears it after the loop, so for as long as
 * the task polls, the wait-for graph follows it to X (kernel/hung_task.ts), and the task counts
 * as waiting although it runs every jiffy.
 */
export interface PollingLoop {
  /** The loop statement's first line as the C writes it (`while (__chunk_is_tracked(s, chunk))`), matched whitespace-insensitively. */
  loop: string;
  /** TypeScript expression of a WaitTarget (sim/task.ts) for X, over the function's locals; evaluated on each pass. */
  target: string;
  imports?: Record<string, string>;
  why: string;
}

/**
 * Who moves the bios of a bio_list the function initialises. The translator registers the list
 * with its owner right after the C's `bio_list_init(<list>)` (block/bio-list-owners.ts), and a
 * bio queued on it then waits, in the wait-for graph, for the owner.
 */
export interface BioListOwnerNote {
  /**
   * TypeScript expression of the owner, evaluated at registration: a task or a WaitTarget (null:
   * unknown), or a function of none giving one when the hang detector asks (for an owner that is
   * set up after the list, as a bio_set's rescuer is).
   */
  owner: string;
  /** TypeScript expression (a string) naming the list in reports. */
  what: string;
  /**
   * TypeScript expression of the registration's key, evaluated at registration: a list of the
   * same key registered again at the same place replaces the earlier one (a task's next
   * bio_list_on_stack). Default: the list itself.
   */
  key?: string;
  imports?: Record<string, string>;
  why: string;
}

export interface FunctionAnnotation {
  rewrite?: Rewrite[];
  insert?: Insertion[];
  polling?: PollingLoop[];
  /**
   * Who moves the bios of a bio_list this function initialises (the hang detector follows a
   * bio queued on it to them): the list as the C's bio_list_init() argument writes it -> its owner.
   */
  bioListOwner?: Record<string, BioListOwnerNote>;
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
const BIO_MEMORY_315 = 'the model\'s slab objects are typed: a bio slab object is a bio with its inline vecs, and what a bio_set\'s front pad holds is made where the C first uses it (v3.15/model/bio-memory.ts)';
const PAGE_IS_MEMORY = 'a page stands for its memory in the model: the data pointer is the page';
const PER_BIO_DATA = 'dm\'s per-bio data sits in the clone\'s front pad before its dm_target_io: the model types it at the target\'s call site (v3.15/model/bio-memory.ts)';
const TRACKED_CHUNK: Rewrite = {
  c: 'dm_per_bio_data(bio, sizeof(struct dm_snap_tracked_chunk))',
  ts: 'dm_per_bio_data_of(bio, dm_snap_tracked_chunk_type)',
  imports: { dm_per_bio_data_of: 'v3.15/model/bio-memory.ts', dm_snap_tracked_chunk_type: 'v3.15/drivers/md/dm-snap.ts' },
  why: PER_BIO_DATA,
};
const DMEMIT_AT: Rewrite = {
  c: 'result + sz',
  ts: 'char_ref_at(result, sz)',
  imports: { char_ref_at: 'lib/string.ts' },
  why: 'DMEMIT appends at result[sz]: the model\'s strings are values, so a cell over the buffer\'s tail',
};
const KCOPYD_JOBS = 'a kcopyd job allocation is SPLIT_COUNT + 1 jobs in a row, the master first: the model\'s object is the master, its sub jobs reached from it (lib/kstruct.ts struct_array_object)';
const MIRRORS = 'a pointer into conf->mirrors that the C indexes relative to itself (disk[conf->raid_disks]): a view of the array from there on';
const VMALLOC = 'dm_io() on vmalloc()ed or kmalloc()ed memory walks kernel virtual addresses, which the model does not have (only the persistent exception store does it): stops the run';
const SERVING_GROUP = 'cfqd->serving_group may be NULL or a group already freed: the C only computes &...->blkg, which blkiocg_update_io_add_stats never reads without CONFIG_DEBUG_BLK_CGROUP; the model computes it without reading the group';
const DM_CLONE_KNOB = 'the suites\' model knob of clones without a bio_set (bio_kmalloc-like): the same allocation, bi_pool cleared while in flight for a device that has it (v3.15/model/dm-clone-kmalloc.ts)';
const MQ_MAP_QUEUE: Rewrite = {
  c: 'q->mq_ops->map_queue(q, ctx->cpu)',
  ts: 'not_modeled_block.blk_mq_map_queue(q, ctx)',
  imports: { not_modeled_block: 'v3.15/model/not-modeled.ts' },
  why: 'blk-mq is not modeled (no blk_mq_ops, no blk_mq_ctx): the arm for a queue with mq_ops stops the run if ever taken',
};
/** generic_make_request() of either base: its bio_list_on_stack is current->bio_list. */
const CURRENT_BIO_LIST: FunctionAnnotation = {
  bioListOwner: {
    '&bio_list_on_stack': {
      owner: 'current()',
      what: '`${current().comm}:${current().pid}\'s bio_list`',
      key: 'current()',
      imports: { current: 'sim/machine.ts' },
      why: 'current->bio_list: bios submitted while a make_request_fn is active run only when this task\'s loop pops them',
    },
  },
};
const BAD_BLOCK_TABLE = 'the bad-block table\'s entries are u64 (BB_MAKE: the acknowledged flag in bit 63, the start in bits 9..62, the length less one in bits 0..8): a double cannot hold them and JavaScript\'s bitwise operators are 32-bit, so the hand port computes them in BigInt (v3.15/drivers/md/md-badblocks.ts), line for line with the C; sectors are numbers at its boundary';
const BAD_BLOCK_IMPORTS: Record<string, string> = {
  bb_entries: 'v3.15/drivers/md/md-badblocks.ts',
  BB_OFFSET: 'v3.15/drivers/md/md-badblocks.ts',
  BB_LEN: 'v3.15/drivers/md/md-badblocks.ts',
  BB_ACK: 'v3.15/drivers/md/md-badblocks.ts',
  BB_MAKE: 'v3.15/drivers/md/md-badblocks.ts',
  to_int: 'v3.15/drivers/md/md-badblocks.ts',
  loop_tick: 'sim/machine.ts',
};
const NO_INODE = 'the model\'s block_device has no inode: the inode\'s i_rdev is the device\'s bd_dev';

export const ANNOTATIONS: Annotations = {
  'v3.2': {
    generic_make_request: CURRENT_BIO_LIST,
    bio_find_or_create_slab: {
      rewrite: [
        {
          c: 'krealloc(bio_slabs, bio_slab_max * sizeof(struct bio_slab), GFP_KERNEL)',
          ts: '(yield* slab.krealloc_array(bio_c_globals().bio_slabs, bio_c_globals().bio_slab_max, bio_slab_type, GFP_KERNEL)) as bio_slab[]',
          imports: { slab: 'mm/slab.ts', GFP_KERNEL: 'include/linux/gfp.ts', bio_c_globals: 'v3.2/fs/bio.ts', bio_slab_type: 'v3.2/fs/bio.ts' },
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
    elv_register_queue: { keep: 'sysfs is not modeled: kobject_add() and each sysfs_create_file() succeed and create nothing, so the walk that steps a pointer through the elevator type\'s attribute array (which the translation cannot) does nothing' },
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
  },
  'v3.15': {
    elv_register_queue: { keep: 'sysfs is not modeled: kobject_add() and each sysfs_create_file() succeed and create nothing, so the walk that steps a pointer through the elevator type\'s attribute array (which the translation cannot) does nothing' },
    // block/elevator.c: the scheduler file lists every registered elevator, each sprintf()
    // appending at the text's end.
    elv_iosched_show: {
      rewrite: [
        { c: 'name+len', ts: 'char_ref_at(name, len)', imports: { char_ref_at: 'lib/string.ts' }, why: 'name+len is the end of what the show has written so far: sprintf appends there' },
        { c: 'len+name', ts: 'char_ref_at(name, len)', imports: { char_ref_at: 'lib/string.ts' }, why: 'len+name is the end of what the show has written so far: sprintf appends there' },
      ],
    },
    // mm/page_io.c: swap writeout to a swap area on a block device.
    __swap_writepage: {
      keep: 'the SWP_FILE arm (a swap file whose filesystem does the IO through ->direct_IO, swap over NFS) needs struct kiocb and address_space_operations, which the model does not have; swapon() here takes a block device, so the arm stops the run if a swap area ever has SWP_FILE, and the block-device arm is the C\'s',
      keepImports: {
        page_swap_info: 'mm/swapfile.ts', SWP_FILE: 'mm/swapfile.ts', GFP_NOIO: 'include/linux/gfp.ts', set_page_dirty: 'mm/page.ts', unlock_page: 'mm/page.ts',
        set_page_writeback: 'mm/page.ts', ENOMEM: 'include/uapi/asm-generic/errno-base.ts', WB_SYNC_ALL: 'include/linux/writeback.ts',
        REQ_SYNC: 'v3.15/include/linux/blk_types.ts', REQ_WRITE: 'v3.15/include/linux/blk_types.ts', count_vm_event: 'mm/vmstat.ts', PSWPOUT: 'mm/vmstat.ts',
        NULL: 'lib/c-pointers.ts', frame_enter: 'sim/hooks.ts', blk_core: 'v3.15/block/blk-core.ts',
      },
    },
    end_swap_bio_write: {
      rewrite: [
        { c: 'imajor(bio->bi_bdev->bd_inode)', ts: '(bio.bi_bdev.bd_dev >>> 20)', why: NO_INODE },
        { c: 'iminor(bio->bi_bdev->bd_inode)', ts: '(bio.bi_bdev.bd_dev & 0xfffff)', why: NO_INODE },
      ],
    },
    // block/blk-flush.c, block/elevator.c: the request-based half of the block layer.
    blk_kick_flush: { rewrite: [MQ_MAP_QUEUE] },
    mq_flush_data_end_io: { rewrite: [MQ_MAP_QUEUE] },
    elevator_init: {
      insert: [{ after: 'err = e->ops.elevator_init_fn(q, e);', ts: 'void err;', why: 'the C stores the init function\'s result and returns 0 without reading it: TypeScript refuses a local never read' }],
    },
    elv_register: {
      rewrite: [
        {
          c: 'kmem_cache_create(e->icq_cache_name, e->icq_size, e->icq_align, 0, NULL)',
          ts: 'kmem_cache_create(e.icq_cache_name.v, e.icq_size, e.icq_align, 0, NULL)',
          imports: { kmem_cache_create: 'mm/slab.ts', NULL: 'lib/c-pointers.ts' },
          why: 'the cache is named by the string in the type\'s icq_cache_name buffer (only an elevator with an icq_size makes one: not noop)',
        },
      ],
    },
    // fs/bio.c: typed bio memory and the bio_set front pad (v3.15/model/bio-memory.ts says how).
    bio_find_or_create_slab: {
      rewrite: [
        {
          c: 'krealloc(bio_slabs, new_bio_slab_max * sizeof(struct bio_slab), GFP_KERNEL)',
          ts: '(yield* slab.krealloc_array(bio_c_globals().bio_slabs, new_bio_slab_max, bio_slab_type, GFP_KERNEL)) as bio_slab[]',
          imports: { slab: 'mm/slab.ts', GFP_KERNEL: 'include/linux/gfp.ts', bio_c_globals: 'v3.15/fs/bio.ts', bio_slab_type: 'v3.15/fs/bio.ts' },
          why: 'krealloc of an array of structs: the model moves the structs into a new array',
        },
        {
          c: 'kmem_cache_create(bslab->name, sz, 0, SLAB_HWCACHE_ALIGN, NULL)',
          ts: 'kmem_cache_create(bslab.name.v, bio_slab_object(sz), 0, SLAB_HWCACHE_ALIGN, NULL)',
          imports: { kmem_cache_create: 'mm/slab.ts', SLAB_HWCACHE_ALIGN: 'mm/slab.ts', NULL: 'lib/c-pointers.ts', bio_slab_object: 'v3.15/model/bio-memory.ts' },
          why: BIO_MEMORY_315,
        },
      ],
    },
    biovec_init_slabs: {
      rewrite: [
        {
          c: 'kmem_cache_create(bvs->name, size, 0, SLAB_HWCACHE_ALIGN|SLAB_PANIC, NULL)',
          ts: 'kmem_cache_create(bvs.name.v, bio_vec_array(size), 0, SLAB_HWCACHE_ALIGN | SLAB_PANIC, NULL)',
          imports: { kmem_cache_create: 'mm/slab.ts', SLAB_HWCACHE_ALIGN: 'mm/slab.ts', SLAB_PANIC: 'mm/slab.ts', NULL: 'lib/c-pointers.ts', bio_vec_array: 'v3.15/model/bio-memory.ts' },
          why: BIO_MEMORY_315,
        },
      ],
    },
    bio_alloc_bioset: {
      rewrite: [
        {
          c: 'kmalloc(sizeof(struct bio) + nr_iovecs * sizeof(struct bio_vec), gfp_mask)',
          ts: '(yield* slab.kmalloc(bio_slab_object(bio_type.size + nr_iovecs * bio_vec_type.size), gfp_mask))',
          imports: { slab: 'mm/slab.ts', bio_slab_object: 'v3.15/model/bio-memory.ts', bio_type: 'v3.15/include/linux/blk_types.ts', bio_vec_type: 'v3.15/include/linux/blk_types.ts' },
          why: BIO_MEMORY_315,
        },
        { c: 'p + front_pad', ts: 'bio_after_front_pad(p, front_pad)', imports: { bio_after_front_pad: 'v3.15/model/bio-memory.ts' }, why: BIO_MEMORY_315 },
      ],
    },
    bio_free: {
      rewrite: [{ c: 'p -= bs->front_pad', ts: 'p = bio_before_front_pad(p, bs.front_pad)', imports: { bio_before_front_pad: 'v3.15/model/bio-memory.ts' }, why: BIO_MEMORY_315 }],
    },
    __bio_add_page: {
      rewrite: [{ c: 'bvec-1', ts: 'bio.bi_io_vec[bio.bi_vcnt - 1]', why: 'bvec is &bio->bi_io_vec[bio->bi_vcnt]: the element before it' }],
    },
    bioset_create: {
      bioListOwner: {
        '&bs->rescue_list': {
          owner: '() => workqueue_rescuer(bs.rescue_workqueue)',
          what: '"the rescue_list of a bio_set"',
          imports: { workqueue_rescuer: 'block/bio-list-owners.ts' },
          why: 'bio_alloc_rescue() on the bio_set\'s WQ_MEM_RECLAIM workqueue resubmits what is punted here: its rescuer thread is what guarantees that',
        },
      },
    },
    // block/blk-core.c
    blk_check_plugged: {
      rewrite: [{
        c: 'kzalloc(size, GFP_ATOMIC)',
        ts: '(yield* plug_cb_alloc(size, GFP_ATOMIC))',
        imports: { plug_cb_alloc: 'v3.15/model/plug-cb-memory.ts', GFP_ATOMIC: 'include/linux/gfp.ts' },
        why: 'a callback block of `size` bytes that starts with its struct blk_plug_cb: the model\'s memory is typed, so the driver\'s container of that size is made (raid1\'s struct raid1_plug_cb) and its blk_plug_cb returned (v3.15/model/plug-cb-memory.ts)',
      }],
    },
    generic_make_request: CURRENT_BIO_LIST,
    bio_data: { keep: PAGE_IS_MEMORY, keepImports: { page_address: 'mm/page.ts', NULL: 'lib/c-pointers.ts' } },
    bvec_kmap_irq: {
      rewrite: [{ c: 'page_address(bvec->bv_page) + bvec->bv_offset', ts: 'page_address(bvec.bv_page) as unknown as Ref<string>', imports: { page_address: 'mm/page.ts' }, why: PAGE_IS_MEMORY }],
    },
    bio_copy_data: {
      rewrite: [
        { c: 'src_p + src_bv.bv_offset', ts: 'src_p', why: PAGE_IS_MEMORY },
        { c: 'dst_p + dst_bv.bv_offset', ts: 'dst_p', why: PAGE_IS_MEMORY },
      ],
    },
    alloc_behind_pages: {
      rewrite: [
        { c: 'kmap(bvecs[i].bv_page) + bvec->bv_offset', ts: 'kmap(bvecs[i].bv_page)', imports: { kmap: 'mm/page.ts' }, why: PAGE_IS_MEMORY },
        { c: 'kmap(bvec->bv_page) + bvec->bv_offset', ts: 'kmap(bvec[0].bv_page)', imports: { kmap: 'mm/page.ts' }, why: PAGE_IS_MEMORY },
      ],
    },
    // drivers/md/dm.c and the targets: the front pad's dm_target_io and per-bio data.
    alloc_tio: {
      rewrite: [
        {
          c: 'bio_alloc_bioset(GFP_NOIO, nr_iovecs, ci->md->bs)',
          ts: '(yield* dm_clone_knob.dm_clone_alloc(GFP_NOIO, nr_iovecs, ci.md))',
          imports: { dm_clone_knob: 'v3.15/model/dm-clone-kmalloc.ts', GFP_NOIO: 'include/linux/gfp.ts' },
          why: DM_CLONE_KNOB,
        },
        {
          c: 'container_of(clone, __type_struct_dm_target_io, clone)',
          ts: 'bio_front_container(clone, dm_target_io_type, "clone")',
          imports: { bio_front_container: 'v3.15/model/bio-memory.ts', dm_target_io_type: 'v3.15/include/linux/device-mapper.ts' },
          why: 'the clone sits in the front pad of dm\'s bio_set: the dm_target_io around it is made there the first time (v3.15/model/bio-memory.ts)',
        },
      ],
    },
    free_tio: {
      rewrite: [{ c: 'bio_put(&tio->clone)', ts: '(yield* dm_clone_knob.dm_clone_put(md, tio.clone))', imports: { dm_clone_knob: 'v3.15/model/dm-clone-kmalloc.ts' }, why: DM_CLONE_KNOB }],
    },
    dm_per_bio_data: {
      rewrite: [{ c: '(char *)bio - __offsetof(__type_struct_dm_target_io, clone) - data_size', ts: 'dm_per_bio_data_untyped(bio, data_size)', imports: { dm_per_bio_data_untyped: 'v3.15/model/bio-memory.ts' }, why: PER_BIO_DATA }],
    },
    __check_for_conflicting_io: {
      polling: [{
        loop: 'while (__chunk_is_tracked(s, chunk))',
        target: 'tracked_chunk_bios(s, chunk)',
        imports: { tracked_chunk_bios: 'v3.15/model/wait-targets.ts' },
        why: 'msleep(1) until no read is tracked on the chunk: the poller waits for those reads\' bios',
      }],
    },
    dm_exception_table_init: {
      rewrite: [{
        c: 'dm_vcalloc(size, sizeof(struct list_head))',
        ts: '(yield* dm_table_memory.dm_vcalloc_of(size, struct_type("list_head", 16, () => list_head_zeroed())))',
        imports: { dm_table_memory: 'v3.15/model/dm-table-memory.ts', struct_type: 'lib/kstruct.ts', list_head_zeroed: 'include/linux/list.ts' },
        why: 'dm_vcalloc() of list_heads: the model\'s memory is typed, so the hash table is made as the array of list_heads it is used as',
      }],
    },
    init_tracked_chunk: { rewrite: [TRACKED_CHUNK] },
    is_bio_tracked: { rewrite: [TRACKED_CHUNK] },
    track_chunk: { rewrite: [TRACKED_CHUNK] },
    stop_tracking_chunk: { rewrite: [TRACKED_CHUNK] },
    snapshot_status: { rewrite: [DMEMIT_AT] },
    origin_status: { rewrite: [DMEMIT_AT] },
    linear_status: { rewrite: [DMEMIT_AT] },
    transient_status: { rewrite: [DMEMIT_AT] },
    __handover_exceptions: {
      keep: 'swaps two exception tables through a union on the stack: the model swaps the table structs member by member',
      keepImports: { struct_assign: 'lib/c-pointers.ts' },
    },
    // drivers/md/dm-table.c: the target btree lives in one vmalloc()ed array of sector_t.
    dm_vcalloc: {
      keep: 'vzalloc of nmemb elements of elem_size bytes, as the sector_t array both callers use it as (views into it share its elements, as the C\'s pointers into it do)',
      keepImports: { slab: 'mm/slab.ts', struct_type: 'lib/kstruct.ts', sector_array: 'v3.15/model/dm-table-memory.ts', GFP_KERNEL: 'include/linux/gfp.ts', U64_MAX: 'include/linux/kernel.ts', NULL: 'lib/c-pointers.ts' },
    },
    alloc_targets: {
      keep: 'the C allocates the highs (sector_t) and targets (struct dm_target) arrays in one block and points into it: the model\'s block is the highs array, and the targets array lives in it (vfree(t->highs) frees both)',
      keepImports: { slab: 'mm/slab.ts', struct_type: 'lib/kstruct.ts', sector_array: 'v3.15/model/dm-table-memory.ts', GFP_KERNEL: 'include/linux/gfp.ts', U64_MAX: 'include/linux/kernel.ts', ENOMEM: 'include/uapi/asm-generic/errno-base.ts', dm_target_type: 'v3.15/include/linux/device-mapper.ts' },
    },
    get_node: {
      rewrite: [{ c: 't->index[l] + (n * KEYS_PER_NODE)', ts: 'sector_subarray(t.index[l] as unknown as number[], n * KEYS_PER_NODE)', imports: { sector_subarray: 'v3.15/model/dm-table-memory.ts' }, why: 'a node of the btree: the array from that node on (KEYS_PER_NODE is 8)' }],
    },
    dm_table_build_index: {
      rewrite: [{ c: 't->index[t->depth - 1] = t->highs', ts: 't.index[t.depth - 1] = t.highs as unknown as Ref<number>', why: 'the leaf level of the btree is the highs array itself (the member is declared sector_t *index[])' }],
    },
    setup_indexes: {
      rewrite: [
        { c: 't->index[i] = indexes', ts: 't.index[i] = indexes as unknown as Ref<number>', imports: {}, why: 'a btree level: the view into the sector_t array (the member is declared sector_t *index[])' },
        { c: 'indexes += (KEYS_PER_NODE * t->counts[i])', ts: 'indexes = sector_subarray(indexes as unknown as number[], KEYS_PER_NODE * t.counts[i]) as unknown as Ref<number>', imports: { sector_subarray: 'v3.15/model/dm-table-memory.ts' }, why: 'the next level\'s nodes: the array from there on (KEYS_PER_NODE is 8)' },
      ],
    },
    dm_split_args: {
      keep: 'tokenises the argument string in place with char pointers: the model\'s strings are values, so the tokens are split out (backslash quoting as the C does it)',
      keepImports: { slab: 'mm/slab.ts', struct_type: 'lib/kstruct.ts', GFP_KERNEL: 'include/linux/gfp.ts', ENOMEM: 'include/uapi/asm-generic/errno-base.ts', isspace: 'lib/string.ts', ref: 'lib/c-pointers.ts', NULL: 'lib/c-pointers.ts' },
    },
    // drivers/md/dm-io.c
    vm_get_page: { keep: VMALLOC },
    vm_next_page: { keep: VMALLOC },
    km_get_page: { keep: VMALLOC },
    km_next_page: { keep: VMALLOC },
    store_io_and_region_in_bio: { keep: 'the C tags the low bits of the io pointer with the region number in bi_private: the model stores the pair' },
    retrieve_io_and_region_from_bio: { keep: 'reads back the pair store_io_and_region_in_bio() stored (pointer tagging in the C)' },
    sync_io: {
      rewrite: [{ c: 'PTR_ALIGN(&io_, __alignof__(struct io))', ts: '((_stack: unknown) => io_type.make())(io_)', imports: { io_type: 'v3.15/drivers/md/dm-io.ts' }, why: 'the C aligns a struct io inside a char array on the stack: the model makes the struct' }],
    },
    bio_next_page: {
      rewrite: [{ c: 'bvec + 1', ts: 'bvec_next(bvec)', imports: { bvec_next: 'v3.15/model/bio-memory.ts' }, why: 'the next bio_vec of the array the cursor walks' }],
    },
    // drivers/md/dm-kcopyd.c: a job allocation is a master job and its SPLIT_COUNT sub jobs.
    dm_kcopyd_init: {
      rewrite: [{
        c: 'kmem_cache_create("kcopyd_job", sizeof(struct kcopyd_job) * (SPLIT_COUNT + 1), __alignof__(struct kcopyd_job), 0, NULL)',
        ts: 'kmem_cache_create("kcopyd_job", struct_array_object(kcopyd_job_type, SPLIT_COUNT + 1), 8, 0, NULL)',
        imports: { kmem_cache_create: 'mm/slab.ts', struct_array_object: 'lib/kstruct.ts', NULL: 'lib/c-pointers.ts', kcopyd_job_type: 'v3.15/drivers/md/dm-kcopyd.ts' },
        why: KCOPYD_JOBS,
      }],
    },
    split_job: {
      rewrite: [
        { c: 'master_job[i + 1].master_job', ts: 'struct_array_elem(master_job, i + 1).master_job', imports: { struct_array_elem: 'lib/kstruct.ts' }, why: KCOPYD_JOBS },
        { c: '&master_job[i + 1]', ts: 'struct_array_elem(master_job, i + 1)', imports: { struct_array_elem: 'lib/kstruct.ts' }, why: KCOPYD_JOBS },
      ],
    },
    // fs/bio.c
    bio_reset: {
      rewrite: [{ c: 'memset(bio, 0, __offsetof(__type_struct_bio, bi_max_vecs))', ts: 'memset_zero_before(bio, "bi_max_vecs")', imports: { memset_zero_before: 'lib/c-pointers.ts' }, why: 'memset(bio, 0, BIO_RESET_BYTES), BIO_RESET_BYTES expanded (offsetof(struct bio, bi_max_vecs)): only the members before bi_max_vecs are cleared; bi_max_vecs, bi_cnt, bi_io_vec and bi_pool survive the reset' }],
    },
    // drivers/md/raid1.c
    put_all_bios: {
      rewrite: [{ c: 'r1_bio->bios + i', ts: 'elem_ref(r1_bio.bios, i)', imports: { elem_ref: 'lib/c-pointers.ts' }, why: '&r1_bio->bios[i]: a cell of the array' }],
    },
    setup_conf: {
      bioListOwner: {
        '&conf->pending_bio_list': {
          owner: '() => (conf.thread ? conf.thread.tsk : null)',
          what: '`${md_h.mdname(mddev).v}\'s pending writes (raid1d)`',
          imports: { md_h: 'v3.15/drivers/md/md.ts' },
          why: 'writes queued for the array\'s thread (raid1d, registered later in setup_conf): flush_pending_writes() in raid1d submits them',
        },
      },
      rewrite: [
        { c: 'conf->mirrors + mddev->raid_disks + disk_idx', ts: 'array_view(conf.mirrors, mddev.raid_disks + disk_idx)', imports: { array_view: 'lib/c-pointers.ts' }, why: MIRRORS },
        { c: 'conf->mirrors + disk_idx', ts: 'array_view(conf.mirrors, disk_idx)', imports: { array_view: 'lib/c-pointers.ts' }, why: MIRRORS },
        { c: 'conf->mirrors + i', ts: 'array_view(conf.mirrors, i)', imports: { array_view: 'lib/c-pointers.ts' }, why: MIRRORS },
      ],
    },
    raid1_add_disk: {
      rewrite: [{ c: 'conf->mirrors+mirror', ts: 'array_view(conf.mirrors, mirror)', imports: { array_view: 'lib/c-pointers.ts' }, why: MIRRORS + ' (p[conf->raid_disks] is the replacement slot)' }],
    },
    raid1_remove_disk: {
      rewrite: [
        { c: 'conf->mirrors + conf->raid_disks + number', ts: 'conf.mirrors[conf.raid_disks + number]', why: 'p = &conf->mirrors[conf->raid_disks + number] (the replacement slot), as the translator writes p = conf->mirrors + number: p is only dereferenced (p->rdev), so the element is the pointer' },
      ],
    },
    process_checks: {
      rewrite: [{ c: 'r1_bio->bios[primary]', ts: 'kasan_array_read(r1_bio, "bios", r1_bio.bios, primary)', imports: { kasan_array_read: 'mm/kasan.ts' }, why: 'primary is the first bio read whole, or raid_disks * 2 when none was (fix_sync_read_error() can leave none: it fails the read disk whose write-back failed and marks only that bio up to date); bios[] has raid_disks * 2 entries, so the C then reads past the r1bio, which KASAN reports' }],
    },
    r1bio_pool_alloc: {
      rewrite: [{ c: 'kzalloc(size, gfp_flags)', ts: '(yield* slab.kzalloc(flex_array_struct(r1bio_type, "bios", pi.raid_disks, size), gfp_flags))', imports: { slab: 'mm/slab.ts', flex_array_struct: 'lib/kstruct.ts', r1bio_type: 'v3.15/drivers/md/raid1.ts' }, why: 'offsetof(struct r1bio, bios[raid_disks]) bytes: an r1bio whose bios[] has raid_disks entries' }],
    },
    linear_conf: {
      rewrite: [{ c: 'kzalloc(sizeof(*conf) + raid_disks*sizeof(struct dev_info), GFP_KERNEL)', ts: '(yield* slab.kzalloc(flex_array_struct(linear_conf_type, "disks", raid_disks, linear_conf_type.size + raid_disks * dev_info_type.size, dev_info_type), GFP_KERNEL)) as linear_conf', imports: { slab: 'mm/slab.ts', flex_array_struct: 'lib/kstruct.ts', GFP_KERNEL: 'include/linux/gfp.ts', linear_conf_type: 'v3.15/drivers/md/linear.ts', dev_info_type: 'v3.15/drivers/md/linear.ts' }, why: 'a linear_conf whose disks[] (a flexible array of struct dev_info) has raid_disks entries' }],
    },
    // drivers/md/md.c: the bad-block table. Its entries are u64 (md.h's BB_MAKE puts the
    // acknowledged flag in bit 63 and the start in bits 9..62), which a double cannot hold and
    // JavaScript's 32-bit bitwise operators cannot reach: the four functions that read and write
    // them are ported by hand, line for line, computing the entries in BigInt (as hash_64 is), and
    // the page md_rdev_init() allocates is made as those entries (v3.15/drivers/md/md-badblocks.ts).
    md_rdev_init: {
      rewrite: [{ c: 'kmalloc(PAGE_SIZE, GFP_KERNEL)', ts: '((yield* slab.kmalloc(bb_table_memory(PAGE_SIZE), GFP_KERNEL)) as unknown as number[])', imports: { slab: 'mm/slab.ts', bb_table_memory: 'v3.15/drivers/md/md-badblocks.ts', PAGE_SIZE: 'mm/page.ts', GFP_KERNEL: 'include/linux/gfp.ts' }, why: BAD_BLOCK_TABLE + ': the page is made as its PAGE_SIZE / 8 entries, one array of BigInts that is the slab object KASAN and kmemleak track (the struct types it number[], the translation of u64 *; the ports read it through bb_entries())' }],
    },
    md_is_badblock: { keep: BAD_BLOCK_TABLE, keepImports: { ...BAD_BLOCK_IMPORTS, read_seqbegin: 'include/linux/seqlock.ts', read_seqretry: 'include/linux/seqlock.ts' } },
    md_set_badblocks: { keep: BAD_BLOCK_TABLE, keepImports: { ...BAD_BLOCK_IMPORTS, write_seqlock_irqsave: 'include/linux/seqlock.ts', write_sequnlock_irqrestore: 'include/linux/seqlock.ts' } },
    md_clear_badblocks: { keep: BAD_BLOCK_TABLE, keepImports: { ...BAD_BLOCK_IMPORTS, write_seqlock_irq: 'include/linux/seqlock.ts', write_sequnlock_irq: 'include/linux/seqlock.ts' } },
    md_ack_all_badblocks: { keep: BAD_BLOCK_TABLE, keepImports: { ...BAD_BLOCK_IMPORTS, write_seqlock_irq: 'include/linux/seqlock.ts', write_sequnlock_irq: 'include/linux/seqlock.ts', NULL: 'lib/c-pointers.ts' } },
    md_print_devices: { keep: 'MD_BUG()\'s dump of every array\'s superblocks: the model\'s arrays have none; prints the banner only', keepImports: { printk: 'kernel/printk.ts' } },
    blk_queue_ktype: {
      initializer: { ts: '{ release: blk_sysfs.blk_release_queue }', uses: ['blk_release_queue'], why: SYSFS + '; the kobject keeps its release' },
    },
    blk_sync_queue: {
      rewrite: [{ c: 'cancel_delayed_work_sync(&hctx->delayed_work)', ts: '(() => { throw new Error("blk_sync_queue: blk-mq hardware contexts are not modeled"); })()', why: 'blk-mq is not in the model (no queue has mq_ops): its hardware context is not a type the model knows' }],
    },
    // drivers/md/md.c: the model's arrays are built as `mdadm --build --assume-clean` builds them
    // through /dev/mdN (no persistent superblock, no bitmap, no resync): v3.15/model/md-ioctl.ts
    // plays md_ioctl()'s part and opens and closes the device through md_fops.
    md_fops: {
      initializer: {
        ts: 'struct_init(block_device_operations_type.make(), { owner: THIS_MODULE("md_mod"), open: md_c.md_open, release: md_c.md_release, ioctl: md_ioctl_c.md_ioctl, getgeo: md_c.md_getgeo, media_changed: md_c.md_media_changed, revalidate_disk: md_c.md_revalidate })',
        uses: ['md_open', 'md_release', 'md_getgeo', 'md_media_changed', 'md_revalidate'],
        imports: { struct_init: 'lib/c-pointers.ts', THIS_MODULE: 'kernel/module.ts', block_device_operations_type: 'v3.15/include/linux/blkdev.ts', md_ioctl_c: 'v3.15/model/md-ioctl.ts' },
        why: 'md_ioctl is the model\'s (v3.15/model/md-ioctl.ts: the commands mdadm --build, --fail and --stop send, the others -ENOTTY); no compat ioctls',
      },
    },
    md_ktype: {
      initializer: { ts: '{ release: md_c.md_free }', uses: ['md_free'], why: SYSFS + '; the kobject keeps its release' },
    },
    rdev_ktype: {
      initializer: { ts: '{ release: md_c.rdev_free }', uses: ['rdev_free'], why: SYSFS + '; the kobject keeps its release' },
    },
    md_redundancy_group: {
      initializer: { ts: '{ name: NULL, attrs: [] }', uses: [], imports: { NULL: 'lib/c-pointers.ts' }, why: SYSFS + ': the group is never created (kobj.sd stays NULL)' },
    },
    calc_dev_sboffset: {
      rewrite: [{ c: 'MD_NEW_SIZE_SECTORS(num_sectors)', ts: '((num_sectors & ~(MD_RESERVED_SECTORS - 1)) - MD_RESERVED_SECTORS)', imports: { MD_RESERVED_SECTORS: 'v3.15/include/uapi/linux/raid/md_p.ts' }, why: 'md_p.h\'s MD_NEW_SIZE_SECTORS(x), expanded as the header defines it (uapi macros are not expanded by the translator)' }],
    },
    md_init: {
      keep: 'md\'s workqueues and block major; no mdp major, /dev/md block region (arrays are made by v3.15/model/md-ioctl.ts, which calls md_alloc() as md_probe() does), reboot notifier, sysctl table or /proc/mdstat in the model',
      keepImports: { alloc_workqueue: 'kernel/workqueue.ts', workqueue: 'kernel/workqueue.ts', WQ_MEM_RECLAIM: 'kernel/workqueue.ts', ENOMEM: 'include/uapi/asm-generic/errno-base.ts', genhd_c: 'v3.15/model/genhd.ts' },
    },
    cmd_match: {
      keep: 'walks two C strings by pointer (cmd++, str++): the model\'s strings are JavaScript strings, walked by index',
    },
    md_exit: {
      keep: 'md_init()\'s counterpart: the model registers no block regions, mdp major, reboot notifier, sysctl table or /proc/mdstat, so there are none to remove (the rest is the C: major, pollers, arrays, workqueues)',
      keepImports: { frame_enter: 'sim/hooks.ts', NULL: 'lib/c-pointers.ts', genhd_c: 'v3.15/model/genhd.ts', waitqueue_active: 'kernel/sched/wait.ts', wake_up: 'kernel/sched/wait.ts', timers: 'kernel/timer.ts', spinlock: 'kernel/locking/spinlock.ts', list_entry: 'include/linux/list.ts', loop_tick: 'sim/machine.ts', workqueue: 'kernel/workqueue.ts' },
    },
    md_do_sync: {
      keep: 'the C jumps back to its `repeat:` label inside the sync loop (goto repeat after msleep(500)), around the loop\'s bare break: a labeled inner loop in the hand port, the rest as translated',
      keepImports: { blk_plug_type: 'v3.15/include/linux/blkdev.ts', TASK_INTERRUPTIBLE: 'sim/task.ts', time_after_eq: 'include/linux/jiffies.ts', cond_resched: 'kernel/sched/core.ts', timers: 'kernel/timer.ts' },
    },
    new_dev_store: {
      rewrite: [{ c: 'e+1', ts: 'char_ref_at(e.v, 1)', imports: { char_ref_at: 'lib/string.ts' }, why: 'e points into the written text at the colon after the major: the minor starts one character on' }],
    },
    super_types: {
      initializer: { ts: 'md_super_types()', uses: [], imports: { md_super_types: 'v3.15/model/md-super-1.ts' }, why: 'the version-1 superblock, ported by hand over a page\'s bytes (v3.15/model/md-super-1.ts): the translator cannot lay struct mdp_superblock_1 over page_address(rdev->sb_page); no 0.90 superblock (super_types[0] has no name)' },
    },
    raid1_personality: {
      initializer: {
        ts: 'struct_init(md_personality_type.make(), { name: "raid1", level: 1, owner: THIS_MODULE("raid1"), make_request: raid1.make_request, run: raid1.run, stop: raid1.stop, error_handler: raid1.error, hot_add_disk: raid1.raid1_add_disk, hot_remove_disk: raid1.raid1_remove_disk, spare_active: raid1.raid1_spare_active, sync_request: raid1.sync_request, quiesce: raid1.raid1_quiesce, size: raid1.raid1_size })',
        uses: ['make_request', 'run', 'stop', 'error', 'raid1_add_disk', 'raid1_remove_disk', 'raid1_spare_active', 'sync_request', 'raid1_quiesce', 'raid1_size'],
        imports: { struct_init: 'lib/c-pointers.ts', THIS_MODULE: 'kernel/module.ts', md_personality_type: 'v3.15/drivers/md/md.ts' },
        why: 'the request path, start, stop, error handling, spares, resync and recovery, and quiesce of a RAID1 array: no /proc/mdstat status, resize, reshape or takeover (mdadm --grow is not modeled)',
      },
    },
  },
};

export function annotationFor(table: Annotations, base: string, fn: string): FunctionAnnotation | undefined {
  return table[base]?.[fn];
}
