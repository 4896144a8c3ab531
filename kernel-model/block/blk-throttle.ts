// Block IO throttling (block/blk-throttle.c, v3.2, for-3.3/core): per-cgroup, per-queue
// bandwidth (bps) and IOPS limits. blk_throtl_bio() runs in the submitting task, before the
// request queue: a bio within its group's budget goes on at once, others wait on the group's
// lists until the throttle dispatch work (delayed work on kthrotld) sends them on with
// generic_make_request(). Groups are created on a cgroup's first IO to the queue by
// throtl_get_tg(), which since f469a7b4d5b1 (v3.0) drops queue_lock and the RCU read lock to
// allocate the group and its per-cpu stats with alloc_percpu() - the sleeping allocation in the
// IO submission path behind the Dec 2011 kvm deadlock. Groups are refcounted (a reference per
// queued bio) and freed after an RCU grace period.
//
// Simplified: the rb-tree service tree is an array kept sorted by dispatch time (equal keys go
// right, as rb insertion does); blktrace messages are not kept; throtl_tg_fill_dev_details()
// (which takes queue_lock once per group to fill in the device number) is folded into
// throtl_find_tg().

import { BUG_ON } from '../include/asm-generic/bug.ts';
import { ATOMIC_INIT, atomic_dec_and_test, atomic_inc, atomic_read, atomic_set, type atomic_t } from '../include/linux/atomic.ts';
import { type bio, type bio_list, bio_data_dir, bio_list_add, bio_list_init, bio_list_pop } from '../include/linux/bio.ts';
import { REQ_THROTTLED, rw_is_sync } from '../include/linux/blk_types.ts';
import { type blk_plug, type request_queue, QUEUE_FLAG_DEAD } from '../include/linux/blkdev.ts';
import { GFP_ATOMIC, GFP_KERNEL } from '../include/linux/gfp.ts';
import { spinlock } from '../kernel/locking/spinlock.ts';
import { call_rcu, rcu, rcu_read_lock, rcu_read_unlock, type rcu_head } from '../kernel/rcupdate.ts';
import {
  INIT_DELAYED_WORK,
  WQ_MEM_RECLAIM,
  __cancel_delayed_work,
  alloc_workqueue,
  type delayed_work,
  type work_struct,
  type workqueue_struct,
  workqueue,
} from '../kernel/workqueue.ts';
import { percpu } from '../mm/percpu.ts';
import { slab } from '../mm/slab.ts';
import { kernel_functions } from '../sim/hooks.ts';
import { HZ, current, machine } from '../sim/machine.ts';
import { lazyPerMachine } from '../lib/lazy-per-machine.ts';
import type { KGen } from '../sim/task.ts';
import { blk_core } from './blk-core.ts';
import {
  type blkio_cgroup,
  type blkio_group,
  blk_cgroup,
  blkio_group_zeroed,
  blkio_policy_register,
  blkio_root_cgroup,
} from './blk-cgroup.ts';
import { BLKIO_POLICY_THROTL } from './blk-cgroup-ids.ts';
import { ENOMEM } from '../include/uapi/asm-generic/errno-base.ts';

/** Max dispatch from a group in 1 round */
const throtl_grp_quantum = 8;
/** Total max dispatch from all groups in one round */
const throtl_quantum = 32;
/** Throttling is performed over 100ms slice and after that slice is renewed */
export const throtl_slice = HZ / 10;

const READ = 0;
const WRITE = 1;
/** A limit of -1 (all ones in the kernel's unsigned fields) means unlimited. */
const UNLIMITED = -1;
const UINT_MAX = 0xffffffff;

const THROTL_TG_FLAG_on_rr = 1 << 0;

export interface throtl_rb_root {
  /** The active groups, sorted by disptime (the rb-tree in order). */
  list: throtl_grp[];
  count: number;
  min_disptime: number;
}

/** struct throtl_grp; its blkg and rcu_head are embedded, so they are this object. */
export interface throtl_grp extends blkio_group, rcu_head {
  /** On td->tg_list (tg_node hashed). */
  tg_node: boolean;
  /** Dispatch time in jiffies: when the group can dispatch more; the service tree's key. */
  disptime: number;
  blkg: blkio_group;
  ref: atomic_t;
  flags: number;
  /** Two lists for READ and WRITE */
  bio_lists: [bio_list, bio_list];
  nr_queued: [number, number];
  /** bytes per second rate limits, -1 for none */
  bps: [number, number];
  /** IOPS limits, -1 for none */
  iops: [number, number];
  bytes_disp: [number, number];
  io_disp: [number, number];
  slice_start: [number, number];
  slice_end: [number, number];
  limits_changed: boolean;
  rcu_head: rcu_head;
}

export interface throtl_data {
  tg_list: throtl_grp[];
  tg_service_tree: throtl_rb_root;
  root_tg: throtl_grp;
  queue: request_queue;
  nr_queued: [number, number];
  nr_undestroyed_grps: number;
  throtl_work: delayed_work;
  limits_changed: boolean;
}

declare module '../include/linux/blkdev.ts' {
  interface request_queue {
    /** Throttling data (blk_throtl_init); absent on queues that never set it up. */
    td?: throtl_data;
  }
}

interface ThrottleState {
  kthrotld_workqueue: workqueue_struct | null;
}

