// The idiom table: how each kernel macro and each call into the hand-written runtime is
// translated. One entry per C name. An entry is
// - `call`: a call of a runtime function (module path relative to kernel-model/), a generator
//   when it can reach a scheduling point;
// - `drop`: a statement with no meaning in the model (tracing, memory barriers: the simulated
//   machine is sequentially consistent);
// - `custom`: a macro that needs its own translation (spin_lock_irqsave assigns its flags
//   argument, container_of takes a member name, BUG_ON names its file and line).
// Iterator macros are rewritten by the preprocessor into `for (__iterate_NAME(args);;)` and
// translated here too. A name used by the C that is neither here, nor defined in the base's C,
// nor a ported function is reported as "add it to the idiom table".

import type { Node } from './c-parser.ts';
import { BOOL, type CType, INT, LONG, STRING, ULONG, UNKNOWN, VOID, ptrTo, structType } from './c-types.ts';
import { type EmitContext, type Emitted, PREC } from './emit-context.ts';
import { kbuildModuleOf } from '../../kernel-model/c/kbuild.ts';

export interface CallIdiom {
  kind: 'call';
  /** The TypeScript callee: `spinlock.spin_lock` imports `spinlock`; `list_add` imports itself. */
  ts: string;
  module: string;
  gen: boolean;
  ret: CType;
  /** Parameter types, for converting arguments; missing ones pass the argument as it is. */
  params?: CType[];
}

export interface CustomIdiom {
  kind: 'custom';
  gen: boolean;
  emit(ctx: EmitContext, args: Node[], call: Node): Emitted;
}

export interface DropIdiom {
  kind: 'drop';
  why: string;
}

export interface IteratorIdiom {
  kind: 'iterator';
  /** The loop header (without `for`), from the macro's arguments; several for nested loops. */
  emit(ctx: EmitContext, args: Node[], at: Node): string | string[];
}

export type Idiom = CallIdiom | CustomIdiom | DropIdiom | IteratorIdiom;

const M = {
  list: 'include/linux/list.ts',
  rbtree: 'include/linux/rbtree.ts',
  kernel: 'include/linux/kernel.ts',
  jiffies: 'include/linux/jiffies.ts',
  atomic: 'include/linux/atomic.ts',
  bitops: 'include/linux/bitops.ts',
  pointers: 'lib/c-pointers.ts',
  kstruct: 'lib/kstruct.ts',
  spinlock: 'kernel/locking/spinlock.ts',
  mutex: 'kernel/locking/mutex.ts',
  rwsem: 'kernel/locking/rwsem.ts',
  rtmutex: 'kernel/locking/rtmutex.ts',
  lockdep: 'kernel/locking/lockdep.ts',
  rcu: 'kernel/rcupdate.ts',
  workqueue: 'kernel/workqueue.ts',
  timer: 'kernel/timer.ts',
  sched: 'kernel/sched/core.ts',
  wait: 'kernel/sched/wait.ts',
  completion: 'kernel/sched/completion.ts',
  slab: 'mm/slab.ts',
  percpu: 'mm/percpu.ts',
  mempool: 'mm/mempool.ts',
  bug: 'include/asm-generic/bug.ts',
  machine: 'sim/machine.ts',
  printk: 'kernel/printk.ts',
  biolist: 'include/linux/bio_list.ts',
  cgroup: 'kernel/cgroup.ts',
  string: 'lib/string.ts',
  hashtable: 'include/linux/hashtable.ts',
} as const;

const P = {
  void: VOID,
  int: INT,
  long: LONG,
  ulong: ULONG,
  bool: BOOL,
  str: STRING,
  unknown: UNKNOWN,
  ptr: (tag: string): CType => ptrTo(structType(tag)),
};

function call(ts: string, module: string, gen: boolean, ret: CType = VOID, params?: CType[]): CallIdiom {
  return { kind: 'call', ts, module, gen, ret, params };
}

function drop(why: string): DropIdiom {
  return { kind: 'drop', why };
}

function custom(gen: boolean, emit: CustomIdiom['emit']): CustomIdiom {
  return { kind: 'custom', gen, emit };
}

function iterator(emit: IteratorIdiom['emit']): IteratorIdiom {
  return { kind: 'iterator', emit };
}

const prim = (code: string, type: CType): Emitted => ({ code, type, prec: PREC.call });

/** A member name argument (`tg_node`, `throtl_work.work`) as the string container_of takes. */
function memberName(ctx: EmitContext, n: Node): string {
  return JSON.stringify(ctx.cText(n).replace(/\s+/g, ''));
}

/** The struct type named by a `__type_struct_X` placeholder the preprocessor left. */
function typeArg(ctx: EmitContext, n: Node): CType | null {
  const m = /^__type_(struct|union|enum)_(\w+?)((?:__ptr)*)$/.exec(ctx.cText(n));
  if (m === null) return null;
  let t: CType = m[1] === 'enum' ? INT : structType(m[2]);
  for (let i = 0; i < m[3].length / 5; i++) t = ptrTo(t);
  return t;
}

/** container_of(ptr, struct T, member) */
function containerOf(ctx: EmitContext, args: Node[], fn = 'container_of'): Emitted {
  const t = typeArg(ctx, args[1]);
  if (t === null) return ctx.problem(args[1], fn, 'the type argument is not `struct name`');
  const ts = ctx.tsType(t);
  return prim(`${ctx.use(fn, fn === 'container_of' ? M.pointers : fn.startsWith('rb_') ? M.rbtree : M.list)}<${ts}>(${ctx.expr(args[0]).code}, ${memberName(ctx, args[2])})`, ptrTo(t));
}

/** The type an address argument points to (`&tg->limits_changed` -> int). */
function pointee(ctx: EmitContext, n: Node): CType {
  const t = ctx.resolve(ctx.typeOf(n));
  return t.k === 'ptr' ? t.to : UNKNOWN;
}

/** The struct type a loop cursor points to, for an iterator's entries. */
function cursorType(ctx: EmitContext, cursor: Node): string {
  const t = ctx.resolve(ctx.typeOf(cursor));
  return ctx.tsType(t.k === 'ptr' ? t.to : t);
}

/** Whether a min_t()/max_t() type argument (the preprocessor's `__type_prim_long_long`) is a signed scalar. */
function signedTypeArg(text: string): boolean {
  const m = /^__type_prim_(\w+)$/.exec(text.trim());
  return m !== null && !m[1].split('_').some((w) => w === 'unsigned' || w === 'bool' || w === '_Bool');
}

/**
 * min(x, y), max(x, y) and their _t forms (from argument `first`): compared as unsigned values
 * when either argument is unsigned, as C compares them. An unsigned difference that went below
 * zero is a number near 2^64 in C and a negative one in JavaScript: umin() and umax() rank it
 * above every other value (dm-snap's start_copy() takes min(chunk_size, dev_size - sector) for
 * a chunk past the end of its origin: the chunk size, in C).
 */
function minMax(fn: 'min' | 'max', first: number): CustomIdiom {
  return custom(false, (ctx, args) => {
    const operands = [args[first], args[first + 1]];
    // min_t(type, x, y) compares x and y converted to its type: a signed type compares signed,
    // whatever the operands were.
    const signedType = first === 1 && signedTypeArg(ctx.cText(args[0]));
    const unsigned = !signedType && operands.some((n) => {
      const t = ctx.resolve(ctx.typeOf(n));
      return t.k === 'int' && t.unsigned;
    });
    const ts = unsigned ? `u${fn}` : fn;
    return prim(`${ctx.use(ts, M.kernel)}(${operands.map((n) => ctx.expr(n).code).join(', ')})`, LONG);
  });
}

/** `lock = yield* spinlock.spin_lock_irqsave(l)`: the macro assigns its second argument. */
function irqsave(name: string): CustomIdiom {
  return custom(true, (ctx, args) => {
    ctx.yields();
    const flags = ctx.expr(args[1]).code;
    return { code: `${flags} = yield* ${ctx.use('spinlock', M.spinlock)}.${name}(${ctx.expr(args[0]).code})`, type: VOID, prec: PREC.assign };
  });
}

/** An init macro that names a lock class by its argument's C text, as lockdep keys it by init site. */
function classInit(fn: string, module: string): CustomIdiom {
  return custom(false, (ctx, args) => prim(`${ctx.use(fn, module)}(${ctx.expr(args[0]).code}, ${JSON.stringify(ctx.cText(args[0]))})`, VOID));
}

/**
 * kmalloc and friends: the size is a struct's descriptor (sizeof(*p)), or sizeof(struct x) * n
 * for an array of n zeroed structs (slab.kmalloc_array, one allocation), or a byte count.
 */
function allocation(fn: string): CustomIdiom {
  return custom(true, (ctx, args, at) => {
    ctx.yields();
    const size = args[0];
    const rest = args.slice(1).map((a) => ctx.expr(a).code).join(', ');
    if (size.type === 'binary_expression' && size.childForFieldName('operator')?.text === '*') {
      // The factors of a product (sizeof(struct x) * a * b): one sizeof, the rest the count.
      const factors: Node[] = [];
      const flatten = (n: Node): void => {
        if (n.type === 'binary_expression' && n.childForFieldName('operator')?.text === '*') {
          flatten(n.childForFieldName('left') as Node);
          flatten(n.childForFieldName('right') as Node);
        } else factors.push(n);
      };
      flatten(size);
      const sizes = factors.filter((f) => f.type === 'sizeof_expression');
      if (sizes.length === 1) {
        const e = ctx.expr(sizes[0]);
        const count = factors.filter((f) => f !== sizes[0]).map((f) => ctx.operand(ctx.expr(f), PREC.multiplicative + 1));
        return { code: `yield* ${ctx.use('slab', M.slab)}.kmalloc_array(${count.join(' * ')}, ${e.code}, ${rest})`, type: ptrTo(VOID), prec: PREC.yield };
      }
    }
    void at;
    return { code: `yield* ${ctx.use('slab', M.slab)}.${fn}(${ctx.expr(size).code}, ${rest})`, type: ptrTo(VOID), prec: PREC.yield };
  });
}

/** BUG_ON(cond) / BUG(): names the C file and line, as the kernel prints them. */
function bugAt(ctx: EmitContext, at: Node): string {
  return JSON.stringify(`${ctx.file}:${ctx.line(at)}`);
}

/**
 * CONFIG_PROVE_RCU: an RCU pointer read is checked against the caller's condition (the second
 * argument, or none: rcu_dereference(p) is rcu_dereference_check(p, 0)) or an RCU read-side
 * section, and a violation is lockdep's "suspicious RCU usage" report at the C's file:line.
 */
function checkedRcuRead(ts: 'rcu_dereference_check' | 'rcu_dereference_protected', cond: 'condition' | 'none'): CustomIdiom {
  return custom(false, (ctx, args, at) => {
    const p = ctx.expr(args[0]);
    const c = cond === 'none' ? 'false' : ctx.exprAs(args[1], BOOL);
    return prim(`${ctx.use(ts, M.rcu)}(${p.code}, ${c}, ${bugAt(ctx, at)})`, p.type);
  });
}

