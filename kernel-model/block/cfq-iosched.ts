// CFQ, the completely fair queueing IO scheduler (block/cfq-iosched.c, v3.2), with its blkio
// group support (CONFIG_CFQ_GROUP_IOSCHED): every cgroup gets a cfq_group per queue, found or
// created by cfq_get_cfqg() when a task sets up a new cfq_queue for a request. Like
// throtl_get_tg(), cfq_get_cfqg() drops queue_lock to allocate the group and its per-cpu stats
// (blkio_alloc_blkg_stats() -> alloc_percpu()). Group references are a plain int under
// queue_lock at this version.
//
// Simplified heavily where it does not touch groups or their locking: no time slices, idling,
// preemption, cooperating queues or seek statistics. A group's queues share one service tree;
// the active queue dispatches in FIFO order until it runs empty or has dispatched
// cfq_prio_to_maxrq() requests; groups are served in vdisktime order and charged per request
// (iops mode). Requests merge only through the elevator's back-merge hash and last_merge.

import { BUG_ON, WARN_ON } from '../include/asm-generic/bug.ts';
import { type bio, bio_data_dir } from '../include/linux/bio.ts';
import { REQ_SYNC } from '../include/linux/blk_types.ts';
import {
  ELEVATOR_FRONT_MERGE,
  ELV_MQUEUE_MAY,
  type elevator_ops,
  type elevator_queue,
  type request,
  type rq_queue,
  blk_rq_bytes,
  blk_rq_pos,
  blk_rq_sectors,
  rq_data_dir,
  rq_is_sync,
} from '../include/linux/blkdev-request.ts';
import { GFP_ATOMIC, GFP_KERNEL, __GFP_WAIT, __GFP_ZERO, type gfp_t } from '../include/linux/gfp.ts';
import { spinlock } from '../kernel/locking/spinlock.ts';
import { call_rcu, rcu, rcu_read_lock, rcu_read_unlock, type rcu_head } from '../kernel/rcupdate.ts';
import { might_sleep } from '../kernel/sched/core.ts';
import { INIT_WORK, type work_struct, workqueue } from '../kernel/workqueue.ts';
import { percpu } from '../mm/percpu.ts';
import { kmem_cache_create, slab } from '../mm/slab.ts';
import { kernel_functions } from '../sim/hooks.ts';
import { current, machine } from '../sim/machine.ts';
import { lazyPerMachine } from '../lib/lazy-per-machine.ts';
import type { KGen } from '../sim/task.ts';
import {
  type blkio_cgroup,
  type blkio_group,
  blk_cgroup,
  blkio_group_zeroed,
  blkio_policy_register,
  blkio_root_cgroup,
} from './blk-cgroup.ts';
import { BLKIO_POLICY_PROP, BLKIO_WEIGHT_DEFAULT } from './blk-cgroup-ids.ts';
import { type io_context, blk_ioc } from './blk-ioc.ts';
import { elevator, elv_register } from './elevator.ts';
import { blk_core, kblockd_schedule_work } from './blk-core.ts';

/* tunables */
const cfq_slice_async_rq = 2;
const cfq_fifo_expire = [250, 125];
const CFQ_IDLE_DELAY = 200;
const CFQ_SERVICE_SHIFT = 12;
const IOPRIO_BE_NR = 8;
const IOPRIO_NORM = 4;
const IOPRIO_CLASS_BE = 2;

const CFQ_CFQQ_FLAG_on_rr = 1 << 0;
const CFQ_CFQQ_FLAG_sync = 1 << 8;

/** struct cfq_rb_root: the rb-tree as an array in service order. */
export interface cfq_rb_root<T> {
  list: T[];
  count: number;
  total_weight: number;
  min_vdisktime: number;
}

export function CFQ_RB_ROOT<T>(): cfq_rb_root<T> {
  return { list: [], count: 0, total_weight: 0, min_vdisktime: 0 };
}

export interface cfq_queue {
  ref: number;
  flags: number;
  cfqd: cfq_data;
  /** On a service tree (rb_node not empty). */
  rb_node: boolean;
  service_tree: cfq_rb_root<cfq_queue> | null;
  /** Pending requests, by sector (the sort_list rb-tree). */
  sort_list: request[];
  next_rq: request | null;
  queued: [number, number];
  allocated: [number, number];
  fifo: request[];
  slice_dispatch: number;
  nr_sectors: number;
  dispatched: number;
  ioprio: number;
  ioprio_class: number;
  pid: number;
  cfqg: cfq_group;
}

/** struct cfq_group; its blkg is embedded, so it is this object. */
export interface cfq_group extends blkio_group {
  blkg: blkio_group;
  /** On the group service tree (rb_node not empty). */
  rb_node: boolean;
  vdisktime: number;
  weight: number;
  new_weight: number;
  needs_update: boolean;
  nr_cfqq: number;
  /** The service trees of every prio class and workload type, as one (see the file comment). */
  service_tree: cfq_rb_root<cfq_queue>;
  /** On cfqd->cfqg_list (cfqd_node hashed). */
  cfqd_node: boolean;
  ref: number;
  dispatched: number;
  ttime: { last_end_request: number };
}

export interface cfq_io_context extends rcu_head {
  /** The cfq_data, or null once the queue exited (cfqd_dead_key). */
  key: cfq_data | null;
  ioc: io_context;
  cfqq: [cfq_queue | null, cfq_queue | null];
  /** On cfqd->cic_list. */
  queue_list: boolean;
  ttime: { last_end_request: number };
}

export interface cfq_data {
  queue: rq_queue;
  /** Root service tree for cfq_groups */
  grp_service_tree: cfq_rb_root<cfq_group>;
  root_group: cfq_group;
  serving_group: cfq_group | null;
  busy_queues: number;
  busy_sync_queues: number;
  rq_in_driver: number;
  rq_in_flight: [number, number];
  rq_queued: number;
  active_queue: cfq_queue | null;
  /** async queue for each priority case: [RT, BE][prio] */
  async_cfqq: [(cfq_queue | null)[], (cfq_queue | null)[]];
  /** Fallback dummy cfqq for extreme OOM conditions */
  oom_cfqq: cfq_queue;
  cic_index: number;
  cic_list: cfq_io_context[];
  /** List of cfq groups being managed on this device */
  cfqg_list: cfq_group[];
  /** Number of groups which are on blkcg->blkg_list */
  nr_blkcg_linked_grps: number;
  unplug_work: work_struct;
  last_position: number;
}

const cfq_pool = kmem_cache_create('cfq_queue', 232);
const cfq_ioc_pool = kmem_cache_create('cfq_io_context', 112);

interface CfqState {
  /** cic_index_ida */
  next_cic_index: number;
}

const st = lazyPerMachine((): CfqState => ({ next_cic_index: 0 }));

function RQ_CIC(rq: request): cfq_io_context {
  return rq.elevator_private[0] as cfq_io_context;
}

function RQ_CFQQ(rq: request): cfq_queue | null {
  return rq.elevator_private[1] as cfq_queue | null;
}

function RQ_CFQG(rq: request): cfq_group {
  return rq.elevator_private[2] as cfq_group;
}

export function cfq_cfqq_sync(cfqq: cfq_queue): boolean {
  return (cfqq.flags & CFQ_CFQQ_FLAG_sync) !== 0;
}

