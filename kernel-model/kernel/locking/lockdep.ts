// lockdep: the runtime locking correctness validator, as in kernel/lockdep.c (v3.2).
//
// Lock classes are keyed by where a lock is initialised (its name at the init site), so every
// q->queue_lock shares one class. Each task keeps its held-lock stack. Every new dependency
// (held -> acquired) is checked for a cycle, so an AB-BA order is reported from a run in which
// the deadlock never happened. Usage states (in/with hardirq, softirq, RECLAIM_FS enabled) are
// checked for inconsistency, which is how the Dec 2011 pcpu_alloc_mutex report arose. A nesting
// subclass (down_write_nested(sem, SINGLE_DEPTH_NESTING)) is a class of its own, named
// "name/subclass", as lockdep prints it.
//
// Simplified (said here and in the tags): no irq-safe -> irq-unsafe dependency check across
// different locks (only the same-class inconsistent-state check), no lock chains cache. Like the kernel, lockdep turns itself off after its
// first report (debug_locks_off), so a run carries at most one lockdep finding.

import { __GFP_FS, __GFP_NOMEMALLOC, __GFP_WAIT, type gfp_t } from '../../include/linux/gfp.ts';
import type { Finding } from '../../sim/findings.ts';
import { dumpStackHeader, formatCallTrace, guiltyFrame } from '../../sim/findings.ts';
import { type Machine, current, machine, perMachine } from '../../sim/machine.ts';
import { PF_MEMALLOC, type task_struct, contextName, registerTaskInit } from '../../sim/task.ts';

/** Usage bits, in lockdep's order: for each state, USED_IN and ENABLED, write and read. */
const STATES = ['HARDIRQ', 'SOFTIRQ', 'RECLAIM_FS'] as const;
type LockState = (typeof STATES)[number];
const USED_IN = 0;
const ENABLED = 1;

function usageBit(state: LockState, dir: number, read: boolean): number {
  return STATES.indexOf(state) * 4 + dir * 2 + (read ? 1 : 0);
}

function usageName(bit: number): string {
  const state = STATES[bit >> 2];
  const dir = (bit >> 1) & 1;
  const rw = bit & 1 ? 'R' : 'W';
  return dir === USED_IN ? `IN-${state}-${rw}` : `${state}-ON-${rw}`;
}

export interface lock_class {
  name: string;
  usage: number;
  /** Where each usage bit was first seen: task and shadow stack. */
  usageTrace: Map<number, { task: string; stack: string[] }>;
  /** Dependencies: classes taken while this one was held, with the stack that showed it. */
  after: Map<lock_class, { task: string; stack: string[] }>;
}

/** struct lockdep_map: what a lock carries for lockdep. */
export interface lockdep_map {
  name: string;
}

export interface held_lock {
  class: lock_class;
  map: lockdep_map;
  read: number;
  trylock: boolean;
  /** The function that took it (innermost non-primitive frame). */
  acquired_at: string;
  /** Irq context it was taken in: held locks of an interrupted task do not chain into an irq. */
  irq_context: number;
}

declare module '../../sim/task.ts' {
  interface task_struct {
    held_locks: held_lock[];
    /** The gfp of the reclaim this task is doing (lockdep_set_current_reclaim_state). */
    lockdep_reclaim_gfp: gfp_t;
  }
}

registerTaskInit((t) => {
  t.held_locks = [];
  t.lockdep_reclaim_gfp = 0;
});

interface LockdepState {
  classes: Map<string, lock_class>;
  debug_locks: boolean;
}

const state = perMachine((m: Machine): LockdepState => ({ classes: new Map(), debug_locks: m.debug }));

/** Frames that are locking primitives: titles and "at:" name the caller instead. */
export const LOCK_PRIMITIVES: ReadonlySet<string> = new Set([
  'spin_lock',
  'spin_lock_irq',
  'spin_lock_irqsave',
  'spin_lock_bh',
  'spin_trylock',
  'spin_unlock',
  'spin_unlock_irq',
  'spin_unlock_irqrestore',
  'spin_unlock_bh',
  'mutex_lock',
  'mutex_lock_nested',
  'mutex_trylock',
  'mutex_unlock',
  '__mutex_lock_common',
  'down_read',
  'down_write',
  'down_write_nested',
  'down_read_trylock',
  'down_write_trylock',
  'up_read',
  'up_write',
  'downgrade_write',
  'rt_mutex_lock',
  'rt_mutex_unlock',
  'rcu_read_lock',
  'rcu_read_unlock',
  'schedule',
  '__schedule',
  'io_schedule',
  'schedule_timeout',
  'wait_for_completion',
]);

