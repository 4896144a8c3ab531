// Control groups as the block IO controller needs them (kernel/cgroup.c, v3.2): one hierarchy
// with the subsystems the model registers, directories created and removed under cgroup_mutex,
// tasks moved between groups by switching their css pointer, and CSS ids that css_lookup()
// resolves until the subsystem's destroy frees them. This file holds the task -> cgroup
// association; task_blkio_cgroup() in block/blk-cgroup.ts reads it for the current task.
//
// Simplified: no css_set sharing (a task points at its cgroup directly), no css refcounts or
// pre_destroy, no release agent, no cgroupfs; a directory's last dentry put (cgroup_diput) is
// done at the end of rmdir.

import { GFP_KERNEL } from '../include/linux/gfp.ts';
import { kernel_functions } from '../sim/hooks.ts';
import { lazyPerMachine } from '../lib/lazy-per-machine.ts';
import { type KGen, type task_struct, registerTaskInit } from '../sim/task.ts';
import { slab } from '../mm/slab.ts';
import { mutex_init, mutexes, type mutex } from './locking/mutex.ts';
import { call_rcu, rcu, type rcu_head } from './rcupdate.ts';
import { EBUSY, ENODEV, ESRCH } from '../include/uapi/asm-generic/errno-base.ts';

export interface cgroup_subsys_state {
  cgroup: cgroup;
  /** The CSS id (alloc_css_id), 0 once freed. */
  id: number;
}

export interface cgroup {
  name: string;
  parent: cgroup | null;
  children: cgroup[];
  /** The state of each subsystem for this cgroup, by subsys_id. */
  subsys: (cgroup_subsys_state | null)[];
  /** Tasks attached (the css_set reference count, as cgroup_rmdir checks it). */
  count: number;
  /** CGRP_REMOVED */
  removed: boolean;
  rcu_head: rcu_head;
}

export interface cgroup_subsys {
  name: string;
  subsys_id: number;
  create(ss: cgroup_subsys, cgrp: cgroup): KGen<cgroup_subsys_state | null>;
  destroy(ss: cgroup_subsys, cgrp: cgroup): KGen;
  can_attach_task(cgrp: cgroup, tsk: task_struct): number;
  attach_task(cgrp: cgroup, tsk: task_struct): void;
}

/**
 * The subsystems built in (subsys[] in the kernel), registered when their files load. Kept on
 * a function, which exists before this file's body runs: a subsystem's file may load first.
 */
function subsys(): cgroup_subsys[] {
  const holder = subsys as unknown as { list?: cgroup_subsys[] };
  holder.list ??= [];
  return holder.list;
}

/** @port kernel/cgroup.c v3.2 simplified - built-in subsystems only, registered at load */
export function cgroup_load_subsys(ss: cgroup_subsys): void {
  subsys()[ss.subsys_id] = ss;
}

interface CgroupState {
  root: cgroup;
  cgroup_mutex: mutex;
  /** The CSS id table of each subsystem (ss->idr). */
  css_ids: Map<number, cgroup_subsys_state>[];
  next_css_id: number;
}

function newCgroup(name: string, parent: cgroup | null): cgroup {
  return { name, parent, children: [], subsys: [], count: 0, removed: false, rcu_head: { func: null } };
}

const st = lazyPerMachine((m): CgroupState => {
  const state: CgroupState = {
    root: newCgroup('', null),
    cgroup_mutex: mutex_init('cgroup_mutex'),
    css_ids: subsys().map(() => new Map()),
    next_css_id: 1,
  };
  // cgroup_exit(): a task that ends drops its reference on its cgroup.
  m.observers.push({
    onExit(t) {
      if (t.kind === 'task' && t.cgroups !== null) t.cgroups.count--;
    },
  });
  return state;
});

declare module '../sim/task.ts' {
  interface task_struct {
    /** tsk->cgroups: null while the task is in the root cgroup (init_css_set). */
    cgroups: cgroup | null;
  }
}

registerTaskInit((t) => {
  t.cgroups = null;
});

/** The root of the hierarchy (dummytop). */
export function cgroup_root(): cgroup {
  return st().root;
}

/** Gives the root cgroup its state for `ss` at boot (cgroup_init_subsys). */
export function cgroup_init_root_css(ss: cgroup_subsys, css: cgroup_subsys_state): void {
  const s = st();
  s.root.subsys[ss.subsys_id] = css;
  css.id = s.next_css_id++;
  s.css_ids[ss.subsys_id].set(css.id, css);
}

/** task_cgroup(): the cgroup a task is in; call under rcu_read_lock. */
export function task_cgroup(tsk: task_struct): cgroup {
  return tsk.cgroups ?? st().root;
}

/** task_subsys_state(): rcu_dereference of the task's state for a subsystem. */
export function task_subsys_state(tsk: task_struct, subsys_id: number): cgroup_subsys_state {
  return task_cgroup(tsk).subsys[subsys_id] as cgroup_subsys_state;
}

/** css_lookup(): the state with this id, or null once its id was freed. Under rcu_read_lock. */
export function css_lookup(ss: cgroup_subsys, id: number): cgroup_subsys_state | null {
  return st().css_ids[ss.subsys_id].get(id) ?? null;
}