function cfq_cfqq_on_rr(cfqq: cfq_queue): boolean {
  return (cfqq.flags & CFQ_CFQQ_FLAG_on_rr) !== 0;
}

/** Reads, and writes marked sync, are sync. */
function cfq_bio_sync(b: bio): boolean {
  return bio_data_dir(b) === 0 || (b.bi_rw & REQ_SYNC) !== 0;
}

function cfq_prio_to_maxrq(cfqd: cfq_data, cfqq: cfq_queue): number {
  void cfqd;
  return 2 * cfq_slice_async_rq * (IOPRIO_BE_NR - cfqq.ioprio);
}

/** Every service tree of a group (for_each_cfqg_st()); one in the model. */
export function for_each_cfqg_st(cfqg: cfq_group): cfq_rb_root<cfq_queue>[] {
  return [cfqg.service_tree];
}

/**
 * Scheduler run of queue, if there are requests pending and no one in the driver that will
 * restart queueing.
 */
function* cfq_schedule_dispatch(cfqd: cfq_data): KGen {
  if (cfqd.busy_queues) yield* kblockd_schedule_work(cfqd.queue, cfqd.unplug_work);
}

function cfq_scale_slice(delta: number, cfqg: cfq_group): number {
  return Math.floor(((delta << CFQ_SERVICE_SHIFT) * BLKIO_WEIGHT_DEFAULT) / cfqg.weight);
}

function cfqg_key(st: cfq_rb_root<cfq_group>, cfqg: cfq_group): number {
  return cfqg.vdisktime - st.min_vdisktime;
}

function __cfq_group_service_tree_add(st: cfq_rb_root<cfq_group>, cfqg: cfq_group): void {
  const key = cfqg_key(st, cfqg);
  let i = st.list.length;
  while (i > 0 && key < cfqg_key(st, st.list[i - 1])) i--;
  st.list.splice(i, 0, cfqg);
  cfqg.rb_node = true;
  st.count++;
}

function cfq_update_group_weight(cfqg: cfq_group): void {
  BUG_ON(cfqg.rb_node, 'block/cfq-iosched.c');
  if (cfqg.needs_update) {
    cfqg.weight = cfqg.new_weight;
    cfqg.needs_update = false;
  }
}

function cfq_group_service_tree_add(st: cfq_rb_root<cfq_group>, cfqg: cfq_group): void {
  BUG_ON(cfqg.rb_node, 'block/cfq-iosched.c');
  cfq_update_group_weight(cfqg);
  __cfq_group_service_tree_add(st, cfqg);
  st.total_weight += cfqg.weight;
}

/** @port block/cfq-iosched.c v3.2 ported */
function cfq_group_notify_queue_add(cfqd: cfq_data, cfqg: cfq_group): void {
  const st = cfqd.grp_service_tree;
  cfqg.nr_cfqq++;
  if (cfqg.rb_node) return;
  /*
   * Currently put the group at the end. Later implement something
   * so that groups get lesser vtime based on their weights, so that
   * if group does not loose all if it was not continuously backlogged.
   */
  const last = st.list[st.list.length - 1];
  cfqg.vdisktime = last ? last.vdisktime + CFQ_IDLE_DELAY : st.min_vdisktime;
  cfq_group_service_tree_add(st, cfqg);
}

function cfq_group_service_tree_del(st: cfq_rb_root<cfq_group>, cfqg: cfq_group): void {
  st.total_weight -= cfqg.weight;
  if (cfqg.rb_node) {
    st.list.splice(st.list.indexOf(cfqg), 1);
    st.count--;
    cfqg.rb_node = false;
  }
}

/** @port block/cfq-iosched.c v3.2 ported */
function cfq_group_notify_queue_del(cfqd: cfq_data, cfqg: cfq_group): void {
  BUG_ON(cfqg.nr_cfqq < 1, 'block/cfq-iosched.c');
  cfqg.nr_cfqq--;
  /* If there are other cfq queues under this group, don't delete it */
  if (cfqg.nr_cfqq) return;
  cfq_group_service_tree_del(cfqd.grp_service_tree, cfqg);
}

/**
 * The group's queue ends its turn: charge the group and put it back in vdisktime order.
 * @port block/cfq-iosched.c v3.2 simplified - charged per request dispatched (iops mode)
 */
function* cfq_group_served(cfqd: cfq_data, cfqg: cfq_group, cfqq: cfq_queue): KGen {
  const st = cfqd.grp_service_tree;
  const charge = cfqq.slice_dispatch;
  /* Can't update vdisktime while group is on service tree */
  cfq_group_service_tree_del(st, cfqg);
  cfqg.vdisktime += cfq_scale_slice(charge, cfqg);
  /* If a new weight was requested, update now, off tree */
  cfq_group_service_tree_add(st, cfqg);
  if (st.list[0]) st.min_vdisktime = Math.max(st.min_vdisktime, st.list[0].vdisktime);
  yield* blk_cgroup.blkiocg_update_timeslice_used(cfqg.blkg, charge);
}

/** @port block/cfq-iosched.c v3.2 ported */
function cfq_update_blkio_group_weight(_key: unknown, blkg: blkio_group, weight: number): void {
  const cfqg = blkg as cfq_group;
  cfqg.new_weight = weight;
  cfqg.needs_update = true;
}

/** @port block/cfq-iosched.c v3.2 ported */
function* cfq_init_add_cfqg_lists(cfqd: cfq_data, cfqg: cfq_group, blkcg: blkio_cgroup): KGen {
  /*
   * Add group onto cgroup list. It might happen that bdi->dev is
   * not initialized yet. Initialize this new group without major
   * and minor info and this info will be filled in once a new thread
   * comes for IO.
   */
  yield* blk_cgroup.blkiocg_add_blkio_group(blkcg, cfqg.blkg, cfqd, cfqd.queue.dev, BLKIO_POLICY_PROP);
  cfqd.nr_blkcg_linked_grps++;
  cfqg.weight = blk_cgroup.blkcg_get_weight(blkcg, cfqg.blkg.dev);
  /* Add group on cfqd list */
  cfqd.cfqg_list.unshift(cfqg);
  cfqg.cfqd_node = true;
}

/** A zeroed cfq_group, as kzalloc_node() returns it. */
export function cfq_group_zeroed(): cfq_group {
  const cfqg = blkio_group_zeroed() as cfq_group;
  cfqg.blkg = cfqg;
  cfqg.rb_node = false;
  cfqg.vdisktime = 0;
  cfqg.weight = 0;
  cfqg.new_weight = 0;
  cfqg.needs_update = false;
  cfqg.nr_cfqq = 0;
  cfqg.service_tree = CFQ_RB_ROOT();
  cfqg.cfqd_node = false;
  cfqg.ref = 0;
  cfqg.dispatched = 0;
  cfqg.ttime = { last_end_request: 0 };
  return cfqg;
}

/**
 * Should be called from sleepable context. No request queue lock as per cpu stats are
 * allocated dynamically and alloc_percpu needs to be called from sleepable context.
 * @port block/cfq-iosched.c v3.2 ported
 */