const st = lazyPerMachine((): ThrottleState => ({ kthrotld_workqueue: null }));

/**
 * kthrotld_workqueue: created by throtl_init() at boot in the kernel; here on first use, so
 * machines that never throttle carry no rescuer thread.
 */
function kthrotld_workqueue(): workqueue_struct {
  const s = st();
  if (s.kthrotld_workqueue === null) s.kthrotld_workqueue = alloc_workqueue('kthrotld', WQ_MEM_RECLAIM, 0);
  return s.kthrotld_workqueue;
}

function time_before(a: number, b: number): boolean {
  return a < b;
}

function roundup(x: number, y: number): number {
  return Math.ceil(x / y) * y;
}

/** The limit as the kernel's unsigned arithmetic sees it: -1 is the largest value. */
function u64(limit: number): number {
  return limit === UNLIMITED ? Number.MAX_SAFE_INTEGER : limit;
}

function u32(limit: number): number {
  return limit === UNLIMITED ? UINT_MAX : limit;
}

function total_nr_queued(td: throtl_data): number {
  return td.nr_queued[0] + td.nr_queued[1];
}

/** @port block/blk-throttle.c v3.2 ported */
function* throtl_ref_get_tg(tg: throtl_grp): KGen<throtl_grp> {
  yield* atomic_inc(tg.ref);
  return tg;
}

/**
 * RCU callback: frees the group and its per-cpu stats.
 * @port block/blk-throttle.c v3.2 ported
 */
function* throtl_free_tg(head: rcu_head): KGen {
  const tg = head as throtl_grp;
  yield* percpu.free_percpu(tg.blkg.stats_cpu);
  slab.kfree(tg);
}

/** @port block/blk-throttle.c v3.2 ported */
function* throtl_put_tg(tg: throtl_grp): KGen {
  BUG_ON(atomic_read(tg.ref) <= 0, 'block/blk-throttle.c');
  if (!(yield* atomic_dec_and_test(tg.ref))) return;
  /*
   * A group is freed in rcu manner. But having an rcu lock does not
   * mean that one can access all the fields of blkg and assume these
   * are valid. For example, don't try to follow throtl_data and
   * request queue links.
   */
  call_rcu(tg.rcu_head, (head) => blk_throttle.throtl_free_tg(head));
}

/** @port block/blk-throttle.c v3.2 ported */
function throtl_init_group(tg: throtl_grp): void {
  tg.tg_node = false;
  tg.flags = 0;
  const owner = {
    describe: () => `throttle group ${tg.path || '/'}`,
    // Queued bios move when the throttle dispatch work runs.
    blockers: () => (tg.key ? [(tg.key as throtl_data).throtl_work.work] : []),
  };
  tg.bio_lists = [bio_list_init(owner), bio_list_init(owner)];
  tg.limits_changed = false;
  /* Practically unlimited BW */
  tg.bps = [UNLIMITED, UNLIMITED];
  tg.iops = [UNLIMITED, UNLIMITED];
  /*
   * Take the initial reference that will be released on destroy
   * This can be thought of a joint reference by cgroup and
   * request queue which will be dropped by either request queue
   * exit or cgroup deletion path depending on who is exiting first.
   */
  atomic_set(tg.ref, 1);
}

/** A zeroed throtl_grp, as kzalloc_node() returns it. */
export function throtl_grp_zeroed(): throtl_grp {
  const base = blkio_group_zeroed();
  const tg = base as throtl_grp;
  tg.func = null;
  tg.tg_node = false;
  tg.disptime = 0;
  tg.blkg = tg;
  tg.rcu_head = tg;
  tg.ref = ATOMIC_INIT(0);
  tg.flags = 0;
  tg.nr_queued = [0, 0];
  tg.bps = [0, 0];
  tg.iops = [0, 0];
  tg.bytes_disp = [0, 0];
  tg.io_disp = [0, 0];
  tg.slice_start = [0, 0];
  tg.slice_end = [0, 0];
  tg.limits_changed = false;
  return tg;
}

/** Should be called with rcu read lock held (needed for blkcg). @port block/blk-throttle.c v3.2 ported */
function throtl_add_group_to_td_list(td: throtl_data, tg: throtl_grp): void {
  td.tg_list.unshift(tg);
  tg.tg_node = true;
  td.nr_undestroyed_grps++;
}

/** @port block/blk-throttle.c v3.2 ported */
function* throtl_init_add_tg_lists(td: throtl_data, tg: throtl_grp, blkcg: blkio_cgroup): KGen {
  const dev = td.queue.dev ?? 0;
  /* Add group onto cgroup list */
  yield* blk_cgroup.blkiocg_add_blkio_group(blkcg, tg.blkg, td, dev, BLKIO_POLICY_THROTL);
  tg.bps[READ] = blk_cgroup.blkcg_get_read_bps(blkcg, tg.blkg.dev);
  tg.bps[WRITE] = blk_cgroup.blkcg_get_write_bps(blkcg, tg.blkg.dev);
  tg.iops[READ] = blk_cgroup.blkcg_get_read_iops(blkcg, tg.blkg.dev);
  tg.iops[WRITE] = blk_cgroup.blkcg_get_write_iops(blkcg, tg.blkg.dev);
  blk_throttle.throtl_add_group_to_td_list(td, tg);
}

