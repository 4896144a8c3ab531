// What the C of v3.15 says a lock protects, for KCSAN's lockset check (kernel/kcsan.ts). Only
// members every write to which is under the named lock once the object is shared are listed.
// Left out, with the C's reasons: exception_complete_sequence and out_of_order_list ("Protected
// by kcopyd single-threaded callback": an ordering, not a lock), pending_exceptions_count (an
// atomic_t).

import { kcsan_nocheck, kcsan_protect, protection, staticListProtection } from '../../kernel/kcsan.ts';
import { atomic_read } from '../../include/linux/atomic.ts';
import { dm_c_globals, type dm_c_globals_t, type dm_io, type mapped_device } from '../drivers/md/dm.ts';
import { dm_snap_globals, type dm_snapshot, type origin } from '../drivers/md/dm-snap.ts';
import { dm_table_c_globals, type dm_table } from '../drivers/md/dm-table.ts';
import { dm_target_c_globals } from '../drivers/md/dm-target.ts';
import { dm_exception_store_c_globals } from '../drivers/md/dm-exception-store.ts';
import { md_c_globals, type mddev } from '../drivers/md/md.ts';
import { elevator_globals } from '../block/elevator.ts';
import { elvListProtection, queueElevatorProtection } from '../../block/elevator-protection.ts';
import { queueTimeoutListProtection } from '../../block/timeout-protection.ts';
import type { r1conf } from '../drivers/md/raid1.ts';
import { NULL } from '../../lib/c-pointers.ts';
import type { bio_set } from '../include/linux/bio.ts';
import type { bio } from '../include/linux/blk_types.ts';
import { MD_MAJOR } from './md-ioctl.ts';
import type { dm_kcopyd_client } from '../drivers/md/dm-kcopyd.ts';
import type { request_list } from '../include/linux/blkdev.ts';
import type { elevator_queue } from '../include/linux/elevator.ts';
import type { deadline_data } from '../block/deadline-iosched.ts';
import { registered_disks } from './genhd.ts';

const snapshotLock = protection<dm_snapshot>({
  struct: 'dm_snapshot',
  members: ['exception_start_sequence', 'pending', 'complete', 'active'],
  lockName: 's->lock',
  lockOf: (s) => s.lock,
  // device-mapper runs a target's constructor and destructor with no IO on it (the table is not
  // live yet, or has been suspended and unbound): __free_exceptions from snapshot_dtr needs no lock.
  exclusiveIn: ['snapshot_ctr', 'snapshot_dtr'],
  because:
    'drivers/md/dm-snap.c:69 "Protected by \\"lock\\"" (exception_start_sequence); the exception tables are looked up and changed under s->lock (snapshot_map, pending_complete, __origin_write, snapshot_resume); snapshot_resume() sets s->active under down_write(&s->lock) (:1867-1869), and __find_snapshots_sharing_cow() (:388-390) and __origin_write() (:1998-2001) read it under s->lock',
});

/** raid1.h: the writes queued for raid1d and the retry list, under conf->device_lock. */
const raid1Queues = protection<r1conf>({
  struct: 'r1conf',
  members: ['retry_list.next', 'retry_list.prev', 'pending_bio_list.head', 'pending_bio_list.tail', 'pending_count', 'nr_queued'],
  lockName: 'conf->device_lock',
  lockOf: (conf) => conf.device_lock,
  // pending_count is sampled without the lock to throttle writers and answer congestion
  // (make_request, md_raid1_congested); nr_queued is read under resync_lock by freeze_array.
  unlockedReads: true,
  because:
    'drivers/md/raid1.c: reschedule_retry, raid1d, flush_pending_writes, raid1_unplug and make_request add to and take from retry_list and pending_bio_list, and count them, under conf->device_lock',
});

/** raid1.h: the barrier between normal IO and resync, under conf->resync_lock. */
const raid1Barrier = protection<r1conf>({
  struct: 'r1conf',
  members: ['barrier', 'nr_waiting', 'nr_pending', 'array_frozen'],
  lockName: 'conf->resync_lock',
  lockOf: (conf) => conf.resync_lock,
  // lower_barrier() checks barrier with BUG_ON() before it takes the lock and sync_request()
  // samples nr_waiting to decide whether to slow down: reads the C makes without the lock.
  unlockedReads: true,
  // raid1_takeover() marks a conf it has just set up as frozen before anyone can reach it.
  exclusiveIn: ['setup_conf', 'raid1_takeover'],
  because:
    'drivers/md/raid1.h: barrier, nr_waiting, nr_pending and array_frozen are declared under resync_lock ("for use when syncing mirrors"); raise_barrier, lower_barrier, wait_barrier, allow_barrier, freeze_array and unfreeze_array change them under conf->resync_lock',
});