export const IDIOMS: Readonly<Record<string, Idiom>> = {
  // --- compiler hints and barriers ---
  likely: custom(false, (ctx, args) => ctx.expr(args[0])),
  unlikely: custom(false, (ctx, args) => ctx.expr(args[0])),
  ACCESS_ONCE: custom(false, (ctx, args) => ctx.expr(args[0])),
  READ_ONCE: custom(false, (ctx, args) => ctx.expr(args[0])),
  smp_mb: drop('memory barrier: the model is sequentially consistent'),
  smp_rmb: drop('memory barrier: the model is sequentially consistent'),
  smp_wmb: drop('memory barrier: the model is sequentially consistent'),
  smp_read_barrier_depends: drop('memory barrier: the model is sequentially consistent'),
  smp_mb__before_atomic_dec: drop('memory barrier: the model is sequentially consistent'),
  smp_mb__after_atomic_dec: drop('memory barrier: the model is sequentially consistent'),
  smp_mb__before_atomic_inc: drop('memory barrier: the model is sequentially consistent'),
  smp_mb__after_atomic_inc: drop('memory barrier: the model is sequentially consistent'),
  smp_mb__before_clear_bit: drop('memory barrier: the model is sequentially consistent'),
  smp_mb__after_clear_bit: drop('memory barrier: the model is sequentially consistent'),
  smp_mb__before_atomic: drop('memory barrier: the model is sequentially consistent'),
  smp_mb__after_atomic: drop('memory barrier: the model is sequentially consistent'),
  barrier: drop('compiler barrier'),
  BUILD_BUG_ON: drop('a compile-time check'),
  prefetch: drop('a cache hint'),
  might_fault: drop('user memory is not modeled'),

  // --- tracing (no meaning in the model) ---
  blk_add_trace_msg: drop('blktrace is not modeled'),
  blk_add_trace_generic: drop('blktrace is not modeled'),
  blk_add_trace_bio: drop('blktrace is not modeled'),
  blk_add_trace_rq: drop('blktrace is not modeled'),
  trace_block_bio_queue: drop('tracepoints are not modeled'),
  trace_block_bio_complete: drop('tracepoints are not modeled'),
  trace_block_bio_bounce: drop('tracepoints are not modeled'),
  trace_block_bio_backmerge: drop('tracepoints are not modeled'),
  trace_block_bio_frontmerge: drop('tracepoints are not modeled'),
  trace_block_getrq: drop('tracepoints are not modeled'),
  trace_block_sleeprq: drop('tracepoints are not modeled'),
  trace_block_plug: drop('tracepoints are not modeled'),
  trace_block_unplug: drop('tracepoints are not modeled'),
  trace_block_rq_insert: drop('tracepoints are not modeled'),
  trace_block_rq_issue: drop('tracepoints are not modeled'),
  trace_block_rq_requeue: drop('tracepoints are not modeled'),
  trace_block_rq_complete: drop('tracepoints are not modeled'),
  trace_block_rq_abort: drop('tracepoints are not modeled'),
  trace_block_split: drop('tracepoints are not modeled'),
  trace_block_bio_remap: drop('tracepoints are not modeled'),
  trace_block_rq_remap: drop('tracepoints are not modeled'),
  throtl_log: drop('blktrace is not modeled'),
  throtl_log_tg: drop('blktrace is not modeled'),
  cfq_log: drop('blktrace is not modeled'),
  cfq_log_cfqq: drop('blktrace is not modeled'),
  cfq_log_cfqg: drop('blktrace is not modeled'),
  elv_log: drop('blktrace is not modeled'),
  blk_add_driver_data: drop('blktrace is not modeled'),

  // --- pointers and structs ---
  container_of: custom(false, (ctx, args) => containerOf(ctx, args)),
  list_entry: custom(false, (ctx, args) => containerOf(ctx, args, 'list_entry')),
  list_first_entry: custom(false, (ctx, args) => containerOf(ctx, args, 'list_first_entry')),
  hlist_entry: custom(false, (ctx, args) => containerOf(ctx, args, 'hlist_entry')),
  rb_entry: custom(false, (ctx, args) => containerOf(ctx, args, 'rb_entry')),
  // offsetof(): the preprocessor writes it as __offsetof(type, member), which function-emit
  // turns into the member's byte offset (this entry only tells the call graph it is no function).
  __offsetof: custom(false, (ctx, _args, at) => ctx.problem(at, 'offsetof', 'translated by function-emit')),
  ARRAY_SIZE: custom(false, (ctx, args) => ({ code: `${ctx.operand(ctx.expr(args[0]), PREC.call)}.length`, type: INT, prec: PREC.call })),
  // swap(a, b) (include/linux/kernel.h): exchanges two lvalues.
  swap: custom(false, (ctx, args) => {
    const a = ctx.expr(args[0]).code;
    const b = ctx.expr(args[1]).code;
    return { code: `[${a}, ${b}] = [${b}, ${a}]`, type: VOID, prec: PREC.assign };
  }),

  // --- arithmetic (include/linux/kernel.h, div64.h) ---
  min: minMax('min', 0),
  max: minMax('max', 0),
  min_t: minMax('min', 1),
  max_t: minMax('max', 1),
  clamp_t: custom(false, (ctx, args) => prim(`${ctx.use('clamp', M.kernel)}(${ctx.expr(args[1]).code}, ${ctx.expr(args[2]).code}, ${ctx.expr(args[3]).code})`, LONG)),
  roundup: call('roundup', M.kernel, false, ULONG),
  DIV_ROUND_UP: call('DIV_ROUND_UP', M.kernel, false, ULONG),
  div64_u64: call('div64_u64', M.kernel, false, ULONG),
  div_u64: call('div_u64', M.kernel, false, ULONG),
  ilog2: call('ilog2', M.kernel, false, INT),
  is_power_of_2: call('is_power_of_2', M.kernel, false, BOOL),
  // do_div(n, base) divides n in place and returns the remainder.
  do_div: custom(false, (ctx, args) => {
    const n = ctx.expr(args[0]).code;
    const base = ctx.expr(args[1]).code;
    return { code: `${n} = ${ctx.use('do_div_quotient', M.kernel)}(${n}, ${base})`, type: ULONG, prec: PREC.assign };
  }),
  ERR_PTR: call('ERR_PTR', M.kernel, false, ptrTo(VOID)),
  PTR_ERR: call('PTR_ERR', M.kernel, false, LONG),
  IS_ERR: call('IS_ERR', M.kernel, false, BOOL),
  IS_ERR_OR_NULL: call('IS_ERR_OR_NULL', M.kernel, false, BOOL),
  ERR_CAST: call('ERR_CAST', M.kernel, false, ptrTo(VOID)),

  // --- jiffies ---
  time_after: call('time_after', M.jiffies, false, BOOL),
  time_before: call('time_before', M.jiffies, false, BOOL),
  time_after_eq: call('time_after_eq', M.jiffies, false, BOOL),
  time_before_eq: call('time_before_eq', M.jiffies, false, BOOL),
  time_in_range: call('time_in_range', M.jiffies, false, BOOL),
  msecs_to_jiffies: call('msecs_to_jiffies', M.jiffies, false, ULONG),
  jiffies_to_msecs: call('jiffies_to_msecs', M.jiffies, false, UINT_()),

  // --- BUG and WARN ---
  BUG_ON: custom(false, (ctx, args, at) => prim(`${ctx.use('BUG_ON', M.bug)}(${ctx.exprAs(args[0], BOOL)}, ${bugAt(ctx, at)})`, VOID)),
  BUG: custom(false, (ctx, _args, at) => prim(`${ctx.use('BUG', M.bug)}(${bugAt(ctx, at)})`, VOID)),
  WARN_ON: custom(false, (ctx, args, at) => prim(`${ctx.use('WARN_ON', M.bug)}(${ctx.exprAs(args[0], BOOL)}, ${bugAt(ctx, at)})`, BOOL)),
  WARN_ON_ONCE: custom(false, (ctx, args, at) => prim(`${ctx.use('WARN_ON_ONCE', M.bug)}(${ctx.exprAs(args[0], BOOL)}, ${bugAt(ctx, at)})`, BOOL)),
  WARN: custom(false, (ctx, args, at) => prim(`${ctx.use('WARN_ON', M.bug)}(${ctx.exprAs(args[0], BOOL)}, ${bugAt(ctx, at)})`, BOOL)),
  panic: custom(false, (ctx, args, at) => prim(`${ctx.use('panic', M.bug)}(${ctx.expr(args[0]).code}, ${bugAt(ctx, at)})`, VOID)),

  // --- printk ---
  printk: call('printk', M.printk, false, INT),
  pr_err: call('printk', M.printk, false, INT),
  pr_warning: call('printk', M.printk, false, INT),
  pr_warn: call('printk', M.printk, false, INT),
  pr_info: call('printk', M.printk, false, INT),
  pr_debug: drop('debug output is not modeled'),
  DMERR: call('printk', M.printk, false, VOID),
  DMWARN: call('printk', M.printk, false, VOID),
  DMINFO: call('printk', M.printk, false, VOID),
  DMERR_LIMIT: call('printk', M.printk, false, VOID),
  DMWARN_LIMIT: call('printk', M.printk, false, VOID),
  DMDEBUG: drop('debug output is not modeled'),

  // --- atomic_long_t is an atomic_t in the model (one number either way) ---
  atomic_long_read: call('atomic_read', M.atomic, false, LONG),
  atomic_long_set: call('atomic_set', M.atomic, false, VOID),
  atomic_long_inc: call('atomic_inc', M.atomic, true, VOID),
  atomic_long_dec: call('atomic_dec', M.atomic, true, VOID),
  atomic_long_dec_and_test: call('atomic_dec_and_test', M.atomic, true, BOOL),
  atomic_long_inc_not_zero: call('atomic_inc_not_zero', M.atomic, true, BOOL),

  // --- per-cpu counters (DEFINE_PER_CPU scalars are one slot per CPU) ---
  this_cpu_inc: custom(false, (ctx, args) => prim(`${ctx.operand(ctx.expr(args[0]), PREC.call)}[${ctx.use('smp_processor_id', M.sched)}()]++`, VOID)),
  this_cpu_dec: custom(false, (ctx, args) => prim(`${ctx.operand(ctx.expr(args[0]), PREC.call)}[${ctx.use('smp_processor_id', M.sched)}()]--`, VOID)),
  elv_ioc_count_inc: custom(false, (ctx, args) => prim(`${ctx.operand(ctx.expr(args[0]), PREC.call)}[${ctx.use('smp_processor_id', M.sched)}()]++`, VOID)),
  elv_ioc_count_dec: custom(false, (ctx, args) => prim(`${ctx.operand(ctx.expr(args[0]), PREC.call)}[${ctx.use('smp_processor_id', M.sched)}()]--`, VOID)),
  elv_ioc_count_read: custom(false, (ctx, args) => prim(`${ctx.operand(ctx.expr(args[0]), PREC.call)}.reduce((a, b) => a + b, 0)`, LONG)),

  // --- partition statistics: part_stat_lock() is ({ rcu_read_lock(); get_cpu(); }) ---
  part_stat_lock: custom(false, (ctx) => prim(`(${ctx.use('rcu_read_lock', M.rcu)}(), ${ctx.use('get_cpu', M.sched)}())`, INT)),
  disk_map_sector_rcu: call('disk_map_sector_rcu', 'block/genhd.ts', false, P.ptr('hd_struct')),
  // part_stat_read(part, field) (SMP): the sum over the possible CPUs of the per-cpu field
  // ({ typeof(...) res = 0; for_each_possible_cpu(_cpu) res += per_cpu_ptr(dkstats, _cpu)->field; res; }).
  part_stat_read: custom(false, (ctx, args) => {
    const part = ctx.operand(ctx.expr(args[0]), PREC.call);
    const field = ctx.cText(args[1]).replace(/\s+/g, '');
    const nr = ctx.use('nr_cpu_ids', M.sched);
    const pcp = ctx.use('per_cpu_ptr', M.percpu);
    return prim(`((__part) => { let res = 0; for (let _cpu = 0; _cpu < ${nr}(); _cpu++) res += ${pcp}(__part.dkstats, _cpu).${field}; return res; })(${part})`, LONG);
  }),

  // --- per-cpu variables: one slot per possible CPU ---
  per_cpu: custom(false, (ctx, args) => ({ code: `${ctx.operand(ctx.expr(args[0]), PREC.call)}[${ctx.expr(args[1]).code}]`, type: UNKNOWN, prec: PREC.call })),
  __get_cpu_var: custom(false, (ctx, args) => ({ code: `${ctx.operand(ctx.expr(args[0]), PREC.call)}[${ctx.use('smp_processor_id', M.sched)}()]`, type: UNKNOWN, prec: PREC.call })),

  // --- softirqs, CPU hotplug ---
  open_softirq: call('open_softirq', 'kernel/softirq.ts', false),
  raise_softirq_irqoff: call('raise_softirq_irqoff', 'kernel/softirq.ts', false),
  raise_softirq: call('raise_softirq', 'kernel/softirq.ts', false),
  register_hotcpu_notifier: call('register_hotcpu_notifier', 'kernel/cpu.ts', false, INT),
  cpu_online: call('cpu_online', 'kernel/cpu.ts', false, BOOL),
  smp_call_function_single_async: call('smp_call_function_single_async', 'kernel/smp.ts', false, INT),

  // --- backing devices, laptop mode, tags (not modeled: see mm/backing-dev.ts) ---
  bdi_init: call('bdi_stats.bdi_init', 'mm/backing-dev-stats.ts', true, INT),
  bdi_destroy: call('bdi_stats.bdi_destroy', 'mm/backing-dev-stats.ts', true),
  laptop_io_completion: call('laptop_io_completion', 'mm/backing-dev.ts', false),
  blk_queue_end_tag: call('blk_queue_end_tag', 'mm/backing-dev.ts', false),
  list_sort: call('list_sort', 'lib/list_sort.ts', true),
  mempool_create: call('mempools.mempool_create', M.mempool, true, P.ptr('mempool_s')),
  mempool_create_node: call('mempools.mempool_create_node', M.mempool, true, P.ptr('mempool_s')),
  cgroup_path: call('cgroup_path', M.cgroup, false, INT),

  // --- disks, modules, strings, misc runtime ---
  bdevname: call('bdevname', 'block/genhd.ts', false, STRING),
  get_gendisk: call('get_gendisk', 'block/genhd.ts', false, P.ptr('gendisk')),
  put_disk: call('put_disk', 'block/genhd.ts', false),
  __delete_partition: call('__delete_partition', 'block/genhd.ts', false),
  set_bdi_congested: call('set_bdi_congested', 'mm/backing-dev.ts', false),
  clear_bdi_congested: call('clear_bdi_congested', 'mm/backing-dev.ts', false),
  __blk_queue_free_tags: call('__blk_queue_free_tags', 'mm/backing-dev.ts', false),
  blk_trace_shutdown: drop('blktrace is not modeled'),
  page_address: call('page_address', 'mm/page.ts', false, ptrTo(VOID)),
  try_module_get: call('try_module_get', 'kernel/module.ts', false, BOOL),
  module_put: call('module_put', 'kernel/module.ts', false),
  request_module: call('request_module', 'kernel/module.ts', true, INT),
  strncpy: call('strncpy', M.string, false, STRING),
  strlcpy: call('strlcpy', M.string, false, ULONG),
  strstrip: call('strstrip', M.string, false, STRING),
  simple_strtoul: call('simple_strtoul', M.string, false, ULONG),
  simple_strtol: call('simple_strtol', M.string, false, LONG),
  round_jiffies_up: call('round_jiffies_up', M.jiffies, false, ULONG),
  rcu_dereference_check: checkedRcuRead('rcu_dereference_check', 'condition'),

  // --- sysfs attributes (the model has no sysfs; the attribute tables are data) ---
  // The entry's attr is embedded: a sysfs handler finds its entry with container_of(attr, ...).
  __ATTR: custom(false, (ctx, args) => prim(`${ctx.use('embed_members', M.pointers)}({ attr: { name: ${JSON.stringify(ctx.cText(args[0]))}, mode: ${ctx.expr(args[1]).code} }, show: ${ctx.expr(args[2]).code}, store: ${ctx.expr(args[3]).code} }, ["attr"])`, UNKNOWN)),

  // --- credentials (every task is root; no LSM) ---
  current_cred: call('current_cred', 'kernel/cred.ts', false, P.ptr('cred')),
  __task_cred: call('__task_cred', 'kernel/cred.ts', false, P.ptr('cred')),
  capable: call('capable', 'kernel/cred.ts', false, BOOL),
  security_task_setioprio: call('security_task_setioprio', 'kernel/cred.ts', false, INT),

  // --- tasks, clocks, statistics ---
  task_lock: custom(true, (ctx, args) => {
    ctx.yields();
    return { code: `yield* ${ctx.use('spinlock', M.spinlock)}.spin_lock(${ctx.operand(ctx.expr(args[0]), PREC.call)}.alloc_lock)`, type: VOID, prec: PREC.yield };
  }),
  task_unlock: custom(true, (ctx, args) => {
    ctx.yields();
    return { code: `yield* ${ctx.use('spinlock', M.spinlock)}.spin_unlock(${ctx.operand(ctx.expr(args[0]), PREC.call)}.alloc_lock)`, type: VOID, prec: PREC.yield };
  }),
  task_pid_nr: call('task_pid_nr', 'kernel/accounting.ts', false, INT),
  sched_clock: call('sched_clock', 'kernel/accounting.ts', false, ULONG),
  time_after64: call('time_after64', 'kernel/accounting.ts', false, BOOL),
  count_vm_events: call('count_vm_events', 'kernel/accounting.ts', false),
  task_io_account_read: call('task_io_account_read', 'kernel/accounting.ts', false),
  raw_smp_processor_id: call('smp_processor_id', M.sched, false, INT),
  add_disk_randomness: drop('the entropy pool is not modeled'),
  hweight32: call('hweight32', M.bitops, false, INT),
  ffz: call('ffz', M.bitops, false, INT),

  // --- radix trees, IDA, kobjects ---
  INIT_RADIX_TREE: call('INIT_RADIX_TREE', 'lib/radix-tree.ts', false),
  radix_tree_lookup: call('radix_tree_lookup', 'lib/radix-tree.ts', false, ptrTo(VOID)),
  radix_tree_insert: call('radix_tree_insert', 'lib/radix-tree.ts', false, INT),
  radix_tree_delete: call('radix_tree_delete', 'lib/radix-tree.ts', false, ptrTo(VOID)),
  radix_tree_preload: call('radix_tree_preload', 'lib/radix-tree.ts', true, INT),
  radix_tree_preload_end: call('radix_tree_preload_end', 'lib/radix-tree.ts', false),
  ida_pre_get: call('ida_pre_get', 'lib/idr.ts', true, INT),
  ida_get_new: call('ida_get_new', 'lib/idr.ts', false, INT),
  ida_remove: call('ida_remove', 'lib/idr.ts', false),
  kobject_init: call('kobject_init', 'lib/kobject.ts', false),
  kobject_get: call('kobject_get', 'lib/kobject.ts', false, P.ptr('kobject')),
  kobject_put: call('kobject_put', 'lib/kobject.ts', true),
  kobject_uevent: drop('uevents: the model has no userspace'),
  // kobject_add()/kobject_init_and_add(): the model has no sysfs, so adding a kobject creates no
  // directory and cannot fail (kobj->sd stays NULL, and the C skips its attribute files).
  kobject_add: custom(false, () => prim('0 /* kobject_add: sysfs is not modeled */', INT)),
  kobject_init_and_add: custom(false, (ctx, args) => prim(`(${ctx.use('kobject_init', 'lib/kobject.ts')}(${ctx.expr(args[0]).code}, ${ctx.expr(args[1]).code}), 0 /* kobject_add: sysfs is not modeled */)`, INT)),

  // --- atomics and bit operations ---
  ATOMIC_INIT: call('ATOMIC_INIT', M.atomic, false, structType('atomic_t')),
  atomic_read: call('atomic_read', M.atomic, false, INT),
  atomic_set: call('atomic_set', M.atomic, false, VOID),
  atomic_inc: call('atomic_inc', M.atomic, true, VOID),
  atomic_dec: call('atomic_dec', M.atomic, true, VOID),
  atomic_add: call('atomic_add', M.atomic, true, VOID),
  atomic_sub: call('atomic_sub', M.atomic, true, VOID),
  atomic_inc_return: call('atomic_inc_return', M.atomic, true, INT),
  atomic_dec_return: call('atomic_dec_return', M.atomic, true, INT),
  atomic_add_return: call('atomic_add_return', M.atomic, true, INT),
  atomic_sub_return: call('atomic_sub_return', M.atomic, true, INT),
  atomic_dec_and_test: call('atomic_dec_and_test', M.atomic, true, BOOL),
  atomic_sub_and_test: call('atomic_sub_and_test', M.atomic, true, BOOL),
  atomic_inc_not_zero: call('atomic_inc_not_zero', M.atomic, true, BOOL),
  // The new value is converted to the type the address points to (xchg(&tg->limits_changed, false)).
  cmpxchg: custom(true, (ctx, args) => {
    ctx.yields();
    const to = pointee(ctx, args[0]);
    return { code: `yield* ${ctx.use('cmpxchg', M.atomic)}(${ctx.expr(args[0]).code}, ${ctx.exprAs(args[1], to)}, ${ctx.exprAs(args[2], to)})`, type: to, prec: PREC.yield };
  }),
  xchg: custom(true, (ctx, args) => {
    ctx.yields();
    const to = pointee(ctx, args[0]);
    return { code: `yield* ${ctx.use('xchg', M.atomic)}(${ctx.expr(args[0]).code}, ${ctx.exprAs(args[1], to)})`, type: to, prec: PREC.yield };
  }),
  test_bit: call('test_bit', M.bitops, false, BOOL),
  set_bit: call('set_bit', M.bitops, true, VOID),
  clear_bit: call('clear_bit', M.bitops, true, VOID),
  __set_bit: call('__set_bit', M.bitops, false, VOID),
  __clear_bit: call('__clear_bit', M.bitops, false, VOID),
  test_and_set_bit: call('test_and_set_bit', M.bitops, true, BOOL),
  test_and_clear_bit: call('test_and_clear_bit', M.bitops, true, BOOL),

  // --- locks ---
  spin_lock_init: classInit('spin_lock_init', M.spinlock),
  spin_lock: call('spinlock.spin_lock', M.spinlock, true),
  spin_unlock: call('spinlock.spin_unlock', M.spinlock, true),
  spin_lock_irq: call('spinlock.spin_lock_irq', M.spinlock, true),
  spin_unlock_irq: call('spinlock.spin_unlock_irq', M.spinlock, true),
  spin_lock_bh: call('spinlock.spin_lock_bh', M.spinlock, true),
  spin_unlock_bh: call('spinlock.spin_unlock_bh', M.spinlock, true),
  spin_lock_irqsave: irqsave('spin_lock_irqsave'),
  spin_unlock_irqrestore: call('spinlock.spin_unlock_irqrestore', M.spinlock, true),
  spin_trylock: call('spinlock.spin_trylock', M.spinlock, true, BOOL),
  spin_is_locked: call('spin_is_locked', M.spinlock, false, BOOL),
  assert_spin_locked: call('assert_spin_locked', M.spinlock, false),
  lockdep_assert_held: custom(false, (ctx, args, at) => prim(`${ctx.use('lockdep_assert_held', 'include/linux/lockdep.ts')}(${ctx.expr(args[0]).code}, ${bugAt(ctx, at)})`, VOID)),
  mutex_init: classInit('mutex_init', M.mutex),
  mutex_lock: call('mutexes.mutex_lock', M.mutex, true),
  mutex_unlock: call('mutexes.mutex_unlock', M.mutex, true),
  mutex_is_locked: call('mutex_is_locked', M.mutex, false, BOOL),
  mutex_trylock: call('mutexes.mutex_trylock', M.mutex, true, BOOL),
  mutex_lock_interruptible: call('mutexes.mutex_lock_interruptible', M.mutex, true, INT),
  init_rwsem: classInit('init_rwsem', M.rwsem),
  down_read: call('rwsem.down_read', M.rwsem, true),
  down_write: call('rwsem.down_write', M.rwsem, true),
  up_read: call('rwsem.up_read', M.rwsem, true),
  up_write: call('rwsem.up_write', M.rwsem, true),
  rt_mutex_lock: call('rtmutex.rt_mutex_lock', M.rtmutex, true),
  rt_mutex_unlock: call('rtmutex.rt_mutex_unlock', M.rtmutex, true),

  // --- RCU ---
  rcu_read_lock: call('rcu_read_lock', M.rcu, false),
  rcu_read_unlock: call('rcu_read_unlock', M.rcu, false),
  synchronize_rcu: call('rcu.synchronize_rcu', M.rcu, true),
  call_rcu: call('call_rcu', M.rcu, false),
  kfree_rcu: custom(false, (ctx, args) => {
    const ptr = ctx.expr(args[0]).code;
    return prim(`${ctx.use('kfree_rcu', M.rcu)}(${ptr}, ${ptr}.${ctx.cText(args[1]).trim()})`, VOID);
  }),
  rcu_barrier: call('rcu.rcu_barrier', M.rcu, true),
  rcu_dereference: checkedRcuRead('rcu_dereference_check', 'none'),
  rcu_dereference_protected: checkedRcuRead('rcu_dereference_protected', 'condition'),
  lockdep_is_held: custom(false, (ctx, args) => prim(`${ctx.use('lockdep_is_held', 'kernel/locking/lockdep.ts')}(${ctx.expr(args[0]).code})`, BOOL)),
  rcu_dereference_raw: custom(false, (ctx, args) => ctx.expr(args[0])),
  rcu_access_pointer: custom(false, (ctx, args) => ctx.expr(args[0])),
  rcu_assign_pointer: custom(false, (ctx, args) => ({ code: `${ctx.expr(args[0]).code} = ${ctx.exprAs(args[1], ctx.typeOf(args[0]))}`, type: VOID, prec: PREC.assign })),
  RCU_INIT_POINTER: custom(false, (ctx, args) => ({ code: `${ctx.expr(args[0]).code} = ${ctx.exprAs(args[1], ctx.typeOf(args[0]))}`, type: VOID, prec: PREC.assign })),

  // --- memory ---
  kmalloc: allocation('kmalloc'),
  kzalloc: allocation('kzalloc'),
  kmalloc_node: allocation('kmalloc_node'),
  kzalloc_node: allocation('kzalloc_node'),
  kcalloc: call('slab.kcalloc', M.slab, true, ptrTo(VOID)),
  kfree: call('slab.kfree', M.slab, false),
  kmem_cache_alloc: call('slab.kmem_cache_alloc', M.slab, true, ptrTo(VOID)),
  kmem_cache_zalloc: call('slab.kmem_cache_zalloc', M.slab, true, ptrTo(VOID)),
  kmem_cache_alloc_node: call('slab.kmem_cache_alloc_node', M.slab, true, ptrTo(VOID)),
  kmem_cache_free: call('slab.kmem_cache_free', M.slab, false),
  kmem_cache_create: call('kmem_cache_create', M.slab, false, P.ptr('kmem_cache')),
  kmem_cache_destroy: call('kmem_cache_destroy', M.slab, false),
  KMEM_CACHE: custom(false, (ctx, args) => prim(`${ctx.use('kmem_cache_create', M.slab)}(${JSON.stringify(ctx.cText(args[0]))}, ${ctx.use('sizeof', M.kstruct)}(${ctx.structDescriptor(structType(ctx.cText(args[0])), args[0])}), 0, ${ctx.expr(args[1]).code}, null)`, P.ptr('kmem_cache'))),
  alloc_percpu: custom(true, (ctx, args) => {
    ctx.yields();
    const t = typeArg(ctx, args[0]);
    if (t === null) return ctx.problem(args[0], 'alloc_percpu', 'the type argument is not `struct name`');
    return { code: `yield* ${ctx.use('percpu', M.percpu)}.alloc_percpu(${ctx.structDescriptor(t, args[0])})`, type: ptrTo(t), prec: PREC.yield };
  }),
  free_percpu: call('percpu.free_percpu', M.percpu, true),
  per_cpu_ptr: call('per_cpu_ptr', M.percpu, false, UNKNOWN),
  this_cpu_ptr: call('this_cpu_ptr', M.percpu, false, UNKNOWN),
  smp_processor_id: call('smp_processor_id', M.sched, false, INT),
  get_cpu: call('get_cpu', M.sched, false, INT),
  put_cpu: call('put_cpu', M.sched, false),
  u64_stats_update_begin: drop('u64_stats seqcounts: the model has no torn 64-bit reads'),
  u64_stats_update_end: drop('u64_stats seqcounts: the model has no torn 64-bit reads'),
  u64_stats_fetch_begin: call('u64_stats_fetch_begin', M.percpu, false, UINT_()),
  u64_stats_fetch_retry: call('u64_stats_fetch_retry', M.percpu, false, BOOL),
  mempool_alloc: call('mempools.mempool_alloc', M.mempool, true, ptrTo(VOID)),
  mempool_free: call('mempools.mempool_free', M.mempool, true),
  mempool_create_slab_pool: call('mempools.mempool_create_slab_pool', M.mempool, true, P.ptr('mempool_s')),
  mempool_create_kmalloc_pool: call('mempools.mempool_create_kmalloc_pool', M.mempool, true, P.ptr('mempool_s')),
  mempool_destroy: call('mempools.mempool_destroy', M.mempool, true),

  // --- workqueues and timers ---
  INIT_WORK: call('INIT_WORK', M.workqueue, false),
  INIT_DELAYED_WORK: call('INIT_DELAYED_WORK', M.workqueue, false),
  queue_work: call('workqueue.queue_work', M.workqueue, true, BOOL),
  schedule_work: call('workqueue.schedule_work', M.workqueue, true, BOOL),
  queue_delayed_work: call('workqueue.queue_delayed_work', M.workqueue, true, BOOL),
  // to_delayed_work(work) (include/linux/workqueue.h): container_of(work, struct delayed_work, work).
  to_delayed_work: custom(false, (ctx, args) => {
    const t = structType('delayed_work');
    return prim(`${ctx.use('container_of', M.pointers)}<${ctx.tsType(t)}>(${ctx.expr(args[0]).code}, "work")`, ptrTo(t));
  }),
  schedule_delayed_work: call('workqueue.schedule_delayed_work', M.workqueue, true, BOOL),
  cancel_work_sync: call('workqueue.cancel_work_sync', M.workqueue, true, BOOL),
  cancel_delayed_work: call('cancel_delayed_work', M.workqueue, false, BOOL),
  __cancel_delayed_work: call('__cancel_delayed_work', M.workqueue, false, BOOL),
  cancel_delayed_work_sync: call('workqueue.cancel_delayed_work_sync', M.workqueue, true, BOOL),
  flush_work: call('workqueue.flush_work', M.workqueue, true, BOOL),
  flush_workqueue: call('workqueue.flush_workqueue', M.workqueue, true),
  alloc_workqueue: call('alloc_workqueue', M.workqueue, false, P.ptr('workqueue_struct')),
  create_workqueue: custom(false, (ctx, args) => prim(`${ctx.use('alloc_workqueue', M.workqueue)}(${ctx.expr(args[0]).code}, ${ctx.use('WQ_MEM_RECLAIM', M.workqueue)}, 1)`, P.ptr('workqueue_struct'))),
  create_singlethread_workqueue: custom(false, (ctx, args) => prim(`${ctx.use('alloc_workqueue', M.workqueue)}(${ctx.expr(args[0]).code}, ${ctx.use('WQ_MEM_RECLAIM', M.workqueue)}, 1)`, P.ptr('workqueue_struct'))),
  destroy_workqueue: call('workqueue.destroy_workqueue', M.workqueue, true),
  work_pending: call('work_pending', M.workqueue, false, BOOL),
  init_timer: call('init_timer', M.timer, false),
  setup_timer: call('setup_timer', M.timer, false),
  mod_timer: call('mod_timer', M.timer, false, INT),
  add_timer: call('add_timer', M.timer, false),
  del_timer: call('del_timer', M.timer, false, INT),
  del_timer_sync: call('del_timer_sync', M.timer, true, INT),
  timer_pending: call('timer_pending', M.timer, false, BOOL),
  msleep: call('timers.msleep', M.timer, true),
  msleep_interruptible: call('timers.msleep_interruptible', M.timer, true, INT),
  schedule_timeout: call('timers.schedule_timeout', M.timer, true, LONG),
  io_schedule_timeout: call('timers.schedule_timeout', M.timer, true, LONG),

  // --- the scheduler ---
  schedule: call('core.schedule', M.sched, true),
  io_schedule: call('core.io_schedule', M.sched, true),
  cond_resched: call('cond_resched', M.sched, true, INT),
  might_sleep: custom(false, (ctx, _args, at) => prim(`${ctx.use('might_sleep', M.sched)}(${bugAt(ctx, at)})`, VOID)),
  might_sleep_if: custom(false, (ctx, args, at) => prim(`if (${ctx.expr(args[0], 'cond').code}) ${ctx.use('might_sleep', M.sched)}(${bugAt(ctx, at)})`, VOID)),
  set_current_state: call('set_current_state', M.sched, false),
  __set_current_state: call('__set_current_state', M.sched, false),
  wake_up_process: call('wake_up_process', M.sched, false, INT),
  in_interrupt: call('in_interrupt', M.sched, false, BOOL),
  irqs_disabled: call('irqs_disabled', M.sched, false, BOOL),
  local_irq_disable: call('local_irq_disable', M.sched, false),
  local_irq_enable: call('local_irq_enable', M.sched, false),
  local_irq_save: custom(false, (ctx, args) => ({ code: `${ctx.expr(args[0]).code} = ${ctx.use('local_irq_save', M.sched)}()`, type: VOID, prec: PREC.assign })),
  local_irq_restore: call('local_irq_restore', M.sched, false),
  preempt_disable: call('preempt_disable', M.sched, false),
  preempt_enable: call('preempt_enable', M.sched, false),
  get_current: custom(false, (ctx) => prim(`${ctx.use('current', M.machine)}()`, P.ptr('task_struct'))),

  // --- wait queues and completions ---
  init_waitqueue_head: classInit('init_waitqueue_head', M.wait),
  prepare_to_wait: call('prepare_to_wait', M.wait, false),
  prepare_to_wait_exclusive: call('prepare_to_wait_exclusive', M.wait, false),
  finish_wait: call('finish_wait', M.wait, false),
  wake_up: call('wake_up', M.wait, false),
  wake_up_all: call('wake_up_all', M.wait, false),
  wake_up_interruptible: call('wake_up', M.wait, false),
  waitqueue_active: call('waitqueue_active', M.wait, false, BOOL),
  wait_event: custom(true, (ctx, args) => {
    ctx.yields();
    const cond = ctx.expr(args[1], 'cond').code;
    // A condition that itself sleeps (takes a lock) is evaluated by a generator.
    if (/\byield\b/.test(cond)) return { code: `yield* ${ctx.use('wait_event_sleeping_cond', M.wait)}(${ctx.expr(args[0]).code}, function* () {\n  return ${cond};\n})`, type: VOID, prec: PREC.yield };
    return { code: `yield* ${ctx.use('wait_event', M.wait)}(${ctx.expr(args[0]).code}, () => ${cond})`, type: VOID, prec: PREC.yield };
  }),
  wait_event_interruptible: custom(true, (ctx, args) => {
    ctx.yields();
    return { code: `yield* ${ctx.use('wait_event_interruptible', M.wait)}(${ctx.expr(args[0]).code}, () => ${ctx.expr(args[1], 'cond').code})`, type: INT, prec: PREC.yield };
  }),
  init_completion: classInit('init_completion', M.completion),
  wait_for_completion: call('completions.wait_for_completion', M.completion, true),
  wait_for_completion_io: call('completions.wait_for_completion', M.completion, true),
  complete: call('completions.complete', M.completion, true),
  complete_all: call('completions.complete_all', M.completion, true),

  // --- lists, hlists, rb-trees ---
  INIT_LIST_HEAD: call('INIT_LIST_HEAD', M.list, false),
  list_add: call('list_add', M.list, false),
  list_add_tail: call('list_add_tail', M.list, false),
  list_del: call('list_del', M.list, false),
  list_del_init: call('list_del_init', M.list, false),
  list_move: call('list_move', M.list, false),
  list_move_tail: call('list_move_tail', M.list, false),
  list_empty: call('list_empty', M.list, false, BOOL),
  list_empty_careful: call('list_empty_careful', M.list, false, BOOL),
  list_is_last: call('list_is_last', M.list, false, BOOL),
  list_is_singular: call('list_is_singular', M.list, false, BOOL),
  list_splice: call('list_splice', M.list, false),
  list_splice_tail: call('list_splice_tail', M.list, false),
  list_splice_init: call('list_splice_init', M.list, false),
  list_splice_tail_init: call('list_splice_tail_init', M.list, false),
  list_replace_init: call('list_replace_init', M.list, false),
  list_add_rcu: call('list_add_rcu', M.list, false),
  list_add_tail_rcu: call('list_add_tail_rcu', M.list, false),
  list_del_rcu: call('list_del_rcu', M.list, false),
  INIT_HLIST_HEAD: call('INIT_HLIST_HEAD', M.list, false),
  INIT_HLIST_NODE: call('INIT_HLIST_NODE', M.list, false),
  hlist_unhashed: call('hlist_unhashed', M.list, false, BOOL),
  hlist_empty: call('hlist_empty', M.list, false, BOOL),
  hlist_add_head: call('hlist_add_head', M.list, false),
  hlist_del: call('hlist_del', M.list, false),
  hlist_del_init: call('hlist_del_init', M.list, false),
  hlist_add_head_rcu: call('hlist_add_head_rcu', M.list, false),
  hlist_del_rcu: call('hlist_del_rcu', M.list, false),
  hlist_del_init_rcu: call('hlist_del_init_rcu', M.list, false),
  // include/linux/hashtable.h: a DECLARE_HASHTABLE array of hlist buckets.
  hash_init: call('hash_init', M.hashtable, false),
  hash_add: call('hash_add', M.hashtable, false),
  hash_del: call('hash_del', M.hashtable, false),
  RB_ROOT: custom(false, (ctx) => prim(`${ctx.use('RB_ROOT', M.rbtree)}()`, structType('rb_root'))),
  RB_EMPTY_ROOT: call('RB_EMPTY_ROOT', M.rbtree, false, BOOL),
  RB_EMPTY_NODE: call('RB_EMPTY_NODE', M.rbtree, false, BOOL),
  RB_CLEAR_NODE: call('RB_CLEAR_NODE', M.rbtree, false),
  rb_link_node: call('rb_link_node', M.rbtree, false),
  rb_insert_color: call('rb_insert_color', M.rbtree, false),
  rb_erase: call('rb_erase', M.rbtree, false),
  rb_first: call('rb_first', M.rbtree, false, P.ptr('rb_node')),
  rb_last: call('rb_last', M.rbtree, false, P.ptr('rb_node')),
  rb_next: call('rb_next', M.rbtree, false, P.ptr('rb_node')),
  rb_prev: call('rb_prev', M.rbtree, false, P.ptr('rb_node')),
  rb_replace_node: call('rb_replace_node', M.rbtree, false),
  rb_parent: call('rb_parent', M.rbtree, false, P.ptr('rb_node')),

  // --- v3.15: device-mapper and md's runtime ---
  // SRCU (kernel/rcu/srcu.c): dm's live-table protection.
  init_srcu_struct: call('init_srcu_struct', 'kernel/rcu/srcu.ts', false, INT),
  cleanup_srcu_struct: call('cleanup_srcu_struct', 'kernel/rcu/srcu.ts', false),
  srcu_read_lock: call('srcu_read_lock', 'kernel/rcu/srcu.ts', false, INT),
  srcu_read_unlock: call('srcu_read_unlock', 'kernel/rcu/srcu.ts', false),
  synchronize_srcu: call('synchronize_srcu', 'kernel/rcu/srcu.ts', true),
  srcu_dereference: custom(false, (ctx, args) => ctx.expr(args[0])),
  synchronize_rcu_expedited: call('rcu.synchronize_rcu', M.rcu, true),
  // synchronize_sched(): the model's RCU is non-preemptible RCU (kernel/rcupdate.ts), where a
  // read-side section disables preemption, so an RCU-sched grace period is its grace period.
  synchronize_sched: call('rcu.synchronize_rcu', M.rcu, true),
  // Kernel threads and signals: the model's tasks get no signals.
  kthread_run: call('kthread_run', 'kernel/kthread.ts', true, P.ptr('task_struct')),
  kthread_should_stop: call('kthread_should_stop', 'kernel/kthread.ts', false, BOOL),
  kthread_stop: call('kthread_stop', 'kernel/kthread.ts', true, INT),
  signal_pending: custom(false, () => ({ code: 'false /* signal_pending: the model sends no signals */', type: BOOL, prec: PREC.primary })),
  allow_signal: drop('the model sends no signals'),
  flush_signals: drop('the model sends no signals'),
  // Wait queues beyond wait_event.
  add_wait_queue: call('add_wait_queue', M.wait, false),
  remove_wait_queue: call('remove_wait_queue', M.wait, false),
  wait_event_timeout: custom(true, (ctx, args) => {
    ctx.yields();
    return { code: `yield* ${ctx.use('wait_event_timeout', M.wait)}(${ctx.expr(args[0]).code}, () => ${ctx.expr(args[1], 'cond').code}, ${ctx.expr(args[2]).code})`, type: LONG, prec: PREC.yield };
  }),
  // Sleeps in TASK_INTERRUPTIBLE (S): khungtaskd never reports such a sleeper. No signals come.
  wait_event_interruptible_timeout: custom(true, (ctx, args) => {
    ctx.yields();
    return { code: `yield* ${ctx.use('wait_event_interruptible_timeout', M.wait)}(${ctx.expr(args[0]).code}, () => ${ctx.expr(args[1], 'cond').code}, ${ctx.expr(args[2]).code})`, type: LONG, prec: PREC.yield };
  }),
  wait_event_lock_irq: custom(true, (ctx, args) => {
    ctx.yields();
    return { code: `yield* ${ctx.use('wait_event_lock_irq', M.wait)}(${ctx.expr(args[0]).code}, () => ${ctx.expr(args[1], 'cond').code}, ${ctx.expr(args[2]).code})`, type: VOID, prec: PREC.yield };
  }),
  // The command runs after the lock is dropped, each time round: a generator of its own.
  wait_event_lock_irq_cmd: custom(true, (ctx, args) => {
    ctx.yields();
    return { code: `yield* ${ctx.use('wait_event_lock_irq_cmd', M.wait)}(${ctx.expr(args[0]).code}, () => ${ctx.expr(args[1], 'cond').code}, ${ctx.expr(args[2]).code}, function* () {\n  ${ctx.expr(args[3]).code};\n})`, type: VOID, prec: PREC.yield };
  }),
  wait_on_bit: call('wait_on_bit', M.wait, true, INT),
  wake_up_bit: call('wake_up_bit', M.wait, false),
  clear_bit_unlock: call('clear_bit', M.bitops, true, VOID),
  ffs: call('ffs', M.bitops, false, INT),
  fls: call('fls', M.bitops, false, INT),
  atomic64_add: call('atomic_add', M.atomic, true, VOID),
  atomic64_set: call('atomic_set', M.atomic, false, VOID),
  atomic_dec_and_lock: call('atomic_dec_and_lock', M.spinlock, true, BOOL),
  down_write_nested: call('rwsem.down_write_nested', M.rwsem, true),
  // Sequence locks.
  seqlock_init: classInit('seqlock_init', 'include/linux/seqlock.ts'),
  read_seqbegin: call('read_seqbegin', 'include/linux/seqlock.ts', false, UINT_()),
  read_seqretry: call('read_seqretry', 'include/linux/seqlock.ts', false, BOOL),
  write_seqlock_irq: call('write_seqlock_irq', 'include/linux/seqlock.ts', true),
  write_sequnlock_irq: call('write_sequnlock_irq', 'include/linux/seqlock.ts', true),
  write_seqlock_irqsave: custom(true, (ctx, args) => {
    ctx.yields();
    return { code: `${ctx.expr(args[1]).code} = yield* ${ctx.use('write_seqlock_irqsave', 'include/linux/seqlock.ts')}(${ctx.expr(args[0]).code})`, type: VOID, prec: PREC.assign };
  }),
  write_sequnlock_irqrestore: call('write_sequnlock_irqrestore', 'include/linux/seqlock.ts', true),
  // IDR, per-cpu counters, workqueues.
  idr_preload: call('idr_preload', 'lib/idr.ts', false),
  idr_preload_end: call('idr_preload_end', 'lib/idr.ts', false),
  idr_alloc: call('idr_alloc', 'lib/idr.ts', false, INT),
  idr_find: call('idr_find', 'lib/idr.ts', false, ptrTo(VOID)),
  idr_replace: call('idr_replace', 'lib/idr.ts', false, ptrTo(VOID)),
  idr_remove: call('idr_remove', 'lib/idr.ts', false),
  idr_destroy: call('idr_destroy', 'lib/idr.ts', false),
  ida_simple_get: call('ida_simple_get', 'lib/idr.ts', true, INT),
  ida_simple_remove: call('ida_simple_remove', 'lib/idr.ts', false),
  percpu_counter_init: call('percpu_counter_init', 'lib/percpu_counter.ts', true, INT),
  percpu_counter_destroy: call('percpu_counter_c.percpu_counter_destroy', 'lib/percpu_counter.ts', true),
  mod_delayed_work: call('workqueue.mod_delayed_work', M.workqueue, true, BOOL),
  flush_scheduled_work: call('workqueue.flush_scheduled_work', M.workqueue, true),
  // Arithmetic.
  min_not_zero: call('min_not_zero', M.kernel, false, ULONG),
  lcm: call('lcm', M.kernel, false, ULONG),
  rounddown_pow_of_two: call('rounddown_pow_of_two', M.kernel, false, ULONG),
  abs: custom(false, (ctx, args) => prim(`Math.abs(${ctx.expr(args[0]).code})`, LONG)),
  // sector_div(n, base) divides n in place and returns the remainder (n is a plain lvalue).
  sector_div: custom(false, (ctx, args) => {
    const n = ctx.expr(args[0]).code;
    const b = ctx.operand(ctx.expr(args[1]), PREC.multiplicative + 1);
    return { code: `(${n} - (${n} = Math.floor(${n} / ${b})) * ${b})`, type: ULONG, prec: PREC.primary };
  }),
  IS_ALIGNED: custom(false, (ctx, args) => ({ code: `(${ctx.operand(ctx.expr(args[0]), PREC.bitand)} & (${ctx.expr(args[1]).code} - 1)) === 0`, type: BOOL, prec: PREC.equality })),
  le32_to_cpu: custom(false, (ctx, args) => ctx.expr(args[0])),
  le64_to_cpu: custom(false, (ctx, args) => ctx.expr(args[0])),
  // Pages and their memory: a page stands for its memory; data is not modeled.
  kmap: call('kmap', 'mm/page.ts', false, ptrTo(VOID)),
  kmap_atomic: call('kmap', 'mm/page.ts', false, ptrTo(VOID)),
  kunmap: drop('no highmem on x86_64'),
  kunmap_atomic: drop('no highmem on x86_64'),
  ZERO_PAGE: call('ZERO_PAGE', 'mm/page.ts', false, P.ptr('page')),
  virt_to_page: call('virt_to_page', 'mm/page.ts', false, P.ptr('page')),
  vmalloc_to_page: call('virt_to_page', 'mm/page.ts', false, P.ptr('page')),
  flush_dcache_page: drop('caches are coherent in the model'),
  flush_kernel_vmap_range: drop('caches are coherent in the model'),
  invalidate_kernel_vmap_range: drop('caches are coherent in the model'),
  vzalloc: allocation('kzalloc'),
  vmalloc: allocation('kmalloc'),
  vfree: call('slab.kfree', M.slab, false),
  memcmp: call('memcmp', M.string, false, INT),
  // memcpy of one struct into another is a struct assignment; of data (pages), nothing to copy.
  memcpy: custom(false, (ctx, args, at) => {
    const t = ctx.resolve(ctx.typeOf(args[0]));
    const to = t.k === 'ptr' ? ctx.resolve(t.to) : null;
    if (to !== null && to.k === 'struct') return prim(`${ctx.use('struct_assign', M.pointers)}(${ctx.expr(args[0]).code}, ${ctx.expr(args[1]).code})`, VOID);
    // Into an array of structs (memcpy(&job->dests, dests, sizeof(*dests) * num_dests)): element by element.
    if (to !== null && to.k === 'array' && ctx.resolve(to.of).k === 'struct') {
      return prim(`${ctx.use('memcpy_structs', M.pointers)}(${ctx.expr(args[0]).code}, ${ctx.expr(args[1]).code}, ${ctx.expr(args[2]).code}, ${ctx.structDescriptor(to.of, at)}.size)`, VOID);
    }
    return prim(`${ctx.use('memcpy_data', M.string)}(${ctx.expr(args[0]).code}, ${ctx.expr(args[1]).code}, ${ctx.expr(args[2]).code})`, VOID);
  }),
  printk_ratelimited: call('printk', M.printk, false, INT),
  WARN_ONCE: custom(false, (ctx, args, at) => prim(`${ctx.use('WARN_ON_ONCE', M.bug)}(${ctx.exprAs(args[0], BOOL)}, ${bugAt(ctx, at)})`, BOOL)),
  bdi_congested: call('bdi_congested', 'mm/backing-dev.ts', false, BOOL),
  // sysfs and uevents: the model has no sysfs.
  sysfs_notify_dirent: drop('sysfs is not modeled'),
  sysfs_notify: drop('sysfs is not modeled'),
  sysfs_remove_group: drop('sysfs is not modeled'),
  kobject_del: drop('sysfs is not modeled'),
  sysfs_remove_link: drop('sysfs is not modeled'),
  sysfs_put: drop('sysfs is not modeled'),
  sysfs_create_link: custom(false, (ctx, args) => prim(`(void [${args.slice(0, 2).map((a) => ctx.expr(a).code).join(', ')}], 0 /* sysfs_create_link: sysfs is not modeled */)`, INT)),
  sysfs_create_group: custom(false, () => prim('0 /* sysfs_create_group: sysfs is not modeled */', INT)),
  sysfs_create_file: custom(false, () => prim('0 /* sysfs_create_file: sysfs is not modeled */', INT)),
  sysfs_get_dirent: custom(false, (ctx) => ({ code: `${ctx.use('NULL', M.pointers)} /* sysfs_get_dirent: sysfs is not modeled */`, type: ptrTo(VOID), prec: PREC.primary })),

  // --- strings ---
  scnprintf: call('scnprintf', M.string, false, INT),
  strncmp: call('strncmp', M.string, false, INT),
  isspace: call('isspace', M.string, false, BOOL),
  toupper: call('toupper', M.string, false, INT),
  kstrtouint: call('kstrtouint', M.string, false, INT),
  kstrtoul: call('kstrtoul', M.string, false, INT),
  kstrtoull: call('kstrtoull', M.string, false, INT),
  simple_strtoull: call('simple_strtoull', M.string, false, ULONG),
  strrchr: call('strrchr', M.string, false, ptrTo({ k: 'char' })),
  strchr: call('strchr', M.string, false, ptrTo({ k: 'char' })),
  strcpy: call('strcpy', M.string, false, ptrTo({ k: 'char' })),
  sscanf: call('sscanf', M.string, false, INT),
  sprintf: call('sprintf', M.string, false, INT),
  strlcat: call('strlcat', M.string, false, ULONG),
  strsep: call('strsep', M.string, false, ptrTo({ k: 'char' })),
  strict_strtoul: call('strict_strtoul', M.string, false, INT),
  strict_strtoull: call('strict_strtoull', M.string, false, INT),
  kstrdup: call('kstrdup', M.string, true, ptrTo({ k: 'char' })),
  seq_printf: call('seq_printf', M.string, false, INT),
  snprintf: call('snprintf', M.string, false, INT),
  strcmp: call('strcmp', M.string, false, INT),
  strlen: call('strlen', M.string, false, ULONG),
  memset: custom(false, (ctx, args) => prim(`${ctx.use('memset_zero', M.pointers)}(${ctx.expr(args[0]).code})`, VOID)),
};

