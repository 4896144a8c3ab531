// The kernel functions the stacking suites drive (the translated v3.15 world), by layer: a patch
// that touches any of them selects the suites that list them.

/** generic_make_request's bio_list, the bio_set rescuer, and the scheduler's submit hook. */
export const SUBMIT_PATH = [
  'generic_make_request',
  'sched_submit_work',
  'schedule',
  'bio_alloc_bioset',
  'punt_bios_to_rescuer',
  'bio_alloc_rescue',
  'blk_flush_plug_list',
  'blk_finish_plug',
];

/** Bio-based dm core and the linear target. */
export const DM_CORE = [
  'dm_request',
  '_dm_request',
  '__split_and_process_bio',
  '__split_and_process_non_flush',
  '__clone_and_map_data_bio',
  '__map_bio',
  'alloc_tio',
  'alloc_io',
  'clone_endio',
  'dec_pending',
  'linear_map',
];

/** The RAID1 array: clones per mirror, writes held on the plug or for raid1d. */
export const RAID1 = ['make_request', 'raid1_unplug', 'raid1d', 'flush_pending_writes', 'bio_clone_mddev'];
