// Control groups as a subsystem of a translated world meets them (kernel/cgroup.c, v3.2): one
// hierarchy; a subsystem registers with cgroup_load_subsys() and gets its create, destroy,
// can_attach_task, attach_task and populate callbacks called as the kernel calls them, all
// under cgroup_mutex; CSS ids that css_lookup() resolves until free_css_id(); and the cgroup
// files a subsystem adds with cgroup_add_files(), which workloads write as userspace would.
//
// Simplified: no css_set sharing (a task points at its cgroup directly), no css refcounts or
// pre_destroy, no release agent; a directory's last dentry put (cgroup_diput) is done at the
// end of rmdir; the hierarchy has the subsystems the world registers and nothing else.

import { EBUSY, EINVAL, ENODEV, ESRCH } from '../include/uapi/asm-generic/errno-base.ts';
import { GFP_KERNEL } from '../include/linux/gfp.ts';
import { ATOMIC_INIT, type atomic_t } from '../include/linux/atomic.ts';
import { kernel_functions } from '../sim/hooks.ts';
import { lazyPerMachine } from '../lib/lazy-per-machine.ts';
import { struct_type } from '../lib/kstruct.ts';
import { NULL, type Ref } from '../lib/c-pointers.ts';
import type { seq_file } from '../lib/string.ts';
import { type KGen, type task_struct, registerTaskInit } from '../sim/task.ts';
import { slab } from '../mm/slab.ts';
import { DEFINE_MUTEX, mutexes, type mutex } from './locking/mutex.ts';
import { call_rcu, rcu, rcu_dereference_check, rcu_head_zeroed, type rcu_head } from './rcupdate.ts';

/** The subsystem ids of the model's hierarchy (include/linux/cgroup_subsys.h, as configured). */
export const blkio_subsys_id = 0;
const CGROUP_SUBSYS_COUNT = 1;

export interface cgroup_subsys_state {
  cgroup: cgroup;
  refcnt: atomic_t;
  flags: number;
  /** The CSS id (alloc_css_id), 0 until allocated and once freed. */
  id: number;
}

/** A zeroed css, as a subsystem's struct embeds it. */
export function cgroup_subsys_state_zeroed(): cgroup_subsys_state {
  return { cgroup: NULL, refcnt: ATOMIC_INIT(0), flags: 0, id: 0 };
}

/** struct cftype: a file of a subsystem in each cgroup directory; only the handlers a world sets. */
export interface cftype {
  name: string;
  private: number;
  read_map?: ((cgrp: cgroup, cft: cftype, cb: cgroup_map_cb) => KGen<number>) | null;
  read_seq_string?: ((cgrp: cgroup, cft: cftype, m: seq_file) => KGen<number>) | null;
  write_string?: ((cgrp: cgroup, cft: cftype, buffer: string) => KGen<number>) | null;
  read_u64?: ((cgrp: cgroup, cft: cftype) => KGen<number>) | null;
  write_u64?: ((cgrp: cgroup, cft: cftype, val: number) => KGen<number>) | null;
  trigger?: ((cgrp: cgroup, event: number) => KGen<number>) | null;
  max_write_len?: number;
}

/** A zeroed cftype, for the C's initializers. */
export function cftype_zeroed(): cftype {
  return { name: '', private: 0 };
}

/** struct cgroup_map_cb: what a read_map handler fills, key by key. */
export interface cgroup_map_cb {
  fill: (cb: cgroup_map_cb, key: string, value: number) => KGen<number>;
  state: Map<string, number>;
}

export interface cgroup_subsys {
  name: string;
  subsys_id: number;
  use_id: number;
  create: (ss: cgroup_subsys, cgrp: cgroup) => KGen<cgroup_subsys_state>;
  destroy: (ss: cgroup_subsys, cgrp: cgroup) => KGen;
  can_attach_task?: ((cgrp: cgroup, tsk: task_struct) => KGen<number>) | null;
  attach_task?: ((cgrp: cgroup, tsk: task_struct) => KGen) | null;
  populate?: ((ss: cgroup_subsys, cgrp: cgroup) => KGen<number>) | null;
  module?: unknown;
}