function UINT_(): CType {
  return { k: 'int', bits: 32, unsigned: true, name: 'unsigned int' };
}

// --- iterators ------------------------------------------------------------------------------

const listWalk = (step: 'list_walk_next' | 'list_walk_prev', first: 'next' | 'prev'): IteratorIdiom =>
  iterator((ctx, args) => {
    const [pos, head, member] = args;
    const p = ctx.expr(pos).code;
    const h = ctx.expr(head).code;
    const m = memberName(ctx, member);
    const T = cursorType(ctx, pos);
    return `${p} = ${ctx.use('list_walk_at', M.list)}<${T}>(${ctx.operand(ctx.expr(head), PREC.call)}.${first}, ${h}, ${m}); !${ctx.use('list_entry_is_head', M.list)}(${p}, ${h}, ${m}); ${p} = ${ctx.use(step, M.list)}(${p}, ${h}, ${m})`;
  });

/** list_for_each_entry_safe(pos, n, head, member): `n` is read before the body runs. */
const listWalkSafe = (step: 'list_walk_next' | 'list_walk_prev', first: 'next' | 'prev'): IteratorIdiom =>
  iterator((ctx, args) => {
    const [pos, n, head, member] = args;
    const p = ctx.expr(pos).code;
    const nn = ctx.expr(n).code;
    const h = ctx.expr(head).code;
    const m = memberName(ctx, member);
    const T = cursorType(ctx, pos);
    const at = ctx.use('list_walk_at', M.list);
    return `${p} = ${at}<${T}>(${ctx.operand(ctx.expr(head), PREC.call)}.${first}, ${h}, ${m}), ${nn} = ${ctx.use(step, M.list)}(${p}, ${h}, ${m}); !${ctx.use('list_entry_is_head', M.list)}(${p}, ${h}, ${m}); ${p} = ${nn}, ${nn} = ${ctx.use(step, M.list)}(${nn}, ${h}, ${m})`;
  });