/**
 * raid1.c: how many legs an array is short of, counted under the conf's device_lock once the
 * array runs (a leg failing in error(), spares coming in, a reshape).
 */
const raid1Degraded = protection<mddev>({
  struct: 'mddev',
  members: ['degraded'],
  lockName: 'conf->device_lock',
  // Only a raid1 array's conf has the lock; another personality's count is not checked.
  lockOf: (mddev) => (mddev.pers !== NULL && mddev.pers.level === 1 && mddev.private !== NULL ? (mddev.private as r1conf).device_lock : null),
  // The C reads the count without the lock (status, md.c's recovery decisions, error()'s
  // last-leg test); only raid1_end_read_request() reads it under the lock.
  unlockedReads: true,
  // run() counts the legs before the array is live; md_clean() zeroes it once the array is stopped.
  exclusiveIn: ['run', 'md_clean'],
  because:
    'drivers/md/raid1.c: error() (mddev->degraded++ as a leg leaves In_sync), raid1_spare_active() (mddev->degraded -= count) and raid1_reshape() change the count under conf->device_lock, as a failure reported from any context and the recovery of raid1d meet',
});

/**
 * raid1.c: a bio split over several r1bios at bad blocks counts its unfinished parts in
 * bio->bi_phys_segments, under the conf's device_lock: make_request() and handle_read_error()
 * count a new part, call_bio_endio() counts one done, from whatever completes it.
 */
const raid1SplitCount = protection<bio>({
  struct: 'bio',
  members: ['bi_phys_segments'],
  lockName: 'conf->device_lock',
  // Only a bio submitted to a raid1 array counts r1bios there (the block layer keeps segment
  // counts in it for bios to request queues, where no lock is asked for).
  lockOf: (b) => raid1ConfOf(b)?.device_lock ?? null,
  // call_bio_endio() tests it before taking the lock ("If this is 0, there is only one r1_bio
  // and no locking will be needed"), as make_request() tests it before waiting.
  unlockedReads: true,
  because:
    'drivers/md/raid1.c:1153-1160 "we keep track of the number of reads in bio->bi_phys_segments. If this is 0, there is only one r1_bio and no locking will be needed when requests complete. If it is non-zero, then it is the number of not-completed requests."; make_request() (:1210-1216, :1353-1359), handle_read_error() (:2378-2384) and call_bio_endio() (:243-249) change it under spin_lock_irq(&conf->device_lock)',
});

/** The raid1 conf of the array a bio was submitted to, if it is a running raid1 array. */
function raid1ConfOf(b: bio): r1conf | null {
  const disk = b.bi_bdev?.bd_disk;
  if (!disk || disk.major !== MD_MAJOR) return null;
  const md = disk.private_data as mddev | null;
  return md && md.pers !== NULL && md.pers.level === 1 && md.private !== NULL ? (md.private as r1conf) : null;
}

/**
 * md.c: whether the array is marked clean, flipped by the first write after an idle spell and
 * back by the safe-mode timer's pass of the md thread, each under the array's write_lock, so that
 * md_update_sb() (which samples it under the lock, writes the superblock, and writes it again if
 * it changed) never clears MD_CHANGE_PENDING over a flip it did not write out.
 */
const mdInSync = protection<mddev>({
  struct: 'mddev',
  members: ['in_sync'],
  lockName: 'mddev->write_lock',
  lockOf: (mddev) => mddev.write_lock,
  // md_write_start() and md_check_recovery() test it before taking the lock and test again
  // under it; the superblock writers read it under reconfig_mutex.
  unlockedReads: true,
  // md_run() marks an array clean before it is ready (no write can reach it), md_clean() once it
  // is stopped, and __md_stop_writes() with reconfig_mutex held (md_check_recovery() writes only
  // under a trylock of it) after the openers were checked and the sync thread reaped.
  exclusiveIn: ['md_run', 'md_clean', '__md_stop_writes'],
  because:
    'drivers/md/md.c: md_write_start() (:7294-7303), md_allow_write() (:7339-7351), array_state_store()\'s "clean" (:3909-3920) and md_check_recovery()\'s safe-mode pass (:7834-7845) change in_sync under spin_lock_irq(&mddev->write_lock); md_update_sb() samples it and compares it again under the same lock (:2440, :2513-2521)',
});

