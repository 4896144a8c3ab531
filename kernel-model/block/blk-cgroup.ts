// The blkio cgroup controller core (block/blk-cgroup.c, v3.2, Jens Axboe's for-3.3/core): a
// blkio_cgroup per cgroup holding the groups the IO policies (throttling, CFQ) made for it on
// each queue, the per-device rules written to its files, and the statistics. Dispatch and merge
// counts are per-cpu (stats_cpu, from alloc_percpu(), which holds pcpu_alloc_mutex across
// GFP_KERNEL allocations); the others sit under blkg->stats_lock.
//
// A policy group (throtl_grp, cfq_group) embeds its blkio_group: in the model they are the
// same object, so a freed group is caught by KASAN through either name.

import { BUG_ON } from '../include/asm-generic/bug.ts';
import { GFP_KERNEL } from '../include/linux/gfp.ts';
import { no_context } from '../arch/x86/mm/fault.ts';
import { type cgroup, type cgroup_subsys, type cgroup_subsys_state, cgroup_init_root_css, cgroup_load_subsys, cgroup_path, cgroup_root, css_lookup, free_css_id, task_subsys_state } from '../kernel/cgroup.ts';
import { spin_lock_init, spinlock, type spinlock_t } from '../kernel/locking/spinlock.ts';
import { rcu_read_lock, rcu_read_unlock } from '../kernel/rcupdate.ts';
import { local_irq_restore, local_irq_save } from '../kernel/sched/core.ts';
import { percpu, per_cpu_ptr, type percpu_ptr } from '../mm/percpu.ts';
import { slab } from '../mm/slab.ts';
import { kernel_functions } from '../sim/hooks.ts';
import { current } from '../sim/machine.ts';
import { lazyPerMachine } from '../lib/lazy-per-machine.ts';
import type { KGen, task_struct } from '../sim/task.ts';
import { blk_ioc } from './blk-ioc.ts';
import {
  BLKIO_POLICY_PROP,
  BLKIO_POLICY_THROTL,
  BLKIO_PROP_weight_device,
  BLKIO_STAT_ASYNC,
  BLKIO_STAT_CPU_MERGED,
  BLKIO_STAT_CPU_NR,
  BLKIO_STAT_CPU_SECTORS,
  BLKIO_STAT_CPU_SERVICED,
  BLKIO_STAT_CPU_SERVICE_BYTES,
  BLKIO_STAT_QUEUED,
  BLKIO_STAT_READ,
  BLKIO_STAT_SYNC,
  BLKIO_STAT_TOTAL,
  BLKIO_STAT_WRITE,
  BLKIO_THROTL_read_bps_device,
  BLKIO_THROTL_read_iops_device,
  BLKIO_THROTL_write_bps_device,
  BLKIO_THROTL_write_iops_device,
  BLKIO_WEIGHT_DEFAULT,
  blkio_subsys_id,
} from './blk-cgroup-ids.ts';
import { ENOMEM } from '../include/uapi/asm-generic/errno-base.ts';

// The ids and enums of block/blk-cgroup.h live in blk-cgroup-ids.ts, which imports nothing:
// policies register with them while this file may not have run yet (import cycles).
export * from './blk-cgroup-ids.ts';

/** sizeof(struct blkio_group_stats_cpu) */
const STATS_CPU_SIZE = 136;

export interface blkio_group_stats_cpu {
  sectors: number;
  stat_arr_cpu: number[][];
}

export interface blkio_group_stats {
  time: number;
  stat_arr: number[][];
}

export interface blkio_group {
  /** The policy's per-queue data (throtl_data, cfq_data): rcu_assign_pointer'ed. */
  key: unknown;
  blkcg_id: number;
  /** The blkio_cgroup list the group is linked on (blkcg_node), null when unhashed. */
  blkcg_node: blkio_cgroup | null;
  path: string;
  dev: number;
  plid: number;
  stats_lock: spinlock_t;
  stats: blkio_group_stats;
  stats_cpu: percpu_ptr<blkio_group_stats_cpu> | null;
}

/** struct blkio_cgroup: its css is its first member, so the two are one object. */
export interface blkio_cgroup extends cgroup_subsys_state {
  weight: number;
  lock: spinlock_t;
  blkg_list: blkio_group[];
  policy_list: blkio_policy_node[];
}