function getClass(name: string): lock_class {
  const classes = state().classes;
  let c = classes.get(name);
  if (c === undefined) {
    c = { name, usage: 0, usageTrace: new Map(), after: new Map() };
    classes.set(name, c);
  }
  return c;
}

/** lockdep_init_map: a lock's class is named by its init site. @port kernel/lockdep.c v3.2 simplified - the class key is the name */
export function lockdep_init_map(name: string): lockdep_map {
  return { name };
}

function irqContext(t: task_struct): number {
  return t.kind === 'hardirq' ? 2 : t.kind === 'softirq' ? 1 : 0;
}

function snapshot(t: task_struct): { task: string; stack: string[] } {
  return { task: contextName(t), stack: [...t.stack] };
}

/** The usage string lockdep prints after a class name: {+.+.?.} */
function usageChars(c: lock_class): string {
  let s = '';
  for (const st of STATES) {
    for (const read of [false, true]) {
      const inUse = (c.usage >> usageBit(st, USED_IN, read)) & 1;
      const on = (c.usage >> usageBit(st, ENABLED, read)) & 1;
      s += inUse && on ? '?' : inUse ? '-' : on ? '+' : '.';
    }
  }
  return `{${s}}`;
}

function lockLine(c: lock_class): string {
  return `(${c.name})${usageChars(c)}`;
}

/** The "N locks held by comm/pid:" block of lockdep reports. */
export function held_locks_text(t: task_struct): string {
  const held = t.held_locks ?? [];
  if (held.length === 0) return `no locks held by ${t.comm}/${t.pid}.`;
  const lines = [`${held.length} lock${held.length > 1 ? 's' : ''} held by ${t.comm}/${t.pid}:`];
  held.forEach((h, i) => lines.push(` #${i}:  ${lockLine(h.class)}, at: ${h.acquired_at}`));
  return lines.join('\n');
}

function header(title: string): string {
  const bar = '='.repeat(title.length + 4);
  return `${bar}\n[ INFO: ${title} ]\n${'-'.repeat(title.length + 4)}`;
}

function taskContextFlags(t: task_struct): string {
  const hc = t.kind === 'hardirq' ? 1 : 0;
  const sc = t.kind === 'softirq' ? 1 : 0;
  return `[HC${hc}[${hc}]:SC${sc}[${sc}]:HE${t.irqs_disabled ? 0 : 1}:SE${t.softirq_disable_count > 0 ? 0 : 1}]`;
}

function stackBacktrace(t: task_struct): string {
  return `stack backtrace:\n${dumpStackHeader(machine().base, t)}\n${formatCallTrace(t.stack)}`;
}

function reportAndOff(f: Omit<Finding, 'step' | 'fatal' | 'kind'>): void {
  const st = state();
  st.debug_locks = false;
  const m = machine();
  m.report({ ...f, kind: 'lockdep', step: m.steps, fatal: false });
}

function indent(stack: readonly string[], pad: string): string {
  return [...stack]
    .reverse()
    .map((fn) => `${pad}${fn}`)
    .join('\n');
}

// --- usage states -------------------------------------------------------------------------

/** The usage that conflicts with `bit` having been seen: USED_IN vs ENABLED, read rules apart. */
function conflicting(bit: number): number[] {
  const st = STATES[bit >> 2];
  const dir = (bit >> 1) & 1;
  const read = (bit & 1) === 1;
  if (dir === USED_IN) {
    // A lock used in X context must never be held with X enabled; a read use only conflicts
    // with a write hold (read-read is fine for rwlocks).
    return read ? [usageBit(st, ENABLED, false)] : [usageBit(st, ENABLED, false), usageBit(st, ENABLED, true)];
  }
  return read ? [usageBit(st, USED_IN, false)] : [usageBit(st, USED_IN, false), usageBit(st, USED_IN, true)];
}

function mark_lock(t: task_struct, h: held_lock, bit: number): void {
  const c = h.class;
  if (c.usage & (1 << bit)) return;
  c.usage |= 1 << bit;
  c.usageTrace.set(bit, snapshot(t));
  if (!state().debug_locks) return;
  for (const other of conflicting(bit)) {
    if (c.usage & (1 << other)) {
      print_usage_bug(t, h, other, bit);
      return;
    }
  }
}