/**
 * md.c: an array's members, changed under the array's reconfig_mutex and walked under it or
 * under rcu_read_lock() (rdev_for_each_rcu: the walks of the sync thread, of a flush and of
 * GET_DISK_INFO).
 */
const mdMembers = protection<mddev>({
  struct: 'mddev',
  // The head's pointers: every walk starts from disks.next, and bind_rdev_to_array() adds at
  // the head (list_add_rcu), as unbind_rdev_from_array() deletes the first member (list_del_rcu).
  members: ['disks.next', 'disks.prev'],
  lockName: 'mddev->reconfig_mutex',
  lockOf: (mddev) => mddev.reconfig_mutex,
  rcuReads: true,
  because:
    'drivers/md/md.h: "\'reconfig_mutex\' protects all other reconfiguration", and md.c binds and unbinds members (list_add_rcu, list_del_rcu then synchronize_rcu) with it held; rdev_for_each walks under it, rdev_for_each_rcu (is_mddev_idle, submit_flushes, md_do_sync, find_rdev_nr_rcu) under rcu_read_lock',
});

/**
 * md.c: the array's md thread, set by the personality's run() and taken away by
 * md_unregister_thread() under pers_lock ("Locking ensures that mddev_unlock does not wake_up a
 * non-existent thread"), so that mddev_unlock(), which wakes the thread after it has dropped
 * reconfig_mutex, never wakes one being freed.
 */
const mdThread = protection<mddev>({
  struct: 'mddev',
  members: ['thread'],
  lockName: 'pers_lock',
  lockOf: () => md_c_globals().pers_lock,
  // Reconfiguration reads it holding reconfig_mutex, which the personality's stop (the only
  // caller of md_unregister_thread() for it) holds too.
  readLockOf: (mddev) => mddev.reconfig_mutex,
  readLockName: 'mddev->reconfig_mutex',
  pointers: true,
  // md_run() sets it before the array is live. The IO path, its completions, the resync thread
  // and the safe-mode timer run only while the personality does: do_md_stop() deletes the
  // timer, reaps the sync thread and quiesces IO (__md_stop_writes) before pers->stop() takes
  // the thread away, so their wake-ups need no lock.
  exclusiveIn: ['md_run', 'md_write_start', 'md_write_end', 'md_error', 'md_done_sync', 'md_do_sync', 'rdev_set_badblocks', 'md_safemode_timeout', 'reschedule_retry', 'raid1_unplug', 'make_request'],
  because:
    'drivers/md/md.c: mddev_unlock() (:625-630 "As we\'ve dropped the mutex we need a spinlock to make sure the thread doesn\'t disappear") wakes mddev->thread under pers_lock, and md_unregister_thread() (:6835-6840 "Locking ensures that mddev_unlock does not wake_up a non-existent thread") clears it under pers_lock before kthread_stop() and kfree()',
});

/** dm.c: the status of the clones of one bio, folded into their dm_io as each completes. */
const dmIoError = protection<dm_io>({
  struct: 'dm_io',
  members: ['error'],
  lockName: 'io->endio_lock',
  // Once io_count is zero the io belongs to the dec_pending() that dropped the last reference
  // (it reads the status without the lock, and a push-back it cannot honour sets it under
  // md->deferred_lock): nothing else can reach it then.
  lockOf: (io) => (atomic_read(io.io_count) === 0 ? null : io.endio_lock),
  because:
    'drivers/md/dm.c: dec_pending() sets io->error under io->endio_lock ("Push-back supersedes any I/O errors"), since the clones of one bio complete on any CPU at once',
});