export interface blkio_policy_node {
  dev: number;
  plid: number;
  fileid: number;
  /** weight, bps or iops, by fileid */
  val: number;
}

/** The callbacks a policy gives blkcg core (struct blkio_policy_ops). */
export interface blkio_policy_ops {
  blkio_unlink_group_fn(key: unknown, blkg: blkio_group): KGen;
  blkio_update_group_weight_fn?(key: unknown, blkg: blkio_group, weight: number): void;
  blkio_update_group_read_bps_fn?(key: unknown, blkg: blkio_group, bps: number): KGen;
  blkio_update_group_write_bps_fn?(key: unknown, blkg: blkio_group, bps: number): KGen;
  blkio_update_group_read_iops_fn?(key: unknown, blkg: blkio_group, iops: number): KGen;
  blkio_update_group_write_iops_fn?(key: unknown, blkg: blkio_group, iops: number): KGen;
}

export interface blkio_policy_type {
  ops: blkio_policy_ops;
  plid: number;
}

/**
 * blkio_list: the registered policies (built in, so registered when their files load). Kept on
 * a function, which exists before this file's body runs: a policy's file may load first.
 */
function blkio_list(): blkio_policy_type[] {
  const holder = blkio_list as unknown as { list?: blkio_policy_type[] };
  holder.list ??= [];
  return holder.list;
}

interface BlkcgState {
  blkio_list_lock: spinlock_t;
  blkio_root_cgroup: blkio_cgroup;
}

/** The fields of a zeroed blkio_group, for the policies' allocators. */
export function blkio_group_zeroed(): blkio_group {
  return {
    key: null,
    blkcg_id: 0,
    blkcg_node: null,
    path: '',
    dev: 0,
    plid: 0,
    stats_lock: spin_lock_init('&blkg->stats_lock'),
    stats: { time: 0, stat_arr: [zeroStat(), zeroStat(), zeroStat()] },
    stats_cpu: null,
  };
}

function zeroStat(): number[] {
  return [0, 0, 0, 0];
}

function newBlkcg(cgrp: cgroup, weight: number): blkio_cgroup {
  return { cgroup: cgrp, id: 0, weight, lock: spin_lock_init('&blkcg->lock'), blkg_list: [], policy_list: [] };
}

const st = lazyPerMachine((): BlkcgState => {
  const root = newBlkcg(cgroup_root(), 2 * BLKIO_WEIGHT_DEFAULT);
  cgroup_init_root_css(blkio_subsys, root);
  return { blkio_list_lock: spin_lock_init('blkio_list_lock'), blkio_root_cgroup: root };
});

/** blkio_list_lock, which serializes the policies' callbacks with blkcg core. */
export function blkio_list_lock(): spinlock_t {
  return st().blkio_list_lock;
}

/** &blkio_root_cgroup */
export function blkio_root_cgroup(): blkio_cgroup {
  return st().blkio_root_cgroup;
}

/** @port block/blk-cgroup.c v3.2 ported */
function cgroup_to_blkio_cgroup(cgrp: cgroup): blkio_cgroup {
  return cgrp.subsys[blkio_subsys_id] as blkio_cgroup;
}

/** @port block/blk-cgroup.c v3.2 ported - call under rcu_read_lock */
function task_blkio_cgroup(tsk: task_struct): blkio_cgroup {
  return task_subsys_state(tsk, blkio_subsys_id) as blkio_cgroup;
}

/** Adds to the read or write and the sync or async counter. */
export function blkio_add_stat(stat: number[], add: number, direction: number, sync: boolean): void {
  if (direction) stat[BLKIO_STAT_WRITE] += add;
  else stat[BLKIO_STAT_READ] += add;
  if (sync) stat[BLKIO_STAT_SYNC] += add;
  else stat[BLKIO_STAT_ASYNC] += add;
}

/** Decrements a counter that must not be zero (a BUG if it is). */
function blkio_check_and_dec_stat(stat: number[], direction: number, sync: boolean): void {
  const dir = direction ? BLKIO_STAT_WRITE : BLKIO_STAT_READ;
  BUG_ON(stat[dir] === 0, 'block/blk-cgroup.c');
  stat[dir]--;
  const s = sync ? BLKIO_STAT_SYNC : BLKIO_STAT_ASYNC;
  BUG_ON(stat[s] === 0, 'block/blk-cgroup.c');
  stat[s]--;
}