/**
 * Should be called without queue lock and outside of rcu period: the per-cpu stats
 * allocation sleeps.
 * @port block/blk-throttle.c v3.2 ported
 */
function* throtl_alloc_tg(td: throtl_data): KGen<throtl_grp | null> {
  const tg = yield* slab.kzalloc_node(512, GFP_ATOMIC, td.queue.node, throtl_grp_zeroed);
  if (!tg) return null;
  const ret = yield* blk_cgroup.blkio_alloc_blkg_stats(tg.blkg);
  if (ret) {
    slab.kfree(tg);
    return null;
  }
  blk_throttle.throtl_init_group(tg);
  return tg;
}

/** @port block/blk-throttle.c v3.2 ported - __throtl_tg_fill_dev_details() inlined */
function throtl_find_tg(td: throtl_data, blkcg: blkio_cgroup): throtl_grp | null {
  /*
   * This is the common case when there are no blkio cgroups.
   * Avoid lookup in this case
   */
  const tg = blkcg === blkio_root_cgroup() ? td.root_tg : (blk_cgroup.blkiocg_lookup_group(blkcg, td) as throtl_grp | null);
  /* A group made before the disk was registered gets its device number now. */
  if (tg && !tg.blkg.dev && td.queue.dev) tg.blkg.dev = td.queue.dev;
  return tg;
}

/**
 * The current task's group on this queue, created if needed: with queue_lock held on entry,
 * drops it (and the RCU read lock) to allocate, retakes it, checks the queue is alive and
 * looks the group up again. Returns with queue_lock held; NULL for a dead queue.
 * @port block/blk-throttle.c v3.2 ported - including the return with rcu_read_lock still held
 * when the allocation failed, as the v3.2 code does
 */
function* throtl_get_tg(td: throtl_data): KGen<throtl_grp | null> {
  const q = td.queue;
  /* no throttling for dead queue */
  if (q.queue_flags & QUEUE_FLAG_DEAD) return null;
  rcu_read_lock();
  let blkcg = blk_cgroup.task_blkio_cgroup(current());
  let tg = blk_throttle.throtl_find_tg(td, blkcg);
  if (tg) {
    rcu_read_unlock();
    return tg;
  }
  /*
   * Need to allocate a group. Allocation of group also needs allocation
   * of per cpu stats which in-turn takes a mutex() and can block. Hence
   * we need to drop rcu lock and queue_lock before we call alloc.
   */
  rcu_read_unlock();
  yield* spinlock.spin_unlock_irq(q.queue_lock);
  tg = yield* blk_throttle.throtl_alloc_tg(td);
  /* Group allocated and queue is still alive. take the lock */
  yield* spinlock.spin_lock_irq(q.queue_lock);
  /* Make sure @q is still alive */
  if (q.queue_flags & QUEUE_FLAG_DEAD) {
    slab.kfree(tg);
    return null;
  }
  /*
   * Initialize the new group. After sleeping, read the blkcg again.
   */
  rcu_read_lock();
  blkcg = blk_cgroup.task_blkio_cgroup(current());
  /*
   * If some other thread already allocated the group while we were
   * not holding queue lock, free up the group
   */
  const __tg = blk_throttle.throtl_find_tg(td, blkcg);
  if (__tg) {
    slab.kfree(tg);
    rcu_read_unlock();
    return __tg;
  }
  /* Group allocation failed. Account the IO to root group */
  if (!tg) {
    tg = td.root_tg;
    return tg;
  }
  yield* blk_throttle.throtl_init_add_tg_lists(td, tg, blkcg);
  rcu_read_unlock();
  return tg;
}

function throtl_rb_first(root: throtl_rb_root): throtl_grp | null {
  /* Service tree is empty */
  if (!root.count) return null;
  return root.list[0] ?? null;
}

function update_min_dispatch_time(st: throtl_rb_root): void {
  const tg = throtl_rb_first(st);
  if (!tg) return;
  st.min_disptime = tg.disptime;
}

function tg_service_tree_add(st: throtl_rb_root, tg: throtl_grp): void {
  let i = st.list.length;
  while (i > 0 && time_before(tg.disptime, st.list[i - 1].disptime)) i--;
  st.list.splice(i, 0, tg);
}

function throtl_enqueue_tg(td: throtl_data, tg: throtl_grp): void {
  if (tg.flags & THROTL_TG_FLAG_on_rr) return;
  /* __throtl_enqueue_tg() */
  const st = td.tg_service_tree;
  tg_service_tree_add(st, tg);
  tg.flags |= THROTL_TG_FLAG_on_rr;
  st.count++;
}

function throtl_dequeue_tg(td: throtl_data, tg: throtl_grp): void {
  if (!(tg.flags & THROTL_TG_FLAG_on_rr)) return;
  /* __throtl_dequeue_tg() */
  const st = td.tg_service_tree;
  st.list.splice(st.list.indexOf(tg), 1);
  --st.count;
  tg.flags &= ~THROTL_TG_FLAG_on_rr;
}

/** If there are more bios pending, schedule more work. @port block/blk-throttle.c v3.2 ported */
function* throtl_schedule_next_dispatch(td: throtl_data): KGen {
  const st = td.tg_service_tree;
  if (!total_nr_queued(td)) return;
  BUG_ON(!st.count, 'block/blk-throttle.c');
  update_min_dispatch_time(st);
  const jiffies = machine().jiffies;
  if (st.min_disptime <= jiffies) yield* blk_throttle.throtl_schedule_delayed_work(td, 0);
  else yield* blk_throttle.throtl_schedule_delayed_work(td, st.min_disptime - jiffies);
}