export interface cgroup {
  name: string;
  parent: cgroup;
  children: cgroup[];
  /** The state of each subsystem for this cgroup, by subsys_id. */
  subsys: cgroup_subsys_state[];
  /** Tasks attached (the css_set reference count, as cgroup_rmdir checks it). */
  count: number;
  /** CGRP_REMOVED */
  removed: boolean;
  rcu_head: rcu_head;
  /** The cgroup files, "<subsys>.<name>" -> file. */
  files: Map<string, { cft: cftype; ss: cgroup_subsys }>;
}

interface CgroupState {
  cgroup_mutex: mutex;
  root: cgroup;
  subsys: cgroup_subsys[];
  css_ids: Map<number, cgroup_subsys_state>[];
  next_css_id: number;
}

function newCgroup(name: string, parent: cgroup): cgroup {
  return { name, parent, children: [], subsys: new Array<cgroup_subsys_state>(CGROUP_SUBSYS_COUNT).fill(NULL), count: 0, removed: false, rcu_head: rcu_head_zeroed(), files: new Map() };
}

const st = lazyPerMachine(
  (): CgroupState => ({
    cgroup_mutex: DEFINE_MUTEX('cgroup_mutex'),
    root: newCgroup('', NULL),
    subsys: [],
    css_ids: Array.from({ length: CGROUP_SUBSYS_COUNT }, () => new Map()),
    next_css_id: 1,
  }),
);

declare module '../sim/task.ts' {
  interface task_struct {
    /** tsk->cgroups: null while the task is in the root cgroup (init_css_set). */
    cgroups: cgroup | null;
  }
}

registerTaskInit((t) => {
  t.cgroups = null;
});

/** The root cgroup of the hierarchy (rootnode.top_cgroup). */
export function cgroup_root(): cgroup {
  return st().root;
}

function task_cgroup(tsk: task_struct): cgroup {
  return tsk.cgroups ?? st().root;
}

/** cgroup_subsys_state(cgrp, subsys_id) */
export function cgroup_subsys_state(cgrp: cgroup, subsys_id: number): cgroup_subsys_state {
  return cgrp.subsys[subsys_id];
}

/** task_subsys_state(tsk, subsys_id): the task's state of that subsystem. */
export function task_subsys_state(tsk: task_struct, subsys_id: number): cgroup_subsys_state {
  return task_cgroup(tsk).subsys[subsys_id];
}

/** css_id(css) */
export function css_id(css: cgroup_subsys_state): number {
  return css.id;
}

/**
 * css_lookup(ss, id): the css with that id, or NULL once it is freed. "Should be called under
 * rcu_read_lock()": the C reads the id's css with rcu_dereference(), which PROVE_RCU checks.
 * @port kernel/cgroup.c v3.2 simplified - a map for the idr; the check where the C reads the pointer
 */
export function css_lookup(ss: cgroup_subsys, id: number): cgroup_subsys_state {
  const css = st().css_ids[ss.subsys_id].get(id);
  if (css === undefined) return NULL;
  return rcu_dereference_check(css, false, 'kernel/cgroup.c');
}

/** free_css_id(ss, css) */
export function free_css_id(ss: cgroup_subsys, css: cgroup_subsys_state): void {
  st().css_ids[ss.subsys_id].delete(css.id);
  css.id = 0;
}

/** The path of a cgroup, "/a/b" (cgroup_path() writes it into a buffer). */
export function cgroup_path_string(cgrp: cgroup): string {
  const parts: string[] = [];
  for (let c: cgroup = cgrp; c !== null && c.parent !== null; c = c.parent) parts.unshift(c.name);
  return `/${parts.join('/')}`;
}

/** cgroup_path(cgrp, buf, buflen): the path, written into a char buffer. */
export function cgroup_path(cgrp: cgroup, buf: Ref<string>, buflen: number): number {
  buf.v = cgroup_path_string(cgrp).slice(0, Math.max(0, buflen - 1));
  return 0;
}

/** cgroup_add_files(cgrp, subsys, cfts, count) @port kernel/cgroup.c v3.2 simplified - no cgroupfs dentries */
export function cgroup_add_files(cgrp: cgroup, subsys: cgroup_subsys, cfts: cftype[], count: number): number {
  for (let i = 0; i < count; i++) cgrp.files.set(`${subsys.name}.${cfts[i].name}`, { cft: cfts[i], ss: subsys });
  return 0;
}