/** this_cpu_ptr(blkg->stats_cpu); a NULL pointer oopses as the kernel would. */
function this_cpu_stats(blkg: blkio_group, fn: string): blkio_group_stats_cpu {
  const p = blkg.stats_cpu;
  if (p === null) no_context(fn, 'blkg->stats_cpu');
  return per_cpu_ptr(p, current().cpu);
}

/** @port block/blk-cgroup.c v3.2 ported */
function* blkiocg_update_io_add_stats(blkg: blkio_group, _curr_blkg: blkio_group | null, direction: number, sync: boolean): KGen {
  const flags = yield* spinlock.spin_lock_irqsave(blkg.stats_lock);
  blkio_add_stat(blkg.stats.stat_arr[BLKIO_STAT_QUEUED], 1, direction, sync);
  yield* spinlock.spin_unlock_irqrestore(blkg.stats_lock, flags);
}

/** @port block/blk-cgroup.c v3.2 ported */
function* blkiocg_update_io_remove_stats(blkg: blkio_group, direction: number, sync: boolean): KGen {
  const flags = yield* spinlock.spin_lock_irqsave(blkg.stats_lock);
  blkio_check_and_dec_stat(blkg.stats.stat_arr[BLKIO_STAT_QUEUED], direction, sync);
  yield* spinlock.spin_unlock_irqrestore(blkg.stats_lock, flags);
}

/** @port block/blk-cgroup.c v3.2 ported - no CONFIG_DEBUG_BLK_CGROUP unaccounted time */
function* blkiocg_update_timeslice_used(blkg: blkio_group, time: number): KGen {
  const flags = yield* spinlock.spin_lock_irqsave(blkg.stats_lock);
  blkg.stats.time += time;
  yield* spinlock.spin_unlock_irqrestore(blkg.stats_lock, flags);
}

/**
 * Accounts one dispatched bio or request to the group, on this CPU's counters. Called under
 * rcu_read_lock or queue_lock, which keep the group alive.
 * @port block/blk-cgroup.c v3.2 ported - no u64_stats seqcount (the model has no torn reads)
 */
function blkiocg_update_dispatch_stats(blkg: blkio_group, bytes: number, direction: number, sync: boolean): void {
  /*
   * Disabling interrupts to provide mutual exclusion between two
   * writes on same cpu.
   */
  const flags = local_irq_save();
  const stats_cpu = this_cpu_stats(blkg, 'blkiocg_update_dispatch_stats');
  stats_cpu.sectors += bytes >> 9;
  blkio_add_stat(stats_cpu.stat_arr_cpu[BLKIO_STAT_CPU_SERVICED], 1, direction, sync);
  blkio_add_stat(stats_cpu.stat_arr_cpu[BLKIO_STAT_CPU_SERVICE_BYTES], bytes, direction, sync);
  local_irq_restore(flags);
}

/** Merged stats are per cpu. @port block/blk-cgroup.c v3.2 ported */
function blkiocg_update_io_merged_stats(blkg: blkio_group, direction: number, sync: boolean): void {
  const flags = local_irq_save();
  const stats_cpu = this_cpu_stats(blkg, 'blkiocg_update_io_merged_stats');
  blkio_add_stat(stats_cpu.stat_arr_cpu[BLKIO_STAT_CPU_MERGED], 1, direction, sync);
  local_irq_restore(flags);
}

function newStatsCpu(): blkio_group_stats_cpu {
  return { sectors: 0, stat_arr_cpu: [zeroStat(), zeroStat(), zeroStat(), zeroStat()] };
}

/**
 * Allocates the per cpu stats for a blkio_group. Should be called from sleepable context, as
 * alloc_percpu() requires that.
 * @port block/blk-cgroup.c v3.2 ported
 */
function* blkio_alloc_blkg_stats(blkg: blkio_group): KGen<number> {
  /* Allocate memory for per cpu stats */
  blkg.stats_cpu = yield* percpu.__alloc_percpu(STATS_CPU_SIZE, newStatsCpu);
  if (!blkg.stats_cpu) return -ENOMEM;
  return 0;
}

/** The per cpu stats object's size and constructor, for code that allocates them itself. */
export const blkio_group_stats_cpu_type = { size: STATS_CPU_SIZE, make: newStatsCpu };