function* cfq_alloc_cfqg(cfqd: cfq_data): KGen<cfq_group | null> {
  const cfqg = yield* slab.kzalloc_node(560, GFP_ATOMIC, cfqd.queue.node, cfq_group_zeroed);
  if (!cfqg) return null;
  for (const st of for_each_cfqg_st(cfqg)) Object.assign(st, CFQ_RB_ROOT());
  cfqg.rb_node = false;
  cfqg.ttime.last_end_request = machine().jiffies;
  /*
   * Take the initial reference that will be released on destroy
   * This can be thought of a joint reference by cgroup and
   * elevator which will be dropped by either elevator exit
   * or cgroup deletion path depending on who is exiting first.
   */
  cfqg.ref = 1;
  const ret = yield* blk_cgroup.blkio_alloc_blkg_stats(cfqg.blkg);
  if (ret) {
    slab.kfree(cfqg);
    return null;
  }
  return cfqg;
}

/** @port block/cfq-iosched.c v3.2 ported */
function cfq_find_cfqg(cfqd: cfq_data, blkcg: blkio_cgroup): cfq_group | null {
  /*
   * This is the common case when there are no blkio cgroups.
   * Avoid lookup in this case
   */
  const cfqg = blkcg === blkio_root_cgroup() ? cfqd.root_group : (blk_cgroup.blkiocg_lookup_group(blkcg, cfqd) as cfq_group | null);
  /* A group made before the disk was registered gets its device number now. */
  if (cfqg && !cfqg.blkg.dev && cfqd.queue.dev) cfqg.blkg.dev = cfqd.queue.dev;
  return cfqg;
}

/**
 * Search for the cfq group current task belongs to, creating it if needed: drops
 * queue_lock (which must be held) around the allocation and looks the group up again.
 * @port block/cfq-iosched.c v3.2 ported - including linking the root group into the task's
 * cgroup when the allocation failed, as the v3.2 code does
 */
function* cfq_get_cfqg(cfqd: cfq_data): KGen<cfq_group> {
  const q = cfqd.queue;
  rcu_read_lock();
  let blkcg = blk_cgroup.task_blkio_cgroup(current());
  let cfqg = cfq.cfq_find_cfqg(cfqd, blkcg);
  if (cfqg) {
    rcu_read_unlock();
    return cfqg;
  }
  /*
   * Need to allocate a group. Allocation of group also needs allocation
   * of per cpu stats which in-turn takes a mutex() and can block. Hence
   * we need to drop rcu lock and queue_lock before we call alloc.
   *
   * Not taking any queue reference here and assuming that queue is
   * around by the time we return. CFQ queue allocation code does
   * the same. It might be racy though.
   */
  rcu_read_unlock();
  yield* spinlock.spin_unlock_irq(q.queue_lock);
  cfqg = yield* cfq.cfq_alloc_cfqg(cfqd);
  yield* spinlock.spin_lock_irq(q.queue_lock);
  rcu_read_lock();
  blkcg = blk_cgroup.task_blkio_cgroup(current());
  /*
   * If some other thread already allocated the group while we were
   * not holding queue lock, free up the group
   */
  const __cfqg = cfq.cfq_find_cfqg(cfqd, blkcg);
  if (__cfqg) {
    slab.kfree(cfqg);
    rcu_read_unlock();
    return __cfqg;
  }
  if (!cfqg) cfqg = cfqd.root_group;
  yield* cfq.cfq_init_add_cfqg_lists(cfqd, cfqg, blkcg);
  rcu_read_unlock();
  return cfqg;
}

/**
 * A generator, though the int increment under queue_lock cannot sleep, so that a patch turning
 * the count into an atomic_t (an atomic op is a scheduling point) can override it.
 * @port block/cfq-iosched.c v3.2 ported
 */
function* cfq_ref_get_cfqg(cfqg: cfq_group): KGen<cfq_group> {
  cfqg.ref++;
  return cfqg;
}

/** A generator for the same reason as cfq_ref_get_cfqg. @port block/cfq-iosched.c v3.2 ported */
function* cfq_link_cfqq_cfqg(cfqq: cfq_queue, cfqg: cfq_group): KGen {
  /* Currently, all async queues are mapped to root group */
  if (!cfq_cfqq_sync(cfqq)) cfqg = cfqq.cfqd.root_group;
  cfqq.cfqg = cfqg;
  /* cfqq reference on cfqg */
  cfqq.cfqg.ref++;
}

/** @port block/cfq-iosched.c v3.2 ported */
function* cfq_put_cfqg(cfqg: cfq_group): KGen {
  BUG_ON(cfqg.ref <= 0, 'block/cfq-iosched.c');
  cfqg.ref--;
  if (cfqg.ref) return;
  for (const st of for_each_cfqg_st(cfqg)) BUG_ON(st.count !== 0, 'block/cfq-iosched.c');
  yield* percpu.free_percpu(cfqg.blkg.stats_cpu);
  slab.kfree(cfqg);
}

/** @port block/cfq-iosched.c v3.2 ported */
function* cfq_destroy_cfqg(cfqd: cfq_data, cfqg: cfq_group): KGen {
  /* Something wrong if we are trying to remove same group twice */
  BUG_ON(!cfqg.cfqd_node, 'block/cfq-iosched.c');
  cfqd.cfqg_list.splice(cfqd.cfqg_list.indexOf(cfqg), 1);
  cfqg.cfqd_node = false;
  BUG_ON(cfqd.nr_blkcg_linked_grps <= 0, 'block/cfq-iosched.c');
  cfqd.nr_blkcg_linked_grps--;
  /*
   * Put the reference taken at the time of creation so that when all
   * queues are gone, group can be destroyed.
   */
  yield* cfq.cfq_put_cfqg(cfqg);
}

/** @port block/cfq-iosched.c v3.2 ported */
function* cfq_release_cfq_groups(cfqd: cfq_data): KGen {
  for (const cfqg of [...cfqd.cfqg_list]) {
    /*
     * If cgroup removal path got to blk_group first and removed
     * it from cgroup list, then it will take care of destroying
     * cfqg also.
     */
    if (!(yield* blk_cgroup.blkiocg_del_blkio_group(cfqg.blkg))) yield* cfq.cfq_destroy_cfqg(cfqd, cfqg);
  }
}

/**
 * blkcg says the group's cgroup is going away. Called under rcu_read_lock().
 * @port block/cfq-iosched.c v3.2 ported
 */
function* cfq_unlink_blkio_group(key: unknown, blkg: blkio_group): KGen {
  const cfqd = key as cfq_data;
  const flags = yield* spinlock.spin_lock_irqsave(cfqd.queue.queue_lock);
  yield* cfq.cfq_destroy_cfqg(cfqd, blkg as cfq_group);
  yield* spinlock.spin_unlock_irqrestore(cfqd.queue.queue_lock, flags);
}

/**
 * Puts a busy queue at the end of its group's service tree.
 * @port block/cfq-iosched.c v3.2 simplified - one tree per group, FIFO order
 */
function cfq_service_tree_add(cfqd: cfq_data, cfqq: cfq_queue): void {
  const service_tree = cfqq.cfqg.service_tree;
  const new_cfqq = !cfqq.rb_node;
  if (!new_cfqq) {
    const old = cfqq.service_tree as cfq_rb_root<cfq_queue>;
    old.list.splice(old.list.indexOf(cfqq), 1);
    old.count--;
  }
  cfqq.service_tree = service_tree;
  service_tree.list.push(cfqq);
  service_tree.count++;
  cfqq.rb_node = true;
  if (!new_cfqq) return;
  cfq_group_notify_queue_add(cfqd, cfqq.cfqg);
}