/** init_cgroup_css + alloc_css_id: attaches a subsystem's new state to its cgroup. */
function init_cgroup_css(css: cgroup_subsys_state, ss: cgroup_subsys, cgrp: cgroup): void {
  const s = st();
  css.cgroup = cgrp;
  cgrp.subsys[ss.subsys_id] = css;
  if (ss.use_id) {
    css.id = s.next_css_id++;
    s.css_ids[ss.subsys_id].set(css.id, css);
  }
}

/**
 * A built-in or modular subsystem joins the hierarchy: its state for the root cgroup is made
 * with its create callback, and its files are added to the root.
 * @port kernel/cgroup.c v3.2 simplified - one hierarchy; no subsystem module refcount
 */
function* cgroup_load_subsys(ss: cgroup_subsys): KGen<number> {
  const s = st();
  yield* mutexes.mutex_lock(s.cgroup_mutex);
  s.subsys[ss.subsys_id] = ss;
  const css = yield* ss.create(ss, s.root);
  if (css === NULL) {
    yield* mutexes.mutex_unlock(s.cgroup_mutex);
    return -EINVAL;
  }
  init_cgroup_css(css, ss, s.root);
  if (ss.populate) yield* ss.populate(ss, s.root);
  yield* mutexes.mutex_unlock(s.cgroup_mutex);
  return 0;
}

/** cgroup_unload_subsys(ss): the subsystem leaves (a built-in one never does). */
function* cgroup_unload_subsys(ss: cgroup_subsys): KGen {
  const s = st();
  yield* mutexes.mutex_lock(s.cgroup_mutex);
  yield* ss.destroy(ss, s.root);
  delete s.subsys[ss.subsys_id];
  yield* mutexes.mutex_unlock(s.cgroup_mutex);
}

const cgroup_type = struct_type('cgroup', 256, (): cgroup => newCgroup('', NULL));

/**
 * mkdir in the cgroup filesystem: allocates the cgroup and every subsystem's state under
 * cgroup_mutex, as cgroup_create() does, and adds the subsystems' files. Returns the cgroup
 * or NULL (-ENOMEM).
 * @port kernel/cgroup.c v3.2 simplified - cgroup_create() without the dentry
 */
function* cgroup_mkdir(parent: cgroup, name: string): KGen<cgroup> {
  const s = st();
  const cgrp = yield* slab.kzalloc(cgroup_type, GFP_KERNEL);
  if (cgrp === null) return NULL;
  cgrp.name = name;
  cgrp.parent = parent;
  yield* mutexes.mutex_lock(s.cgroup_mutex);
  let failed = false;
  for (const ss of s.subsys) {
    if (ss === undefined) continue;
    const css = yield* ss.create(ss, cgrp);
    if (css === NULL) {
      failed = true;
      break;
    }
    init_cgroup_css(css, ss, cgrp);
  }
  if (failed) {
    /* err_destroy: */
    for (const ss of s.subsys) if (ss !== undefined && cgrp.subsys[ss.subsys_id]) yield* ss.destroy(ss, cgrp);
    yield* mutexes.mutex_unlock(s.cgroup_mutex);
    slab.kfree(cgrp);
    return NULL;
  }
  parent.children.push(cgrp);
  for (const ss of s.subsys) if (ss?.populate) yield* ss.populate(ss, cgrp);
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
  const parent = cgrp.parent;
  parent.children.splice(parent.children.indexOf(cgrp), 1);
  yield* mutexes.mutex_unlock(s.cgroup_mutex);
  /* cgroup_diput(): */
  yield* rcu.synchronize_rcu();
  yield* mutexes.mutex_lock(s.cgroup_mutex);
  for (const ss of s.subsys) if (ss !== undefined) yield* ss.destroy(ss, cgrp);
  yield* mutexes.mutex_unlock(s.cgroup_mutex);
  call_rcu(cgrp.rcu_head, function* free_cgroup_rcu(): KGen {
    slab.kfree(cgrp);
  });
  return 0;
}