/**
 * @port block/blk-cgroup.c v3.2 ported - the path is computed at once; a double add is a BUG
 * (CONFIG_DEBUG_LIST style) instead of silent list corruption
 */
function* blkiocg_add_blkio_group(blkcg: blkio_cgroup, blkg: blkio_group, key: unknown, dev: number, plid: number): KGen {
  const flags = yield* spinlock.spin_lock_irqsave(blkcg.lock);
  blkg.stats_lock = spin_lock_init('&blkg->stats_lock');
  blkg.key = key;
  blkg.blkcg_id = blkcg.id;
  /*
   * hlist_add_head_rcu(&blkg->blkcg_node, &blkcg->blkg_list). Adding a group that is still
   * linked corrupts both lists in the kernel; the model cannot follow that and stops here.
   */
  BUG_ON(blkg.blkcg_node !== null, 'lib/list_debug.c');
  blkcg.blkg_list.unshift(blkg);
  blkg.blkcg_node = blkcg;
  blkg.plid = plid;
  yield* spinlock.spin_unlock_irqrestore(blkcg.lock, flags);
  /* Need to take css reference ? */
  blkg.path = cgroup_path(blkcg.cgroup);
  blkg.dev = dev;
}

/** hlist_del_init_rcu(&blkg->blkcg_node); blkcg->lock held. */
function __blkiocg_del_blkio_group(blkg: blkio_group): void {
  const list = (blkg.blkcg_node as blkio_cgroup).blkg_list;
  list.splice(list.indexOf(blkg), 1);
  blkg.blkcg_node = null;
  blkg.blkcg_id = 0;
}

/**
 * Returns 0 if the blkio_group was still on its cgroup's list (and takes it off), 1 if it had
 * been unhashed by the time we got to it.
 * @port block/blk-cgroup.c v3.2 ported
 */
function* blkiocg_del_blkio_group(blkg: blkio_group): KGen<number> {
  let ret = 1;
  rcu_read_lock();
  const css = css_lookup(blkio_subsys, blkg.blkcg_id);
  if (css) {
    const blkcg = css as blkio_cgroup;
    const flags = yield* spinlock.spin_lock_irqsave(blkcg.lock);
    if (blkg.blkcg_node !== null) {
      __blkiocg_del_blkio_group(blkg);
      ret = 0;
    }
    yield* spinlock.spin_unlock_irqrestore(blkcg.lock, flags);
  }
  rcu_read_unlock();
  return ret;
}

/** Called under rcu_read_lock(). @port block/blk-cgroup.c v3.2 ported */
function blkiocg_lookup_group(blkcg: blkio_cgroup, key: unknown): blkio_group | null {
  for (const blkg of blkcg.blkg_list) if (blkg.key === key) return blkg;
  return null;
}

/** @port block/blk-cgroup.c v3.2 ported */
function blkio_reset_stats_cpu(blkg: blkio_group): void {
  const p = blkg.stats_cpu;
  if (p === null) no_context('blkio_reset_stats_cpu', 'blkg->stats_cpu');
  for (let i = 0; i < p.length; i++) {
    const stats_cpu = per_cpu_ptr(p, i);
    stats_cpu.sectors = 0;
    for (let j = 0; j < BLKIO_STAT_CPU_NR; j++) for (let k = 0; k < BLKIO_STAT_TOTAL; k++) stats_cpu.stat_arr_cpu[j][k] = 0;
  }
}

/** Writing reset_stats. @port block/blk-cgroup.c v3.2 ported - no CONFIG_DEBUG_BLK_CGROUP state */
function* blkiocg_reset_stats(cgrp: cgroup): KGen<number> {
  const blkcg = cgroup_to_blkio_cgroup(cgrp);
  yield* spinlock.spin_lock_irq(blkcg.lock);
  for (const blkg of blkcg.blkg_list) {
    yield* spinlock.spin_lock(blkg.stats_lock);
    const stats = blkg.stats;
    const queued = stats.stat_arr[BLKIO_STAT_QUEUED].slice();
    stats.time = 0;
    stats.stat_arr = [zeroStat(), zeroStat(), queued];
    yield* spinlock.spin_unlock(blkg.stats_lock);
    /* Reset Per cpu stats which don't take blkg->stats_lock */
    blk_cgroup.blkio_reset_stats_cpu(blkg);
  }
  yield* spinlock.spin_unlock_irq(blkcg.lock);
  return 0;
}

