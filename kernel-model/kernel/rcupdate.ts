// RCU as the model needs it (kernel/rcutree.c and kernel/rcupdate.c, v3.2, non-preemptible
// RCU): a read-side section disables preemption; a grace period waits for the readers that
// were inside a section when it began, and only for them; callbacks run from the RCU softirq
// once their grace period has ended. synchronize_rcu() is call_rcu() plus a completion, as
// wait_rcu_gp() does.

import { kernel_functions } from '../sim/hooks.ts';
import { current, machine, perMachine } from '../sim/machine.ts';
import type { KGen, task_struct } from '../sim/task.ts';
import { debug_locks, lock_acquire, lock_release, lockdep_init_map, lockdep_rcu_suspicious, type lockdep_map } from './locking/lockdep.ts';
import { type completion, completions, init_completion } from './sched/completion.ts';
import { might_sleep } from './sched/core.ts';
import { slab } from '../mm/slab.ts';
import { WARN } from '../include/asm-generic/bug.ts';

export interface rcu_head {
  func: ((head: rcu_head) => KGen) | null;
}

/** An rcu_head embedded in a zeroed struct. */
export function rcu_head_zeroed(): rcu_head {
  return { func: null };
}

interface GracePeriod {
  /** Readers inside a section when it began, with how many sections each had completed. */
  readers: { task: task_struct; sections: number }[];
  callbacks: rcu_head[];
}

interface RcuState {
  waiting: GracePeriod[];
  rcu_lock_map: lockdep_map;
  /** Callbacks queued and not yet run to their end. */
  outstanding: Set<rcu_head>;
  /** rcu_barrier() callers: each waits until the callbacks that were outstanding when it began have run. */
  barriers: { before: Set<rcu_head>; done: completion }[];
}

const st = perMachine((): RcuState => ({ waiting: [], rcu_lock_map: lockdep_init_map('rcu_read_lock'), outstanding: new Set(), barriers: [] }));

/**
 * rcu_read_lock_held(): whether the current task is inside an RCU read-side section. Without
 * lockdep (a run with detectors off) it answers yes, as the kernel does without
 * CONFIG_DEBUG_LOCK_ALLOC.
 * @port include/linux/rcupdate.h v3.2 simplified
 */
export function rcu_read_lock_held(): boolean {
  if (!machine().debug || !debug_locks()) return true;
  return current().rcu_read_lock_nesting > 0;
}

/**
 * rcu_lockdep_assert(c, s) of CONFIG_PROVE_RCU. The C also keeps a static __warned per call
 * site; the report turns lockdep off, so a second report could not follow anyway.
 * @port include/linux/rcupdate.h v3.2 simplified
 */
function rcu_lockdep_assert(c: boolean, s: string, where: string): void {
  if (!c && machine().debug && debug_locks()) lockdep_rcu_suspicious(where, s);
}

/**
 * rcu_dereference_check(p, c): reads an RCU-protected pointer where the caller says `c` or an
 * RCU read-side section makes it safe; rcu_dereference(p) is rcu_dereference_check(p, 0).
 * `where` is the C's file:line, which the report names.
 * @port include/linux/rcupdate.h v3.2 ported
 */
export function rcu_dereference_check<T>(p: T, c: boolean, where: string): T {
  rcu_lockdep_assert(c || rcu_read_lock_held(), 'suspicious rcu_dereference_check() usage', where);
  return p;
}

/**
 * rcu_dereference_protected(p, c): an update-side read, safe because `c` (a lock is held).
 * @port include/linux/rcupdate.h v3.2 ported
 */
export function rcu_dereference_protected<T>(p: T, c: boolean, where: string): T {
  rcu_lockdep_assert(c, 'suspicious rcu_dereference_protected() usage', where);
  return p;
}

function ended(gp: GracePeriod): boolean {
  return gp.readers.every((r) => r.task.exited || r.task.rcu_read_sections > r.sections);
}

/** Moves every finished grace period's callbacks to the RCU softirq, oldest first. */
function rcu_check_quiescent_state(): void {
  const s = st();
  while (s.waiting.length > 0 && ended(s.waiting[0])) {
    const gp = s.waiting.shift() as GracePeriod;
    machine().raiseIrq('softirq', 'rcu', () => rcu.rcu_process_callbacks(gp.callbacks));
  }
}

/** @port include/linux/rcupdate.h v3.2 simplified - non-preemptible RCU: a preempt-off section */
export function rcu_read_lock(): void {
  const t = current();
  t.rcu_read_lock_nesting++;
  if (machine().debug) lock_acquire(st().rcu_lock_map, 2, false, 'rcu_read_lock');
}

