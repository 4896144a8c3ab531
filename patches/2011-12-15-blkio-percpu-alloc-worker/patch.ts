// Vivek Goyal's "[RFT PATCH] blkio: alloc per cpu data from worker thread context (Re: kvm
// deadlock)", 2011-12-15, on Jens Axboe's for-3.3/core (v3.2): the answer to the Dec 2011 kvm
// deadlock. throtl_get_tg() and cfq_get_cfqg() no longer drop queue_lock to allocate: a new
// group is allocated GFP_ATOMIC without per-cpu stats, and a work item on the system workqueue
// allocates the stats later and installs them with cmpxchg(); stat updates and reads skip a
// group whose stats_cpu is still NULL. cfq_group->ref becomes an atomic_t, since the work item
// drops its reference without queue_lock.
//
// Ported as written, mistakes included. In particular the work items install the stats with
// `ret = cmpxchg(&blkg->stats_cpu, 0, stat_ptr); if (ret != stat_ptr) free_percpu(blkg->stats_cpu);`
// - cmpxchg() returns the old value (NULL on success), so the stats just installed are freed.

import { ATOMIC_INIT, atomic_dec_and_test, atomic_inc, atomic_read, atomic_set, cmpxchg, type atomic_t } from '../../kernel-model/include/linux/atomic.ts';
import { BUG_ON } from '../../kernel-model/include/asm-generic/bug.ts';
import { QUEUE_FLAG_DEAD } from '../../kernel-model/include/linux/blkdev.ts';
import type { rq_queue } from '../../kernel-model/include/linux/blkdev-request.ts';
import { GFP_ATOMIC, GFP_KERNEL, __GFP_ZERO } from '../../kernel-model/include/linux/gfp.ts';
import {
  BLKIO_WEIGHT_DEFAULT,
  type blkio_group,
  type blkio_group_stats_cpu,
  blk_cgroup,
  blkio_group_stats_cpu_type,
} from '../../kernel-model/block/blk-cgroup.ts';
import { type throtl_data, type throtl_grp, blk_throttle, throtl_grp_zeroed } from '../../kernel-model/block/blk-throttle.ts';
import {
  CFQ_RB_ROOT,
  type cfq_data,
  type cfq_group,
  type cfq_queue,
  cfq,
  cfq_alloc_cic_index,
  cfq_cfqq_sync,
  cfq_data_zeroed,
  cfq_group_zeroed,
  cfq_init_queue_rest,
  for_each_cfqg_st,
} from '../../kernel-model/block/cfq-iosched.ts';
import { rcu_read_lock, rcu_read_unlock } from '../../kernel-model/kernel/rcupdate.ts';
import { INIT_WORK, type work_struct, workqueue } from '../../kernel-model/kernel/workqueue.ts';
import { percpu, type percpu_ptr } from '../../kernel-model/mm/percpu.ts';
import { slab } from '../../kernel-model/mm/slab.ts';
import { baseline, definePatch, patch_functions } from '../../kernel-model/patch-api.ts';
import { field_ref } from '../../kernel-model/lib/c-pointers.ts';
import { current, machine } from '../../kernel-model/sim/machine.ts';
import type { KGen } from '../../kernel-model/sim/task.ts';


/** struct throtl_grp gains `struct work_struct stat_alloc_work`. */
type throtl_grp_p = throtl_grp & { stat_alloc_work: work_struct };

/** struct cfq_group: `int ref` becomes `atomic_t ref`, and it gains `stat_alloc_work`. */
type cfq_group_p = Omit<cfq_group, 'ref'> & { ref: atomic_t; stat_alloc_work: work_struct };

type stats_ptr = percpu_ptr<blkio_group_stats_cpu>;

function cfqg_p(cfqg: cfq_group): cfq_group_p {
  return cfqg as unknown as cfq_group_p;
}

/** INIT_WORK with container_of(): the work item knows the group it is embedded in. */
function init_stat_alloc_work<G>(group: G, name: string, fn: (work: work_struct) => KGen): work_struct {
  return Object.assign(INIT_WORK(name, fn), { group });
}