/** @port block/blk-cgroup.c v3.2 ported - no u64_stats retry loop */
function blkio_read_stat_cpu(blkg: blkio_group, type: number, sub_type: number): number {
  const p = blkg.stats_cpu;
  if (p === null) no_context('blkio_read_stat_cpu', 'blkg->stats_cpu');
  let val = 0;
  for (let cpu = 0; cpu < p.length; cpu++) {
    const stats_cpu = per_cpu_ptr(p, cpu);
    val += type === BLKIO_STAT_CPU_SECTORS ? stats_cpu.sectors : stats_cpu.stat_arr_cpu[type][sub_type];
  }
  return val;
}

/**
 * Reading a per-cpu stat file (io_service_bytes, io_serviced, io_merged, sectors): the total
 * over the cgroup's groups of one policy, read and write (what the file's "Total" line shows).
 * @port block/blk-cgroup.c v3.2 simplified - blkio_read_blkg_stats() for pcpu stats, the total only
 */
function blkio_read_blkg_stats(blkcg: blkio_cgroup, plid: number, type: number): number {
  let cgroup_total = 0;
  rcu_read_lock();
  for (const blkg of blkcg.blkg_list) {
    if (!blkg.dev || blkg.plid !== plid) continue;
    if (type === BLKIO_STAT_CPU_SECTORS) cgroup_total += blk_cgroup.blkio_read_stat_cpu(blkg, type, 0);
    else cgroup_total += blk_cgroup.blkio_read_stat_cpu(blkg, type, BLKIO_STAT_READ) + blk_cgroup.blkio_read_stat_cpu(blkg, type, BLKIO_STAT_WRITE);
  }
  rcu_read_unlock();
  return cgroup_total;
}

/** Must be called with blkcg->lock held. */
function blkio_policy_search_node(blkcg: blkio_cgroup, dev: number, plid: number, fileid: number): blkio_policy_node | null {
  for (const pn of blkcg.policy_list) if (pn.dev === dev && pn.plid === plid && pn.fileid === fileid) return pn;
  return null;
}

function policy_node_value(blkcg: blkio_cgroup, dev: number, plid: number, fileid: number, dflt: number): number {
  const pn = blkio_policy_search_node(blkcg, dev, plid, fileid);
  return pn ? pn.val : dflt;
}

/** @port block/blk-cgroup.c v3.2 ported */
function blkcg_get_weight(blkcg: blkio_cgroup, dev: number): number {
  return policy_node_value(blkcg, dev, BLKIO_POLICY_PROP, BLKIO_PROP_weight_device, blkcg.weight);
}

/** -1: no rule (unlimited). @port block/blk-cgroup.c v3.2 ported */
function blkcg_get_read_bps(blkcg: blkio_cgroup, dev: number): number {
  return policy_node_value(blkcg, dev, BLKIO_POLICY_THROTL, BLKIO_THROTL_read_bps_device, -1);
}

/** @port block/blk-cgroup.c v3.2 ported */
function blkcg_get_write_bps(blkcg: blkio_cgroup, dev: number): number {
  return policy_node_value(blkcg, dev, BLKIO_POLICY_THROTL, BLKIO_THROTL_write_bps_device, -1);
}

/** @port block/blk-cgroup.c v3.2 ported */
function blkcg_get_read_iops(blkcg: blkio_cgroup, dev: number): number {
  return policy_node_value(blkcg, dev, BLKIO_POLICY_THROTL, BLKIO_THROTL_read_iops_device, -1);
}

/** @port block/blk-cgroup.c v3.2 ported */
function blkcg_get_write_iops(blkcg: blkio_cgroup, dev: number): number {
  return policy_node_value(blkcg, dev, BLKIO_POLICY_THROTL, BLKIO_THROTL_write_iops_device, -1);
}

/** A zero value asks to delete the rule. */
function blkio_delete_rule_command(pn: blkio_policy_node): boolean {
  return pn.val === 0;
}

/**
 * Sends a changed rule to the policy that owns the group.
 * @port block/blk-cgroup.c v3.2 ported - blkio_update_blkg_policy() with blkio_update_group_{weight,bps,iops}() inlined
 */