/** dm.c: the bios a device deferred while it was suspended, under md->deferred_lock. */
const dmDeferred = protection<mapped_device>({
  struct: 'mapped_device',
  members: ['deferred.head', 'deferred.tail'],
  lockName: 'md->deferred_lock',
  lockOf: (md) => md.deferred_lock,
  because:
    'drivers/md/dm.c: queue_io() adds a bio to md->deferred, dec_pending() pushes a requeued one back on it and dm_wq_work() takes them off, each under md->deferred_lock, as bios arrive on any CPU while the device\'s work item drains the list',
});

/** dm.c: a device's live table, swapped under md->suspend_lock and read under SRCU or RCU. */
const dmLiveTable = protection<mapped_device>({
  struct: 'mapped_device',
  members: ['map'],
  lockName: 'md->suspend_lock',
  lockOf: (md) => md.suspend_lock,
  pointers: true,
  // dm_get_live_table_fast() reads it under rcu_read_lock(), dm_get_live_table() under the
  // device's io_barrier SRCU; __bind() waits for both kinds of reader (dm_sync_table) before the
  // old table is destroyed.
  rcuReads: true,
  srcuReadsOf: (md) => md.io_barrier,
  // __dm_destroy() unbinds the table of a device no one can open any more.
  exclusiveIn: ['__dm_destroy'],
  because:
    'drivers/md/dm.c: struct mapped_device "The current mapping. Use dm_get_live_table{_fast} or take suspend_lock for dereference."; __bind() swaps it holding suspend_lock (from dm_swap_table()), and dm_suspend() and dm_resume() read it holding suspend_lock',
});

/** dm-kcopyd.c: a client's three job lists, under kc->job_lock. */
const kcopydJobs = protection<dm_kcopyd_client>({
  struct: 'dm_kcopyd_client',
  members: ['complete_jobs.next', 'complete_jobs.prev', 'io_jobs.next', 'io_jobs.prev', 'pages_jobs.next', 'pages_jobs.prev'],
  lockName: 'kc->job_lock',
  lockOf: (kc) => kc.job_lock,
  // The client's creation sets the lists up before any job exists; its destruction finds them
  // empty once every job completed.
  exclusiveIn: ['dm_kcopyd_client_create', 'dm_kcopyd_client_destroy'],
  because:
    'drivers/md/dm-kcopyd.c: struct dm_kcopyd_client "All three of these are protected by job_lock"; push(), push_head() and pop() take kc->job_lock, as dm-io completes a job\'s IO on any CPU and queues it while the client\'s work item takes jobs off',
});

/** bio.c: the bios punted to a bio_set's rescuer, under bs->rescue_lock. */
const biosetRescue = protection<bio_set>({
  struct: 'bio_set',
  members: ['rescue_list.head', 'rescue_list.tail'],
  lockName: 'bs->rescue_lock',
  lockOf: (bs) => bs.rescue_lock,
  // bioset_create() sets the list up before anyone can allocate from the set.
  exclusiveIn: ['bioset_create'],
  because:
    'fs/bio.c: punt_bios_to_rescuer() merges a submitter\'s bios into bs->rescue_list and bio_alloc_rescue() pops them on the rescuer\'s workqueue, each under bs->rescue_lock',
});

/** dm-table.c: a table's event callback, under the file's _event_lock. */
const dmTableEvent = protection<dm_table>({
  struct: 'dm_table',
  members: ['event_fn', 'event_context'],
  lockName: '_event_lock',
  lockOf: () => dm_table_c_globals()._event_lock,
  because:
    'drivers/md/dm-table.c: dm_table_event_callback() sets event_fn and event_context and dm_table_event() calls them, each under _event_lock (static DEFINE_MUTEX), as a target raises an event from its own context while the table is bound to or unbound from its device',
});

/** blk-core.c: a request list's counts, under the queue's queue_lock. */
const requestListCounts = protection<request_list>({
  struct: 'request_list',
  members: ['count', 'starved'],
  lockName: 'q->queue_lock',
  lockOf: (rl) => (rl.q === null ? null : rl.q.queue_lock),
  // blk_init_rl() sets the list up with its queue, before any request is allocated from it.
  exclusiveIn: ['blk_init_rl'],
  because:
    'block/blk-core.c: __get_request() ("The queue lock must be held"), freed_request() (from __blk_put_request(), "queue lock must be held") and __freed_request() count requests in rl->count[] and rl->starved[] under q->queue_lock; blk-sysfs.c\'s queue_requests_store() reads them under it',
});

