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
    wholeFiles: ['block/blk-throttle.c', 'block/blk-cgroup.c', 'block/cfq-iosched.c', 'block/blk-ioc.c', 'block/noop-iosched.c'],
    roots: [
      // The request path of block/blk-core.c the suites drive (submission, plugging, request
      // allocation, dispatch, completion, queue setup and teardown).
      'generic_make_request', 'submit_bio', 'blk_start_plug', 'blk_finish_plug', 'blk_flush_plug_list',
      'blk_queue_bio', 'blk_run_queue', '__blk_run_queue', 'blk_peek_request', 'blk_start_request', 'blk_fetch_request',
      '__blk_end_request_all', 'blk_end_request_all', '__blk_end_request_cur', '__blk_put_request', 'blk_put_request', 'blk_init_queue', 'blk_init_queue_node',
      'blk_alloc_queue_node', 'blk_cleanup_queue', 'blk_drain_queue', 'kblockd_schedule_work', 'blk_get_queue', 'blk_put_queue', 'blk_dev_init',
      // kernel/sched.c: schedule() flushes the plug of a task going to sleep.
      'sched_submit_work',
      // mm/page_io.c: swap writeout from direct reclaim.
      'swap_writepage', 'end_swap_bio_write',
      // fs/bio.c: the bio allocator.
      'bio_alloc', 'bio_put', 'bio_endio', 'bio_init', 'bio_add_page',
      // fs/ioprio.c: ioprio_set(2) on a task (the IO context's priority CFQ picks up on its next request).
      'set_task_ioprio',
      // include/linux/iocontext.h: a thread created with clone(CLONE_IO) shares its parent's IO context.
      'ioc_task_link',
      // block/elevator.c: reads and writes of /sys/block/<disk>/queue/iosched/<tunable>.
      'elv_attr_show', 'elv_attr_store',
      // block/blk-sysfs.c and block/elevator.c: echo noop > /sys/block/<disk>/queue/scheduler, an
      // elevator switch under q->sysfs_lock.
      'queue_attr_store', 'elv_iosched_store',
    ],
    handWritten: {},
  },
  'v3.15': {
    tree: 'v3.15-rc5',
    // The device-mapper snapshot stack of seed 001, translated whole.
    wholeFiles: [
      'drivers/md/dm-linear.c', 'drivers/md/dm-snap.c', 'drivers/md/dm-kcopyd.c', 'drivers/md/dm-io.c',
      'drivers/md/dm-exception-store.c', 'drivers/md/dm-snap-transient.c',
      // The noop I/O scheduler, the v3.15 world's default elevator, built in, and deadline, the
      // other one, a module (echo deadline > /sys/block/<disk>/queue/scheduler switches to it);
      // their inits register them.
      'block/noop-iosched.c', 'block/deadline-iosched.c',
      // Softirq completion of requests (blk_complete_request), for the request_fn disk's
      // completions and its command timeouts (blk-timeout.c hands a timed-out request to it).
      'block/blk-softirq.c',
      // md's linear personality (mdadm --build --level=linear): bios split at a member's end
      // (bio_split + bio_chain), flushes handed to md (md_flush_request).
      'drivers/md/linear.c',
    ],
    roots: [
      // fs/bio.c: the bio allocator with its rescuer, clones, chains.
      'bio_alloc_bioset', 'bio_put', 'bio_endio', 'bio_init', 'bio_reset', 'bio_clone_bioset', '__bio_clone_fast', 'bio_clone_fast',
      'bioset_create', 'bioset_free', 'bio_add_page', 'bio_chain', 'bio_advance', 'zero_fill_bio',
      // block/blk-core.c: bio submission and plugging; the queue of a bio-based driver.
      'generic_make_request', 'submit_bio', 'blk_start_plug', 'blk_finish_plug', 'blk_flush_plug_list', 'blk_check_plugged',
      'blk_alloc_queue', 'blk_alloc_queue_node', 'blk_cleanup_queue', 'blk_get_queue', 'blk_put_queue', 'blk_dev_init',
      // kernel/sched/core.c: what schedule() runs before a task sleeps.
      'sched_submit_work',
      // drivers/md/dm.c + dm-table.c: bio-based dm, device and table life cycle as dm-ioctl drives it.
      'dm_request', 'dm_create', 'dm_destroy', 'dm_put', 'dm_get', 'dm_swap_table', 'dm_suspend', 'dm_resume', 'dm_setup_md_queue',
      'dm_set_md_type', 'dm_lock_md_type', 'dm_unlock_md_type', 'dm_get_md_type',
      'dm_table_create', 'dm_table_add_target', 'dm_table_complete', 'dm_table_destroy', 'dm_table_get_type',
      // drivers/md/md.c + raid1.c: a RAID1 array's request path and its thread.
      'md_make_request', 'md_register_thread', 'md_unregister_thread', 'md_wakeup_thread', 'mddev_init',
      'register_md_personality', 'make_request', 'run', 'stop', 'raid1d', 'raid1_unplug', 'flush_pending_writes',
      // drivers/md/md.c: what mdadm --build does through /dev/mdN (md_probe's md_alloc, md_open and
      // md_release, and md_ioctl's SET_ARRAY_INFO, ADD_NEW_DISK, RUN_ARRAY and STOP_ARRAY).
      'md_alloc', 'mddev_find', 'mddev_put', 'set_array_info', 'add_new_disk', 'do_md_run', 'do_md_stop', 'mddev_lock', 'mddev_unlock',
      // md_ioctl's SET_DISK_FAULTY: mdadm --fail of a member.
      'set_disk_faulty',
      // md_ioctl's HOT_REMOVE_DISK (mdadm --remove) and the sysfs write to md/sync_action
      // (check, repair, resync): recovery onto a re-added member, resync and check/repair.
      'hot_remove_disk', 'action_store',
      // The sysfs writes to md/suspend_lo and md/suspend_hi: a range of the array whose writes wait
      // (the personality quiesces while the range grows, and is woken as it shrinks).
      'suspend_lo_store', 'suspend_hi_store',
      // The sysfs write to md/new_dev (echo MAJ:MIN > md/new_dev): a device imported and bound to
      // the array, or refused (md_import_device() cannot claim a device another holder has).
      'new_dev_store',
      // The write to /sys/module/md_mod/parameters/new_array (echo md_home > new_array): an array
      // made by name, at a free minor from 512 up, held until STOP_ARRAY.
      'add_named_array',
      // md.c: what md_do_sync (kept by hand: annotations.ts) calls of md.c's own statics.
      'is_mddev_idle', 'match_mddev_units', 'speed_min', 'speed_max',
      // md.c: flush requests of the personalities that hand them to md (md_wq).
      'md_flush_request',
      // md.c: what the version-1 superblock (ported by hand: v3.15/model/md-super-1.ts) calls of
      // md.c's own statics: the superblock read.
      'read_disk_sb',
      // block/blk-settings.c: what a disk driver advertises for discard (sd_config_discard).
      'blk_queue_max_discard_sectors',
      // block/blk-core.c + elevator.c: the request-based half, for the request_fn disk of
      // v3.15/model/sim-rq-disk.ts (make_request_fn blk_queue_bio, the noop elevator, requests
      // started by the driver and completed from its interrupt).
      'blk_queue_bio', 'blk_init_queue', 'blk_init_queue_node', 'blk_init_allocated_queue', 'blk_run_queue', '__blk_run_queue',
      'blk_peek_request', 'blk_start_request', 'blk_fetch_request', '__blk_end_request_all', 'blk_end_request_all', 'blk_end_request_cur',
      '__blk_put_request', 'blk_put_request',
      // block/blk-settings.c: what a SCSI-like driver sets up for completion from softirq,
      // command timeouts (the request_fn disk's error handler), and a command built once per
      // request and released when it ends (prep and unprep, as scsi_prep_fn/scsi_unprep_fn).
      'blk_queue_softirq_done', 'blk_queue_rq_timed_out', 'blk_queue_rq_timeout', 'blk_queue_prep_rq', 'blk_queue_unprep_rq',
      // block/blk-sysfs.c: reads and writes of /sys/block/<disk>/queue/nr_requests (the request
      // list's size, changed while requests wait for one) and rq_affinity (2: complete on the
      // submitting CPU, by IPI); v3.15/model/sysfs.ts finds the files.
      'queue_attr_show', 'queue_attr_store', 'queue_requests_show', 'queue_requests_store', 'queue_rq_affinity_show', 'queue_rq_affinity_store',
      // block/elevator.c: cat and echo of /sys/block/<disk>/queue/scheduler, an elevator switch
      // under q->sysfs_lock (elevator_switch() drains and quiesces the queue, exits the old
      // elevator and inits the new one).
      'elv_iosched_show', 'elv_iosched_store',
      // block/elevator.c: reads and writes of /sys/block/<disk>/queue/iosched/<tunable>
      // (deadline's read_expire, fifo_batch ...), under the elevator's sysfs_lock.
      'elv_attr_show', 'elv_attr_store',
      // What add_disk() -> blk_register_queue() does to the queue (v3.15/model/genhd.ts).
      'blk_queue_bypass_end',
      // dm.c: dmsetup remove's check that nothing holds the device open, deferred removal (the
      // last close of a device marked for it), and the block device ioctls (HDIO_GETGEO).
      'dm_lock_for_deletion', 'dm_cancel_deferred_remove', 'dm_sync_table', 'dm_blk_getgeo', 'dm_blk_ioctl',
      // dm.c: what DM_DEV_WAIT (dmsetup wait, dmeventd) sleeps on: the device's event counter,
      // moved and woken by event_callback() when a table raises an event.
      'dm_get_event_nr', 'dm_wait_event',
      // md.c: HDIO_GETGEO of an array.
      'md_getgeo',
      // The modules' exits, run when a program unloads them (rmmod dm_snapshot dm_mod raid1 linear
      // md_mod deadline_iosched).
      'dm_exit', 'dm_snapshot_exit', 'raid_exit', 'linear_exit', 'md_exit', 'deadline_exit',
      // mm/page_io.c: swap writeout from direct reclaim, to a swap area on a dm or md device.
      'swap_writepage', '__swap_writepage', 'get_swap_bio', 'end_swap_bio_write',
    ],
    // Request-based dm stays out of the world, as a stub that stops the run if a model ever
    // reaches it (v3.15/model/not-modeled.ts).
    handWritten: {
      dm_init_request_based_queue: 'request-based dm is not modeled (multipath targets only)',
    },
  },
};