/**
 * hlist_for_each_entry: v3.2's (tpos, pos, head, member), where `pos` walks nodes and `tpos`
 * their entries; from v3.9 (pos, head, member), the entry cursor alone (and `n` the next entry
 * for the _safe form).
 */
const hlistWalk = (safe: boolean): IteratorIdiom =>
  iterator((ctx, args) => {
    if (args.length === (safe ? 4 : 3)) {
      const pos = args[0];
      const head = safe ? args[2] : args[1];
      const member = safe ? args[3] : args[2];
      const p = ctx.expr(pos).code;
      const T = cursorType(ctx, pos);
      const m = memberName(ctx, member);
      const entry = (node: string): string => `${ctx.use('hlist_entry_safe', M.list)}<${T}>(${node}, ${m})`;
      const first = `${ctx.operand(ctx.expr(head), PREC.call)}.first`;
      if (!safe) return `${p} = ${entry(first)}; ${p}; ${p} = ${entry(`${p}.${ctx.cText(member)}.next`)}`;
      const nn = ctx.expr(args[1]).code;
      return `${p} = ${entry(first)}; ${p} && ((${nn} = ${p}.${ctx.cText(member)}.next), true); ${p} = ${entry(nn)}`;
    }
    const [tpos, pos] = args;
    const n = safe ? args[2] : null;
    const head = safe ? args[3] : args[2];
    const member = safe ? args[4] : args[3];
    const tp = ctx.expr(tpos).code;
    const p = ctx.expr(pos).code;
    const T = cursorType(ctx, tpos);
    const entry = `${tp} = ${ctx.use('hlist_entry', M.list)}<${T}>(${p}, ${memberName(ctx, member)})`;
    if (n === null) return `${p} = ${ctx.operand(ctx.expr(head), PREC.call)}.first; ${p} && ((${entry}), true); ${p} = ${ctx.use('hlist_next', M.list)}(${p})`;
    const nn = ctx.expr(n).code;
    return `${p} = ${ctx.operand(ctx.expr(head), PREC.call)}.first; ${p} && ((${nn} = ${p}.next), true) && ((${entry}), true); ${p} = ${nn}`;
  });

