// 1cd9e039fc25 "blkcg: alloc per cpu stats from worker thread in a delayed manner" (Vivek
// Goyal, with Tejun Heo's changes; merged through Jens Axboe's tree for the v3.4/v3.5 blkcg
// rework): the fix that went in for the Dec 2011 kvm deadlock. Groups are allocated GFP_ATOMIC
// under the queue lock, without per-cpu stats; each new group goes on one global alloc_list
// (under alloc_list_lock) and one global delayed work allocates the stats outside any lock,
// retrying after 10 ms when it cannot, and installs them with swap() under blkio_list_lock and
// alloc_list_lock. Destroying a group takes it off the list first; stat updates and reads skip
// a group whose stats_cpu is still NULL.
//
// Adapted to the model's v3.2 base (the commit sits on Tejun Heo's blkcg rework, where one
// blkio_group carries every policy's data and blkg_lookup_create()/blkg_destroy() are the single
// create/destroy points): here each policy has its own group, so the commit's logic is applied
// where v3.2 creates, links and destroys them - throtl_alloc_tg/throtl_get_tg/
// throtl_init_add_tg_lists/throtl_destroy_tg and cfq_alloc_cfqg/cfq_get_cfqg/
// cfq_init_add_cfqg_lists/cfq_destroy_cfqg/cfq_init_queue - and the worker allocates one stats
// area per list entry (one policy per group) instead of one per policy.

import { QUEUE_FLAG_DEAD } from '../../kernel-model/include/linux/blkdev.ts';
import type { rq_queue } from '../../kernel-model/include/linux/blkdev-request.ts';
import { GFP_ATOMIC, GFP_KERNEL, __GFP_ZERO } from '../../kernel-model/include/linux/gfp.ts';
import {
  BLKIO_WEIGHT_DEFAULT,
  type blkio_cgroup,
  type blkio_group,
  type blkio_group_stats_cpu,
  blk_cgroup,
  blkio_group_stats_cpu_type,
  blkio_list_lock,
} from '../../kernel-model/block/blk-cgroup.ts';
import { type throtl_data, type throtl_grp, blk_throttle, throtl_grp_zeroed } from '../../kernel-model/block/blk-throttle.ts';
import {
  CFQ_RB_ROOT,
  type cfq_data,
  type cfq_group,
  cfq,
  cfq_alloc_cic_index,
  cfq_data_zeroed,
  cfq_group_zeroed,
  cfq_init_queue_rest,
  for_each_cfqg_st,
} from '../../kernel-model/block/cfq-iosched.ts';
import { spin_lock_init, spinlock, type spinlock_t } from '../../kernel-model/kernel/locking/spinlock.ts';
import { rcu_read_lock, rcu_read_unlock } from '../../kernel-model/kernel/rcupdate.ts';
import { msecs_to_jiffies } from '../../kernel-model/kernel/timer.ts';
import { INIT_DELAYED_WORK, type delayed_work, type work_struct, system_wq, workqueue } from '../../kernel-model/kernel/workqueue.ts';
import { kmemleak_not_leak } from '../../kernel-model/mm/kasan.ts';
import { percpu, type percpu_ptr } from '../../kernel-model/mm/percpu.ts';
import { slab } from '../../kernel-model/mm/slab.ts';
import { baseline, definePatch, patch_functions } from '../../kernel-model/patch-api.ts';
import { type Machine, current, machine } from '../../kernel-model/sim/machine.ts';
import type { KGen } from '../../kernel-model/sim/task.ts';

type stats_ptr = percpu_ptr<blkio_group_stats_cpu>;

/** The commit's statics: the list of groups pending per cpu stats, its lock, the work. */
interface AllocState {
  alloc_list_lock: spinlock_t;
  /** Groups waiting for per cpu stats memory to be allocated (blkg->alloc_node on alloc_list). */
  alloc_list: blkio_group[];
  blkio_stat_alloc_work: delayed_work;
  /** The worker's `static void *pcpu_stats[]`: stats allocated but not yet given to a group. */
  pcpu_stats: stats_ptr | null;
}

/** Per machine: the statics belong to the kernel that runs. */
const states = new WeakMap<Machine, AllocState>();

function st(): AllocState {
  const m = machine();
  let s = states.get(m);
  if (s === undefined) {
    s = {
      alloc_list_lock: spin_lock_init('alloc_list_lock'),
      alloc_list: [],
      blkio_stat_alloc_work: INIT_DELAYED_WORK('blkio_stat_alloc_fn', added.blkio_stat_alloc_fn),
      pcpu_stats: null,
    };
    states.set(m, s);
  }
  return s;
}

/**
 * Worker for allocating per cpu stat for blk groups. This is scheduled once there are some
 * groups on the alloc_list waiting for allocation.
 * @port block/blk-cgroup.c v3.4 ported - added by this commit; one stats area per group
 */