/** free_css_id(): called from the subsystem's destroy. */
export function free_css_id(ss: cgroup_subsys, css: cgroup_subsys_state): void {
  st().css_ids[ss.subsys_id].delete(css.id);
  css.id = 0;
}

/** cgroup_path() */
export function cgroup_path(cgrp: cgroup): string {
  const parts: string[] = [];
  for (let c: cgroup | null = cgrp; c !== null && c.parent !== null; c = c.parent) parts.unshift(c.name);
  return `/${parts.join('/')}`;
}

/**
 * mkdir in the cgroup filesystem: allocates the cgroup and every subsystem's state under
 * cgroup_mutex, as cgroup_create() does. Returns the cgroup or null (-ENOMEM).
 * @port kernel/cgroup.c v3.2 simplified - cgroup_create() without the dentry and file population
 */
function* cgroup_mkdir(parent: cgroup, name: string): KGen<cgroup | null> {
  const s = st();
  const cgrp = yield* slab.kzalloc(256, GFP_KERNEL, () => newCgroup(name, parent));
  if (cgrp === null) return null;
  yield* mutexes.mutex_lock(s.cgroup_mutex);
  let failed = false;
  for (const ss of subsys()) {
    const css = yield* ss.create(ss, cgrp);
    if (css === null) {
      failed = true;
      break;
    }
    css.cgroup = cgrp;
    cgrp.subsys[ss.subsys_id] = css;
    /* alloc_css_id() */
    css.id = s.next_css_id++;
    s.css_ids[ss.subsys_id].set(css.id, css);
  }
  if (failed) {
    /* err_destroy: */
    for (const ss of subsys()) if (cgrp.subsys[ss.subsys_id]) yield* ss.destroy(ss, cgrp);
    yield* mutexes.mutex_unlock(s.cgroup_mutex);
    slab.kfree(cgrp);
    return null;
  }
  parent.children.push(cgrp);
  yield* mutexes.mutex_unlock(s.cgroup_mutex);
  return cgrp;
}

/**
 * rmdir: refuses a cgroup with tasks or children (-EBUSY), marks it removed, then does what the
 * last dentry put does (cgroup_diput): waits for an RCU grace period, destroys every
 * subsystem's state under cgroup_mutex and frees the cgroup after another grace period.
 * @port kernel/cgroup.c v3.2 simplified - cgroup_rmdir() followed at once by cgroup_diput()
 */
function* cgroup_rmdir(cgrp: cgroup): KGen<number> {
  const s = st();
  yield* mutexes.mutex_lock(s.cgroup_mutex);
  if (cgrp.count !== 0 || cgrp.children.length > 0) {
    yield* mutexes.mutex_unlock(s.cgroup_mutex);
    return -EBUSY;
  }
  cgrp.removed = true;
  const parent = cgrp.parent as cgroup;
  parent.children.splice(parent.children.indexOf(cgrp), 1);
  yield* mutexes.mutex_unlock(s.cgroup_mutex);
  /* cgroup_diput(): */
  yield* rcu.synchronize_rcu();
  yield* mutexes.mutex_lock(s.cgroup_mutex);
  for (const ss of subsys()) yield* ss.destroy(ss, cgrp);
  yield* mutexes.mutex_unlock(s.cgroup_mutex);
  call_rcu(cgrp.rcu_head, function* free_cgroup_rcu(): KGen {
    slab.kfree(cgrp);
  });
  return 0;
}

/**
 * Moves a task into `cgrp`: every subsystem may refuse (can_attach_task), then the task's
 * cgroup pointer is switched and each subsystem told (attach_task).
 * @port kernel/cgroup.c v3.2 simplified - takes cgroup_mutex itself; no css_set lookup or threadgroup
 */
function* cgroup_attach_task(cgrp: cgroup, tsk: task_struct): KGen<number> {
  const s = st();
  yield* mutexes.mutex_lock(s.cgroup_mutex);
  /* cgroup_lock_live_group() fails on a removed cgroup; a task that exited is not found */
  if (cgrp.removed || tsk.exited) {
    yield* mutexes.mutex_unlock(s.cgroup_mutex);
    return cgrp.removed ? -ENODEV : -ESRCH;
  }
  const oldcgrp = task_cgroup(tsk);
  if (oldcgrp === cgrp) {
    yield* mutexes.mutex_unlock(s.cgroup_mutex);
    return 0;
  }
  for (const ss of subsys()) {
    const ret = ss.can_attach_task(cgrp, tsk);
    if (ret) {
      yield* mutexes.mutex_unlock(s.cgroup_mutex);
      return ret;
    }
  }
  /* cgroup_task_migrate(): rcu_assign_pointer(tsk->cgroups, newcg) */
  if (tsk.cgroups !== null) tsk.cgroups.count--;
  tsk.cgroups = cgrp === s.root ? null : cgrp;
  if (tsk.cgroups !== null) tsk.cgroups.count++;
  for (const ss of subsys()) ss.attach_task(cgrp, tsk);
  yield* mutexes.mutex_unlock(s.cgroup_mutex);
  return 0;
}

export const cgroups = kernel_functions('kernel/cgroup.c', { cgroup_mkdir, cgroup_rmdir, cgroup_attach_task });