function container_of_work<G>(work: work_struct): G {
  return (work as work_struct & { group: G }).group;
}

// --- block/blk-cgroup.c, block/blk-cgroup.h -------------------------------------------------

/** @port block/blk-cgroup.c v3.2 ported - this patch: nothing to count while stats_cpu is NULL */
function blkiocg_update_dispatch_stats(blkg: blkio_group, bytes: number, direction: number, sync: boolean): void {
  if (blkg.stats_cpu === null) return;
  baseline(blk_cgroup, 'blkiocg_update_dispatch_stats')(blkg, bytes, direction, sync);
}

/** @port block/blk-cgroup.c v3.2 ported - this patch: nothing to count while stats_cpu is NULL */
function blkiocg_update_io_merged_stats(blkg: blkio_group, direction: number, sync: boolean): void {
  if (blkg.stats_cpu === null) return;
  baseline(blk_cgroup, 'blkiocg_update_io_merged_stats')(blkg, direction, sync);
}

/**
 * blkio_alloc_blkg_stats() renamed by this patch; its body is unchanged. percpu alloc does not
 * take any flags and does GFP_KERNEL allocations: don't use it from the IO submission path.
 * @port block/blk-cgroup.c v3.2 ported - this patch: blkio_alloc_set_blkg_stats()
 */
function* blkio_alloc_set_blkg_stats(blkg: blkio_group): KGen<number> {
  return yield* baseline(blk_cgroup, 'blkio_alloc_blkg_stats')(blkg);
}

/** Added by this patch. @port block/blk-cgroup.c v3.2 ported - added by this patch */
function* blkio_alloc_blkg_stats_pcpu(): KGen<stats_ptr | null> {
  /* Allocate memory for per cpu stats */
  return yield* percpu.__alloc_percpu(blkio_group_stats_cpu_type.size, blkio_group_stats_cpu_type.make);
}

/** @port block/blk-cgroup.h v3.2 ported - the macro added by this patch */
function* blkio_cmpxchg_blkg_stats(blkg: blkio_group, oldval: stats_ptr | null, newval: stats_ptr): KGen<stats_ptr | null> {
  return yield* cmpxchg(field_ref(blkg, 'stats_cpu'), oldval, newval);
}

/** blkg->stats_cpu can have delayed allocation. @port block/blk-cgroup.c v3.2 ported - this patch */
function blkio_reset_stats_cpu(blkg: blkio_group): void {
  if (!blkg.stats_cpu) return;
  baseline(blk_cgroup, 'blkio_reset_stats_cpu')(blkg);
}

/** blkg->stats_cpu might not have been allocated yet. @port block/blk-cgroup.c v3.2 ported - this patch */
function blkio_read_stat_cpu(blkg: blkio_group, type: number, sub_type: number): number {
  if (blkg.stats_cpu === null) return 0;
  return baseline(blk_cgroup, 'blkio_read_stat_cpu')(blkg, type, sub_type);
}

// --- block/blk-throttle.c -------------------------------------------------------------------

/** Schedule the group per cpu stat allocation through worker thread. @port block/blk-throttle.c v3.2 ported - added by this patch */
function* throtl_check_schedule_pcpu_stat_alloc(tg: throtl_grp_p): KGen {
  if (tg.blkg.stats_cpu !== null) return;
  yield* blk_throttle.throtl_ref_get_tg(tg);
  if (!(yield* workqueue.schedule_work(tg.stat_alloc_work))) {
    /* Work is already scheduled by somebody */
    yield* blk_throttle.throtl_put_tg(tg);
  }
}

/**
 * No locks taken. A reference to throtl_grp taken before invocation.
 * @port block/blk-throttle.c v3.2 ported - added by this patch, with its cmpxchg() test
 */
