// What each base's translated world holds: the C files translated whole, further functions the
// model needs (roots; everything of the C they call comes with them), and the functions that
// stay hand-written in the world with why (they live in kernel-model/<base>/ beside the
// generated modules, tagged `simplified` or `model`).

export interface WorldManifest {
  /** The tree and point in its history the base's C comes from (see its PROVENANCE.md). */
  tree: string;
  wholeFiles: string[];
  roots: string[];
  handWritten: Record<string, string>;
}

export const MANIFEST: Readonly<Record<string, WorldManifest>> = {
  'v3.2': {
    tree: 'block for-3.3/core (2011-12-15)',
    wholeFiles: ['block/blk-throttle.c', 'block/blk-cgroup.c', 'block/cfq-iosched.c', 'block/blk-ioc.c'],
    roots: [
      // The request path of block/blk-core.c the suites drive (submission, plugging, request
      // allocation, dispatch, completion, queue setup and teardown).
      'generic_make_request', 'submit_bio', 'blk_start_plug', 'blk_finish_plug', 'blk_flush_plug_list',
      'blk_queue_bio', 'blk_run_queue', '__blk_run_queue', 'blk_peek_request', 'blk_start_request', 'blk_fetch_request',
      '__blk_end_request_all', 'blk_end_request_all', '__blk_put_request', 'blk_put_request', 'blk_init_queue', 'blk_init_queue_node',
      'blk_alloc_queue_node', 'blk_cleanup_queue', 'blk_drain_queue', 'kblockd_schedule_work', 'blk_get_queue', 'blk_put_queue', 'blk_dev_init',
      // kernel/sched.c: schedule() flushes the plug of a task going to sleep.
      'sched_submit_work',
      // mm/page_io.c: swap writeout from direct reclaim.
      'swap_writepage', 'end_swap_bio_write',
      // fs/bio.c: the bio allocator.
      'bio_alloc', 'bio_put', 'bio_endio', 'bio_init', 'bio_add_page',
    ],
    handWritten: {},
  },
  'v3.15': {
    tree: 'v3.15-rc5',
    wholeFiles: [],
    roots: [],
    handWritten: {},
  },
};