/** Add to busy list of queues for service. @port block/cfq-iosched.c v3.2 simplified */
function cfq_add_cfqq_rr(cfqd: cfq_data, cfqq: cfq_queue): void {
  BUG_ON(cfq_cfqq_on_rr(cfqq), 'block/cfq-iosched.c');
  cfqq.flags |= CFQ_CFQQ_FLAG_on_rr;
  cfqd.busy_queues++;
  if (cfq_cfqq_sync(cfqq)) cfqd.busy_sync_queues++;
  cfq_service_tree_add(cfqd, cfqq);
}

/** The queue has no requests left: off the service tree. @port block/cfq-iosched.c v3.2 ported */
function cfq_del_cfqq_rr(cfqd: cfq_data, cfqq: cfq_queue): void {
  BUG_ON(!cfq_cfqq_on_rr(cfqq), 'block/cfq-iosched.c');
  cfqq.flags &= ~CFQ_CFQQ_FLAG_on_rr;
  if (cfqq.rb_node) {
    const st = cfqq.service_tree as cfq_rb_root<cfq_queue>;
    st.list.splice(st.list.indexOf(cfqq), 1);
    st.count--;
    cfqq.rb_node = false;
    cfqq.service_tree = null;
  }
  cfq_group_notify_queue_del(cfqd, cfqq.cfqg);
  BUG_ON(!cfqd.busy_queues, 'block/cfq-iosched.c');
  cfqd.busy_queues--;
  if (cfq_cfqq_sync(cfqq)) cfqd.busy_sync_queues--;
}

/** @port block/cfq-iosched.c v3.2 simplified - sort_list kept by sector, next_rq is the fifo head */
function cfq_add_rq_rb(rq: request): void {
  const cfqq = RQ_CFQQ(rq) as cfq_queue;
  const cfqd = cfqq.cfqd;
  cfqq.queued[rq_is_sync(rq) ? 1 : 0]++;
  let i = cfqq.sort_list.length;
  while (i > 0 && blk_rq_pos(rq) < blk_rq_pos(cfqq.sort_list[i - 1])) i--;
  cfqq.sort_list.splice(i, 0, rq);
  if (!cfq_cfqq_on_rr(cfqq)) cfq_add_cfqq_rr(cfqd, cfqq);
  cfqq.next_rq = cfqq.fifo[0] ?? rq;
}

function cfq_del_rq_rb(rq: request): void {
  const cfqq = RQ_CFQQ(rq) as cfq_queue;
  const sync = rq_is_sync(rq) ? 1 : 0;
  BUG_ON(!cfqq.queued[sync], 'block/cfq-iosched.c');
  cfqq.queued[sync]--;
  cfqq.sort_list.splice(cfqq.sort_list.indexOf(rq), 1);
}

/** @port block/cfq-iosched.c v3.2 ported */
function* cfq_remove_request(rq: request): KGen {
  const cfqq = RQ_CFQQ(rq) as cfq_queue;
  /* list_del_init(&rq->queuelist) */
  const list = rq.queuelist;
  if (list) list.splice(list.indexOf(rq), 1);
  rq.queuelist = null;
  cfq_del_rq_rb(rq);
  cfqq.next_rq = cfqq.fifo[0] ?? null;
  cfqq.cfqd.rq_queued--;
  yield* blk_cgroup.blkiocg_update_io_remove_stats(RQ_CFQG(rq).blkg, rq_data_dir(rq), rq_is_sync(rq));
}

/**
 * A request a bio could be front-merged into: one of the task's queue that starts where the
 * bio ends.
 * @port block/cfq-iosched.c v3.2 ported - cfq_merge() with cfq_find_rq_fmerge()
 */
function cfq_merge(q: rq_queue, b: bio): request | null {
  const cfqd = (q.elevator as elevator_queue).elevator_data as cfq_data;
  const cic = cfq.cfq_cic_lookup(cfqd, current().io_context);
  if (!cic) return null;
  const cfqq = cic.cfqq[cfq_bio_sync(b) ? 1 : 0];
  if (!cfqq) return null;
  const sector = b.bi_sector + (b.bi_size >> 9);
  const rq = cfqq.sort_list.find((r) => blk_rq_pos(r) === sector) ?? null;
  if (rq && elevator.elv_rq_merge_ok(rq, b)) return rq;
  return null;
}

/** @port block/cfq-iosched.c v3.2 ported */
function* cfq_merged_request(_q: rq_queue, req: request, type: number): KGen {
  if (type !== ELEVATOR_FRONT_MERGE) return;
  /* cfq_reposition_rq_rb() */
  const cfqq = RQ_CFQQ(req) as cfq_queue;
  cfq_del_rq_rb(req);
  yield* blk_cgroup.blkiocg_update_io_remove_stats(RQ_CFQG(req).blkg, rq_data_dir(req), rq_is_sync(req));
  cfq_add_rq_rb(req);
  yield* blk_cgroup.blkiocg_update_io_add_stats(RQ_CFQG(req).blkg, cfqq.cfqd.serving_group?.blkg ?? null, rq_data_dir(req), rq_is_sync(req));
}

/** @port block/cfq-iosched.c v3.2 ported */
function cfq_bio_merged(_q: rq_queue, req: request, b: bio): void {
  blk_cgroup.blkiocg_update_io_merged_stats(RQ_CFQG(req).blkg, bio_data_dir(b), cfq_bio_sync(b));
}

/**
 * Disallow merge of a sync bio into an async request, and allow a merge only into a request
 * of the queue this bio would go to.
 * @port block/cfq-iosched.c v3.2 ported
 */
function cfq_allow_merge(q: rq_queue, rq: request, b: bio): boolean {
  const cfqd = (q.elevator as elevator_queue).elevator_data as cfq_data;
  if (cfq_bio_sync(b) && !rq_is_sync(rq)) return false;
  const cic = cfq.cfq_cic_lookup(cfqd, current().io_context);
  if (!cic) return false;
  return cic.cfqq[cfq_bio_sync(b) ? 1 : 0] === RQ_CFQQ(rq);
}

/** @port block/cfq-iosched.c v3.2 simplified - no slice or timer state */
function __cfq_set_active_queue(cfqd: cfq_data, cfqq: cfq_queue | null): void {
  if (cfqq) {
    cfqq.slice_dispatch = 0;
    cfqq.nr_sectors = 0;
  }
  cfqd.active_queue = cfqq;
}

/**
 * The current queue's turn ends.
 * @port block/cfq-iosched.c v3.2 simplified - no slice residue or cooperator split
 */
function* __cfq_slice_expired(cfqd: cfq_data, cfqq: cfq_queue): KGen {
  yield* cfq.cfq_group_served(cfqd, cfqq.cfqg, cfqq);
  if (cfq_cfqq_on_rr(cfqq) && cfqq.sort_list.length === 0) cfq_del_cfqq_rr(cfqd, cfqq);
  else if (cfq_cfqq_on_rr(cfqq)) cfq_service_tree_add(cfqd, cfqq);
  if (cfqq === cfqd.active_queue) cfqd.active_queue = null;
}