function* blkio_update_blkg_policy(blkcg: blkio_cgroup, blkg: blkio_group, pn: blkio_policy_node): KGen {
  for (const blkiop of blkio_list()) {
    /* If this policy does not own the blkg, do not send updates */
    if (blkiop.plid !== blkg.plid) continue;
    const ops = blkiop.ops;
    if (pn.plid === BLKIO_POLICY_PROP) {
      ops.blkio_update_group_weight_fn?.(blkg.key, blkg, pn.val ? pn.val : blkcg.weight);
      continue;
    }
    const v = pn.val ? pn.val : -1;
    if (pn.fileid === BLKIO_THROTL_read_bps_device && ops.blkio_update_group_read_bps_fn) yield* ops.blkio_update_group_read_bps_fn(blkg.key, blkg, v);
    if (pn.fileid === BLKIO_THROTL_write_bps_device && ops.blkio_update_group_write_bps_fn) yield* ops.blkio_update_group_write_bps_fn(blkg.key, blkg, v);
    if (pn.fileid === BLKIO_THROTL_read_iops_device && ops.blkio_update_group_read_iops_fn) yield* ops.blkio_update_group_read_iops_fn(blkg.key, blkg, v);
    if (pn.fileid === BLKIO_THROTL_write_iops_device && ops.blkio_update_group_write_iops_fn) yield* ops.blkio_update_group_write_iops_fn(blkg.key, blkg, v);
  }
}

/**
 * A rule changed: tell every group of the cgroup on that device.
 * @port block/blk-cgroup.c v3.2 ported
 */
function* blkio_update_policy_node_blkg(blkcg: blkio_cgroup, pn: blkio_policy_node): KGen {
  const s = st();
  yield* spinlock.spin_lock(s.blkio_list_lock);
  yield* spinlock.spin_lock_irq(blkcg.lock);
  for (const blkg of blkcg.blkg_list) {
    if (pn.dev !== blkg.dev || pn.plid !== blkg.plid) continue;
    yield* blk_cgroup.blkio_update_blkg_policy(blkcg, blkg, pn);
  }
  yield* spinlock.spin_unlock_irq(blkcg.lock);
  yield* spinlock.spin_unlock(s.blkio_list_lock);
}

/**
 * Writing a rule file (blkio.weight_device, blkio.throttle.*_device): "major:minor value".
 * A zero value deletes the rule.
 * @port block/blk-cgroup.c v3.2 simplified - takes the parsed dev and value (no string parsing
 * or range checks); as in the v3.0-3.2 source read, a deleted rule's node is not freed
 */
function* blkiocg_file_write(cgrp: cgroup, plid: number, fileid: number, dev: number, val: number): KGen<number> {
  const newpn = yield* slab.kzalloc(48, GFP_KERNEL, (): blkio_policy_node => ({ dev, plid, fileid, val }));
  if (!newpn) return -ENOMEM;
  let keep_newpn = false;
  const blkcg = cgroup_to_blkio_cgroup(cgrp);
  yield* spinlock.spin_lock_irq(blkcg.lock);
  const pn = blkio_policy_search_node(blkcg, dev, plid, fileid);
  if (!pn) {
    if (!blkio_delete_rule_command(newpn)) {
      blkcg.policy_list.unshift(newpn);
      keep_newpn = true;
    }
    yield* spinlock.spin_unlock_irq(blkcg.lock);
  } else if (blkio_delete_rule_command(newpn)) {
    blkcg.policy_list.splice(blkcg.policy_list.indexOf(pn), 1);
    yield* spinlock.spin_unlock_irq(blkcg.lock);
  } else {
    yield* spinlock.spin_unlock_irq(blkcg.lock);
    /* blkio_update_policy_rule() */
    pn.val = newpn.val;
  }
  /* update_io_group: */
  yield* blk_cgroup.blkio_update_policy_node_blkg(blkcg, newpn);
  if (!keep_newpn) slab.kfree(newpn);
  return 0;
}

/**
 * The cgroup goes away: unlink every group from it and let its policy destroy it.
 * @port block/blk-cgroup.c v3.2 ported
 */