function throtl_start_new_slice(tg: throtl_grp, rw: number): void {
  const jiffies = machine().jiffies;
  tg.bytes_disp[rw] = 0;
  tg.io_disp[rw] = 0;
  tg.slice_start[rw] = jiffies;
  tg.slice_end[rw] = jiffies + throtl_slice;
}

function throtl_extend_slice(tg: throtl_grp, rw: number, jiffy_end: number): void {
  tg.slice_end[rw] = roundup(jiffy_end, throtl_slice);
}

/** Determine if previously allocated or extended slice is complete or not */
function throtl_slice_used(tg: throtl_grp, rw: number): boolean {
  const jiffies = machine().jiffies;
  return !(jiffies >= tg.slice_start[rw] && jiffies <= tg.slice_end[rw]);
}

/** Trim the used slices and adjust slice start accordingly. @port block/blk-throttle.c v3.2 ported */
function throtl_trim_slice(tg: throtl_grp, rw: number): void {
  const jiffies = machine().jiffies;
  BUG_ON(time_before(tg.slice_end[rw], tg.slice_start[rw]), 'block/blk-throttle.c');
  /*
   * If bps are unlimited (-1), then time slice don't get
   * renewed. Don't try to trim the slice if slice is used. A new
   * slice will start when appropriate.
   */
  if (throtl_slice_used(tg, rw)) return;
  /*
   * A bio has been dispatched. Also adjust slice_end. It might happen
   * that initially cgroup limit was very low resulting in high
   * slice_end, but later limit was bumped up and bio was dispached
   * sooner, then we need to reduce slice_end. A high bogus slice_end
   * is bad because it does not allow new slice to start.
   */
  tg.slice_end[rw] = roundup(jiffies + throtl_slice, throtl_slice);
  const time_elapsed = jiffies - tg.slice_start[rw];
  const nr_slices = Math.floor(time_elapsed / throtl_slice);
  if (!nr_slices) return;
  const bytes_trim = Math.floor((u64(tg.bps[rw]) * throtl_slice * nr_slices) / HZ);
  const io_trim = Math.floor((u32(tg.iops[rw]) * throtl_slice * nr_slices) / HZ);
  if (!bytes_trim && !io_trim) return;
  tg.bytes_disp[rw] = tg.bytes_disp[rw] >= bytes_trim ? tg.bytes_disp[rw] - bytes_trim : 0;
  tg.io_disp[rw] = tg.io_disp[rw] >= io_trim ? tg.io_disp[rw] - io_trim : 0;
  tg.slice_start[rw] += nr_slices * throtl_slice;
}

/** The time still to wait before one more IO fits the IOPS limit, or 0. @port block/blk-throttle.c v3.2 ported */
function tg_with_in_iops_limit(tg: throtl_grp, b: bio): number {
  const rw = bio_data_dir(b);
  const jiffy_elapsed = machine().jiffies - tg.slice_start[rw];
  /* Slice has just started. Consider one slice interval */
  const jiffy_elapsed_rnd = roundup(jiffy_elapsed || throtl_slice, throtl_slice);
  const iops = u32(tg.iops[rw]);
  const io_allowed = Math.min(UINT_MAX, Math.floor((iops * jiffy_elapsed_rnd) / HZ));
  if (tg.io_disp[rw] + 1 <= io_allowed) return 0;
  /* Calc approx time to dispatch */
  let jiffy_wait = Math.floor(((tg.io_disp[rw] + 1) * HZ) / iops) + 1;
  jiffy_wait = jiffy_wait > jiffy_elapsed ? jiffy_wait - jiffy_elapsed : 1;
  return jiffy_wait;
}

/** The time still to wait before the bio fits the bps limit, or 0. @port block/blk-throttle.c v3.2 ported */
function tg_with_in_bps_limit(tg: throtl_grp, b: bio): number {
  const rw = bio_data_dir(b);
  const jiffy_elapsed = machine().jiffies - tg.slice_start[rw];
  /* Slice has just started. Consider one slice interval */
  const jiffy_elapsed_rnd = roundup(jiffy_elapsed || throtl_slice, throtl_slice);
  const bps = u64(tg.bps[rw]);
  const bytes_allowed = Math.floor((bps * jiffy_elapsed_rnd) / HZ);
  if (tg.bytes_disp[rw] + b.bi_size <= bytes_allowed) return 0;
  /* Calc approx time to dispatch */
  const extra_bytes = tg.bytes_disp[rw] + b.bi_size - bytes_allowed;
  let jiffy_wait = Math.floor((extra_bytes * HZ) / bps);
  if (!jiffy_wait) jiffy_wait = 1;
  /*
   * This wait time is without taking into consideration the rounding
   * up we did. Add that time also.
   */
  return jiffy_wait + (jiffy_elapsed_rnd - jiffy_elapsed);
}

function tg_no_rule_group(tg: throtl_grp, rw: number): boolean {
  return tg.bps[rw] === UNLIMITED && tg.iops[rw] === UNLIMITED;
}