/** dm-snap.c: the reads tracked per chunk, linked into s->tracked_chunk_hash under tracked_chunk_lock. */
const trackedChunks = protection<dm_snapshot>({
  struct: 'dm_snapshot',
  // The first pointer of each bucket: every add, every delete of a bucket's first entry and
  // every lookup goes through it. (The entries themselves live in per-bio data, which has no
  // struct of its own to hang a rule on.)
  members: ['tracked_chunk_hash[].first'],
  lockName: 's->tracked_chunk_lock',
  lockOf: (s) => s.tracked_chunk_lock,
  // snapshot_ctr() sets the buckets up before the target can see IO.
  exclusiveIn: ['snapshot_ctr', 'snapshot_dtr'],
  because:
    'drivers/md/dm-snap.c: track_chunk() adds a read to its chunk\'s bucket, stop_tracking_chunk() deletes it as the read completes and __chunk_is_tracked() walks the bucket, each under s->tracked_chunk_lock, as reads are mapped and complete on any CPU',
});

/** md.c: the registered personalities. */
const mdPersonalities = staticListProtection({
  file: 'drivers/md/md.c',
  globals: md_c_globals,
  list: 'pers_list',
  lock: 'pers_lock',
  because: 'drivers/md/md.c:61 "pers_list is a list of registered personalities protected by pers_lock"; register_md_personality, unregister_md_personality, md_run, level_store and md_seq_show take it',
});

/** md.c: every array there is. */
const mdArrays = staticListProtection({
  file: 'drivers/md/md.c',
  globals: md_c_globals,
  list: 'all_mddevs',
  lock: 'all_mddevs_lock',
  because: 'drivers/md/md.c:215 "Enables to iterate over all existing md arrays all_mddevs_lock protects this list", :224 "We take care to grab the all_mddevs_lock whenever navigating the list"; mddev_find, mddev_put, for_each_mddev and md_seq_start take it',
});

/** dm-target.c: the registered target types. */
const dmTargetTypes = staticListProtection({
  file: 'drivers/md/dm-target.c',
  globals: dm_target_c_globals,
  list: '_targets',
  lock: '_lock',
  because: 'drivers/md/dm-target.c: static LIST_HEAD(_targets) beside static DECLARE_RWSEM(_lock); dm_register_target and dm_unregister_target change the list under down_write, get_target_type and dm_target_iterate walk it under down_read',
});

/** dm-exception-store.c: the registered exception store types. */
const dmExceptionStoreTypes = staticListProtection({
  file: 'drivers/md/dm-exception-store.c',
  globals: dm_exception_store_c_globals,
  list: '_exception_store_types',
  lock: '_lock',
  because: 'drivers/md/dm-exception-store.c: static LIST_HEAD(_exception_store_types) beside static DEFINE_SPINLOCK(_lock); dm_exception_store_type_register and _unregister change the list under it, _get_exception_store_type walks it (__find_exception_store_type) under it',
});

/** dm-snap.c: the snapshots of one origin device. */
const originSnapshots = protection<origin>({
  struct: 'origin',
  members: ['snapshots.next', 'snapshots.prev'],
  lockName: '_origins_lock',
  lockOf: () => dm_snap_globals()._origins_lock,
  because:
    'drivers/md/dm-snap.c: register_snapshot() and unregister_snapshot() add and delete o->snapshots under down_write(&_origins_lock); the origin\'s writes (do_origin), origin_resume and snapshot_dtr walk it under down_read ("_origins_lock must be held when calling this function", :354)',
});

/** dm.c: the minor numbers of mapped devices, an IDR with no lock of its own. */
const dmMinors = protection<dm_c_globals_t>({
  struct: 'drivers/md/dm.c',
  globals: dm_c_globals,
  // The idr itself: every idr_alloc(), idr_remove(), idr_replace() and idr_find() reaches into it.
  members: ['_minor_idr'],
  lockName: '_minor_lock',
  lockOf: (g) => g._minor_lock,
  // The module's exit destroys the idr once no device is left.
  exclusiveIn: ['dm_exit', 'local_exit'],
  because:
    'drivers/md/dm.c: free_minor, specific_minor, next_free_minor, alloc_dev, dm_get_md and dm_destroy call idr_remove, idr_alloc, idr_replace and idr_find on _minor_idr under _minor_lock (static DEFINE_SPINLOCK beside DEFINE_IDR(_minor_idr)); lib/idr.c leaves serializing them to the caller',
});