function* blkiocg_destroy(_ss: cgroup_subsys, cgrp: cgroup): KGen {
  const blkcg = cgroup_to_blkio_cgroup(cgrp);
  const s = st();
  rcu_read_lock();
  for (;;) {
    const flags = yield* spinlock.spin_lock_irqsave(blkcg.lock);
    if (blkcg.blkg_list.length === 0) {
      yield* spinlock.spin_unlock_irqrestore(blkcg.lock, flags);
      break;
    }
    const blkg = blkcg.blkg_list[0];
    const key = blkg.key;
    __blkiocg_del_blkio_group(blkg);
    yield* spinlock.spin_unlock_irqrestore(blkcg.lock, flags);
    /*
     * This blkio_group is being unlinked as associated cgroup is
     * going away. Let all the IO controlling policies know about
     * this event.
     */
    yield* spinlock.spin_lock(s.blkio_list_lock);
    for (const blkiop of blkio_list()) {
      if (blkiop.plid !== blkg.plid) continue;
      yield* blkiop.ops.blkio_unlink_group_fn(key, blkg);
    }
    yield* spinlock.spin_unlock(s.blkio_list_lock);
  }
  for (const pn of blkcg.policy_list.splice(0)) slab.kfree(pn);
  free_css_id(blkio_subsys, blkcg);
  rcu_read_unlock();
  if (blkcg !== s.blkio_root_cgroup) slab.kfree(blkcg);
}

/** @port block/blk-cgroup.c v3.2 ported */
function* blkiocg_create(_ss: cgroup_subsys, cgrp: cgroup): KGen<blkio_cgroup | null> {
  if (!cgrp.parent) return st().blkio_root_cgroup;
  return yield* slab.kzalloc(96, GFP_KERNEL, () => newBlkcg(cgrp, BLKIO_WEIGHT_DEFAULT));
}

/**
 * A task may change its cgroup only if it is the only owner of its io_context.
 * @port block/blk-cgroup.c v3.2 simplified - an io_context is never shared in the model
 */
function blkiocg_can_attach_task(_cgrp: cgroup, _tsk: task_struct): number {
  return 0;
}

/** Tells CFQ to look the task's queues up again (ioc->cgroup_changed). @port block/blk-cgroup.c v3.2 ported */
function blkiocg_attach_task(_cgrp: cgroup, tsk: task_struct): void {
  const ioc = blk_ioc.task_io_context(tsk);
  if (ioc) ioc.cgroup_changed = true;
}

/** @port block/blk-cgroup.c v3.2 simplified - built-in policies register once, at load */
export function blkio_policy_register(blkiop: blkio_policy_type): void {
  blkio_list().push(blkiop);
}

export const blk_cgroup = kernel_functions('block/blk-cgroup.c', {
  cgroup_to_blkio_cgroup,
  task_blkio_cgroup,
  blkiocg_update_io_add_stats,
  blkiocg_update_io_remove_stats,
  blkiocg_update_timeslice_used,
  blkiocg_update_dispatch_stats,
  blkiocg_update_io_merged_stats,
  blkio_alloc_blkg_stats,
  blkiocg_add_blkio_group,
  blkiocg_del_blkio_group,
  blkiocg_lookup_group,
  blkio_reset_stats_cpu,
  blkiocg_reset_stats,
  blkio_read_stat_cpu,
  blkio_read_blkg_stats,
  blkcg_get_weight,
  blkcg_get_read_bps,
  blkcg_get_write_bps,
  blkcg_get_read_iops,
  blkcg_get_write_iops,
  blkio_update_blkg_policy,
  blkio_update_policy_node_blkg,
  blkiocg_file_write,
  blkiocg_destroy,
  blkiocg_create,
  blkiocg_can_attach_task,
  blkiocg_attach_task,
});

/** struct cgroup_subsys blkio_subsys: calls go through the table, so patches reach them. */
export const blkio_subsys: cgroup_subsys = {
  name: 'blkio',
  subsys_id: blkio_subsys_id,
  create: (ss, cgrp) => blk_cgroup.blkiocg_create(ss, cgrp),
  destroy: (ss, cgrp) => blk_cgroup.blkiocg_destroy(ss, cgrp),
  can_attach_task: (cgrp, tsk) => blk_cgroup.blkiocg_can_attach_task(cgrp, tsk),
  attach_task: (cgrp, tsk) => blk_cgroup.blkiocg_attach_task(cgrp, tsk),
};

cgroup_load_subsys(blkio_subsys);
