// The structs that belong to the hand-written runtime (locks, lists, work items, tasks): where
// their TypeScript type lives, how a zeroed one is made when a translated struct embeds it, its
// size on x86_64 (for sizeof and kmalloc caches; sizes with lockdep on are approximate), and the
// members translated code reads, for typing.

import { BOOL, type CType, INT, LONG, STRING, UINT, ULONG, UNKNOWN, VOID, ptrTo, structType } from './c-types.ts';

export interface RuntimeStruct {
  /** The TypeScript type's name and module (relative to kernel-model/). */
  ts: string;
  module: string;
  /** A zeroed instance: the expression and the name it imports from the same module. */
  zero: string;
  zeroImport: string | null;
  size: number;
  fields: Record<string, CType>;
}

const fn = (ret: CType, ...params: CType[]): CType => ptrTo({ k: 'func', ret, params: params.map((type) => ({ name: null, type })), variadic: false });
const S = structType;
const P = (tag: string): CType => ptrTo(S(tag));

function rt(ts: string, module: string, zero: string, size: number, fields: Record<string, CType> = {}): RuntimeStruct {
  const m = /^(\w+)\(/.exec(zero);
  return { ts, module, zero, zeroImport: m ? m[1] : null, size, fields };
}

export const RUNTIME_STRUCTS: Readonly<Record<string, RuntimeStruct>> = {
  hd_geometry: rt('hd_geometry', 'include/uapi/linux/hdreg.ts', 'hd_geometry_zeroed()', 16, {
    heads: { k: 'int', bits: 8, unsigned: true, name: 'unsigned char' },
    sectors: { k: 'int', bits: 8, unsigned: true, name: 'unsigned char' },
    cylinders: { k: 'int', bits: 16, unsigned: true, name: 'unsigned short' },
    start: ULONG,
  }),
  atomic_t: rt('atomic_t', 'include/linux/atomic.ts', 'ATOMIC_INIT(0)', 4, { counter: INT }),
  atomic64_t: rt('atomic_t', 'include/linux/atomic.ts', 'ATOMIC_INIT(0)', 8, { counter: LONG }),
  atomic_long_t: rt('atomic_t', 'include/linux/atomic.ts', 'ATOMIC_INIT(0)', 8, { counter: LONG }),
  spinlock: rt('spinlock_t', 'kernel/locking/spinlock.ts', 'spinlock_zeroed()', 64),
  mutex: rt('mutex', 'kernel/locking/mutex.ts', 'mutex_zeroed()', 152),
  rw_semaphore: rt('rw_semaphore', 'kernel/locking/rwsem.ts', 'rwsem_zeroed()', 120),
  rt_mutex: rt('rt_mutex', 'kernel/locking/rtmutex.ts', 'rt_mutex_zeroed()', 48),
  list_head: rt('list_head', 'include/linux/list.ts', 'list_head_zeroed()', 16, { next: P('list_head'), prev: P('list_head') }),
  hlist_head: rt('hlist_head', 'include/linux/list.ts', 'hlist_head_zeroed()', 8, { first: P('hlist_node') }),
  hlist_node: rt('hlist_node', 'include/linux/list.ts', 'hlist_node_zeroed()', 16, { next: P('hlist_node'), pprev: ptrTo(P('hlist_node')) }),
  rb_node: rt('rb_node', 'include/linux/rbtree.ts', 'rb_node_zeroed()', 24, { rb_left: P('rb_node'), rb_right: P('rb_node') }),
  rb_root: rt('rb_root', 'include/linux/rbtree.ts', 'rb_root_zeroed()', 8, { rb_node: P('rb_node') }),
  rcu_head: rt('rcu_head', 'kernel/rcupdate.ts', 'rcu_head_zeroed()', 16),
  work_struct: rt('work_struct', 'kernel/workqueue.ts', 'work_struct_zeroed()', 80, { func: fn(VOID, P('work_struct')) }),
  delayed_work: rt('delayed_work', 'kernel/workqueue.ts', 'delayed_work_zeroed()', 152, { work: S('work_struct'), timer: S('timer_list') }),
  workqueue_struct: rt('workqueue_struct', 'kernel/workqueue.ts', 'NULL', 256),
  timer_list: rt('timer_list', 'kernel/timer.ts', 'timer_list_zeroed()', 72, { expires: ULONG, data: ULONG, function: fn(VOID, ULONG) }),
  completion: rt('completion', 'kernel/sched/completion.ts', 'completion_zeroed()', 96, { done: UINT }),
  __wait_queue_head: rt('wait_queue_head_t', 'kernel/sched/wait.ts', 'wait_queue_head_zeroed()', 72),
  __wait_queue: rt('wait_queue_t', 'kernel/sched/wait.ts', 'DEFINE_WAIT()', 40),
  kmem_cache: rt('kmem_cache', 'mm/slab.ts', 'NULL', 200),
  mempool_s: rt('mempool_t', 'mm/mempool.ts', 'NULL', 72, { min_nr: INT, curr_nr: INT, pool_data: ptrTo(VOID) }),
  kref: rt('kref', 'lib/kobject.ts', 'kref_zeroed()', 4, { refcount: S('atomic_t') }),
  task_struct: rt('task_struct', 'sim/task.ts', 'NULL', 4096, {
    state: LONG,
    flags: UINT,
    pid: INT,
    comm: STRING,
    bio_list: P('bio_list'),
    plug: P('blk_plug'),
    io_context: P('io_context'),
    cgroups: P('css_set'),
    pi_blocked_on: ptrTo(VOID),
    policy: UINT,
    static_prio: INT,
    normal_prio: INT,
    prio: INT,
    rt_priority: UINT,
  }),
  cgroup: rt('cgroup', 'kernel/cgroup.ts', 'NULL', 256, { parent: P('cgroup'), dentry: ptrTo(VOID) }),
  cgroup_subsys: rt('cgroup_subsys', 'kernel/cgroup.ts', 'NULL', 256, { subsys_id: INT, name: STRING }),
  cgroup_subsys_state: rt('cgroup_subsys_state', 'kernel/cgroup.ts', 'cgroup_subsys_state_zeroed()', 48, { cgroup: P('cgroup'), refcnt: S('atomic_t'), flags: ULONG, id: INT }),
  css_set: rt('css_set', 'kernel/cgroup.ts', 'NULL', 128),
  cftype: rt('cftype', 'kernel/cgroup.ts', 'cftype_zeroed()', 128, { private: ULONG, name: STRING }),
  cgroup_taskset: rt('cgroup_taskset', 'kernel/cgroup.ts', 'NULL', 64),
  seq_file: rt('seq_file', 'lib/string.ts', 'NULL', 128),
  page: rt('page', 'mm/page.ts', 'page_zeroed()', 64, { index: ULONG, private: ULONG, flags: ULONG }),
  writeback_control: rt('writeback_control', 'include/linux/writeback.ts', 'NULL', 80, { sync_mode: INT, nr_to_write: LONG, for_reclaim: UINT }),
  ida: rt('ida', 'lib/idr.ts', 'ida_zeroed()', 64),
  notifier_block: rt('notifier_block', 'kernel/cpu.ts', 'NULL', 24),
  call_single_data: rt('call_single_data', 'kernel/smp.ts', 'call_single_data_zeroed()', 32, { list: S('list_head'), flags: UINT }),
  softirq_action: rt('softirq_action', 'kernel/softirq.ts', 'NULL', 8),
  cgroup_map_cb: rt('cgroup_map_cb', 'kernel/cgroup.ts', 'NULL', 16, { fill: fn(INT, P('cgroup_map_cb'), STRING, LONG) }),
  kobject: rt('kobject', 'lib/kobject.ts', 'kobject_zeroed()', 64, { kref: S('kref'), sd: ptrTo(VOID) }),
  kobj_type: rt('kobj_type', 'lib/kobject.ts', 'NULL', 40),
  attribute: rt('attribute', 'lib/kobject.ts', 'attribute_zeroed()', 16, { name: STRING, mode: UINT }),
  cred: rt('cred', 'kernel/cred.ts', 'NULL', 160, { uid: UINT, euid: UINT }),
  device: rt('device', 'lib/opaque.ts', 'device_zeroed()', 512, { parent: P('device'), devt: UINT, kobj: S('kobject') }),
  timespec: rt('timespec', 'lib/opaque.ts', 'timespec_zeroed()', 16, { tv_sec: LONG, tv_nsec: LONG }),
  lockdep_map: rt('lockdep_map', 'kernel/locking/lockdep.ts', 'NULL', 48),
  idr: rt('idr', 'lib/idr.ts', 'idr_zeroed()', 64),
  cpumask: rt('cpumask', 'lib/opaque.ts', 'opaque_zeroed()', 8),
  seqcount: rt('seqcount', 'lib/opaque.ts', 'opaque_zeroed()', 4),
  u64_stats_sync: rt('u64_stats_sync', 'lib/opaque.ts', 'opaque_zeroed()', 0),
  radix_tree_root: rt('radix_tree_root', 'lib/radix-tree.ts', 'radix_tree_root_zeroed()', 16),
  hrtimer: rt('hrtimer', 'lib/opaque.ts', 'opaque_zeroed()', 64),
  dentry: rt('dentry', 'lib/opaque.ts', 'NULL', 192),
  module: rt('module', 'kernel/module.ts', 'NULL', 512, { name: STRING }),
  kmem_cache_cpu: rt('kmem_cache_cpu', 'lib/opaque.ts', 'NULL', 32),
  // v3.15
  srcu_struct: rt('srcu_struct', 'kernel/rcu/srcu.ts', 'srcu_struct_zeroed()', 160),
  seqlock_t: rt('seqlock_t', 'include/linux/seqlock.ts', 'seqlock_zeroed()', 72, { sequence: UINT }),
  percpu_counter: rt('percpu_counter', 'lib/percpu_counter.ts', 'percpu_counter_zeroed()', 40, { count: LONG }),
};

/** Runtime structs with no C definition in the base whose size still matters. */
export function runtimeStruct(tag: string): RuntimeStruct | undefined {
  return RUNTIME_STRUCTS[tag];
}

export { BOOL, UNKNOWN };