function* tg_stat_alloc_fn(work: work_struct): KGen {
  const tg = container_of_work<throtl_grp_p>(work);
  const stat_ptr = yield* added.blkio_alloc_blkg_stats_pcpu();
  if (stat_ptr === null) {
    /* If memory allocation failed, try again */
    yield* added.throtl_check_schedule_pcpu_stat_alloc(tg);
    yield* blk_throttle.throtl_put_tg(tg);
    return;
  }
  const ret = yield* added.blkio_cmpxchg_blkg_stats(tg.blkg, null, stat_ptr);
  if (ret !== stat_ptr) {
    /* Somebody else got to it first */
    yield* percpu.free_percpu(tg.blkg.stats_cpu);
  }
  yield* blk_throttle.throtl_put_tg(tg);
}

/** @port block/blk-throttle.c v3.2 ported - this patch: INIT_WORK(&tg->stat_alloc_work, ...) */
function throtl_init_group(tg: throtl_grp): void {
  baseline(blk_throttle, 'throtl_init_group')(tg);
  const p = tg as throtl_grp_p;
  p.stat_alloc_work = init_stat_alloc_work(p, 'tg_stat_alloc_fn', added.tg_stat_alloc_fn);
}

/** Allocates per cpu stats asynchronously with the help of worker thread. @port block/blk-throttle.c v3.2 ported - added by this patch */
function* throtl_alloc_tg_async(td: throtl_data): KGen<throtl_grp_p | null> {
  const tg = yield* slab.kzalloc_node(512, GFP_ATOMIC, td.queue.node, throtl_grp_zeroed);
  if (!tg) return null;
  blk_throttle.throtl_init_group(tg);
  const p = tg as throtl_grp_p;
  yield* added.throtl_check_schedule_pcpu_stat_alloc(p);
  return p;
}

/**
 * throtl_alloc_tg() renamed throtl_alloc_tg_sync() by this patch: "should be called without
 * queue lock and outside of rcu period as per cpu alloc will block". Its body only follows the
 * rename of blkio_alloc_blkg_stats(), which the override of that function already does.
 * @port block/blk-throttle.c v3.2 ported - this patch: throtl_alloc_tg_sync()
 */
function* throtl_alloc_tg(td: throtl_data): KGen<throtl_grp | null> {
  return yield* baseline(blk_throttle, 'throtl_alloc_tg')(td);
}

/** @port block/blk-throttle.c v3.2 ported - this patch: allocate without dropping the locks */
function* throtl_get_tg(td: throtl_data): KGen<throtl_grp | null> {
  const q = td.queue;
  /* no throttling for dead queue */
  if (q.queue_flags & QUEUE_FLAG_DEAD) return null;
  rcu_read_lock();
  const blkcg = blk_cgroup.task_blkio_cgroup(current());
  let tg = blk_throttle.throtl_find_tg(td, blkcg);
  if (tg) {
    rcu_read_unlock();
    return tg;
  }
  tg = yield* added.throtl_alloc_tg_async(td);
  /* Group allocation failed. Account the IO to root group */
  if (!tg) {
    tg = td.root_tg;
    rcu_read_unlock();
    return tg;
  }
  yield* blk_throttle.throtl_init_add_tg_lists(td, tg, blkcg);
  rcu_read_unlock();
  return tg;
}

// --- block/cfq-iosched.c --------------------------------------------------------------------

/** Schedule the group per cpu stat allocation through worker thread. @port block/cfq-iosched.c v3.2 ported - added by this patch */
function* cfq_check_schedule_pcpu_stat_alloc(cfqg: cfq_group_p): KGen {
  if (cfqg.blkg.stats_cpu !== null) return;
  yield* cfq.cfq_ref_get_cfqg(cfqg as unknown as cfq_group);
  if (!(yield* workqueue.schedule_work(cfqg.stat_alloc_work))) {
    /* Work is already scheduled by somebody */
    yield* cfq.cfq_put_cfqg(cfqg as unknown as cfq_group);
  }
}

/**
 * No locks taken. A reference to cfq_group taken before invocation.
 * @port block/cfq-iosched.c v3.2 ported - added by this patch, with its cmpxchg() test
 */