function print_usage_bug(t: task_struct, h: held_lock, prevBit: number, newBit: number): void {
  const c = h.class;
  const prev = c.usageTrace.get(prevBit) as { task: string; stack: string[] };
  const where = guiltyFrame(t.stack, LOCK_PRIMITIVES);
  const report = [
    header('inconsistent lock state'),
    `inconsistent {${usageName(prevBit)}} -> {${usageName(newBit)}} usage.`,
    `${t.comm}/${t.pid} ${taskContextFlags(t)} takes:`,
    ` ${lockLine(c)}, at: ${where}`,
    `{${usageName(prevBit)}} state was registered at:`,
    `  [${prev.task}]`,
    indent(prev.stack, '  '),
    'other info that might help us debug this:',
    ' Possible unsafe locking scenario:',
    '',
    '       CPU0',
    '       ----',
    `  lock(${c.name});`,
    '  <Interrupt>',
    `    lock(${c.name});`,
    '',
    ' *** DEADLOCK ***',
    '',
    held_locks_text(t),
    '',
    stackBacktrace(t),
  ].join('\n');
  reportAndOff({
    title: `inconsistent lock state in ${where}`,
    report,
    backtraces: [
      { task: contextName(t), stack: [...t.stack] },
      { task: prev.task, stack: prev.stack },
    ],
  });
}

/** Marks the irq and reclaim usage of a lock being taken (mark_irqflags). */
function mark_irqflags(t: task_struct, h: held_lock): void {
  const read = h.read > 0;
  if (!h.trylock) {
    if (t.kind === 'hardirq') mark_lock(t, h, usageBit('HARDIRQ', USED_IN, read));
    if (t.kind === 'softirq') mark_lock(t, h, usageBit('SOFTIRQ', USED_IN, read));
    if (t.lockdep_reclaim_gfp & __GFP_FS) mark_lock(t, h, usageBit('RECLAIM_FS', USED_IN, read));
  }
  if (!t.irqs_disabled) {
    mark_lock(t, h, usageBit('HARDIRQ', ENABLED, read));
    if (t.softirq_disable_count === 0 && t.kind !== 'softirq') mark_lock(t, h, usageBit('SOFTIRQ', ENABLED, read));
  }
}

/** Marks every held lock with `st` enabled (irqs or bh switched on, or a __GFP_FS allocation). */
function mark_held_locks(t: task_struct, st: LockState): void {
  for (const h of t.held_locks) mark_lock(t, h, usageBit(st, ENABLED, h.read > 0));
}

/** @port kernel/lockdep.c v3.2 ported */
export function trace_hardirqs_on(): void {
  const t = current();
  if (t.held_locks.length > 0) mark_held_locks(t, 'HARDIRQ');
}

/** @port kernel/lockdep.c v3.2 ported */
export function trace_softirqs_on(): void {
  const t = current();
  if (t.held_locks.length > 0) mark_held_locks(t, 'SOFTIRQ');
}

/**
 * An allocation that may recurse into filesystem reclaim marks every held lock RECLAIM_FS-ON.
 * @port kernel/lockdep.c v3.2 ported
 */
export function lockdep_trace_alloc(gfp_mask: gfp_t): void {
  const t = current();
  if (!state().debug_locks) return;
  /* no reclaim without waiting on it */
  if (!(gfp_mask & __GFP_WAIT)) return;
  /* this guy won't enter reclaim */
  if (t.flags & PF_MEMALLOC && !(gfp_mask & __GFP_NOMEMALLOC)) return;
  /* We're only interested __GFP_FS allocations for now */
  if (!(gfp_mask & __GFP_FS)) return;
  mark_held_locks(t, 'RECLAIM_FS');
}

/** @port kernel/lockdep.c v3.2 ported */
export function lockdep_set_current_reclaim_state(gfp_mask: gfp_t): void {
  current().lockdep_reclaim_gfp = gfp_mask;
}

/** @port kernel/lockdep.c v3.2 ported */
export function lockdep_clear_current_reclaim_state(): void {
  current().lockdep_reclaim_gfp = 0;
}

// --- dependencies -------------------------------------------------------------------------

/** Breadth-first search for a path from `from` to `to` in the dependency graph. */
function findPath(from: lock_class, to: lock_class): lock_class[] | null {
  const parent = new Map<lock_class, lock_class | null>([[from, null]]);
  const queue = [from];
  while (queue.length > 0) {
    const c = queue.shift() as lock_class;
    if (c === to) {
      const path: lock_class[] = [];
      for (let x: lock_class | null = c; x !== null; x = parent.get(x) ?? null) path.unshift(x);
      return path;
    }
    for (const next of c.after.keys()) {
      if (!parent.has(next)) {
        parent.set(next, c);
        queue.push(next);
      }
    }
  }
  return null;
}