/**
 * Select a queue for service: the active one while it has requests and budget, else the first
 * queue of the group with the smallest vdisktime.
 * @port block/cfq-iosched.c v3.2 simplified - no idling, preemption or workload selection
 */
function* cfq_select_queue(cfqd: cfq_data): KGen<cfq_queue | null> {
  let cfqq = cfqd.active_queue;
  if (cfqq) {
    if (cfqq.sort_list.length > 0 && cfqq.slice_dispatch < cfq_prio_to_maxrq(cfqd, cfqq)) return cfqq;
    yield* __cfq_slice_expired(cfqd, cfqq);
  }
  /* cfq_get_next_cfqg() / cfq_get_next_queue() */
  const cfqg = cfqd.grp_service_tree.list[0] ?? null;
  cfqd.serving_group = cfqg;
  cfqq = cfqg ? (cfqg.service_tree.list[0] ?? null) : null;
  __cfq_set_active_queue(cfqd, cfqq);
  return cfqq;
}

/** Move request from internal lists to the request queue dispatch list. @port block/cfq-iosched.c v3.2 ported */
function* cfq_dispatch_insert(q: rq_queue, rq: request): KGen {
  const cfqd = (q.elevator as elevator_queue).elevator_data as cfq_data;
  const cfqq = RQ_CFQQ(rq) as cfq_queue;
  yield* cfq.cfq_remove_request(rq);
  cfqq.dispatched++;
  RQ_CFQG(rq).dispatched++;
  elevator.elv_dispatch_sort(q, rq);
  cfqd.rq_in_flight[cfq_cfqq_sync(cfqq) ? 1 : 0]++;
  cfqq.nr_sectors += blk_rq_sectors(rq);
  blk_cgroup.blkiocg_update_dispatch_stats(cfqq.cfqg.blkg, blk_rq_bytes(rq), rq_data_dir(rq), rq_is_sync(rq));
}

/** @port block/cfq-iosched.c v3.2 simplified - everything goes, queue by queue */
function* cfq_forced_dispatch(cfqd: cfq_data): KGen<number> {
  let dispatched = 0;
  if (cfqd.active_queue) yield* __cfq_slice_expired(cfqd, cfqd.active_queue);
  for (;;) {
    const cfqg = cfqd.grp_service_tree.list[0];
    const cfqq = cfqg?.service_tree.list[0];
    if (!cfqq) break;
    while (cfqq.fifo.length > 0) {
      yield* cfq.cfq_dispatch_insert(cfqd.queue, cfqq.fifo[0]);
      dispatched++;
    }
    __cfq_set_active_queue(cfqd, cfqq);
    cfqq.slice_dispatch = dispatched;
    yield* __cfq_slice_expired(cfqd, cfqq);
  }
  BUG_ON(cfqd.busy_queues !== 0, 'block/cfq-iosched.c');
  return dispatched;
}

/**
 * Find the cfqq that we need to service and move a request from that to the dispatch list.
 * @port block/cfq-iosched.c v3.2 simplified - one request per call, FIFO order within a queue
 */
function* cfq_dispatch_requests(q: rq_queue, force: boolean): KGen<number> {
  const cfqd = (q.elevator as elevator_queue).elevator_data as cfq_data;
  if (!cfqd.busy_queues) return 0;
  if (force) return yield* cfq.cfq_forced_dispatch(cfqd);
  const cfqq = yield* cfq.cfq_select_queue(cfqd);
  if (!cfqq) return 0;
  /* cfq_dispatch_request() */
  const rq = cfqq.fifo[0];
  if (!rq) return 0;
  yield* cfq.cfq_dispatch_insert(q, rq);
  cfqq.slice_dispatch++;
  return 1;
}

/**
 * Task holds one reference to the queue, dropped when task exits. Each rq in-flight on this
 * queue also holds a reference, dropped when rq is freed. Queue lock must be held here.
 * @port block/cfq-iosched.c v3.2 ported
 */
function* cfq_put_queue(cfqq: cfq_queue): KGen {
  const cfqd = cfqq.cfqd;
  BUG_ON(cfqq.ref <= 0, 'block/cfq-iosched.c');
  cfqq.ref--;
  if (cfqq.ref) return;
  BUG_ON(cfqq.sort_list.length > 0, 'block/cfq-iosched.c');
  BUG_ON(cfqq.allocated[0] + cfqq.allocated[1] > 0, 'block/cfq-iosched.c');
  const cfqg = cfqq.cfqg;
  if (cfqd.active_queue === cfqq) {
    yield* __cfq_slice_expired(cfqd, cfqq);
    yield* cfq_schedule_dispatch(cfqd);
  }
  BUG_ON(cfq_cfqq_on_rr(cfqq), 'block/cfq-iosched.c');
  slab.kmem_cache_free(cfq_pool, cfqq);
  yield* cfq.cfq_put_cfqg(cfqg);
}

/** @port block/cfq-iosched.c v3.2 ported - no cooperator chain */
function* cfq_exit_cfqq(cfqd: cfq_data, cfqq: cfq_queue): KGen {
  if (cfqq === cfqd.active_queue) {
    yield* __cfq_slice_expired(cfqd, cfqq);
    yield* cfq_schedule_dispatch(cfqd);
  }
  yield* cfq.cfq_put_queue(cfqq);
}

/** Queue lock held. @port block/cfq-iosched.c v3.2 ported - no ioc_data last-hit cache */
function* __cfq_exit_single_io_context(cfqd: cfq_data, cic: cfq_io_context): KGen {
  cfqd.cic_list.splice(cfqd.cic_list.indexOf(cic), 1);
  cic.queue_list = false;
  /* cic->key = cfqd_dead_key(cfqd) */
  cic.key = null;
  if (cic.cfqq[0]) {
    yield* cfq.cfq_exit_cfqq(cfqd, cic.cfqq[0]);
    cic.cfqq[0] = null;
  }
  if (cic.cfqq[1]) {
    yield* cfq.cfq_exit_cfqq(cfqd, cic.cfqq[1]);
    cic.cfqq[1] = null;
  }
}

/** @port block/cfq-iosched.c v3.2 simplified - the cic lives with the task's io_context */
function* cfq_alloc_io_context(_cfqd: cfq_data, gfp_mask: gfp_t): KGen<cfq_io_context | null> {
  return yield* slab.kmem_cache_alloc(cfq_ioc_pool, gfp_mask | __GFP_ZERO, (): cfq_io_context => ({
    func: null,
    key: null,
    ioc: null as unknown as io_context,
    cfqq: [null, null],
    queue_list: false,
    ttime: { last_end_request: machine().jiffies },
  }));
}

/** Task's default priority: best effort, level from nice 0. @port block/cfq-iosched.c v3.2 simplified */
function cfq_init_prio_data(cfqq: cfq_queue): void {
  cfqq.ioprio = IOPRIO_NORM;
  cfqq.ioprio_class = IOPRIO_CLASS_BE;
}

/** @port block/cfq-iosched.c v3.2 ported */
export function cfq_init_cfqq(cfqd: cfq_data, cfqq: cfq_queue, pid: number, is_sync: boolean): void {
  cfqq.rb_node = false;
  cfqq.fifo = [];
  cfqq.ref = 0;
  cfqq.cfqd = cfqd;
  if (is_sync) cfqq.flags |= CFQ_CFQQ_FLAG_sync;
  cfqq.pid = pid;
}