/**
 * Returns the jiffies to wait before this bio is within the group's rates: 0 if it may be
 * dispatched now.
 * @port block/blk-throttle.c v3.2 ported - returns the wait instead of a bool and *wait
 */
function tg_may_dispatch(tg: throtl_grp, b: bio): number {
  const rw = bio_data_dir(b);
  const jiffies = machine().jiffies;
  /*
   * Currently whole state machine of group depends on first bio
   * queued in the group bio list. So one should not be calling
   * this function with a different bio if there are other bios
   * queued.
   */
  BUG_ON(tg.nr_queued[rw] > 0 && b !== tg.bio_lists[rw].bios[0], 'block/blk-throttle.c');
  /* If tg->bps = -1, then BW is unlimited */
  if (tg.bps[rw] === UNLIMITED && tg.iops[rw] === UNLIMITED) return 0;
  /*
   * If previous slice expired, start a new one otherwise renew/extend
   * existing slice to make sure it is at least throtl_slice interval
   * long since now.
   */
  if (throtl_slice_used(tg, rw)) throtl_start_new_slice(tg, rw);
  else if (time_before(tg.slice_end[rw], jiffies + throtl_slice)) throtl_extend_slice(tg, rw, jiffies + throtl_slice);
  const bps_wait = tg_with_in_bps_limit(tg, b);
  // The C tests the IOPS limit only when the bio fits the bps one (&& short-circuits).
  const iops_wait = bps_wait === 0 ? tg_with_in_iops_limit(tg, b) : 0;
  if (bps_wait === 0 && iops_wait === 0) return 0;
  const max_wait = Math.max(bps_wait, iops_wait);
  if (time_before(tg.slice_end[rw], jiffies + max_wait)) throtl_extend_slice(tg, rw, jiffies + max_wait);
  return max_wait;
}

/** Charge the bio to the group. @port block/blk-throttle.c v3.2 ported */
function throtl_charge_bio(tg: throtl_grp, b: bio): void {
  const rw = bio_data_dir(b);
  tg.bytes_disp[rw] += b.bi_size;
  tg.io_disp[rw]++;
  blk_cgroup.blkiocg_update_dispatch_stats(tg.blkg, b.bi_size, rw, rw_is_sync(b.bi_rw));
}

/** @port block/blk-throttle.c v3.2 ported */
function* throtl_add_bio_tg(td: throtl_data, tg: throtl_grp, b: bio): KGen {
  const rw = bio_data_dir(b);
  bio_list_add(tg.bio_lists[rw], b);
  /* Take a bio reference on tg */
  yield* blk_throttle.throtl_ref_get_tg(tg);
  tg.nr_queued[rw]++;
  td.nr_queued[rw]++;
  throtl_enqueue_tg(td, tg);
}

/** @port block/blk-throttle.c v3.2 ported */
function tg_update_disptime(td: throtl_data, tg: throtl_grp): void {
  let read_wait = Number.MAX_SAFE_INTEGER;
  let write_wait = Number.MAX_SAFE_INTEGER;
  const r = tg.bio_lists[READ].bios[0];
  if (r) read_wait = tg_may_dispatch(tg, r);
  const w = tg.bio_lists[WRITE].bios[0];
  if (w) write_wait = tg_may_dispatch(tg, w);
  const min_wait = Math.min(read_wait, write_wait);
  const disptime = machine().jiffies + min_wait;
  /* Update dispatch time */
  throtl_dequeue_tg(td, tg);
  tg.disptime = disptime;
  throtl_enqueue_tg(td, tg);
}

/** @port block/blk-throttle.c v3.2 ported */
function* tg_dispatch_one_bio(td: throtl_data, tg: throtl_grp, rw: number, bl: bio_list): KGen {
  const b = bio_list_pop(tg.bio_lists[rw]) as bio;
  tg.nr_queued[rw]--;
  /* Drop bio reference on tg */
  yield* blk_throttle.throtl_put_tg(tg);
  BUG_ON(td.nr_queued[rw] <= 0, 'block/blk-throttle.c');
  td.nr_queued[rw]--;
  throtl_charge_bio(tg, b);
  bio_list_add(bl, b);
  b.bi_rw |= REQ_THROTTLED;
  throtl_trim_slice(tg, rw);
}

/** Try to dispatch 75% READS and 25% WRITES. @port block/blk-throttle.c v3.2 ported */
function* throtl_dispatch_tg(td: throtl_data, tg: throtl_grp, bl: bio_list): KGen<number> {
  let nr_reads = 0;
  let nr_writes = 0;
  const max_nr_reads = Math.floor((throtl_grp_quantum * 3) / 4);
  const max_nr_writes = throtl_grp_quantum - max_nr_reads;
  let b: bio | undefined;
  while ((b = tg.bio_lists[READ].bios[0]) && tg_may_dispatch(tg, b) === 0) {
    yield* blk_throttle.tg_dispatch_one_bio(td, tg, bio_data_dir(b), bl);
    nr_reads++;
    if (nr_reads >= max_nr_reads) break;
  }
  while ((b = tg.bio_lists[WRITE].bios[0]) && tg_may_dispatch(tg, b) === 0) {
    yield* blk_throttle.tg_dispatch_one_bio(td, tg, bio_data_dir(b), bl);
    nr_writes++;
    if (nr_writes >= max_nr_writes) break;
  }
  return nr_reads + nr_writes;
}