/** @port include/linux/rcupdate.h v3.2 simplified */
export function rcu_read_unlock(): void {
  const t = current();
  if (machine().debug) lock_release(st().rcu_lock_map);
  if (--t.rcu_read_lock_nesting === 0) {
    t.rcu_read_sections++;
    if (st().waiting.length > 0) rcu_check_quiescent_state();
  }
}

/**
 * Queues `func` to run after every reader now inside a section has left it.
 * @port kernel/rcutree.c v3.2 simplified - one grace period per call, ended by reader tracking
 */
export function call_rcu(head: rcu_head, func: (head: rcu_head) => KGen): void {
  const m = machine();
  if (st().outstanding.has(head)) {
    rcu_head_queued_again();
    return;
  }
  head.func = func;
  st().outstanding.add(head);
  const readers: GracePeriod['readers'] = [];
  for (const t of m.tasks) {
    if (!t.exited && t.rcu_read_lock_nesting > 0) readers.push({ task: t, sections: t.rcu_read_sections });
  }
  st().waiting.push({ readers, callbacks: [head] });
  rcu_check_quiescent_state();
}

/**
 * debug_rcu_head_queue() of CONFIG_DEBUG_OBJECTS_RCU_HEAD, for a head queued while it is still
 * queued (an object freed twice through call_rcu): debug_object_activate() finds it active and
 * warns. v3.2's rcuhead_fixup_activate() then only warns once more on a non-preemptible kernel
 * (left out: one bug, one report) and __call_rcu() links the head a second time, corrupting the
 * callback list; the model cannot run a corrupted list and keeps the head queued once.
 * @port lib/debugobjects.c v3.2 simplified - debug_object_activate()'s active-object case only, for rcu_head
 */
function rcu_head_queued_again(): void {
  if (!machine().debug) return;
  WARN(true, 'lib/debugobjects.c', 'debug_print_object', 'ODEBUG: activate active (active state 0) object type: rcu_head hint:           (null)');
}

/**
 * kfree_rcu(ptr, rcu): kfree(ptr) once a grace period has passed; `head` is ptr's rcu_head.
 * @port include/linux/rcupdate.h v3.2 simplified - the callback frees the object itself (the C encodes the rcu_head's offset in its func)
 */
export function kfree_rcu(ptr: object, head: rcu_head): void {
  call_rcu(head, function* kfree_rcu_callback(): KGen {
    slab.kfree(ptr);
  });
}

/** @port kernel/rcutree.c v3.2 simplified */
function* rcu_process_callbacks(callbacks: rcu_head[]): KGen {
  const s = st();
  for (const head of callbacks) {
    const func = head.func as (h: rcu_head) => KGen;
    head.func = null;
    // Before the callback runs: a callback that queues its head again is outstanding again.
    s.outstanding.delete(head);
    yield* func(head);
    for (const b of [...s.barriers]) {
      b.before.delete(head);
      if (b.before.size > 0) continue;
      s.barriers.splice(s.barriers.indexOf(b), 1);
      yield* completions.complete(b.done);
    }
  }
}

/**
 * rcu_barrier(): waits until every callback queued with call_rcu() before it has run (a
 * module's exit, or a structure's teardown, must not leave a callback behind that uses it).
 * @port kernel/rcutree.c v3.2 simplified - waits for the callbacks outstanding when it began, not by a callback of its own per CPU
 */
function* rcu_barrier(): KGen {
  might_sleep('kernel/rcutree.c');
  const s = st();
  if (s.outstanding.size === 0) return;
  const b = { before: new Set(s.outstanding), done: init_completion('rcu_barrier') };
  s.barriers.push(b);
  yield* completions.wait_for_completion(b.done);
}

/** @port kernel/rcupdate.c v3.2 ported */
function* synchronize_rcu(): KGen {
  might_sleep('kernel/rcupdate.c');
  // rcu_blocking_is_gp(): before the scheduler runs (boot code, pid 0) there is a single
  // context and no reader to wait for, so a blocking wait is a grace period by itself.
  if (current().pid === 0) return;
  const done = init_completion('rcu_synchronize');
  call_rcu({ func: null }, function* wakeme_after_rcu(): KGen {
    yield* completions.complete(done);
  });
  yield* completions.wait_for_completion(done);
}

export const rcu = kernel_functions('kernel/rcutree.c', { rcu_process_callbacks, synchronize_rcu, rcu_barrier });