function cfq_queue_zeroed(): cfq_queue {
  return {
    ref: 0,
    flags: 0,
    cfqd: null as unknown as cfq_data,
    rb_node: false,
    service_tree: null,
    sort_list: [],
    next_rq: null,
    queued: [0, 0],
    allocated: [0, 0],
    fifo: [],
    slice_dispatch: 0,
    nr_sectors: 0,
    dispatched: 0,
    ioprio: 0,
    ioprio_class: 0,
    pid: 0,
    cfqg: null as unknown as cfq_group,
  };
}

/**
 * The task's cgroup changed: drop its sync queue, so that a new one is set up in the new
 * group upon arrival of a fresh request.
 * @port block/cfq-iosched.c v3.2 ported
 */
function* changed_cgroup(_ioc: io_context, cic: cfq_io_context): KGen {
  const sync_cfqq = cic.cfqq[1];
  const cfqd = cic.key;
  if (!cfqd) return;
  const q = cfqd.queue;
  const flags = yield* spinlock.spin_lock_irqsave(q.queue_lock);
  if (sync_cfqq) {
    cic.cfqq[1] = null;
    yield* cfq.cfq_put_queue(sync_cfqq);
  }
  yield* spinlock.spin_unlock_irqrestore(q.queue_lock, flags);
}

/** @port block/cfq-iosched.c v3.2 ported - call_for_each_cic() inlined */
function* cfq_ioc_set_cgroup(ioc: io_context): KGen {
  rcu_read_lock();
  for (const cic of ioc.radix_root.values()) yield* cfq.changed_cgroup(ioc, cic as cfq_io_context);
  rcu_read_unlock();
  ioc.cgroup_changed = false;
}

/**
 * Finds the task's queue or allocates one, in the task's cgroup's group. Queue lock held;
 * dropped around a sleeping allocation.
 * @port block/cfq-iosched.c v3.2 ported
 */
function* cfq_find_alloc_queue(cfqd: cfq_data, is_sync: boolean, ioc: io_context, gfp_mask: gfp_t): KGen<cfq_queue> {
  let new_cfqq: cfq_queue | null = null;
  for (;;) {
    /* retry: */
    const cfqg = yield* cfq.cfq_get_cfqg(cfqd);
    const cic = cfq.cfq_cic_lookup(cfqd, ioc) as cfq_io_context;
    /* cic always exists here */
    let cfqq = cic.cfqq[is_sync ? 1 : 0];
    /*
     * Always try a new alloc if we fell back to the OOM cfqq
     * originally, since it should just be a temporary situation.
     */
    if (!cfqq || cfqq === cfqd.oom_cfqq) {
      cfqq = null;
      if (new_cfqq) {
        cfqq = new_cfqq;
        new_cfqq = null;
      } else if (gfp_mask & __GFP_WAIT) {
        yield* spinlock.spin_unlock_irq(cfqd.queue.queue_lock);
        new_cfqq = yield* slab.kmem_cache_alloc(cfq_pool, gfp_mask | __GFP_ZERO, cfq_queue_zeroed);
        yield* spinlock.spin_lock_irq(cfqd.queue.queue_lock);
        if (new_cfqq) continue;
      } else {
        cfqq = yield* slab.kmem_cache_alloc(cfq_pool, gfp_mask | __GFP_ZERO, cfq_queue_zeroed);
      }
      if (cfqq) {
        cfq_init_cfqq(cfqd, cfqq, current().pid, is_sync);
        cfq_init_prio_data(cfqq);
        yield* cfq.cfq_link_cfqq_cfqg(cfqq, cfqg);
      } else {
        cfqq = cfqd.oom_cfqq;
      }
    }
    if (new_cfqq) slab.kmem_cache_free(cfq_pool, new_cfqq);
    return cfqq;
  }
}

/** @port block/cfq-iosched.c v3.2 ported - best-effort priority 4 only */
function* cfq_get_queue(cfqd: cfq_data, is_sync: boolean, ioc: io_context, gfp_mask: gfp_t): KGen<cfq_queue> {
  const ioprio = IOPRIO_NORM;
  const async_cfqq = cfqd.async_cfqq[1];
  let cfqq: cfq_queue | null = null;
  if (!is_sync) cfqq = async_cfqq[ioprio];
  if (!cfqq) cfqq = yield* cfq.cfq_find_alloc_queue(cfqd, is_sync, ioc, gfp_mask);
  /*
   * pin the queue now that it's allocated, scheduler exit will prune it
   */
  if (!is_sync && !async_cfqq[ioprio]) {
    cfqq.ref++;
    async_cfqq[ioprio] = cfqq;
  }
  cfqq.ref++;
  return cfqq;
}

/** @port block/cfq-iosched.c v3.2 simplified - no last-hit cache, so no dead cic to drop */
function cfq_cic_lookup(cfqd: cfq_data, ioc: io_context | null): cfq_io_context | null {
  if (!ioc) return null;
  rcu_read_lock();
  const cic = (ioc.radix_root.get(cfqd.cic_index) as cfq_io_context | undefined) ?? null;
  rcu_read_unlock();
  if (cic && cic.key !== cfqd) return null;
  return cic;
}

/** Add cic into ioc, using cfqd as the search key. @port block/cfq-iosched.c v3.2 ported - no radix-tree preload */
function* cfq_cic_link(cfqd: cfq_data, ioc: io_context, cic: cfq_io_context): KGen<number> {
  cic.ioc = ioc;
  cic.key = cfqd;
  ioc.radix_root.set(cfqd.cic_index, cic);
  const flags = yield* spinlock.spin_lock_irqsave(cfqd.queue.queue_lock);
  cfqd.cic_list.unshift(cic);
  cic.queue_list = true;
  yield* spinlock.spin_unlock_irqrestore(cfqd.queue.queue_lock, flags);
  return 0;
}

/**
 * Setup general io context and cfq io context.
 * @port block/cfq-iosched.c v3.2 ported
 */
function* cfq_get_io_context(cfqd: cfq_data, gfp_mask: gfp_t): KGen<cfq_io_context | null> {
  if (gfp_mask & __GFP_WAIT) might_sleep('block/cfq-iosched.c');
  const ioc = yield* blk_ioc.get_io_context(gfp_mask, cfqd.queue.node);
  if (!ioc) return null;
  let cic = cfq.cfq_cic_lookup(cfqd, ioc);
  if (!cic) {
    cic = yield* cfq.cfq_alloc_io_context(cfqd, gfp_mask);
    if (cic === null) return null;
    yield* cfq.cfq_cic_link(cfqd, ioc, cic);
  }
  /* out: */
  if (ioc.cgroup_changed) yield* cfq.cfq_ioc_set_cgroup(ioc);
  return cic;
}

/** @port block/cfq-iosched.c v3.2 simplified - no preemption, thinktime or seek tracking */
function* cfq_insert_request(q: rq_queue, rq: request): KGen {
  const cfqd = (q.elevator as elevator_queue).elevator_data as cfq_data;
  const cfqq = RQ_CFQQ(rq) as cfq_queue;
  cfq_init_prio_data(cfqq);
  rq.fifo_time = machine().jiffies + cfq_fifo_expire[rq_is_sync(rq) ? 1 : 0];
  rq.queuelist = cfqq.fifo;
  cfqq.fifo.push(rq);
  cfq_add_rq_rb(rq);
  yield* blk_cgroup.blkiocg_update_io_add_stats(RQ_CFQG(rq).blkg, cfqd.serving_group?.blkg ?? null, rq_data_dir(rq), rq_is_sync(rq));
  /* cfq_rq_enqueued() */
  cfqd.rq_queued++;
}