function* cfqg_stat_alloc_fn(work: work_struct): KGen {
  const cfqg = container_of_work<cfq_group_p>(work);
  const stat_ptr = yield* added.blkio_alloc_blkg_stats_pcpu();
  if (stat_ptr === null) {
    /*
     * Memory allocation failed. Try again. Should an upper limit
     * be put on number of retries?
     */
    yield* added.cfq_check_schedule_pcpu_stat_alloc(cfqg);
    yield* cfq.cfq_put_cfqg(cfqg as unknown as cfq_group);
    return;
  }
  const ret = yield* added.blkio_cmpxchg_blkg_stats(cfqg.blkg, null, stat_ptr);
  if (ret !== stat_ptr) {
    /* Somebody else got to it first */
    yield* percpu.free_percpu(cfqg.blkg.stats_cpu);
  }
  yield* cfq.cfq_put_cfqg(cfqg as unknown as cfq_group);
}

/** A zeroed cfq_group of this patch's layout: an atomic_t ref. */
function cfq_group_p_zeroed(): cfq_group {
  const cfqg = cfq_group_zeroed() as unknown as cfq_group_p;
  cfqg.ref = ATOMIC_INIT(0);
  return cfqg as unknown as cfq_group;
}

/** @port block/cfq-iosched.c v3.2 ported - this patch: no per cpu stats here, a work item instead */
function* cfq_alloc_cfqg(cfqd: cfq_data): KGen<cfq_group | null> {
  const g = yield* slab.kzalloc_node(560, GFP_ATOMIC, cfqd.queue.node, cfq_group_p_zeroed);
  if (!g) return null;
  const cfqg = cfqg_p(g);
  for (const st of for_each_cfqg_st(g)) Object.assign(st, CFQ_RB_ROOT());
  cfqg.rb_node = false;
  cfqg.stat_alloc_work = init_stat_alloc_work(cfqg, 'cfqg_stat_alloc_fn', added.cfqg_stat_alloc_fn);
  cfqg.ttime.last_end_request = machine().jiffies;
  /*
   * Take the initial reference that will be released on destroy
   * This can be thought of a joint reference by cgroup and
   * elevator which will be dropped by either elevator exit
   * or cgroup deletion path depending on who is exiting first.
   */
  atomic_set(cfqg.ref, 1);
  yield* added.cfq_check_schedule_pcpu_stat_alloc(cfqg);
  return g;
}

/** @port block/cfq-iosched.c v3.2 ported - this patch: allocate without dropping queue_lock */
function* cfq_get_cfqg(cfqd: cfq_data): KGen<cfq_group> {
  rcu_read_lock();
  const blkcg = blk_cgroup.task_blkio_cgroup(current());
  let cfqg = cfq.cfq_find_cfqg(cfqd, blkcg);
  if (cfqg) {
    rcu_read_unlock();
    return cfqg;
  }
  cfqg = yield* cfq.cfq_alloc_cfqg(cfqd);
  if (!cfqg) {
    cfqg = cfqd.root_group;
    rcu_read_unlock();
    return cfqg;
  }
  yield* cfq.cfq_init_add_cfqg_lists(cfqd, cfqg, blkcg);
  rcu_read_unlock();
  return cfqg;
}

/** @port block/cfq-iosched.c v3.2 ported - this patch: atomic_inc */
function* cfq_ref_get_cfqg(cfqg: cfq_group): KGen<cfq_group> {
  yield* atomic_inc(cfqg_p(cfqg).ref);
  return cfqg;
}

/** @port block/cfq-iosched.c v3.2 ported - this patch: atomic_inc */
function* cfq_link_cfqq_cfqg(cfqq: cfq_queue, cfqg: cfq_group): KGen {
  /* Currently, all async queues are mapped to root group */
  if (!cfq_cfqq_sync(cfqq)) cfqg = cfqq.cfqd.root_group;
  cfqq.cfqg = cfqg;
  /* cfqq reference on cfqg */
  yield* atomic_inc(cfqg_p(cfqq.cfqg).ref);
}

