// The mutant samples the README reports, as data: which functions each one is, and how it was
// picked. Kept so that a sample can be run again by name (`npm run mutants -- --sample v3.15-5`)
// and so that the next sample is drawn from what no sample has taken yet (draw.ts), without
// digging function lists out of old commit messages.

export interface MutantSample {
  /** "v3.15-3": the base and the sample's place in the README's table. */
  name: string;
  base: 'v3.2' | 'v3.15';
  /** How it was picked, as the README says it. */
  how: string;
  functions: readonly string[];
}

export const MUTANT_SAMPLES: readonly MutantSample[] = [
  {
    name: 'v3.2-1',
    base: 'v3.2',
    how: 'the paths the first suites were built around: blk-cgroup, blk-throttle, CFQ and blk-core',
    functions: [
      'blkiocg_add_blkio_group', 'blkiocg_del_blkio_group', 'blkiocg_lookup_group', 'blkiocg_destroy', 'blkio_alloc_blkg_stats',
      'throtl_get_tg', 'throtl_find_tg', 'throtl_put_tg', 'throtl_destroy_tg', 'throtl_release_tgs', 'blk_throtl_bio', 'throtl_dispatch',
      'cfq_get_cfqg', 'cfq_find_alloc_cfqg', 'cfq_put_cfqg', 'cfq_destroy_cfqg', 'cfq_release_cfq_groups', 'cfq_put_queue',
      'cfq_find_alloc_queue', 'cfq_exit_queue', 'cfq_kick_queue', 'cfq_idle_slice_timer', 'cfq_cic_link',
      'blkiocg_update_io_add_stats', 'blkiocg_update_timeslice_used', 'blkiocg_reset_stats', 'blkio_read_blkg_stats',
      '__blk_end_request_all', 'blk_update_request',
    ],
  },
  {
    name: 'v3.2-2',
    base: 'v3.2',
    how: 'not looked at while building: CFQ dispatch and insertion, rule writes and updates, group unlinking, ioprio, sysfs',
    functions: [
      'cfq_dispatch_requests', 'cfq_insert_request', 'cfq_completed_request', 'throtl_update_blkio_group_common',
      'blkio_update_policy_node_blkg', 'blkiocg_file_write', 'cfq_set_request', 'cfq_put_request', 'cfq_unlink_blkio_group',
      'throtl_unlink_blkio_group', 'throtl_process_limit_change', 'cfq_select_queue', 'set_task_ioprio', 'elv_attr_store',
      'blkio_read_policy_node_files', 'cfq_exit_io_context',
    ],
  },
  {
    name: 'v3.2-3',
    base: 'v3.2',
    how: 'by rule: every 19th exercised function with mutants outside the first two',
    functions: [
      '__cfq_exit_single_io_context', 'bio_free', 'blk_delay_work', 'blk_free_request', 'blk_throtl_init', 'blkcg_get_write_iops',
      'call_for_each_cic', 'cfq_dispatch_request', 'cfq_merge_cfqqs', 'changed_ioprio', 'elevator_release', 'get_request',
    ],
  },
  {
    name: 'v3.2-4',
    base: 'v3.2',
    how: 'by the same rule, offset 4, outside the three before',
    functions: [
      '__freed_request', 'blk_account_io_done', 'blk_dequeue_request', 'blk_queue_bio', 'blk_update_bidi_request',
      'blkio_policy_register', 'cfq_alloc_cic_index', 'cfq_exit', 'cfq_prio_tree_add', 'cic_free_func', 'elv_attr_show',
      'get_request_wait',
    ],
  },
  {
    name: 'v3.2-5',
    base: 'v3.2',
    how: 'by the same rule, offset 0, outside the four before',
    functions: [
      '__blk_end_bidi_request', 'attempt_merge', 'blk_alloc_queue_node', 'blk_finish_request', 'blk_release_queue',
      'blkcg_get_read_iops', 'blkiocg_update_completion_stats', 'cfq_cic_lookup', 'cfq_exit_single_io_context',
      'cfq_put_cooperator', 'elevator_exit', 'elv_register',
    ],
  },
  {
    name: 'v3.2-6',
    base: 'v3.2',
    how: 'by the same rule, offset 1, outside the five before',
    functions: [
      '__blk_end_request_cur', 'bioset_create', 'blk_drain_queue', 'blk_throtl_drain', 'blkcg_get_write_bps', 'cfq_alloc_cfqg',
      'cfq_exit_cfqq', 'cfq_ref_get_cfqg', 'elevator_get', 'elv_quiesce_start', 'ioc_task_link', 'queue_attr_store',
    ],
  },
  {
    name: 'v3.2-7',
    base: 'v3.2',
    how: 'by the same rule, offset 2, outside the six before',
    functions: [
      'alloc_io_context', 'blk_alloc_request', 'blk_flush_plug_list', 'blk_throtl_release', 'blkio_weight_write',
      'cfq_del_cfqq_rr', 'cfq_init_queue', 'changed_cgroup', 'elevator_put', 'end_swap_bio_write', 'noop_exit_queue',
      'req_bio_endio',
    ],
  },
  {
    name: 'v3.2-8',
    base: 'v3.2',
    how: 'every third of the 42 exercised functions with mutants left outside the seven before, offset 0',
    functions: [
      '__blk_end_request', 'bio_find_or_create_slab', 'blk_delete_timer', 'blk_queue_bounce_limit', 'blkcg_get_weight',
      'bvec_free_bs', 'cfq_drop_dead_cic', 'cfq_put_async_queues', 'elevator_change', 'elv_quiesce_end',
      'generic_make_request_checks', 'put_io_context',
    ],
  },
  {
    name: 'v3.2-9',
    base: 'v3.2',
    how: '`--draw 12 --offset 0` (one in 2 of the 31 left) at stop 27, before anything was built for it',
    functions: [
      '__elv_rqhash_del', 'blk_account_io_merge', 'blk_flush_complete_seq', 'blk_rq_timed_out_timer', 'blkcg_get_read_bps',
      'blkiocg_update_io_remove_stats', 'cfq_del_rq_rb', 'cfq_link_cfqq_cfqg', 'elevator_alloc', 'elevator_switch',
      'flush_plug_callbacks', 'part_inc_in_flight',
    ],
  },
  {
    name: 'v3.15-1',
    base: 'v3.15',
    how: 'the paths the first suites were built around: dm, dm-snap, raid1, bio and blk-core',
    functions: [
      'snapshot_map', 'pending_complete', '__origin_write', '__find_pending_exception', 'alloc_pending_exception',
      'free_pending_exception', 'make_request', 'raid1_end_write_request', 'raid1_end_read_request', 'raid1d',
      'flush_pending_writes', 'md_error', 'generic_make_request', 'blk_flush_plug_list', 'bio_alloc_bioset', 'bio_endio',
      'mempool_alloc', 'dec_pending', '__split_and_process_bio', 'bio_put', 'reschedule_retry',
    ],
  },
  {
    name: 'v3.15-2',
    base: 'v3.15',
    how: 'not looked at while building: the request path, dm completion and kcopyd, raid1 barriers, flushes',
    functions: [
      'blk_queue_bio', 'clone_endio', 'dm_wq_work', 'dec_count', 'copy_callback', 'run_io_job', 'wait_barrier', 'freeze_array',
      'md_write_start', 'flush_end_io',
    ],
  },
  {
    name: 'v3.15-3',
    base: 'v3.15',
    how: 'by rule: every 19th of the 233 exercised functions with mutants outside the first two',
    functions: [
      '__blk_put_request', 'bio_alloc_rescue', 'blk_end_request', 'client_reserve_pages', 'dm_io_client_destroy',
      'dm_table_event', 'flush_plug_callbacks', 'kcopyd_get_pages', 'md_import_device', 'mddev_unlock', 'queue_attr_store',
      'set_disk_faulty',
    ],
  },
  {
    name: 'v3.15-4',
    base: 'v3.15',
    how: 'by the same rule once that work was done',
    functions: [
      '_dm_request', 'blk_account_io_done', 'blk_put_queue', 'dm_exception_store_create', 'dm_put_live_table_fast',
      'elevator_put', 'generic_make_request_checks', 'lower_barrier', 'md_run', 'part_inc_in_flight', 'raid1_spare_active',
      'submit_bio_wait_endio',
    ],
  },
  {
    name: 'v3.15-5',
    base: 'v3.15',
    how: 'by the same rule, offset 7, outside the four before',
    functions: [
      '__get_request', 'bioset_create', 'blk_queue_bounce_limit', 'dm_exception_store_type_unregister', 'dm_suspend',
      'event_callback', 'is_mddev_idle', 'md_new_event', 'noop_exit_queue', 'r1buf_pool_free', 'stop_tracking_chunk',
    ],
  },
  {
    name: 'v3.15-6',
    base: 'v3.15',
    how: 'by the same rule, offset 11, outside the five before',
    functions: [
      'alloc_completed_exception', 'blk_delay_work', 'bvec_free', 'dm_kcopyd_client_destroy', 'do_region', 'free_tio',
      'md_delayed_delete', 'mddev_find', 'queue_attr_show', 'snapshot_dtr',
    ],
  },
  {
    name: 'v3.15-7',
    base: 'v3.15',
    how: 'by the same rule, offset 3',
    functions: [
      '__chunk_is_tracked', 'bio_free', 'blk_queue_bypass_end', 'dm_get', 'dm_table_event_callback', 'free_minor', 'md_alloc',
      'mddev_delayed_delete', 'queue_io', 'snapshot_resume',
    ],
  },
  {
    name: 'v3.15-8',
    base: 'v3.15',
    how: 'by the same rule, offset 15',
    functions: [
      'async_io', 'blk_flush_complete_seq', 'dm_exception_store_destroy', 'dm_table_add_target', 'free_devices', 'linear_stop',
      'mddev_get', 'queue_rq_affinity_store', 'submit_flushes',
    ],
  },
  {
    name: 'v3.15-9',
    base: 'v3.15',
    how: '`--draw 12 --offset 0` (one in 14 of the 178 left) at stop 27, before anything was built for it',
    functions: [
      '__blk_drain_queue', 'alloc_tio', 'blk_dequeue_request', 'blk_update_bidi_request', 'dm_exception_table_exit',
      'dm_remove_exception', 'elv_attr_store', 'free_r1bio', 'linear_run', 'md_register_thread', 'origin_dtr', 'raid1_unplug',
    ],
  },
  {
    name: 'v3.2-10',
    base: 'v3.2',
    how: '`--draw 12 --offset 0` (one in 1 of the 19 left) at stop 28, before anything was built for it',
    functions: [
      'bio_alloc_bioset', 'blk_cleanup_queue', 'blk_put_queue', 'blk_throtl_exit', 'blkio_policy_delete_node', 'cfq_cic_free_rcu',
      'cfq_get_queue', 'cfq_remove_request', 'elevator_init', 'elv_rb_del', 'noop_dispatch', 'rb_erase_init',
    ],
  },
  {
    name: 'v3.15-10',
    base: 'v3.15',
    how: '`--draw 12 --offset 0` (one in 13 of the 166 left) at stop 28, once its suites stood, before anything was built for it',
    functions: [
      '__blk_end_bidi_request', 'allow_barrier', 'blk_done_softirq', 'blk_update_request', 'dm_free_md_mempools', 'dm_resume',
      'elv_iosched_show', 'get_origin_minimum_chunksize', 'linear_size', 'md_release', 'pop', 'raise_barrier',
    ],
  },
  {
    name: 'v3.2-11',
    base: 'v3.2',
    how: '`--draw 12 --offset 0` at stop 29: the last 7 exercised functions with mutants no sample had taken, before anything was built for them',
    functions: ['swap_writepage', 'tg_dispatch_one_bio', 'throtl_add_bio_tg', 'throtl_alloc_tg', 'throtl_free_tg', 'throtl_ref_get_tg', 'throtl_tg_fill_dev_details'],
  },
  {
    name: 'v3.15-11',
    base: 'v3.15',
    how: '`--draw 12 --offset 0` (one in 12 of the 154 left) at stop 29, once the live-table rule and the stand-in hang frame stood, before anything was built for it',
    functions: [
      '__blk_end_request_all', 'attempt_merge', 'blk_end_bidi_request', 'call_bio_endio', 'dm_get_device', 'dm_swap_table',
      'elv_rb_del', 'get_request', 'md_check_recovery', 'md_submit_flush_data', 'print_conf', 'rdev_free',
    ],
  },
  {
    name: 'v3.15-12',
    base: 'v3.15',
    how: '`--draw 12 --offset 0` (one in 11 of the 142 left) at the start of stop 30, before anything was built for it',
    functions: [
      '__dm_destroy', 'bio_chain', 'blk_end_request_all', 'clone_bio', 'dm_get_live_table_fast', 'dm_table_create',
      'elv_register', 'get_target_type', 'md_do_sync', 'md_unregister_thread', 'punt_bios_to_rescuer', 'read_balance',
    ],
  },
];
export function sampleNamed(name: string): MutantSample | undefined {
  return MUTANT_SAMPLES.find((s) => s.name === name);
}

/** Every function some recorded sample of the base has taken. */
export function takenFunctions(base: string): Set<string> {
  return new Set(MUTANT_SAMPLES.filter((s) => s.base === base).flatMap((s) => s.functions));
}