export const ITERATOR_IDIOMS: Readonly<Record<string, IteratorIdiom>> = {
  list_for_each_entry: listWalk('list_walk_next', 'next'),
  list_for_each_entry_rcu: listWalk('list_walk_next', 'next'),
  list_for_each_entry_reverse: listWalk('list_walk_prev', 'prev'),
  list_for_each_entry_safe: listWalkSafe('list_walk_next', 'next'),
  list_for_each_entry_safe_reverse: listWalkSafe('list_walk_prev', 'prev'),
  list_for_each_prev: iterator((ctx, args) => {
    const p = ctx.expr(args[0]).code;
    const h = ctx.expr(args[1]).code;
    return `${p} = ${ctx.operand(ctx.expr(args[1]), PREC.call)}.prev; ${p} !== ${h}; ${p} = ${p}.prev`;
  }),
  list_for_each: iterator((ctx, args) => {
    const p = ctx.expr(args[0]).code;
    const h = ctx.expr(args[1]).code;
    return `${p} = ${ctx.operand(ctx.expr(args[1]), PREC.call)}.next; ${p} !== ${h}; ${p} = ${ctx.use('list_next', M.list)}(${p})`;
  }),
  list_for_each_safe: iterator((ctx, args) => {
    const p = ctx.expr(args[0]).code;
    const n = ctx.expr(args[1]).code;
    const h = ctx.expr(args[2]).code;
    const next = ctx.use('list_next', M.list);
    return `${p} = ${ctx.operand(ctx.expr(args[2]), PREC.call)}.next, ${n} = ${next}(${p}); ${p} !== ${h}; ${p} = ${n}, ${n} = ${next}(${p})`;
  }),
  hlist_for_each_entry: hlistWalk(false),
  hlist_for_each_entry_rcu: hlistWalk(false),
  hlist_for_each_entry_safe: hlistWalk(true),
  // hash_for_each_possible_safe(name, obj, tmp, member, key): hlist_for_each_entry_safe over the
  // bucket of key (include/linux/hashtable.h).
  hash_for_each_possible_safe: iterator((ctx, args) => {
    const [name, pos, tmp, member, key] = args;
    const p = ctx.expr(pos).code;
    const nn = ctx.expr(tmp).code;
    const T = cursorType(ctx, pos);
    const m = memberName(ctx, member);
    const entry = (node: string): string => `${ctx.use('hlist_entry_safe', M.list)}<${T}>(${node}, ${m})`;
    const first = `${ctx.use('hash_bucket', M.hashtable)}(${ctx.expr(name).code}, ${ctx.expr(key).code}).first`;
    return `${p} = ${entry(first)}; ${p} && ((${nn} = ${p}.${ctx.cText(member)}.next), true); ${p} = ${entry(nn)}`;
  }),
  for_each_possible_cpu: iterator((ctx, args) => {
    const c = ctx.expr(args[0]).code;
    return `${c} = 0; ${c} < ${ctx.use('nr_cpu_ids', M.sched)}(); ${c}++`;
  }),
  for_each_online_cpu: iterator((ctx, args) => {
    const c = ctx.expr(args[0]).code;
    return `${c} = 0; ${c} < ${ctx.use('nr_cpu_ids', M.sched)}(); ${c}++`;
  }),
  // v3.2's bvec walks are pointer increments over bi_io_vec; the model indexes the array.
  bio_for_each_segment: iterator((ctx, args) => {
    const [bvl, , i] = args.map((a) => ctx.expr(a).code);
    const b = ctx.operand(ctx.expr(args[1]), PREC.call);
    return `${i} = ${b}.bi_idx, ${bvl} = ${b}.bi_io_vec[${i}]; ${i} < ${b}.bi_vcnt; ${i}++, ${bvl} = ${b}.bi_io_vec[${i}]`;
  }),
  __bio_for_each_segment: iterator((ctx, args) => {
    const [bvl, , i, start] = args.map((a) => ctx.expr(a).code);
    const b = ctx.operand(ctx.expr(args[1]), PREC.call);
    return `${i} = ${start}, ${bvl} = ${b}.bi_io_vec[${i}]; ${i} < ${b}.bi_vcnt; ${i}++, ${bvl} = ${b}.bi_io_vec[${i}]`;
  }),
  rq_for_each_segment: iterator((ctx, args) => {
    const bvl = ctx.expr(args[0]).code;
    const rq = ctx.operand(ctx.expr(args[1]), PREC.call);
    const it = ctx.operand(ctx.expr(args[2]), PREC.call);
    return [
      `${it}.bio = ${rq}.bio; ${it}.bio; ${it}.bio = ${it}.bio.bi_next`,
      `${it}.i = ${it}.bio.bi_idx, ${bvl} = ${it}.bio.bi_io_vec[${it}.i]; ${it}.i < ${it}.bio.bi_vcnt; ${it}.i++, ${bvl} = ${it}.bio.bi_io_vec[${it}.i]`,
    ];
  }),
  // blk-mq's hardware contexts (block/blk-mq.h): the model has no blk-mq queue, so no context.
  queue_for_each_hw_ctx: iterator((ctx, args) => {
    const q = ctx.operand(ctx.expr(args[0]), PREC.call);
    const h = ctx.expr(args[1]).code;
    const i = ctx.expr(args[2]).code;
    // No queue has hardware contexts in the model: the walk never enters its body.
    return `${i} = 0, void ${h}; ${i} < ${q}.nr_hw_queues; ${i}++`;
  }),
  bio_list_for_each: iterator((ctx, args) => {
    const b = ctx.expr(args[0]).code;
    return `${b} = ${ctx.operand(ctx.expr(args[1]), PREC.call)}.head; ${b}; ${b} = ${b}.bi_next`;
  }),
};