/** @port block/cfq-iosched.c v3.2 ported - this patch: atomic_dec_and_test */
function* cfq_put_cfqg(cfqg: cfq_group): KGen {
  const g = cfqg_p(cfqg);
  BUG_ON(atomic_read(g.ref) <= 0, 'block/cfq-iosched.c');
  if (!(yield* atomic_dec_and_test(g.ref))) return;
  for (const st of for_each_cfqg_st(cfqg)) BUG_ON(st.count !== 0, 'block/cfq-iosched.c');
  yield* percpu.free_percpu(cfqg.blkg.stats_cpu);
  slab.kfree(cfqg);
}

/** @port block/cfq-iosched.c v3.2 ported - this patch: the root group's work item and atomic ref */
function* cfq_init_queue(q: rq_queue): KGen<cfq_data | null> {
  const i = cfq_alloc_cic_index();
  const cfqd = yield* slab.kmalloc(1536, GFP_KERNEL | __GFP_ZERO, () => cfq_data_zeroed(q));
  if (!cfqd) return null;
  cfqd.cic_index = i;
  /* Init root group */
  const cfqg = cfqg_p(cfqd.root_group);
  cfqg.rb_node = false;
  /* Give preference to root group over other groups */
  cfqg.weight = 2 * BLKIO_WEIGHT_DEFAULT;
  cfqg.stat_alloc_work = init_stat_alloc_work(cfqg, 'cfqg_stat_alloc_fn', added.cfqg_stat_alloc_fn);
  /*
   * Set root group reference to 2. One reference will be dropped when
   * all groups on cfqd->cfqg_list are being deleted during queue exit.
   * Other reference will remain there as we don't want to delete this
   * group as it is statically allocated and gets destroyed when
   * throtl_data goes away.
   */
  cfqg.ref = ATOMIC_INIT(0);
  atomic_set(cfqg.ref, 2);
  if (yield* added.blkio_alloc_set_blkg_stats(cfqg.blkg)) {
    slab.kfree(cfqg);
    slab.kfree(cfqd);
    return null;
  }
  yield* cfq_init_queue_rest(q, cfqd);
  return cfqd;
}

/** The functions this patch adds, with backtrace frames. */
const added = patch_functions({ blkio_alloc_set_blkg_stats, blkio_alloc_blkg_stats_pcpu, blkio_cmpxchg_blkg_stats, throtl_check_schedule_pcpu_stat_alloc, tg_stat_alloc_fn, throtl_alloc_tg_async, cfq_check_schedule_pcpu_stat_alloc, cfqg_stat_alloc_fn });

/**
 * What the patch was posted to fix, for the review's lead (read by harness/patches/load.ts):
 * the report in a sentence, the suites that reproduce it, and its findings' titles.
 */
export const postedFor = {
  summary: "Nate Custer's hard lockups running KVM guests in blkio cgroups (Dec 2011): lockdep's inconsistent {RECLAIM_FS-ON-W} -> {IN-RECLAIM_FS-W} usage on pcpu_alloc_mutex, and the hang behind it",
  suites: ["kvm-cgroup-swap"],
  titles: ["inconsistent lock state in pcpu_alloc", "INFO: task hung in pcpu_alloc"],
};

