// What the C of v3.2 says a lock protects, for KCSAN's lockset check (kernel/kcsan.ts). Only
// members whose every access in the C is under the named lock once the object is shared are
// listed, or, where a rule says its reads are unlocked (unlockedReads), every write; members the
// C updates without it on purpose are left out, with the reason:
// - throtl_grp's limits (bps, iops, limits_changed): written by the cgroup update functions
//   under blkcg->lock only ("Can not take queue lock in update functions", blk-throttle.c:1047)
//   and read lock-free in blk_throtl_bio ("basic fields like stats and io rates", :1126).
// - cfq_group's weight fields: cfq_update_blkio_group_weight() sets new_weight and needs_update
//   under blkcg->lock only, for the next service tree add to pick up.
// - blkio_group's stats_cpu: per-cpu, updated with interrupts off, no lock (blk-cgroup.c:409).
// Lists are watched at their head's pointers (an embedded hlist_head's first, a list_head's
// next and prev), which every add writes; RCU lists may be read under rcu_read_lock alone.

import { kcsan_nocheck, kcsan_protect, type LockLike, protection, staticListProtection } from '../../kernel/kcsan.ts';
import { elevator_globals } from '../block/elevator.ts';
import { elvListProtection, queueElevatorProtection } from '../../block/elevator-protection.ts';
import { queueTimeoutListProtection } from '../../block/timeout-protection.ts';
import type { elevator_queue } from '../include/linux/elevator.ts';
import { blk_cgroup_globals } from '../block/blk-cgroup.ts';
import { containerOf, memberName } from '../../lib/c-pointers.ts';
import { LIST_POISON1 } from '../../include/linux/list.ts';
import type { blkio_cgroup, blkio_group, blkio_group_stats, blkio_policy_node } from '../block/blk-cgroup.ts';
import type { io_context } from '../include/linux/iocontext.ts';
import type { throtl_data, throtl_grp } from '../block/blk-throttle.ts';
import type { cfq_data, cfq_queue } from '../block/cfq-iosched.ts';
import type { request_queue } from '../include/linux/blkdev.ts';
import { ida_zeroed, type ida } from '../../lib/idr.ts';
import { kernel_structs, struct_type } from '../../lib/kstruct.ts';
import { cfq_iosched_globals } from '../block/cfq-iosched.ts';

/** q->queue_lock of a queue, when the object has been tied to one yet. */
function queueLock(q: request_queue | null | undefined): LockLike | null {
  return q?.queue_lock ?? null;
}

/** A group's policy data is its blkg's key: the throtl_data or cfq_data it was added for. */
function keyQueue(blkg: blkio_group): request_queue | null {
  const key = blkg.key as { queue?: request_queue } | null;
  return key?.queue ?? null;
}

/**
 * The lock of the cgroup whose policy_list a rule is on: the rule has no pointer back, so its
 * list is walked to the head (outside KCSAN's view: the model finding a lock, not kernel code).
 * Null while the rule is on no list (being filled in, or deleted).
 */
function policyNodeLock(pn: blkio_policy_node): LockLike | null {
  return kcsan_nocheck(() => {
    for (let h = pn.node.next; h !== pn.node; h = h.next) {
      if (h === null || h === LIST_POISON1) return null;
      if (memberName(h) === 'policy_list') return (containerOf(h) as blkio_cgroup | null)?.lock ?? null;
    }
    return null;
  });
}

// struct ida (include/linux/idr.h, v3.2: an idr and a free bitmap; the model's ids in use stand
// for its layers), registered so that DEFINE_IDA() makes a watched one: ida_get_new() and
// ida_remove() change the layers with no lock of their own, so a user serializes them.
kernel_structs('v3.2', 'include/linux/idr.h', { ida: struct_type('ida', 40, ida_zeroed) });