/** @port block/blk-throttle.c v3.2 ported */
function* throtl_select_dispatch(td: throtl_data, bl: bio_list): KGen<number> {
  let nr_disp = 0;
  const st = td.tg_service_tree;
  for (;;) {
    const tg = throtl_rb_first(st);
    if (!tg) break;
    if (time_before(machine().jiffies, tg.disptime)) break;
    throtl_dequeue_tg(td, tg);
    nr_disp += yield* blk_throttle.throtl_dispatch_tg(td, tg, bl);
    if (tg.nr_queued[0] || tg.nr_queued[1]) {
      tg_update_disptime(td, tg);
      throtl_enqueue_tg(td, tg);
    }
    if (nr_disp >= throtl_quantum) break;
  }
  return nr_disp;
}

/** @port block/blk-throttle.c v3.2 ported */
function throtl_process_limit_change(td: throtl_data): void {
  if (!td.limits_changed) return;
  td.limits_changed = false;
  for (const tg of [...td.tg_list]) {
    if (!tg.limits_changed) continue;
    tg.limits_changed = false;
    /*
     * Restart the slices for both READ and WRITES. It
     * might happen that a group's limit are dropped
     * suddenly and we don't want to account recently
     * dispatched IO with new low rate
     */
    throtl_start_new_slice(tg, 0);
    throtl_start_new_slice(tg, 1);
    if (tg.flags & THROTL_TG_FLAG_on_rr) tg_update_disptime(td, tg);
  }
}

/** Dispatch throttled bios. Should be called without queue lock held. @port block/blk-throttle.c v3.2 ported */
function* throtl_dispatch(q: request_queue): KGen<number> {
  const td = q.td as throtl_data;
  let nr_disp = 0;
  const bio_list_on_stack = bio_list_init({ describe: () => `${current().comm}'s throttle dispatch list`, blockers: () => [current()] });
  yield* spinlock.spin_lock_irq(q.queue_lock);
  throtl_process_limit_change(td);
  if (total_nr_queued(td)) {
    nr_disp = yield* blk_throttle.throtl_select_dispatch(td, bio_list_on_stack);
    yield* blk_throttle.throtl_schedule_next_dispatch(td);
  }
  yield* spinlock.spin_unlock_irq(q.queue_lock);
  /*
   * If we dispatched some requests, unplug the queue to make sure
   * immediate dispatch
   */
  if (nr_disp) {
    const plug: blk_plug = { magic: 0, cb_list: [] };
    blk_core.blk_start_plug(plug);
    let b: bio | null;
    while ((b = bio_list_pop(bio_list_on_stack))) yield* blk_core.generic_make_request(b);
    yield* blk_core.blk_finish_plug(plug);
  }
  return nr_disp;
}

/** The dispatch work. @port block/blk-throttle.c v3.2 ported */
function* blk_throtl_work(work: work_struct): KGen {
  const td = (work as work_struct & { td: throtl_data }).td;
  yield* blk_throttle.throtl_dispatch(td.queue);
}

/** Call with queue lock held. @port block/blk-throttle.c v3.2 ported */
function* throtl_schedule_delayed_work(td: throtl_data, delay: number): KGen {
  const dwork = td.throtl_work;
  /* schedule work if limits changed even if no bio is queued */
  if (total_nr_queued(td) || td.limits_changed) {
    /*
     * We might have a work scheduled to be executed in future.
     * Cancel that and schedule a new one.
     */
    __cancel_delayed_work(dwork);
    yield* workqueue.queue_delayed_work(kthrotld_workqueue(), dwork, delay);
  }
}

/** @port block/blk-throttle.c v3.2 ported */
function* throtl_destroy_tg(td: throtl_data, tg: throtl_grp): KGen {
  /* Something wrong if we are trying to remove same group twice */
  BUG_ON(!tg.tg_node, 'block/blk-throttle.c');
  td.tg_list.splice(td.tg_list.indexOf(tg), 1);
  tg.tg_node = false;
  /*
   * Put the reference taken at the time of creation so that when all
   * queues are gone, group can be destroyed.
   */
  yield* blk_throttle.throtl_put_tg(tg);
  td.nr_undestroyed_grps--;
}

/** @port block/blk-throttle.c v3.2 ported */
function* throtl_release_tgs(td: throtl_data): KGen {
  for (const tg of [...td.tg_list]) {
    /*
     * If cgroup removal path got to blk_group first and removed
     * it from cgroup list, then it will take care of destroying
     * cfqg also.
     */
    if (!(yield* blk_cgroup.blkiocg_del_blkio_group(tg.blkg))) yield* blk_throttle.throtl_destroy_tg(td, tg);
  }
}

/**
 * blkcg core says the cgroup of this group is going away: no new IO will come, so get rid of
 * the group once its pending IO is done. Called under rcu_read_lock(); `key` is valid as
 * long as we are in it.
 * @port block/blk-throttle.c v3.2 ported
 */
function* throtl_unlink_blkio_group(key: unknown, blkg: blkio_group): KGen {
  const td = key as throtl_data;
  const flags = yield* spinlock.spin_lock_irqsave(td.queue.queue_lock);
  yield* blk_throttle.throtl_destroy_tg(td, blkg as throtl_grp);
  yield* spinlock.spin_unlock_irqrestore(td.queue.queue_lock, flags);
}