export default definePatch({
  slug: '2011-12-15-blkio-percpu-alloc-worker',
  messageId: null,
  subject: 'blkio: alloc per cpu data from worker thread context(Re: kvm deadlock)',
  author: 'Vivek Goyal <vgoyal@redhat.com>',
  date: '2011-12-15T19:47:19Z',
  base: "Jens Axboe's for-3.3/core (v3.2)",
  message: 'message.txt',
  touches: {
    'block/blk-throttle.c': [
      'throtl_free_tg',
      'throtl_check_schedule_pcpu_stat_alloc',
      'tg_stat_alloc_fn',
      'throtl_init_group',
      'throtl_alloc_tg',
      'throtl_alloc_tg_async',
      'throtl_alloc_tg_sync',
      'throtl_get_tg',
      'blk_throtl_init',
    ],
    'block/blk-cgroup.c': [
      'blkiocg_update_dispatch_stats',
      'blkiocg_update_io_merged_stats',
      'blkio_alloc_blkg_stats',
      'blkio_alloc_set_blkg_stats',
      'blkio_alloc_blkg_stats_pcpu',
      'blkio_reset_stats_cpu',
      'blkio_read_stat_cpu',
    ],
    'block/blk-cgroup.h': ['blkio_cmpxchg_blkg_stats', 'blkio_alloc_blkg_stats', 'blkio_alloc_set_blkg_stats'],
    'block/cfq-iosched.c': [
      'cfq_check_schedule_pcpu_stat_alloc',
      'cfqg_stat_alloc_fn',
      'cfq_alloc_cfqg',
      'cfq_get_cfqg',
      'cfq_ref_get_cfqg',
      'cfq_link_cfqq_cfqg',
      'cfq_put_cfqg',
      'cfq_init_queue',
    ],
  },
  overrides: {
    blkiocg_update_dispatch_stats,
    blkiocg_update_io_merged_stats,
    blkio_alloc_blkg_stats: blkio_alloc_set_blkg_stats,
    blkio_reset_stats_cpu,
    blkio_read_stat_cpu,
    throtl_init_group,
    throtl_alloc_tg,
    throtl_get_tg,
    cfq_alloc_cfqg,
    cfq_get_cfqg,
    cfq_ref_get_cfqg,
    cfq_link_cfqq_cfqg,
    cfq_put_cfqg,
    cfq_init_queue,
  },
  notOverridden: {
    throtl_free_tg: 'the hunk only adds a comment (whether the delayed allocation is visible to the RCU free)',
    blk_throtl_init:
      'the hunk only renames its call throtl_alloc_tg() -> throtl_alloc_tg_sync(); the override of throtl_alloc_tg is that function, so the model\'s blk_throtl_init already calls it',
    throtl_check_schedule_pcpu_stat_alloc: 'added by the patch: defined in this module, called by the overrides',
    tg_stat_alloc_fn: 'added by the patch: the work item function, defined in this module (INIT_WORK in the throtl_init_group override)',
    throtl_alloc_tg_async: 'added by the patch: defined in this module, called by the throtl_get_tg override',
    throtl_alloc_tg_sync: 'added by the patch as the renamed throtl_alloc_tg: it is the override of throtl_alloc_tg',
    blkio_alloc_set_blkg_stats: 'added by the patch as the renamed blkio_alloc_blkg_stats: it is the override of blkio_alloc_blkg_stats',
    blkio_alloc_blkg_stats_pcpu: 'added by the patch: defined in this module, called by the work items',
    blkio_cmpxchg_blkg_stats: 'a macro added by the patch: defined in this module, used by the work items',
    cfq_check_schedule_pcpu_stat_alloc: 'added by the patch: defined in this module, called by the overrides',
    cfqg_stat_alloc_fn: 'added by the patch: the work item function, defined in this module (INIT_WORK in the cfq_alloc_cfqg and cfq_init_queue overrides)',
  },
  adaptations: [
    'Functions the patch renames (throtl_alloc_tg -> throtl_alloc_tg_sync, blkio_alloc_blkg_stats -> blkio_alloc_set_blkg_stats) are overridden under their old names with the renamed bodies, since the model calls them by those names; new functions and the work items live in this module.',
    'struct throtl_grp and struct cfq_group gain stat_alloc_work on the groups the overrides create; cfq_group->ref is an atomic_t on every group the patched code creates (cfq_alloc_cfqg, and the root group in cfq_init_queue), and every function that touches it is overridden.',
    'The cmpxchg() on blkg->stats_cpu compares with NULL (the C compares with 0) and the mistaken `ret != stat_ptr` test is kept.',
  ].join(' '),
});