/** @port block/cfq-iosched.c v3.2 ported */
function cfq_activate_request(q: rq_queue, rq: request): void {
  const cfqd = (q.elevator as elevator_queue).elevator_data as cfq_data;
  cfqd.rq_in_driver++;
  cfqd.last_position = blk_rq_pos(rq) + blk_rq_sectors(rq);
}

/** @port block/cfq-iosched.c v3.2 simplified - no slice or idle decisions */
function* cfq_completed_request(_q: rq_queue, rq: request): KGen {
  const cfqq = RQ_CFQQ(rq) as cfq_queue;
  const cfqd = cfqq.cfqd;
  const now = machine().jiffies;
  WARN_ON(!cfqd.rq_in_driver, 'block/cfq-iosched.c');
  WARN_ON(!cfqq.dispatched, 'block/cfq-iosched.c');
  cfqd.rq_in_driver--;
  cfqq.dispatched--;
  RQ_CFQG(rq).dispatched--;
  cfqd.rq_in_flight[cfq_cfqq_sync(cfqq) ? 1 : 0]--;
  if (rq_is_sync(rq)) {
    RQ_CIC(rq).ttime.last_end_request = now;
    cfqq.cfqg.ttime.last_end_request = now;
  }
  if (!cfqd.rq_in_driver) yield* cfq_schedule_dispatch(cfqd);
}

/** @port block/cfq-iosched.c v3.2 simplified - no must_alloc_slice boost */
function cfq_may_queue(_q: rq_queue, _rw: number): number {
  return ELV_MQUEUE_MAY;
}

/** Queue lock held here. @port block/cfq-iosched.c v3.2 ported */
function* cfq_put_request(rq: request): KGen {
  const cfqq = RQ_CFQQ(rq);
  if (!cfqq) return;
  const rw = rq_data_dir(rq);
  BUG_ON(!cfqq.allocated[rw], 'block/cfq-iosched.c');
  cfqq.allocated[rw]--;
  rq.elevator_private[0] = null;
  rq.elevator_private[1] = null;
  /* Put down rq reference on cfqg */
  yield* cfq.cfq_put_cfqg(RQ_CFQG(rq));
  rq.elevator_private[2] = null;
  yield* cfq.cfq_put_queue(cfqq);
}

/**
 * Allocate cfq data structures associated with this request.
 * @port block/cfq-iosched.c v3.2 ported - no cooperating-queue merge or split
 */
function* cfq_set_request(q: rq_queue, rq: request, gfp_mask: gfp_t): KGen<number> {
  const cfqd = (q.elevator as elevator_queue).elevator_data as cfq_data;
  const rw = rq_data_dir(rq);
  const is_sync = rq_is_sync(rq);
  if (gfp_mask & __GFP_WAIT) might_sleep('block/cfq-iosched.c');
  const cic = yield* cfq.cfq_get_io_context(cfqd, gfp_mask);
  const flags = yield* spinlock.spin_lock_irqsave(q.queue_lock);
  if (!cic) {
    /* queue_fail: */
    yield* cfq_schedule_dispatch(cfqd);
    yield* spinlock.spin_unlock_irqrestore(q.queue_lock, flags);
    return 1;
  }
  /* new_queue: */
  let cfqq = cic.cfqq[is_sync ? 1 : 0];
  if (!cfqq || cfqq === cfqd.oom_cfqq) {
    cfqq = yield* cfq.cfq_get_queue(cfqd, is_sync, cic.ioc, gfp_mask);
    cic.cfqq[is_sync ? 1 : 0] = cfqq;
  }
  cfqq.allocated[rw]++;
  cfqq.ref++;
  rq.elevator_private[0] = cic;
  rq.elevator_private[1] = cfqq;
  rq.elevator_private[2] = yield* cfq.cfq_ref_get_cfqg(cfqq.cfqg);
  yield* spinlock.spin_unlock_irqrestore(q.queue_lock, flags);
  return 0;
}

/** The unplug work: run the queue from kblockd. @port block/cfq-iosched.c v3.2 ported */
function* cfq_kick_queue(work: work_struct): KGen {
  const cfqd = (work as work_struct & { cfqd: cfq_data }).cfqd;
  const q = cfqd.queue;
  yield* spinlock.spin_lock_irq(q.queue_lock);
  yield* blk_core.__blk_run_queue(q);
  yield* spinlock.spin_unlock_irq(q.queue_lock);
}

/** @port block/cfq-iosched.c v3.2 ported */
function* cfq_put_async_queues(cfqd: cfq_data): KGen {
  for (let i = 0; i < IOPRIO_BE_NR; i++) {
    const rt = cfqd.async_cfqq[0][i];
    if (rt) yield* cfq.cfq_put_queue(rt);
    const be = cfqd.async_cfqq[1][i];
    if (be) yield* cfq.cfq_put_queue(be);
  }
}

/**
 * The elevator goes away with its queue: every context, queue and group it holds is released.
 * @port block/cfq-iosched.c v3.2 ported - the exited cics are freed here (the kernel frees
 * them with their task's io_context)
 */
function* cfq_exit_queue(e: elevator_queue): KGen {
  const cfqd = e.elevator_data as cfq_data;
  const q = cfqd.queue;
  let wait = false;
  /* cfq_shutdown_timer_wq() */
  yield* workqueue.cancel_work_sync(cfqd.unplug_work);
  yield* spinlock.spin_lock_irq(q.queue_lock);
  if (cfqd.active_queue) yield* __cfq_slice_expired(cfqd, cfqd.active_queue);
  const exited: cfq_io_context[] = [];
  while (cfqd.cic_list.length > 0) {
    const cic = cfqd.cic_list[0];
    exited.push(cic);
    yield* cfq.__cfq_exit_single_io_context(cfqd, cic);
  }
  yield* cfq.cfq_put_async_queues(cfqd);
  yield* cfq.cfq_release_cfq_groups(cfqd);
  /*
   * If there are groups which we could not unlink from blkcg list,
   * wait for a rcu period for them to be freed.
   */
  if (cfqd.nr_blkcg_linked_grps) wait = true;
  yield* spinlock.spin_unlock_irq(q.queue_lock);
  yield* workqueue.cancel_work_sync(cfqd.unplug_work);
  for (const cic of exited) {
    cic.ioc.radix_root.delete(cfqd.cic_index);
    /* cfq_cic_free() */
    call_rcu(cic, function* cfq_cic_free_rcu(): KGen {
      slab.kmem_cache_free(cfq_ioc_pool, cic);
    });
  }
  /*
   * Wait for cfqg->blkg->key accessors to exit their grace periods.
   * Do this wait only if there are other unlinked groups out
   * there.
   */
  if (wait) yield* rcu.synchronize_rcu();
  /* Free up per cpu stats for root group */
  yield* percpu.free_percpu(cfqd.root_group.blkg.stats_cpu);
  slab.kfree(cfqd);
}