/**
 * blk-core.c and elevator.c: a queue's elevator, switched under q->sysfs_lock with the queue lock
 * taken too (the new elevator's init attaches it under q->queue_lock), so a reader holds either:
 * the IO path the queue lock, the scheduler file's show sysfs_lock (queue_attr_show()).
 */
const queueElevator = queueElevatorProtection(
  'block/blk-core.c:734 "Protect q->elevator from elevator_change" (blk_init_allocated_queue() attaches the first elevator under q->sysfs_lock), elevator.c: elevator_init() "q->sysfs_lock must be held to provide mutual exclusion between elevator_switch() and here", queue_attr_store() holds it across the scheduler file\'s store, elv_iosched_store() -> elevator_switch() (the new elevator\'s init attaches it under q->queue_lock, a failed one puts the old one back), and queue_attr_show() across its show, elv_iosched_show(); the IO path reads it under q->queue_lock',
  {
    lockOf: (q) => q.queue_lock,
    lockName: 'q->queue_lock',
    // elv_set_request() runs after __get_request() drops the queue lock, for a request marked
    // REQ_ELVPRIV, which a switch drains before it exits the elevator (blk_queue_bypass_start());
    // the elevator's sysfs directory is added and removed with the queue's; the queue's release
    // is its last reference.
    orderedIn: ['elv_set_request', 'elv_register_queue', 'elv_unregister_queue', 'blk_release_queue'],
  },
);

/**
 * The elevator whose private data `dd` is, found as the C reaches it from a disk (e =
 * q->elevator): deadline_data keeps no pointer back. Null for an elevator a switch has already
 * detached (its exit runs under e->sysfs_lock, and nothing else can reach it then).
 */
function elevatorOfData(dd: deadline_data): elevator_queue | null {
  // The checker's own walk: its reads of q->elevator are no accesses of the task being checked.
  return kcsan_nocheck(() => {
    for (const disk of registered_disks()) {
      const e = disk.queue?.elevator as elevator_queue | null | undefined;
      if (e && e.elevator_data === dd) return e;
    }
    return null;
  });
}

/**
 * deadline-iosched.c: a deadline elevator's tunables, written by their sysfs stores, which
 * elv_attr_store() calls under e->sysfs_lock, and read by the dispatch path under the queue lock
 * alone (racy reads the C accepts). fifo_expire[] is an array, each element its own location,
 * and left out.
 */
const deadlineTunables = protection<deadline_data>({
  struct: 'deadline_data',
  members: ['writes_starved', 'front_merges', 'fifo_batch'],
  lockName: 'e->sysfs_lock',
  lockOf: (dd) => elevatorOfData(dd)?.sysfs_lock ?? null,
  unlockedReads: true,
  // The elevator's init sets them before the elevator is attached to its queue.
  exclusiveIn: ['deadline_init_queue'],
  because:
    'block/elevator.c:798 elv_attr_store() holds e->sysfs_lock across an attribute\'s store (deadline-iosched.c:425-427 STORE_FUNCTION(deadline_writes_starved_store, &dd->writes_starved, ...), front_merges, fifo_batch), elv_attr_show() across its show, and elevator_exit() across the exit function; deadline_init_queue() sets them before q->elevator points at the elevator',
});

const queueTimeoutList = queueTimeoutListProtection(
  'block/blk-timeout.c: blk_add_timer() "Each request has its own timer" adds a started request under the queue lock its callers hold (blk_start_request()), blk_delete_timer() takes it off as the request completes (blk_finish_request(), under the queue lock), and blk_rq_timed_out_timer() (:146) walks the list under spin_lock_irqsave(q->queue_lock)',
);

kcsan_protect('v3.15', [queueElevator, queueTimeoutList, mdPersonalities, mdArrays, mdMembers, dmTargetTypes, dmExceptionStoreTypes, dmMinors, elvListProtection(elevator_globals), deadlineTunables, originSnapshots, snapshotLock, trackedChunks, raid1Queues, raid1Barrier, raid1Degraded, raid1SplitCount, mdInSync, mdThread, dmIoError, dmDeferred, dmLiveTable, kcopydJobs, biosetRescue, dmTableEvent, requestListCounts]);