export const ITERATORS: ReadonlySet<string> = new Set(Object.keys(ITERATOR_IDIOMS));

/** Macros whose arguments may be a type (`struct foo`), which the preprocessor turns into a name. */
export const TYPE_ARG_MACROS: ReadonlySet<string> = new Set(['container_of', 'list_entry', 'list_first_entry', 'hlist_entry', 'rb_entry', 'alloc_percpu', 'min_t', 'max_t', 'clamp_t', 'offsetof']);

/** Declaration macros: what the preprocessor puts in their place ($1 = first argument). */
export const DECLARATION_MACROS: ReadonlyMap<string, string> = new Map([
  ['DEFINE_SPINLOCK', 'spinlock_t $1 = __DEFINE_SPINLOCK("$1")'],
  ['DEFINE_MUTEX', 'struct mutex $1 = __DEFINE_MUTEX("$1")'],
  ['DECLARE_RWSEM', 'struct rw_semaphore $1 = __DECLARE_RWSEM("$1")'],
  ['LIST_HEAD', 'struct list_head $1 = __LIST_HEAD_INIT()'],
  ['DECLARE_WAIT_QUEUE_HEAD', 'wait_queue_head_t $1 = __DECLARE_WAIT_QUEUE_HEAD("$1")'],
  ['DECLARE_COMPLETION_ONSTACK', 'struct completion $1 = __DECLARE_COMPLETION("$1")'],
  ['DECLARE_COMPLETION', 'struct completion $1 = __DECLARE_COMPLETION("$1")'],
  ['DEFINE_WAIT', 'wait_queue_t $1 = __DEFINE_WAIT()'],
  ['DECLARE_WORK', 'struct work_struct $1 = __DECLARE_WORK($2)'],
  ['DECLARE_DELAYED_WORK', 'struct delayed_work $1 = __DECLARE_DELAYED_WORK($2)'],
  ['DEFINE_IDR', 'struct idr $1 = __DEFINE_IDR()'],
  ['DEFINE_IDA', 'struct ida $1 = __DEFINE_IDA()'],
  // NR_CPUS is 8 in the model's configuration: a per-cpu variable is an array of 8 slots.
  ['DEFINE_PER_CPU', '$1 $2[8]'],
  // include/linux/compiler-gcc.h: `x = x` silences a warning; the model's locals start zeroed.
  ['uninitialized_var', '$1'],
  ['DECLARE_WAITQUEUE', 'wait_queue_t $1 = __DECLARE_WAITQUEUE($2)'],
  // include/linux/hashtable.h: the table is an array of 1 << bits buckets.
  ['DECLARE_HASHTABLE', 'struct hlist_head $1[1 << ($2)]'],
]);