/** A zeroed cfq_data, as kmalloc_node(__GFP_ZERO) returns it. */
export function cfq_data_zeroed(q: rq_queue): cfq_data {
  const cfqd: cfq_data = {
    queue: q,
    grp_service_tree: CFQ_RB_ROOT(),
    root_group: cfq_group_zeroed(),
    serving_group: null,
    busy_queues: 0,
    busy_sync_queues: 0,
    rq_in_driver: 0,
    rq_in_flight: [0, 0],
    rq_queued: 0,
    active_queue: null,
    async_cfqq: [new Array<cfq_queue | null>(IOPRIO_BE_NR).fill(null), new Array<cfq_queue | null>(IOPRIO_BE_NR).fill(null)],
    oom_cfqq: cfq_queue_zeroed(),
    cic_index: 0,
    cic_list: [],
    cfqg_list: [],
    nr_blkcg_linked_grps: 0,
    unplug_work: null as unknown as work_struct,
    last_position: 0,
  };
  return cfqd;
}

/** @port block/cfq-iosched.c v3.2 simplified - a counter instead of the cic_index_ida */
export function cfq_alloc_cic_index(): number {
  return st().next_cic_index++;
}

/**
 * The second half of cfq_init_queue(), once the root group has its stats: link the root group,
 * set up the OOM queue and the unplug work. Patches that change the first half share it.
 */
export function* cfq_init_queue_rest(q: rq_queue, cfqd: cfq_data): KGen {
  const cfqg = cfqd.root_group;
  rcu_read_lock();
  yield* blk_cgroup.blkiocg_add_blkio_group(blkio_root_cgroup(), cfqg.blkg, cfqd, 0, BLKIO_POLICY_PROP);
  rcu_read_unlock();
  cfqd.nr_blkcg_linked_grps++;
  /* Add group on cfqd->cfqg_list */
  cfqd.cfqg_list.unshift(cfqg);
  cfqg.cfqd_node = true;
  /*
   * Our fallback cfqq if cfq_find_alloc_queue() runs into OOM issues.
   * Grab a permanent reference to it, so that the normal code flow
   * will not attempt to free it.
   */
  cfq_init_cfqq(cfqd, cfqd.oom_cfqq, 1, false);
  cfqd.oom_cfqq.ref++;
  yield* cfq.cfq_link_cfqq_cfqg(cfqd.oom_cfqq, cfqd.root_group);
  cfqd.queue = q;
  cfqd.unplug_work = INIT_WORK('cfq_kick_queue', (work) => cfq.cfq_kick_queue(work));
  (cfqd.unplug_work as work_struct & { cfqd: cfq_data }).cfqd = cfqd;
}

/** @port block/cfq-iosched.c v3.2 ported */
function* cfq_init_queue(q: rq_queue): KGen<cfq_data | null> {
  const i = cfq_alloc_cic_index();
  const cfqd = yield* slab.kmalloc(1536, GFP_KERNEL | __GFP_ZERO, () => cfq_data_zeroed(q));
  if (!cfqd) return null;
  /*
   * Don't need take queue_lock in the routine, since we are
   * initializing the ioscheduler, and nobody is using cfqd
   */
  cfqd.cic_index = i;
  /* Init root group */
  const cfqg = cfqd.root_group;
  cfqg.rb_node = false;
  /* Give preference to root group over other groups */
  cfqg.weight = 2 * BLKIO_WEIGHT_DEFAULT;
  /*
   * Set root group reference to 2. One reference will be dropped when
   * all groups on cfqd->cfqg_list are being deleted during queue exit.
   * Other reference will remain there as we don't want to delete this
   * group as it is statically allocated and gets destroyed when
   * throtl_data goes away.
   */
  cfqg.ref = 2;
  if (yield* blk_cgroup.blkio_alloc_blkg_stats(cfqg.blkg)) {
    slab.kfree(cfqg);
    slab.kfree(cfqd);
    return null;
  }
  yield* cfq_init_queue_rest(q, cfqd);
  return cfqd;
}

export const cfq = kernel_functions('block/cfq-iosched.c', {
  cfq_group_served,
  cfq_update_blkio_group_weight,
  cfq_init_add_cfqg_lists,
  cfq_alloc_cfqg,
  cfq_find_cfqg,
  cfq_get_cfqg,
  cfq_ref_get_cfqg,
  cfq_link_cfqq_cfqg,
  cfq_put_cfqg,
  cfq_destroy_cfqg,
  cfq_release_cfq_groups,
  cfq_unlink_blkio_group,
  cfq_remove_request,
  cfq_merge,
  cfq_merged_request,
  cfq_bio_merged,
  cfq_allow_merge,
  cfq_select_queue,
  cfq_dispatch_insert,
  cfq_forced_dispatch,
  cfq_dispatch_requests,
  cfq_put_queue,
  cfq_exit_cfqq,
  __cfq_exit_single_io_context,
  cfq_alloc_io_context,
  changed_cgroup,
  cfq_ioc_set_cgroup,
  cfq_find_alloc_queue,
  cfq_get_queue,
  cfq_cic_lookup,
  cfq_cic_link,
  cfq_get_io_context,
  cfq_insert_request,
  cfq_activate_request,
  cfq_completed_request,
  cfq_may_queue,
  cfq_put_request,
  cfq_set_request,
  cfq_kick_queue,
  cfq_put_async_queues,
  cfq_exit_queue,
  cfq_init_queue,
});


/** The elevator hooks read the table at each call, so a patch's overrides take effect. */
const cfq_ops: elevator_ops = {
  elevator_merge_fn: (q, b) => cfq.cfq_merge(q, b),
  elevator_merged_fn: (q, rq, type) => cfq.cfq_merged_request(q, rq, type),
  elevator_allow_merge_fn: (q, rq, b) => cfq.cfq_allow_merge(q, rq, b),
  elevator_bio_merged_fn: (q, rq, b) => cfq.cfq_bio_merged(q, rq, b),
  elevator_dispatch_fn: (q, force) => cfq.cfq_dispatch_requests(q, force),
  elevator_add_req_fn: (q, rq) => cfq.cfq_insert_request(q, rq),
  elevator_activate_req_fn: (q, rq) => cfq.cfq_activate_request(q, rq),
  elevator_completed_req_fn: (q, rq) => cfq.cfq_completed_request(q, rq),
  elevator_may_queue_fn: (q, rw) => cfq.cfq_may_queue(q, rw),
  elevator_set_req_fn: (q, rq, gfp) => cfq.cfq_set_request(q, rq, gfp),
  elevator_put_req_fn: (rq) => cfq.cfq_put_request(rq),
  elevator_init_fn: (q) => cfq.cfq_init_queue(q),
  elevator_exit_fn: (e) => cfq.cfq_exit_queue(e),
};

elv_register({ elevator_name: 'cfq', ops: cfq_ops });

/** static struct blkio_policy_type blkio_policy_cfq, registered by cfq_init(). */
blkio_policy_register({
  plid: BLKIO_POLICY_PROP,
  ops: {
    blkio_unlink_group_fn: (key, blkg) => cfq.cfq_unlink_blkio_group(key, blkg),
    blkio_update_group_weight_fn: (key, blkg, weight) => cfq.cfq_update_blkio_group_weight(key, blkg, weight),
  },
});