/**
 * A limit changed. Called under blkcg_lock, so without queue_lock (queue lock under blkcg_lock
 * is not allowed).
 * @port block/blk-throttle.c v3.2 ported
 */
function* throtl_update_blkio_group_common(td: throtl_data, tg: throtl_grp): KGen {
  tg.limits_changed = true;
  td.limits_changed = true;
  /* Schedule a work now to process the limit change */
  yield* blk_throttle.throtl_schedule_delayed_work(td, 0);
}

/**
 * For all update functions, key should be a valid pointer because these update functions are
 * called under blkcg_lock, that means, blkg is valid and in turn key is valid.
 * @port block/blk-throttle.c v3.2 ported
 */
function* throtl_update_blkio_group_read_bps(key: unknown, blkg: blkio_group, read_bps: number): KGen {
  const tg = blkg as throtl_grp;
  tg.bps[READ] = read_bps;
  yield* blk_throttle.throtl_update_blkio_group_common(key as throtl_data, tg);
}

/** @port block/blk-throttle.c v3.2 ported */
function* throtl_update_blkio_group_write_bps(key: unknown, blkg: blkio_group, write_bps: number): KGen {
  const tg = blkg as throtl_grp;
  tg.bps[WRITE] = write_bps;
  yield* blk_throttle.throtl_update_blkio_group_common(key as throtl_data, tg);
}

/** @port block/blk-throttle.c v3.2 ported */
function* throtl_update_blkio_group_read_iops(key: unknown, blkg: blkio_group, read_iops: number): KGen {
  const tg = blkg as throtl_grp;
  tg.iops[READ] = read_iops;
  yield* blk_throttle.throtl_update_blkio_group_common(key as throtl_data, tg);
}

/** @port block/blk-throttle.c v3.2 ported */
function* throtl_update_blkio_group_write_iops(key: unknown, blkg: blkio_group, write_iops: number): KGen {
  const tg = blkg as throtl_grp;
  tg.iops[WRITE] = write_iops;
  yield* blk_throttle.throtl_update_blkio_group_common(key as throtl_data, tg);
}

/** @port block/blk-throttle.c v3.2 ported */
function* throtl_shutdown_wq(q: request_queue): KGen {
  const td = q.td as throtl_data;
  yield* workqueue.cancel_delayed_work_sync(td.throtl_work);
}

/**
 * Called from generic_make_request_checks() in the submitting task: returns true when the bio
 * was queued on its group (it will be resubmitted by the dispatch work), false when it may go
 * on now.
 * @port block/blk-throttle.c v3.2 ported
 */
function* blk_throtl_bio(q: request_queue, b: bio): KGen<boolean> {
  const td = q.td as throtl_data;
  const rw = bio_data_dir(b);
  let update_disptime = true;
  if (b.bi_rw & REQ_THROTTLED) {
    b.bi_rw &= ~REQ_THROTTLED;
    return false;
  }
  /*
   * A throtl_grp pointer retrieved under rcu can be used to access
   * basic fields like stats and io rates. If a group has no rules,
   * just update the dispatch stats in lockless manner and return.
   */
  rcu_read_lock();
  const blkcg = blk_cgroup.task_blkio_cgroup(current());
  let tg = blk_throttle.throtl_find_tg(td, blkcg);
  if (tg && tg_no_rule_group(tg, rw)) {
    blk_cgroup.blkiocg_update_dispatch_stats(tg.blkg, b.bi_size, rw, rw_is_sync(b.bi_rw));
    rcu_read_unlock();
    return false;
  }
  rcu_read_unlock();
  /*
   * Either group has not been allocated yet or it is not an unlimited
   * IO group
   */
  yield* spinlock.spin_lock_irq(q.queue_lock);
  tg = yield* blk_throttle.throtl_get_tg(td);
  let throttled = false;
  if (tg) {
    if (tg.nr_queued[rw]) {
      /*
       * There is already another bio queued in same dir. No
       * need to update dispatch time.
       */
      update_disptime = false;
    } else if (tg_may_dispatch(tg, b) === 0) {
      /* Bio is with-in rate limit of group */
      throtl_charge_bio(tg, b);
      /*
       * We need to trim slice even when bios are not being queued
       * otherwise it might happen that a bio is not queued for
       * a long time and slice keeps on extending and trim is not
       * called for a long time.
       */
      throtl_trim_slice(tg, rw);
      yield* spinlock.spin_unlock_irq(q.queue_lock);
      return false;
    }
    /* queue_bio: */
    yield* blk_throttle.throtl_add_bio_tg(td, tg, b);
    throttled = true;
    if (update_disptime) {
      tg_update_disptime(td, tg);
      yield* blk_throttle.throtl_schedule_next_dispatch(td);
    }
  }
  /* out_unlock: */
  yield* spinlock.spin_unlock_irq(q.queue_lock);
  return throttled;
}

/**
 * Dispatch all currently throttled bios on @q through generic_make_request(). Called with
 * queue_lock held; drops it to submit.
 * @port block/blk-throttle.c v3.2 ported
 */