function print_circular_bug(t: task_struct, prev: held_lock, next: held_lock, path: lock_class[]): void {
  // path: next -> ... -> prev already exists; adding prev -> next closes the cycle.
  const where = guiltyFrame(t.stack, LOCK_PRIMITIVES);
  const chain: string[] = [];
  for (let i = path.length - 1; i >= 1; i--) {
    const edge = path[i - 1].after.get(path[i]) as { task: string; stack: string[] };
    chain.push(`-> #${i} ${lockLine(path[i])}:`, `       [${edge.task}]`, indent(edge.stack, '       '), '');
  }
  chain.push(`-> #0 ${lockLine(next.class)}:`, `       [${contextName(t)}]`, indent(t.stack, '       '), '');
  const a = next.class.name;
  const b = prev.class.name;
  const report = [
    header('possible circular locking dependency detected'),
    `${t.comm}/${t.pid} is trying to acquire lock:`,
    ` ${lockLine(next.class)}, at: ${where}`,
    '',
    'but task is already holding lock:',
    ` ${lockLine(prev.class)}, at: ${prev.acquired_at}`,
    '',
    'which lock already depends on the new lock.',
    '',
    '',
    'the existing dependency chain (in reverse order) is:',
    '',
    ...chain,
    'other info that might help us debug this:',
    '',
    ' Possible unsafe locking scenario:',
    '',
    '       CPU0                    CPU1',
    '       ----                    ----',
    `  lock(${b});`,
    `                               lock(${a});`,
    `                               lock(${b});`,
    `  lock(${a});`,
    '',
    ' *** DEADLOCK ***',
    '',
    held_locks_text(t),
    '',
    stackBacktrace(t),
  ].join('\n');
  const backtraces = [{ task: contextName(t), stack: [...t.stack] }];
  for (let i = 1; i < path.length; i++) backtraces.push(path[i - 1].after.get(path[i]) as { task: string; stack: string[] });
  // The existing chain next -> ... -> prev (each lock held while the next one was taken), and
  // the new dependency prev -> next that this acquisition adds, which closes the cycle.
  const edges = path.slice(1).map((c, i) => ({ from: (path[i] as lock_class).name, to: c.name, label: 'held while taking', closesCycle: false }));
  edges.push({ from: prev.class.name, to: next.class.name, label: 'new dependency', closesCycle: true });
  reportAndOff({ title: `possible circular locking dependency in ${where}`, report, backtraces, cycle: { kind: 'lock', edges } });
}

function print_deadlock_bug(t: task_struct, prev: held_lock, next: held_lock): void {
  const where = guiltyFrame(t.stack, LOCK_PRIMITIVES);
  const report = [
    header('possible recursive locking detected'),
    `${t.comm}/${t.pid} is trying to acquire lock:`,
    ` ${lockLine(next.class)}, at: ${where}`,
    '',
    'but task is already holding lock:',
    ` ${lockLine(prev.class)}, at: ${prev.acquired_at}`,
    '',
    'other info that might help us debug this:',
    ' Possible unsafe locking scenario:',
    '',
    '       CPU0',
    '       ----',
    `  lock(${prev.class.name});`,
    `  lock(${next.class.name});`,
    '',
    ' *** DEADLOCK ***',
    '',
    ' May be due to missing lock nesting notation',
    '',
    held_locks_text(t),
    '',
    stackBacktrace(t),
  ].join('\n');
  reportAndOff({
    title: `possible recursive locking in ${where}`,
    report,
    backtraces: [{ task: contextName(t), stack: [...t.stack] }],
  });
}

/** check_prevs_add: every lock held in this irq context now comes before `next`. */
function check_prevs_add(t: task_struct, next: held_lock): void {
  for (let i = t.held_locks.length - 1; i >= 0; i--) {
    const prev = t.held_locks[i];
    if (prev.irq_context !== next.irq_context) break;
    if (prev.trylock) continue;
    // Only non-recursive-read entries get new dependencies added (as in check_prevs_add()):
    // a held rcu_read_lock orders nothing.
    if (prev.read === 2) continue;
    if (prev.class === next.class) continue;
    if (prev.class.after.has(next.class)) continue;
    const back = findPath(next.class, prev.class);
    if (back !== null) {
      print_circular_bug(t, prev, next, back);
      return;
    }
    prev.class.after.set(next.class, snapshot(t));
  }
}