/** The initialiser markers DECLARATION_MACROS put in, and how to translate them. */
export const DECLARATION_INITIALIZERS: Readonly<Record<string, CustomIdiom>> = {
  __DEFINE_SPINLOCK: custom(false, (ctx, args) => prim(`${ctx.use('DEFINE_SPINLOCK', M.spinlock)}(${ctx.cText(args[0])})`, structType('spinlock'))),
  __DEFINE_MUTEX: custom(false, (ctx, args) => prim(`${ctx.use('DEFINE_MUTEX', M.mutex)}(${ctx.cText(args[0])})`, structType('mutex'))),
  __DECLARE_RWSEM: custom(false, (ctx, args) => prim(`${ctx.use('DECLARE_RWSEM', M.rwsem)}(${ctx.cText(args[0])})`, structType('rw_semaphore'))),
  __LIST_HEAD_INIT: custom(false, (ctx) => prim(`${ctx.use('LIST_HEAD_INIT', M.list)}()`, structType('list_head'))),
  __DECLARE_WAIT_QUEUE_HEAD: custom(false, (ctx, args) => prim(`${ctx.use('DECLARE_WAIT_QUEUE_HEAD', M.wait)}(${ctx.cText(args[0])})`, structType('__wait_queue_head'))),
  __DECLARE_COMPLETION: custom(false, (ctx, args) => prim(`${ctx.use('DECLARE_COMPLETION', M.completion)}(${ctx.cText(args[0])})`, structType('completion'))),
  __DEFINE_WAIT: custom(false, (ctx) => prim(`${ctx.use('DEFINE_WAIT', M.wait)}()`, structType('__wait_queue'))),
  __DECLARE_WORK: custom(false, (ctx, args) => prim(`${ctx.use('DECLARE_WORK', M.workqueue)}(${ctx.expr(args[0]).code})`, structType('work_struct'))),
  __DECLARE_DELAYED_WORK: custom(false, (ctx, args) => prim(`${ctx.use('DECLARE_DELAYED_WORK', M.workqueue)}(${ctx.expr(args[0]).code})`, structType('delayed_work'))),
  __DECLARE_WAITQUEUE: custom(false, (ctx, args) => prim(`${ctx.use('DECLARE_WAITQUEUE', M.wait)}(${ctx.expr(args[0]).code})`, structType('__wait_queue'))),
  __DEFINE_IDA: custom(false, (ctx) => prim(`${ctx.use('DEFINE_IDA', 'lib/idr.ts')}()`, structType('ida'))),
  __DEFINE_IDR: custom(false, (ctx) => prim(`${ctx.use('idr_zeroed', 'lib/idr.ts')}()`, structType('idr'))),
  __DEFINE_PER_CPU: custom(false, (ctx) => prim(`new Array<number>(${ctx.use('nr_cpu_ids', M.sched)}()).fill(0)`, UNKNOWN)),
};

/**
 * Constants of headers the runtime stands for (gfp.h, errno-base.h, workqueue.h): the runtime
 * module defines each once, with the kernel's value, for translated and hand-written code alike.
 */