/**
 * cgroup_exit(tsk): an exiting task leaves its cgroup for the root (init_css_set), so that the
 * cgroup can be removed.
 * @port kernel/cgroup.c v3.2 simplified - no css_set refcounts; no subsystem of the model has an exit callback
 */
export function cgroup_exit(tsk: task_struct): void {
  if (tsk.cgroups !== null) tsk.cgroups.count--;
  tsk.cgroups = null;
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
  if (task_cgroup(tsk) === cgrp) {
    yield* mutexes.mutex_unlock(s.cgroup_mutex);
    return 0;
  }
  for (const ss of s.subsys) {
    if (!ss?.can_attach_task) continue;
    const ret = yield* ss.can_attach_task(cgrp, tsk);
    if (ret) {
      yield* mutexes.mutex_unlock(s.cgroup_mutex);
      return ret;
    }
  }
  /* cgroup_task_migrate(): a task already in do_exit() (PF_EXITING) is not moved */
  if (tsk.exiting || tsk.exited) {
    yield* mutexes.mutex_unlock(s.cgroup_mutex);
    return -ESRCH;
  }
  /* rcu_assign_pointer(tsk->cgroups, newcg) */
  if (tsk.cgroups !== null) tsk.cgroups.count--;
  tsk.cgroups = cgrp === s.root ? null : cgrp;
  if (tsk.cgroups !== null) tsk.cgroups.count++;
  for (const ss of s.subsys) if (ss?.attach_task) yield* ss.attach_task(cgrp, tsk);
  yield* mutexes.mutex_unlock(s.cgroup_mutex);
  return 0;
}

/**
 * A write to a cgroup file, as userspace makes it ("blkio.throttle.read_bps_device",
 * "253:0 1048576"): the file's write_string or write_u64 handler runs in the writing task.
 * Returns the handler's result, or -EINVAL for a file the cgroup does not have.
 * @port kernel/cgroup.c v3.2 simplified - cgroup_file_write() without the user copy
 */
function* cgroup_file_write(cgrp: cgroup, file: string, buffer: string): KGen<number> {
  const f = cgrp.files.get(file);
  if (f === undefined) return -EINVAL;
  if (f.cft.write_string) return yield* f.cft.write_string(cgrp, f.cft, buffer);
  if (f.cft.write_u64) return yield* f.cft.write_u64(cgrp, f.cft, Number(buffer.trim()));
  return -EINVAL;
}

/** A read of a map file (the stats files): key -> value, as the read_map handler fills it. */
function* cgroup_file_read_map(cgrp: cgroup, file: string): KGen<Map<string, number>> {
  const f = cgrp.files.get(file);
  const cb: cgroup_map_cb = {
    state: new Map(),
    *fill(c, key, value) {
      c.state.set(key, value);
      return 0;
    },
  };
  if (f?.cft.read_map) yield* f.cft.read_map(cgrp, f.cft, cb);
  return cb.state;
}

/**
 * A read of a text file (blkio.weight, blkio.weight_device, the throttle rule files): what its
 * read_seq_string or read_u64 handler prints; a map file reads as "key value" lines.
 * @port kernel/cgroup.c v3.2 simplified - cgroup_seqfile_show()/cgroup_read_u64() without the user copy
 */
function* cgroup_file_read(cgrp: cgroup, file: string): KGen<string> {
  const f = cgrp.files.get(file);
  if (f === undefined) return '';
  if (f.cft.read_seq_string) {
    const m: seq_file = { buf: '' };
    yield* f.cft.read_seq_string(cgrp, f.cft, m);
    return m.buf;
  }
  if (f.cft.read_u64) return `${yield* f.cft.read_u64(cgrp, f.cft)}\n`;
  if (f.cft.read_map) return [...(yield* cgroup_file_read_map(cgrp, file))].map(([k, v]) => `${k} ${v}\n`).join('');
  return '';
}

export const cgroups = kernel_functions('kernel/cgroup.c', {
  cgroup_load_subsys,
  cgroup_unload_subsys,
  cgroup_mkdir,
  cgroup_rmdir,
  cgroup_attach_task,
  cgroup_file_write,
  cgroup_file_read_map,
  cgroup_file_read,
});