/**
 * Called by every lock primitive before it takes a lock; `subclass` is the nesting level of the
 * *_nested() primitives (0 for the plain ones).
 * @port kernel/lockdep.c v3.2 simplified - no chain cache
 */
export function lock_acquire(map: lockdep_map, read: number, trylock: boolean, ip: string, subclass = 0): void {
  const t = current();
  // The primitive taking the lock (the kernel's _RET_IP_) shows as the innermost frame of any
  // report made here; primitives carry no frame of their own on the fast path.
  t.stack.push(ip);
  const cls = getClass(subclass === 0 ? map.name : `${map.name}/${subclass}`);
  const h: held_lock = {
    class: cls,
    map,
    read,
    trylock,
    acquired_at: guiltyFrame(t.stack, LOCK_PRIMITIVES),
    irq_context: irqContext(t),
  };
  // As __lock_acquire() does, the usage checks (mark_irqflags) come before validate_chain():
  // a lock taken again from reclaim is an inconsistent RECLAIM_FS usage before it is a
  // recursion.
  mark_irqflags(t, h);
  if (state().debug_locks && !trylock) {
    // check_deadlock: the same class already held (read-read recursion excepted).
    let held: held_lock | undefined;
    for (const x of t.held_locks) if (x.class === cls && x.irq_context === h.irq_context) held = x;
    if (held !== undefined && !(read === 2 && held.read === 2)) {
      print_deadlock_bug(t, held, h);
    } else if (state().debug_locks && read !== 2) {
      // The model's only recursive-read lock is RCU's, which rcu_lock_acquire() takes with
      // check=1: no dependency-chain validation.
      check_prevs_add(t, h);
    }
  }
  t.stack.pop();
  t.held_locks.push(h);
  const m = machine();
  if (m.tracing) m.emit('acquire', t, `${contextName(t)} takes ${map.name} in ${h.acquired_at}`);
}

/**
 * Called by every lock primitive when it releases a lock.
 * @port kernel/lockdep.c v3.2 ported
 */
export function lock_release(map: lockdep_map): void {
  const t = current();
  for (let i = t.held_locks.length - 1; i >= 0; i--) {
    if (t.held_locks[i].map === map) {
      t.held_locks.splice(i, 1);
      const m = machine();
      if (m.tracing) m.emit('release', t, `${contextName(t)} releases ${map.name}`);
      return;
    }
  }
  if (!state().debug_locks) return;
  const where = guiltyFrame(t.stack, LOCK_PRIMITIVES);
  const m = machine();
  state().debug_locks = false;
  m.report({
    kind: 'lockdep',
    title: `bad unlock balance in ${where}`,
    report: [
      '=====================================',
      '[ BUG: bad unlock balance detected! ]',
      '-------------------------------------',
      `${t.comm}/${t.pid} is trying to release lock (${map.name}) at:`,
      `  ${where}`,
      'but there are no more locks to release!',
      '',
      held_locks_text(t),
      '',
      stackBacktrace(t),
    ].join('\n'),
    backtraces: [{ task: contextName(t), stack: [...t.stack] }],
    step: m.steps,
    fatal: false,
  });
}

/** lockdep_is_held(lock): the current task holds a lock with this map. */
export function lockdep_is_held(lock: { dep_map: lockdep_map }): boolean {
  if (!machine().debug) return true;
  const t = current();
  for (const h of t.held_locks) if (h.map === lock.dep_map) return true;
  return false;
}


/**
 * lockdep_rcu_suspicious(): the report of an RCU pointer read where the caller's condition says
 * it may not be (CONFIG_PROVE_RCU). Like every lockdep report it turns lockdep off first, so a
 * run carries at most one.
 * @port kernel/lockdep.c v3.2 ported
 */
export function lockdep_rcu_suspicious(where: string, s: string): void {
  if (!state().debug_locks) return;
  const t = current();
  const report = [
    header('suspicious RCU usage.'),
    `${where} ${s}!`,
    '',
    'other info that might help us debug this:',
    '',
    '',
    // Printed after debug_locks_off(), as v3.2 does.
    'rcu_scheduler_active = 1, debug_locks = 0',
    held_locks_text(t),
    '',
    stackBacktrace(t),
  ].join('\n');
  reportAndOff({ title: `suspicious RCU usage at ${where}`, report, backtraces: [{ task: contextName(t), stack: [...t.stack] }] });
}

/** debug_locks: lockdep is still on (it turns itself off after its first report). */
export function debug_locks(): boolean {
  return state().debug_locks;
}