const GFP = ['__GFP_WAIT', '__GFP_HIGH', '__GFP_IO', '__GFP_FS', '__GFP_NOWARN', '__GFP_NORETRY', '__GFP_NOMEMALLOC', '__GFP_ZERO', 'GFP_ATOMIC', 'GFP_NOWAIT', 'GFP_NOIO', 'GFP_NOFS', 'GFP_KERNEL'];
const ERRNO = ['EPERM', 'ENOENT', 'ESRCH', 'EINTR', 'EIO', 'ENXIO', 'E2BIG', 'ENOEXEC', 'EBADF', 'ECHILD', 'EAGAIN', 'ENOMEM', 'EACCES', 'EFAULT', 'ENOTBLK', 'EBUSY', 'EEXIST', 'EXDEV', 'ENODEV', 'ENOTDIR', 'EISDIR', 'EINVAL', 'ENFILE', 'EMFILE', 'ENOTTY', 'ETXTBSY', 'EFBIG', 'ENOSPC', 'ESPIPE', 'EROFS', 'EMLINK', 'EPIPE', 'EDOM', 'ERANGE', 'EOPNOTSUPP', 'EWOULDBLOCK'];
export const CONSTANT_IDIOMS: Readonly<Record<string, string>> = {
  ...Object.fromEntries(GFP.map((n) => [n, 'include/linux/gfp.ts'])),
  ...Object.fromEntries(ERRNO.map((n) => [n, 'include/uapi/asm-generic/errno-base.ts'])),
  WQ_NON_REENTRANT: M.workqueue,
  WQ_MEM_RECLAIM: M.workqueue,
  WQ_HIGHPRI: M.workqueue,
  WQ_POWER_EFFICIENT: M.workqueue,
  GFP_DMA: 'include/linux/gfp.ts',
  SLAB_PANIC: M.slab,
  SLAB_HWCACHE_ALIGN: M.slab,
  WB_SYNC_NONE: 'include/linux/writeback.ts',
  WB_SYNC_ALL: 'include/linux/writeback.ts',
  PSWPIN: 'mm/vmstat.ts',
  PSWPOUT: 'mm/vmstat.ts',
  SWP_FILE: 'mm/swapfile.ts',
  PAGE_SIZE: 'mm/page.ts',
  PAGE_SHIFT: 'mm/page.ts',
  PAGE_CACHE_SIZE: 'mm/page.ts',
  PAGE_CACHE_SHIFT: 'mm/page.ts',
  VM_MAX_READAHEAD: 'mm/page.ts',
  ENOLINK: 'include/uapi/asm-generic/errno-base.ts',
  EREMOTEIO: 'include/uapi/asm-generic/errno-base.ts',
  EBADE: 'include/uapi/asm-generic/errno-base.ts',
  blkio_subsys_id: M.cgroup,
  BLOCK_SOFTIRQ: 'kernel/softirq.ts',
  NOTIFY_OK: 'kernel/cpu.ts',
  CPU_DEAD: 'kernel/cpu.ts',
  CPU_DEAD_FROZEN: 'kernel/cpu.ts',
  S_IRUGO: 'include/uapi/linux/stat.ts',
  S_IWUSR: 'include/uapi/linux/stat.ts',
  PGPGIN: 'kernel/accounting.ts',
  PGPGOUT: 'kernel/accounting.ts',
  laptop_mode_timer_fn: 'mm/backing-dev.ts',
  max_pfn: 'mm/page.ts',
  max_low_pfn: 'mm/page.ts',
  SCHED_NORMAL: 'include/linux/sched.ts',
  SCHED_FIFO: 'include/linux/sched.ts',
  SCHED_RR: 'include/linux/sched.ts',
  SCHED_BATCH: 'include/linux/sched.ts',
  SCHED_IDLE: 'include/linux/sched.ts',
  TASK_RUNNING: 'sim/task.ts',
  TASK_INTERRUPTIBLE: 'sim/task.ts',
  TASK_UNINTERRUPTIBLE: 'sim/task.ts',
  PF_MEMALLOC: 'sim/task.ts',
  CAP_SYS_NICE: 'kernel/cred.ts',
  ETIMEDOUT: 'include/uapi/asm-generic/errno-base.ts',
  EOVERFLOW: 'include/uapi/asm-generic/errno-base.ts',
  ENOTCONN: 'include/uapi/asm-generic/errno-base.ts',
  ENODATA: 'include/uapi/asm-generic/errno-base.ts',
};

/**
 * Constants of headers a base's corpus does not have (backing-dev.h, elevator.h, lockdep.h,
 * major.h, md_u.h, param.h at v3.15), with the kernel's values: used only when the base's C does
 * not define the name itself.
 */
export const FALLBACK_VALUES: Readonly<Record<string, (ctx: EmitContext) => Emitted>> = {
  L1_CACHE_BYTES: () => ({ code: '64 /* L1_CACHE_BYTES */', type: INT, prec: PREC.primary }),
  BITS_PER_LONG: () => ({ code: '64 /* BITS_PER_LONG */', type: INT, prec: PREC.primary }),
  USHRT_MAX: () => ({ code: '0xffff', type: INT, prec: PREC.primary }),
  UIO_MAXIOV: () => ({ code: '1024 /* UIO_MAXIOV */', type: INT, prec: PREC.primary }),
  NUMA_NO_NODE: () => ({ code: '-1 /* NUMA_NO_NODE */', type: INT, prec: PREC.primary }),
  MAX_SCHEDULE_TIMEOUT: () => ({ code: 'Number.MAX_SAFE_INTEGER /* MAX_SCHEDULE_TIMEOUT */', type: LONG, prec: PREC.call }),
  KERN_INFO: () => ({ code: '"<6>"', type: STRING, prec: PREC.primary }),
  // Constants of headers not in the v3.15 corpus (backing-dev.h, elevator.h, lockdep.h, major.h,
  // md_u.h, param.h), with the kernel's values.
  BDI_async_congested: () => ({ code: '1 /* BDI_async_congested */', type: INT, prec: PREC.primary }),
  BDI_sync_congested: () => ({ code: '2 /* BDI_sync_congested */', type: INT, prec: PREC.primary }),
  BDI_CAP_MAP_COPY: () => ({ code: '0x4 /* BDI_CAP_MAP_COPY */', type: INT, prec: PREC.primary }),
  ELEVATOR_INSERT_FRONT: () => ({ code: '1 /* ELEVATOR_INSERT_FRONT */', type: INT, prec: PREC.primary }),
  ELEVATOR_INSERT_BACK: () => ({ code: '2 /* ELEVATOR_INSERT_BACK */', type: INT, prec: PREC.primary }),
  ELEVATOR_INSERT_SORT: () => ({ code: '3 /* ELEVATOR_INSERT_SORT */', type: INT, prec: PREC.primary }),
  ELEVATOR_INSERT_REQUEUE: () => ({ code: '4 /* ELEVATOR_INSERT_REQUEUE */', type: INT, prec: PREC.primary }),
  ELEVATOR_INSERT_FLUSH: () => ({ code: '5 /* ELEVATOR_INSERT_FLUSH */', type: INT, prec: PREC.primary }),
  ELEVATOR_INSERT_SORT_MERGE: () => ({ code: '6 /* ELEVATOR_INSERT_SORT_MERGE */', type: INT, prec: PREC.primary }),
  SINGLE_DEPTH_NESTING: () => ({ code: '1 /* SINGLE_DEPTH_NESTING */', type: INT, prec: PREC.primary }),
  SHIFT_HZ: () => ({ code: '10 /* SHIFT_HZ (HZ 1000) */', type: INT, prec: PREC.primary }),
  MD_MAJOR: () => ({ code: '9 /* MD_MAJOR */', type: INT, prec: PREC.primary }),
  LEVEL_NONE: () => ({ code: '-1000000 /* LEVEL_NONE */', type: INT, prec: PREC.primary }),
  // include/uapi/linux/fs.h, include/linux/errno.h (not in the v3.15 corpus).
  BLOCK_SIZE_BITS: () => ({ code: '10 /* BLOCK_SIZE_BITS */', type: INT, prec: PREC.primary }),
  ERESTARTSYS: () => ({ code: '512 /* ERESTARTSYS */', type: INT, prec: PREC.primary }),
};

/** Runtime values the C reads as globals or macros without arguments. */
export const VALUE_IDIOMS: Readonly<Record<string, (ctx: EmitContext) => Emitted>> = {
  current: (ctx) => prim(`${ctx.use('current', M.machine)}()`, P.ptr('task_struct')),
  system_nrt_wq: (ctx) => prim(`${ctx.use('system_nrt_wq', M.workqueue)}()`, P.ptr('workqueue_struct')),
  jiffies: (ctx) => prim(`${ctx.use('jiffies', M.jiffies)}()`, ULONG),
  HZ: (ctx) => ({ code: ctx.use('HZ', M.jiffies), type: INT, prec: PREC.primary }),
  NULL: (ctx) => ({ code: ctx.use('NULL', M.pointers), type: ptrTo({ k: 'unknown', text: 'NULL' }), prec: PREC.primary }),
  UINT_MAX: () => ({ code: '0xffffffff', type: UINT_(), prec: PREC.primary }),
  INT_MAX: () => ({ code: '0x7fffffff', type: INT, prec: PREC.primary }),
  INT_MIN: () => ({ code: '(-0x80000000)', type: INT, prec: PREC.primary }),
  ULONG_MAX: (ctx) => ({ code: ctx.use('U64_MAX', M.kernel), type: ULONG, prec: PREC.primary }),
  ULLONG_MAX: (ctx) => ({ code: ctx.use('U64_MAX', M.kernel), type: ULONG, prec: PREC.primary }),
  LONG_MAX: () => ({ code: 'Number.MAX_SAFE_INTEGER', type: LONG, prec: PREC.call }),
  nr_cpu_ids: (ctx) => prim(`${ctx.use('nr_cpu_ids', M.sched)}()`, INT),
  // &__this_module of the module kernel-model/c/kbuild.ts links the file into; NULL built in.
  THIS_MODULE: (ctx) => {
    const owner = kbuildModuleOf(ctx.base, ctx.file);
    const code = owner === null ? ctx.use('NULL', M.pointers) : `${ctx.use('THIS_MODULE', 'kernel/module.ts')}(${JSON.stringify(owner.name)})`;
    return { code, type: ptrTo({ k: 'unknown', text: 'struct module' }), prec: owner === null ? PREC.primary : PREC.call };
  },
  __ATTR_NULL: (ctx) => ({ code: `{ attr: { name: ${ctx.use('NULL', M.pointers)}, mode: 0 }, show: NULL, store: NULL }`, type: UNKNOWN, prec: PREC.primary }),
  laptop_mode: () => ({ code: '0 /* laptop_mode: off */', type: INT, prec: PREC.primary }),
  NR_CPUS: () => ({ code: '8 /* NR_CPUS */', type: INT, prec: PREC.primary }),
  RB_ROOT: (ctx) => prim(`${ctx.use('RB_ROOT', M.rbtree)}()`, structType('rb_root')),
  // The default I/O scheduler of each base's configuration: v3.2's has CFQ, v3.15's has noop
  // only (CONFIG_DEFAULT_NOOP: block/noop-iosched.c is the one elevator its C holds).
  CONFIG_DEFAULT_IOSCHED: (ctx) => ({ code: `${ctx.base === 'v3.2' ? '"cfq"' : '"noop"'} /* CONFIG_DEFAULT_IOSCHED */`, type: STRING, prec: PREC.primary }),
  MAX_RT_PRIO: () => ({ code: '100 /* MAX_RT_PRIO */', type: INT, prec: PREC.primary }),
  block_dump: () => ({ code: '0 /* block_dump: off */', type: INT, prec: PREC.primary }),
  __FILE__: (ctx) => ({ code: JSON.stringify(ctx.file), type: STRING, prec: PREC.primary }),
};