function* blkio_stat_alloc_fn(_work: work_struct): KGen {
  const s = st();
  let empty: boolean;
  do {
    /* alloc_stats: */
    if (s.pcpu_stats === null) {
      const p = yield* percpu.__alloc_percpu(blkio_group_stats_cpu_type.size, blkio_group_stats_cpu_type.make);
      /* Allocation failed. Try again after some time. */
      if (p === null) {
        yield* workqueue.queue_delayed_work(system_wq(), s.blkio_stat_alloc_work, msecs_to_jiffies(10));
        return;
      }
      // Held by a static pointer until a group takes it: reachable, not a leak.
      kmemleak_not_leak(p);
      s.pcpu_stats = p;
    }
    yield* spinlock.spin_lock_irq(blkio_list_lock());
    yield* spinlock.spin_lock(s.alloc_list_lock);
    /* cgroup got deleted or queue exited. */
    if (s.alloc_list.length > 0) {
      const blkg = s.alloc_list[0];
      if (!blkg.stats_cpu) {
        /* swap(pd->stats_cpu, pcpu_stats[i]) */
        blkg.stats_cpu = s.pcpu_stats;
        s.pcpu_stats = null;
      }
      s.alloc_list.shift();
    }
    empty = s.alloc_list.length === 0;
    yield* spinlock.spin_unlock(s.alloc_list_lock);
    yield* spinlock.spin_unlock_irq(blkio_list_lock());
  } while (!empty);
}

/**
 * Queue per cpu stat allocation from worker thread: the end of blkg_lookup_create(). Called
 * with the queue lock held.
 * @port block/blk-cgroup.c v3.4 ported - the alloc_list part of blkg_lookup_create()
 */
function* blkg_queue_stats_alloc(blkg: blkio_group): KGen {
  const s = st();
  yield* spinlock.spin_lock(s.alloc_list_lock);
  s.alloc_list.unshift(blkg);
  /* Queue per cpu stat allocation from worker thread. */
  yield* workqueue.queue_delayed_work(system_wq(), s.blkio_stat_alloc_work, 0);
  yield* spinlock.spin_unlock(s.alloc_list_lock);
}

/** The group leaves the alloc_list: the start of blkg_destroy(). Queue lock held. */
function* blkg_unqueue_stats_alloc(blkg: blkio_group): KGen {
  const s = st();
  yield* spinlock.spin_lock(s.alloc_list_lock);
  const i = s.alloc_list.indexOf(blkg);
  if (i >= 0) s.alloc_list.splice(i, 1);
  yield* spinlock.spin_unlock(s.alloc_list_lock);
}

// --- stat updates and reads: nothing while stats_cpu is NULL ---------------------------------

/** If per cpu stats are not allocated yet, don't do any accounting. @port block/blk-cgroup.c v3.4 ported */
function blkiocg_update_dispatch_stats(blkg: blkio_group, bytes: number, direction: number, sync: boolean): void {
  if (blkg.stats_cpu === null) return;
  baseline(blk_cgroup, 'blkiocg_update_dispatch_stats')(blkg, bytes, direction, sync);
}

/** If per cpu stats are not allocated yet, don't do any accounting. @port block/blk-cgroup.c v3.4 ported */
function blkiocg_update_io_merged_stats(blkg: blkio_group, direction: number, sync: boolean): void {
  if (blkg.stats_cpu === null) return;
  baseline(blk_cgroup, 'blkiocg_update_io_merged_stats')(blkg, direction, sync);
}

/** @port block/blk-cgroup.c v3.4 ported */
function blkio_reset_stats_cpu(blkg: blkio_group): void {
  if (blkg.stats_cpu === null) return;
  baseline(blk_cgroup, 'blkio_reset_stats_cpu')(blkg);
}

/** @port block/blk-cgroup.c v3.4 ported */
function blkio_read_stat_cpu(blkg: blkio_group, type: number, sub_type: number): number {
  if (blkg.stats_cpu === null) return 0;
  return baseline(blk_cgroup, 'blkio_read_stat_cpu')(blkg, type, sub_type);
}

// --- blk-throttle: blkg_alloc(), blkg_lookup_create(), blkg_destroy() as v3.2 has them ----------

/** blkg_alloc(): GFP_ATOMIC, no per cpu stats. @port block/blk-cgroup.c v3.4 ported - as throtl_alloc_tg() */
function* throtl_alloc_tg(td: throtl_data): KGen<throtl_grp | null> {
  const tg = yield* slab.kzalloc_node(512, GFP_ATOMIC, td.queue.node, throtl_grp_zeroed);
  if (!tg) return null;
  blk_throttle.throtl_init_group(tg);
  return tg;
}