function* blk_throtl_drain(q: request_queue): KGen {
  const td = q.td as throtl_data;
  const st = td.tg_service_tree;
  const bl = bio_list_init({ describe: () => `${current().comm}'s throttle drain list`, blockers: () => [current()] });
  let tg: throtl_grp | null;
  while ((tg = throtl_rb_first(st))) {
    throtl_dequeue_tg(td, tg);
    let b: bio | undefined;
    while ((b = tg.bio_lists[READ].bios[0])) yield* blk_throttle.tg_dispatch_one_bio(td, tg, bio_data_dir(b), bl);
    while ((b = tg.bio_lists[WRITE].bios[0])) yield* blk_throttle.tg_dispatch_one_bio(td, tg, bio_data_dir(b), bl);
  }
  yield* spinlock.spin_unlock_irq(q.queue_lock);
  let next: bio | null;
  while ((next = bio_list_pop(bl))) yield* blk_core.generic_make_request(next);
  yield* spinlock.spin_lock_irq(q.queue_lock);
}

/** @port block/blk-throttle.c v3.2 ported */
function* blk_throtl_init(q: request_queue): KGen<number> {
  const td = yield* slab.kzalloc_node(
    256,
    GFP_KERNEL,
    q.node,
    (): throtl_data => ({
      tg_list: [],
      tg_service_tree: { list: [], count: 0, min_disptime: 0 },
      root_tg: null as unknown as throtl_grp,
      queue: q,
      nr_queued: [0, 0],
      nr_undestroyed_grps: 0,
      throtl_work: null as unknown as delayed_work,
      limits_changed: false,
    }),
  );
  if (!td) return -ENOMEM;
  td.throtl_work = INIT_DELAYED_WORK('blk_throtl_work', (work) => blk_throttle.blk_throtl_work(work));
  (td.throtl_work.work as work_struct & { td: throtl_data }).td = td;
  /* alloc and Init root group. */
  td.queue = q;
  const tg = yield* blk_throttle.throtl_alloc_tg(td);
  if (!tg) {
    slab.kfree(td);
    return -ENOMEM;
  }
  td.root_tg = tg;
  rcu_read_lock();
  yield* blk_throttle.throtl_init_add_tg_lists(td, tg, blkio_root_cgroup());
  rcu_read_unlock();
  /* Attach throtl data to request queue */
  q.td = td;
  return 0;
}

/** @port block/blk-throttle.c v3.2 ported */
function* blk_throtl_exit(q: request_queue): KGen {
  const td = q.td as throtl_data;
  let wait = false;
  BUG_ON(!td, 'block/blk-throttle.c');
  yield* blk_throttle.throtl_shutdown_wq(q);
  yield* spinlock.spin_lock_irq(q.queue_lock);
  yield* blk_throttle.throtl_release_tgs(td);
  /* If there are other groups */
  if (td.nr_undestroyed_grps > 0) wait = true;
  yield* spinlock.spin_unlock_irq(q.queue_lock);
  /*
   * Wait for tg->blkg->key accessors to exit their grace periods.
   * Do this wait only if there are other undestroyed groups out
   * there (other than root group).
   */
  if (wait) yield* rcu.synchronize_rcu();
  /*
   * Just being safe to make sure after previous flush if some body did
   * update limits through cgroup and another work got queued, cancel
   * it.
   */
  yield* blk_throttle.throtl_shutdown_wq(q);
  /* throtl_td_free() */
  slab.kfree(td);
}

export const blk_throttle = kernel_functions('block/blk-throttle.c', {
  throtl_ref_get_tg,
  throtl_free_tg,
  throtl_put_tg,
  throtl_init_group,
  throtl_add_group_to_td_list,
  throtl_init_add_tg_lists,
  throtl_alloc_tg,
  throtl_find_tg,
  throtl_get_tg,
  throtl_schedule_next_dispatch,
  throtl_trim_slice,
  tg_may_dispatch,
  throtl_charge_bio,
  throtl_add_bio_tg,
  tg_update_disptime,
  tg_dispatch_one_bio,
  throtl_dispatch_tg,
  throtl_select_dispatch,
  throtl_process_limit_change,
  throtl_dispatch,
  blk_throtl_work,
  throtl_schedule_delayed_work,
  throtl_destroy_tg,
  throtl_release_tgs,
  throtl_unlink_blkio_group,
  throtl_update_blkio_group_common,
  throtl_update_blkio_group_read_bps,
  throtl_update_blkio_group_write_bps,
  throtl_update_blkio_group_read_iops,
  throtl_update_blkio_group_write_iops,
  throtl_shutdown_wq,
  blk_throtl_bio,
  blk_throtl_drain,
  blk_throtl_init,
  blk_throtl_exit,
});


/** static struct blkio_policy_type blkio_policy_throtl, registered by throtl_init(). */
blkio_policy_register({
  plid: BLKIO_POLICY_THROTL,
  ops: {
    blkio_unlink_group_fn: (key, blkg) => blk_throttle.throtl_unlink_blkio_group(key, blkg),
    blkio_update_group_read_bps_fn: (key, blkg, v) => blk_throttle.throtl_update_blkio_group_read_bps(key, blkg, v),
    blkio_update_group_write_bps_fn: (key, blkg, v) => blk_throttle.throtl_update_blkio_group_write_bps(key, blkg, v),
    blkio_update_group_read_iops_fn: (key, blkg, v) => blk_throttle.throtl_update_blkio_group_read_iops(key, blkg, v),
    blkio_update_group_write_iops_fn: (key, blkg, v) => blk_throttle.throtl_update_blkio_group_write_iops(key, blkg, v),
  },
});