kcsan_protect('v3.2', [
  // blk-timeout.c: the queue's started requests whose timeout runs.
  queueTimeoutListProtection(
    'block/blk-timeout.c: blk_add_timer() (:186) adds a started request under the queue lock its callers hold (blk_start_request()), blk_delete_timer() (:79) takes it off as the request completes (blk_finish_request(), under the queue lock), blk_rq_timed_out_timer() (:116-119) and blk_abort_queue() (:219-235) walk and splice the list under spin_lock_irqsave(q->queue_lock)',
  ),
  // blk-cgroup.c: the registered policies (CFQ's and the throttle's).
  staticListProtection({
    file: 'block/blk-cgroup.c',
    globals: blk_cgroup_globals,
    list: 'blkio_list',
    lock: 'blkio_list_lock',
    because: 'block/blk-cgroup.c: blkio_policy_register, blkio_policy_unregister, blkiocg_destroy, blkiocg_weight_write and blkio_update_policy_node_blkg walk and change blkio_list under blkio_list_lock (static DEFINE_SPINLOCK beside LIST_HEAD(blkio_list)), as a policy module may come or go while cgroups change',
  }),
  protection<elevator_queue>({
    struct: 'elevator_queue',
    members: ['ops'],
    pointers: true,
    lockName: 'e->sysfs_lock',
    lockOf: (e) => e.sysfs_lock,
    // The IO path calls through e->ops under the queue lock, not sysfs_lock: only the store that
    // ends the elevator's life needs it.
    unlockedReads: true,
    exclusiveIn: ['elevator_alloc'],
    because: 'block/elevator.c: elevator_exit() clears e->ops under e->sysfs_lock, and elv_attr_show() and elv_attr_store() test it under that lock before calling the elevator\'s show or store ("e->ops ? entry->show(e, page) : -ENOENT")',
  }),
  queueElevatorProtection(
    'block/blk-sysfs.c: queue_attr_store() holds q->sysfs_lock across every queue attribute store, and only elv_iosched_store() there changes q->elevator after the queue is made (elevator_switch() attaching the new elevator, or the old one again when the switch fails); later trees write the rule down ("Protect q->elevator from elevator_change", v3.15 blk-core.c)',
  ),
  // elevator.c: the registered IO schedulers.
  elvListProtection(elevator_globals),
  protection<blkio_group_stats>({
    struct: 'blkio_group_stats',
    members: ['time', 'stat_arr'],
    lockName: 'blkg->stats_lock',
    lockOf: (stats) => (containerOf(stats) as blkio_group | null)?.stats_lock ?? null,
    because: 'block/blk-cgroup.h:173 "Need to serialize the stats in the case of reset/update", blk-cgroup.c:224 "This should be called with the blkg->stats_lock held"',
  }),
  protection<throtl_grp>({
    struct: 'throtl_grp',
    members: ['nr_queued', 'bytes_disp', 'io_disp', 'slice_start', 'slice_end', 'disptime', 'flags'],
    lockName: 'q->queue_lock',
    lockOf: (tg) => queueLock(keyQueue(tg.blkg)),
    because: 'block/blk-throttle.c:1124 "A throtl_grp pointer retrieved under rcu can be used to access basic fields like stats and io rates"; dispatch state is taken under q->queue_lock (blk_throtl_bio, throtl_dispatch)',
  }),
  protection<throtl_data>({
    struct: 'throtl_data',
    members: ['nr_queued', 'nr_undestroyed_grps'],
    lockName: 'q->queue_lock',
    lockOf: (td) => queueLock(td.queue),
    because: 'block/blk-throttle.c: every update of the totals is under q->queue_lock (blk_throtl_bio, throtl_dispatch, throtl_destroy_tg, blk_throtl_exit)',
  }),
  protection<blkio_cgroup>({
    struct: 'blkio_cgroup',
    members: ['blkg_list.first'],
    lockName: 'blkcg->lock',
    lockOf: (blkcg) => blkcg.lock,
    rcuReads: true,
    because: 'block/blk-cgroup.c: groups are added to and deleted from blkcg->blkg_list under blkcg->lock (blkiocg_add_blkio_group, blkiocg_del_blkio_group, blkiocg_destroy); readers walk it under rcu_read_lock ("called under rcu_read_lock()", :533)',
  }),
  protection<blkio_cgroup>({
    struct: 'blkio_cgroup',
    members: ['policy_list.next', 'policy_list.prev'],
    lockName: 'blkcg->lock',
    lockOf: (blkcg) => blkcg.lock,
    exclusiveIn: ['blkiocg_destroy'],
    because: 'block/blk-cgroup.c:87 and :93 "Must be called with blkcg->lock held" (blkio_policy_delete_node, blkio_policy_search_node); rules are inserted under it (blkiocg_file_write); blkiocg_destroy frees the nodes of a cgroup nothing uses any more. blkio_read_policy_node_files tests list_empty() before it takes the lock, the racy peek later kernels mark READ_ONCE() (not checked); its walk is under the lock',
  }),
  protection<blkio_policy_node>({
    struct: 'blkio_policy_node',
    members: ['val.weight', 'val.bps', 'val.iops'],
    union: 'val',
    lockName: 'blkcg->lock',
    lockOf: policyNodeLock,
    because: 'block/blk-cgroup.c: a rule already on blkcg->policy_list is rewritten under blkcg->lock (blkiocg_file_write -> blkio_update_policy_node) and read under it (blkcg_get_weight, blkcg_get_read_bps and the rest, blkio_update_policy_node_blkg, blkio_read_policy_node_files); a new rule is filled in before it is inserted',
  }),
  protection<cfq_data>({
    struct: 'cfq_data',
    members: ['cfq_quantum', 'cfq_fifo_expire.0', 'cfq_fifo_expire.1', 'cfq_back_penalty', 'cfq_back_max', 'cfq_slice.0', 'cfq_slice.1', 'cfq_slice_async_rq', 'cfq_slice_idle', 'cfq_group_idle', 'cfq_latency'],
    lockName: 'e->sysfs_lock',
    lockOf: (cfqd) => cfqd.queue?.elevator?.sysfs_lock ?? null,
    unlockedReads: true,
    because: 'block/elevator.c: elv_attr_show and elv_attr_store call the scheduler\'s show and store functions with e->sysfs_lock held, the only place the tunables are written after cfq_init_queue; the IO path reads them without it, a sampled setting',
  }),
  protection<io_context>({
    struct: 'io_context',
    members: ['cic_list.first'],
    lockName: 'ioc->lock',
    lockOf: (ioc) => ioc.lock,
    rcuReads: true,
    because: 'include/linux/iocontext.h: "all the fields below are protected by this lock"; cfq_cic_link adds and cic_free_func/cfq_drop_dead_cic delete under it, call_for_each_cic walks under rcu_read_lock',
  }),
  protection<io_context>({
    struct: 'io_context',
    members: ['ioc_data'],
    pointers: true,
    lockName: 'ioc->lock',
    lockOf: (ioc) => ioc.lock,
    rcuReads: true,
    because:
      'include/linux/iocontext.h: "all the fields below are protected by this lock", ioc_data among them (the cfq_io_context last looked up); cfq_cic_lookup() caches it and __cfq_exit_single_io_context() clears it under ioc->lock, lookups read it under rcu_read_lock',
  }),
  protection<cfq_data>({
    struct: 'cfq_data',
    members: ['busy_queues', 'rq_queued', 'rq_in_driver', 'rq_in_flight', 'active_queue', 'cic_list.next', 'cic_list.prev', 'cfqg_list.first', 'nr_blkcg_linked_grps'],
    lockName: 'q->queue_lock',
    lockOf: (cfqd) => queueLock(cfqd.queue),
    because: 'block/elevator.c: the elevator ops that update them run with q->queue_lock held (include/linux/blkdev.h:319 "protects queue structures from reentrancy"); groups are linked onto cfqd->cfqg_list and counted in nr_blkcg_linked_grps under it (cfq_find_alloc_cfqg, cfq-iosched.c:1050-1054) and unlinked under it (cfq_unlink_blkio_group :1262, cfq_exit_queue :3930)',
  }),
  protection<cfq_queue>({
    struct: 'cfq_queue',
    members: ['ref'],
    lockName: 'q->queue_lock',
    lockOf: (cfqq) => queueLock(cfqq.cfqd?.queue),
    because:
      'block/cfq-iosched.c: a cfq_queue\'s reference count, a plain int, is taken by cfq_set_request(), cfq_get_queue() and cfq_setup_merge() and dropped by cfq_put_queue() ("BUG_ON(cfqq->ref <= 0)"), every caller holding q->queue_lock: the request paths, changed_ioprio() and changed_cgroup(), __cfq_exit_single_io_context(), cfq_exit_queue()',
  }),
  protection<ida>({
    struct: 'ida',
    members: ['used'],
    lockName: 'cic_index_lock',
    lockOf: (ida) => {
      const g = cfq_iosched_globals();
      return ida === g.cic_index_ida ? g.cic_index_lock : null;
    },
    because:
      'lib/idr.c: ida_get_new() "should be called with any required locks" (it and ida_remove() change the layers with no lock of their own; only the preallocated free list has one, idr.lock); cfq-iosched.c takes cic_index_lock around both (cfq_alloc_cic_index, cfq_exit_queue)',
  }),
]);