/**
 * blkg_lookup_create(): no lock is dropped any more; a failed allocation accounts the IO to
 * the root group, as v3.4's throttling does.
 * @port block/blk-cgroup.c v3.4 ported - as throtl_get_tg()
 */
function* throtl_get_tg(td: throtl_data): KGen<throtl_grp | null> {
  const q = td.queue;
  if (q.queue_flags & QUEUE_FLAG_DEAD) return null;
  rcu_read_lock();
  const blkcg = blk_cgroup.task_blkio_cgroup(current());
  let tg = blk_throttle.throtl_find_tg(td, blkcg);
  if (!tg) {
    tg = yield* blk_throttle.throtl_alloc_tg(td);
    if (tg) yield* blk_throttle.throtl_init_add_tg_lists(td, tg, blkcg);
    else tg = td.root_tg;
  }
  rcu_read_unlock();
  return tg;
}

/** Linking a new group (root included) queues its stats. @port block/blk-cgroup.c v3.4 ported - as throtl_init_add_tg_lists() */
function* throtl_init_add_tg_lists(td: throtl_data, tg: throtl_grp, blkcg: blkio_cgroup): KGen {
  yield* baseline(blk_throttle, 'throtl_init_add_tg_lists')(td, tg, blkcg);
  yield* added.blkg_queue_stats_alloc(tg.blkg);
}

/** blkg_destroy(): off the alloc_list first. @port block/blk-cgroup.c v3.4 ported - as throtl_destroy_tg() */
function* throtl_destroy_tg(td: throtl_data, tg: throtl_grp): KGen {
  yield* added.blkg_unqueue_stats_alloc(tg.blkg);
  yield* baseline(blk_throttle, 'throtl_destroy_tg')(td, tg);
}

// --- cfq-iosched ----------------------------------------------------------------------------

/** blkg_alloc(): GFP_ATOMIC, no per cpu stats. @port block/blk-cgroup.c v3.4 ported - as cfq_alloc_cfqg() */
function* cfq_alloc_cfqg(cfqd: cfq_data): KGen<cfq_group | null> {
  const cfqg = yield* slab.kzalloc_node(560, GFP_ATOMIC, cfqd.queue.node, cfq_group_zeroed);
  if (!cfqg) return null;
  for (const st of for_each_cfqg_st(cfqg)) Object.assign(st, CFQ_RB_ROOT());
  cfqg.ttime.last_end_request = machine().jiffies;
  cfqg.ref = 1;
  return cfqg;
}

/** blkg_lookup_create(): no lock is dropped. @port block/blk-cgroup.c v3.4 ported - as cfq_get_cfqg() */
function* cfq_get_cfqg(cfqd: cfq_data): KGen<cfq_group> {
  rcu_read_lock();
  const blkcg = blk_cgroup.task_blkio_cgroup(current());
  let cfqg = cfq.cfq_find_cfqg(cfqd, blkcg);
  if (!cfqg) {
    cfqg = yield* cfq.cfq_alloc_cfqg(cfqd);
    if (cfqg) yield* cfq.cfq_init_add_cfqg_lists(cfqd, cfqg, blkcg);
    else cfqg = cfqd.root_group;
  }
  rcu_read_unlock();
  return cfqg;
}

/** Linking a new group queues its stats. @port block/blk-cgroup.c v3.4 ported - as cfq_init_add_cfqg_lists() */
function* cfq_init_add_cfqg_lists(cfqd: cfq_data, cfqg: cfq_group, blkcg: blkio_cgroup): KGen {
  yield* baseline(cfq, 'cfq_init_add_cfqg_lists')(cfqd, cfqg, blkcg);
  yield* added.blkg_queue_stats_alloc(cfqg.blkg);
}

/** blkg_destroy(): off the alloc_list first. @port block/blk-cgroup.c v3.4 ported - as cfq_destroy_cfqg() */
function* cfq_destroy_cfqg(cfqd: cfq_data, cfqg: cfq_group): KGen {
  yield* added.blkg_unqueue_stats_alloc(cfqg.blkg);
  yield* baseline(cfq, 'cfq_destroy_cfqg')(cfqd, cfqg);
}

/**
 * The root group comes from blkg_lookup_create() like any other: its stats are queued, not
 * allocated here.
 * @port block/cfq-iosched.c v3.4 ported - cfq_init_queue() on the model's v3.2 cfq_data
 */
function* cfq_init_queue(q: rq_queue): KGen<cfq_data | null> {
  const i = cfq_alloc_cic_index();
  const cfqd = yield* slab.kmalloc(1536, GFP_KERNEL | __GFP_ZERO, () => cfq_data_zeroed(q));
  if (!cfqd) return null;
  cfqd.cic_index = i;
  const cfqg = cfqd.root_group;
  /* Give preference to root group over other groups */
  cfqg.weight = 2 * BLKIO_WEIGHT_DEFAULT;
  cfqg.ref = 2;
  yield* cfq_init_queue_rest(q, cfqd);
  yield* spinlock.spin_lock_irq(q.queue_lock);
  yield* added.blkg_queue_stats_alloc(cfqg.blkg);
  yield* spinlock.spin_unlock_irq(q.queue_lock);
  return cfqd;
}

/** The functions this patch adds, with backtrace frames. */
const added = patch_functions({ blkio_stat_alloc_fn, blkg_queue_stats_alloc, blkg_unqueue_stats_alloc });

/**
 * What the patch was posted to fix, for the review's lead (read by harness/patches/load.ts):
 * the report in a sentence, the suites that reproduce it, and its findings' titles.
 */
export const postedFor = {
  summary: "the blkio per-cpu stats allocation deadlock Nate Custer reported (Dec 2011): lockdep's inconsistent {RECLAIM_FS-ON-W} -> {IN-RECLAIM_FS-W} usage on pcpu_alloc_mutex, and the hang behind it",
  suites: ["kvm-cgroup-swap"],
  titles: ["inconsistent lock state in pcpu_alloc", "INFO: task hung in pcpu_alloc"],
};

export default definePatch({
  slug: '2012-03-08-blkcg-percpu-stats-delayed-alloc',
  messageId: null,
  subject: 'blkcg: alloc per cpu stats from worker thread in a delayed manner',
  author: 'Vivek Goyal <vgoyal@redhat.com>',
  date: '2012-03-08T00:00:00Z',
  base: "Jens Axboe's for-3.5/core (Tejun Heo's blkcg rework), ported onto the model's v3.2",
  commit: '1cd9e039fc258f91fe38b97b3c622b13a3b8a795',
  touches: {
    'block/blk-cgroup.c': [
      'blkiocg_update_dispatch_stats',
      'blkiocg_update_io_merged_stats',
      'blkio_stat_alloc_fn',
      'blkg_alloc',
      'blkg_lookup_create',
      'blkg_destroy',
      'blkio_reset_stats_cpu',
      'blkio_read_stat_cpu',
    ],
    'block/blk-cgroup.h': ['blkio_group'],
  },
  overrides: {
    blkiocg_update_dispatch_stats,
    blkiocg_update_io_merged_stats,
    blkio_reset_stats_cpu,
    blkio_read_stat_cpu,
    throtl_alloc_tg,
    throtl_get_tg,
    throtl_init_add_tg_lists,
    throtl_destroy_tg,
    cfq_alloc_cfqg,
    cfq_get_cfqg,
    cfq_init_add_cfqg_lists,
    cfq_destroy_cfqg,
    cfq_init_queue,
  },
  notOverridden: {
    blkio_stat_alloc_fn: 'added by the commit: the delayed work function, defined in this module',
    blkg_alloc: 'v3.4 only (one group for all policies); its change is ported as the throtl_alloc_tg and cfq_alloc_cfqg overrides',
    blkg_lookup_create: 'v3.4 only; its change is ported as the throtl_get_tg, cfq_get_cfqg, throtl_init_add_tg_lists and cfq_init_add_cfqg_lists overrides',
    blkg_destroy: 'v3.4 only; its change is ported as the throtl_destroy_tg and cfq_destroy_cfqg overrides',
  },
  adaptations: [
    'The commit applies to the v3.4/v3.5 blkcg rework, where one blkio_group serves every policy and blkg_lookup_create()/blkg_destroy() are the only creation and destruction points. The model is v3.2, where throttling and CFQ each create their own groups: the commit\'s changes are applied to those functions instead (allocation GFP_ATOMIC without stats and without dropping locks; linking queues the stats; destruction unqueues first), and the root groups (throtl\'s in blk_throtl_init through throtl_init_add_tg_lists, CFQ\'s in cfq_init_queue) get their stats from the worker too, as v3.4\'s root blkgs do.',
    'blkio_stat_alloc_fn allocates one stats area per list entry (a v3.2 group has one policy) instead of one per policy; its static pcpu_stats slot is per machine, and an area parked there is marked as not leaked (kmemleak would find the static pointer).',
    'system_nrt_wq is the model\'s system workqueue (the model has no non-reentrant variant).',
    'A failed group allocation accounts the IO to the root group, as v3.4 throttling and CFQ do, instead of v3.2\'s paths (which leaked the RCU read lock in throtl_get_tg and relinked the root group in cfq_get_cfqg).',
    'The commit date in the slug is the author date as remembered (2012-03-08); the stored sources read for the port do not show it.',
  ].join(' '),
});
