// KCSAN for the model, as a lockset check (Eraser's, 1997) rather than the kernel's watchpoints.
//
// The kernel's KCSAN (v5.8) catches a data race when two accesses meet in a window it opens at
// random; in the model a task runs alone between two scheduling points, so a missing lock around
// code with no scheduling point inside could never be caught that way. Instead each struct
// member the C says a lock protects ("Need to serialize the stats in the case of reset/update",
// "called with q->queue_lock held") is watched: the member becomes an accessor on every object
// of that struct made while detectors are on. An access is checked once a second context has
// touched the member (before that one context owns it: initialisation before publication needs
// no lock, as in Eraser's exclusive state). From then on, an access made without the protecting
// lock, by one context, to a member another context also touched, with at least one of the two
// not a plain read, is a data race, reported in KCSAN's format ("BUG: KCSAN: data-race in A / B",
// the two functions sorted as KCSAN sorts them for a stable title). It does not need the two
// accesses to overlap in time: a lock that is missing is seen on the first schedule that makes
// both accesses.
//
// What counts as an access: reading a member (a scalar: "read"; an embedded struct or array the
// code reaches into: "read-write", since what it does inside is not seen) and assigning one
// ("write"). A marked read (kcsan_marked_read, what READ_ONCE() is to KCSAN: the empty tests of
// lists) is not checked. The rules (which members, which lock, the C's words) are data for each
// base, registered with kcsan_protect(); machinery that walks objects (kmemleak's scan) reads
// through kcsan_nocheck(). A rule may also be about a file's global variables (a static list and
// the static lock beside it), watched when a machine makes the file's global set.

import { objectAddress } from '../mm/kasan.ts';
import { onStructMade } from '../lib/kstruct.ts';
import { onDataMade } from '../lib/lazy-per-machine.ts';
import { callTraceLines, guiltyFrame, kernelRelease } from '../sim/findings.ts';
import { type Machine, current, machineOrNull, perMachine } from '../sim/machine.ts';
import { contextName, type task_struct } from '../sim/task.ts';
import type { lockdep_map } from './locking/lockdep.ts';
import { LOCK_PRIMITIVES, held_locks_text } from './locking/lockdep.ts';
import { type srcu_struct, srcu_read_lock_held } from './rcu/srcu.ts';

/** Anything lockdep tracks: a spinlock, a mutex, an rw_semaphore. */
export interface LockLike {
  dep_map: lockdep_map;
}

/** Which members of a struct a lock protects, as the C says. */
export interface Protection<T extends object = object> {
  /** The struct; for a rule about a file's globals, the file ("drivers/md/md.c"). */
  struct: string;
  /**
   * The rule is about global variables of one translated file rather than a struct: this is the
   * file's accessor of its global set (module-emit's `<file>_globals`), members name the globals,
   * and lockOf gets the set (a static list and the static lock beside it).
   */
  globals?: () => T;
  /**
   * Members the lock protects. "list.first" names a member of an embedded member (the first
   * pointer of an embedded hlist_head, which every add and every delete of the first entry
   * writes): the check is made against the outer object's lock. "hash[].first" names that
   * member in every element of an embedded array (the buckets of a hash table of hlist_heads),
   * each element its own location.
   */
  members: readonly string[];
  /** The lock as the C names it ("blkg->stats_lock"), for the report. */
  lockName: string;
  /** The protecting lock of an object; null while it cannot be reached (not checked then). */
  lockOf: (obj: T) => LockLike | null;
  /**
   * Plain reads of a scalar member the C makes without the lock and accepts as racy (a
   * statistic sampled, a flag tested before the lock is taken): only writes need the lock.
   */
  unlockedReads?: boolean;
  /** Plain reads under rcu_read_lock() need no lock (an RCU list walked by readers). */
  rcuReads?: boolean;
  /**
   * Plain reads inside a read section of this SRCU need no lock (a pointer published with
   * rcu_assign_pointer() and read with srcu_dereference(), as dm's live table).
   */
  srcuReadsOf?: (obj: T) => srcu_struct | null;
  /**
   * A second lock that protects plain reads: the C writes the member holding both locks, so a
   * reader holding either one sees no write in progress (q->elevator: switched under
   * q->sysfs_lock with the queue lock taken too, read by the IO path under the queue lock).
   */
  readLockOf?: (obj: T) => LockLike | null;
  /** That second lock as the C names it ("q->queue_lock"), for the report. */
  readLockName?: string;
  /**
   * A second lock every write holds as well: the C takes both to change the member, so that
   * readers holding either one (readLockOf) or relying on the second alone see no change in
   * progress. A write holding only the first is unlocked.
   */
  writeLockOf?: (obj: T) => LockLike | null;
  /** That lock as the C names it, for the report. */
  writeLockName?: string;
  /**
   * The members are pointers (an RCU-published cache of another object): reading one reads the
   * pointer, rather than reaching into an embedded struct, so it is a plain read.
   */
  pointers?: boolean;
  /**
   * Functions that own the object alone by its lifecycle, so their accesses need no lock (a
   * device-mapper target's constructor and destructor run with no IO on the target). An access
   * made inside one of them counts as locked.
   */
  exclusiveIn?: readonly string[];
  /**
   * The members are one location, a C union ("val": a rule's weight, bps and iops share their
   * bytes): an access to one meets an access to another, and a missing lock around any of them
   * is one race, keyed and reported by this name.
   */
  union?: string;
  /** Where the C says so: "block/blk-cgroup.h:173: Need to serialize the stats ...". */
  because: string;
}

/** A rule typed by its struct, stored with the others (its lockOf only ever sees that struct). */
export function protection<T extends object>(p: Protection<T>): Protection {
  return p as unknown as Protection;
}

type AccessKind = 'read' | 'write' | 'read-write';

interface Access {
  context: task_struct;
  kind: AccessKind;
  locked: boolean;
  stack: string[];
  cpu: number;
}

/** A watched member of one object: its owner until shared, then the last access of each context. */
interface Location {
  owner: task_struct | null;
  shared: boolean;
  recent: Access[];
}

interface KcsanState {
  /**
   * Races already reported in this run, by struct member and the function that went without
   * the lock: one missing lock is one report, whichever of the other accesses it met first.
   */
  reported: Set<string>;
  /** Depth of kcsan_nocheck() sections. */
  suspended: number;
}

/** Per base, per struct: what protects its members. */
const rules = new Map<string, Map<string, Protection[]>>();

/** Watching can be switched off alone (the benchmark prices KCSAN apart from the other detectors). */
let watching = true;
export function kcsan_set_watching(on: boolean): void {
  watching = on;
}

const state = perMachine((): KcsanState => ({ reported: new Set(), suspended: 0 }));

/** How many contexts' last accesses a location remembers (enough for a pair, with margin). */
const RECENT = 4;

/**
 * Registers what the C says a lock protects, for the structs of one base. Objects made after
 * this (while detectors are on) are watched.
 */
export function kcsan_protect(base: string, protections: readonly Protection[]): void {
  let byStruct = rules.get(base);
  if (byStruct === undefined) rules.set(base, (byStruct = new Map()));
  for (const p of protections) {
    if (p.globals !== undefined) globalRules.set(p.globals, [...(globalRules.get(p.globals) ?? []), p]);
    else byStruct.set(p.struct, [...(byStruct.get(p.struct) ?? []), p]);
  }
}

/**
 * A file's static list (LIST_HEAD) under the static lock beside it, as registration lists are
 * (md.c's pers_list under pers_lock, elevator.c's elv_list under elv_list_lock): every walk and
 * every change of the list holds the lock, at boot and module load as at run time.
 */
export function staticListProtection<G extends object>(r: {
  file: string;
  globals: () => G;
  list: keyof G & string;
  lock: keyof G & string;
  because: string;
}): Protection {
  return protection<G>({
    struct: r.file,
    globals: r.globals,
    members: [`${r.list}.next`, `${r.list}.prev`],
    lockName: r.lock,
    lockOf: (g) => g[r.lock] as LockLike,
    because: r.because,
  });
}

/** The rules about files' globals, by the file's accessor of its global set. */
const globalRules = new Map<() => object, Protection[]>();

/** Runs `fn` without checks: the model's own machinery reading objects, not kernel code. */
export function kcsan_nocheck<T>(fn: () => T): T {
  const st = state();
  st.suspended++;
  try {
    return fn();
  } finally {
    st.suspended--;
  }
}

/**
 * Depth of marked reads under way. A read is synchronous (no scheduling point inside), so one
 * module-wide counter serves every machine, and costs a hot list_empty() one add and one test.
 */
let marked = 0;

/**
 * A marked read, as READ_ONCE() marks one: KCSAN does not report it against a write (the
 * kernel's default, CONFIG_KCSAN_ASSUME_PLAIN_WRITES_ATOMIC, and the list writes are
 * WRITE_ONCE() there). The C of v3.2 and v3.15 tests a list for emptiness with a plain read;
 * later kernels mark exactly those tests ("list: Use READ_ONCE() when testing for empty lists"),
 * the idiom being a racy peek before the lock is taken that the code then re-checks or
 * tolerates. The model's list_empty() and hlist_empty() read through here, so a test before
 * the lock is not a race while a walk or an update without the lock still is.
 */
export function kcsan_marked_read<T extends object, K extends keyof T>(obj: T, key: K): T[K] {
  marked++;
  try {
    return obj[key];
  } finally {
    marked--;
  }
}

onStructMade((base, name, obj) => {
  const protections = watching ? rules.get(base)?.get(name) : undefined;
  if (protections === undefined) return;
  const m = machineOrNull();
  if (m === null || !m.debug) return;
  for (const p of protections) for (const member of p.members) watch(obj, member, p);
});

onDataMade((accessor, globals, m) => {
  const protections = watching ? globalRules.get(accessor) : undefined;
  if (protections === undefined || !m.debug) return;
  for (const p of protections) for (const member of p.members) watch(globals, member, p);
});

/** A watched member's value and access history, kept on the object under one symbol. */
interface Slot {
  value: unknown;
  loc: Location;
  /** The struct the rule is about (the outer object for "list.first"). */
  owner: object;
}

const SLOTS = Symbol('kcsan slots');

type Watched = Record<string | symbol, unknown> & { [SLOTS]: Record<string, Slot> };

/**
 * The accessor pair of one member under one rule, made once and shared by every object watched
 * (one function at every call site, not a closure per object).
 */
const accessors = new Map<Protection, Map<string, PropertyDescriptor>>();

function accessorsOf(p: Protection, member: string, name: string): PropertyDescriptor {
  let byMember = accessors.get(p);
  if (byMember === undefined) accessors.set(p, (byMember = new Map()));
  let d = byMember.get(member);
  if (d === undefined) {
    // A pointer inside an embedded list head is read to walk the list, not reached into; so is
    // a member the rule says is a pointer.
    const dotted = member.includes('.') || p.pointers === true;
    d = {
      enumerable: true,
      configurable: true,
      get(this: Watched) {
        const slot = this[SLOTS][name] as Slot;
        const v = slot.value;
        access(slot.owner, member, p, slot.loc, typeof v === 'object' && v !== null && !dotted ? 'read-write' : 'read');
        return v;
      },
      set(this: Watched, v: unknown) {
        const slot = this[SLOTS][name] as Slot;
        access(slot.owner, member, p, slot.loc, 'write');
        slot.value = v;
      },
    };
    byMember.set(member, d);
  }
  return d;
}

/** The watched locations of each object, for kcsan_reallocated(). */
const locationsOf = new WeakMap<object, Location[]>();

/** The one location of each union of an object, by the union's name. */
const unionLocations = new WeakMap<object, Map<string, Location>>();

function watch(obj: object, member: string, p: Protection): void {
  const dot = member.indexOf('.');
  const outer = dot < 0 ? member : member.slice(0, dot);
  const name = dot < 0 ? member : member.slice(dot + 1);
  if (outer.endsWith('[]')) {
    const elements = (obj as Record<string, unknown>)[outer.slice(0, -2)] as object[];
    for (const element of elements) watchIn(obj, element as Watched, member, name, p);
  } else {
    watchIn(obj, (dot < 0 ? obj : (obj as Record<string, unknown>)[outer]) as Watched, member, name, p);
  }
}

/** Watches `name` of `target`, an object of the rule's struct or one embedded in it (`obj`). */
function watchIn(obj: object, target: Watched, member: string, name: string, p: Protection): void {
  const slots = (target[SLOTS] ??= Object.create(null) as Record<string, Slot>);
  // The members of a union are one location: a read of one and a write of another meet.
  const shared = p.union === undefined ? undefined : unionLocations.get(obj)?.get(p.union);
  const loc: Location = shared ?? { owner: null, shared: false, recent: [] };
  slots[name] = { value: target[name], loc, owner: obj };
  Object.defineProperty(target, name, accessorsOf(p, member, name));
  if (shared !== undefined) return;
  if (p.union !== undefined) {
    const byUnion = unionLocations.get(obj) ?? new Map<string, Location>();
    unionLocations.set(obj, byUnion.set(p.union, loc));
  }
  const locs = locationsOf.get(obj);
  if (locs === undefined) locationsOf.set(obj, [loc]);
  else locs.push(loc);
}

/**
 * An object handed out again without being made anew (a mempool element taken from the pool's
 * reserve after an earlier user freed it back) starts a new life: who touched its members in the
 * last one says nothing about races in this one, as Eraser resets a location when its memory is
 * allocated again. (The kernel's KCSAN keeps no history, so it needs no such step.)
 */
export function kcsan_reallocated(obj: object): void {
  const locs = locationsOf.get(obj);
  if (locs === undefined) return;
  for (const loc of locs) {
    loc.owner = null;
    loc.shared = false;
    loc.recent = [];
  }
}

function inLifecycle(t: task_struct, p: Protection): boolean {
  if (p.exclusiveIn === undefined) return false;
  for (const fn of p.exclusiveIn) if (t.stack.includes(fn)) return true;
  return false;
}

/** A read inside a read section of the rule's SRCU. */
function srcuRead(obj: object, p: Protection): boolean {
  const sp = p.srcuReadsOf?.(obj) ?? null;
  return sp !== null && srcu_read_lock_held(sp);
}

/** A read under the rule's second lock, the one readers may hold instead. */
function readLocked(t: task_struct, obj: object, p: Protection): boolean {
  if (p.readLockOf === undefined) return false;
  const lock = p.readLockOf(obj);
  return lock !== null && holds(t, lock);
}

/** A write holds the rule's second write lock too, when it has one. */
function writeLocked(t: task_struct, obj: object, p: Protection): boolean {
  if (p.writeLockOf === undefined) return true;
  const lock = p.writeLockOf(obj);
  return lock === null || holds(t, lock);
}

function holds(t: task_struct, lock: LockLike): boolean {
  for (const h of t.held_locks) if (h.map === lock.dep_map) return true;
  return false;
}

function access(obj: object, member: string, p: Protection, loc: Location, kind: AccessKind): void {
  if (marked > 0) return;
  const m = machineOrNull();
  if (m === null) return;
  const st = state();
  if (st.suspended > 0) return;
  const t = current();
  // Outside any context (end-of-run checks) nothing runs concurrently; and an access with no
  // kernel frame on the stack is the workload or the harness looking at kernel state (a
  // teardown walking a cgroup's groups), not kernel code.
  if (t === null || t.stack.length === 0) return;
  const lock = p.lockOf(obj);
  const locked =
    (lock !== null && holds(t, lock) && (kind === 'read' || writeLocked(t, obj, p))) ||
    (kind === 'read' && (p.unlockedReads === true || (p.rcuReads === true && t.rcu_read_lock_nesting > 0) || srcuRead(obj, p) || readLocked(t, obj, p))) ||
    inLifecycle(t, p);
  if (!loc.shared) {
    if (loc.owner === null || loc.owner === t) {
      loc.owner = t;
      // The owner's last access under the lock, kept for when a second context comes, and its
      // last write under the lock when reads came after it (a list registered under its lock
      // and then looked up under it, all at boot): a second context's unlocked read meets the
      // write, not only the owner's last read.
      if (locked) {
        const last: Access = { context: t, kind, locked, stack: [...t.stack], cpu: t.cpu };
        const write = kind === 'read' ? loc.recent.find((a) => a.kind !== 'read') : undefined;
        loc.recent = write === undefined ? [last] : [write, last];
      }
      return;
    }
    // A second context: from here on every access is checked (Eraser's shared state). What the
    // owner did alone without the lock is not held against it (initialisation before
    // publication needs none), but its last access under the lock stays: the owner treated the
    // member as shared, so a second context touching it without the lock races with it.
    loc.shared = true;
  }
  if (lock === null) return;
  const here: Access = { context: t, kind, locked, stack: [...t.stack], cpu: t.cpu };
  // The latest conflicting access of another context (writes first: the other side of a race
  // KCSAN names is the one that changed the value).
  let other: Access | undefined;
  for (let i = loc.recent.length - 1; i >= 0; i--) {
    const a = loc.recent[i] as Access;
    if (a.context === t || (locked && a.locked) || (kind === 'read' && a.kind === 'read')) continue;
    if (other === undefined || (other.kind === 'read' && a.kind !== 'read')) other = a;
  }
  if (other !== undefined) report(m, st, obj, member, p, here, other);
  const mine = loc.recent.findIndex((a) => a.context === t);
  if (mine >= 0) loc.recent.splice(mine, 1);
  loc.recent.push(here);
  if (loc.recent.length > RECENT) loc.recent.shift();
}

function frameOf(a: Access): string {
  return guiltyFrame(a.stack, LOCK_PRIMITIVES);
}

function accessLine(a: Access, address: string): string {
  const who = a.context.kind === 'task' ? `task ${a.context.pid}` : 'interrupt';
  return `${a.kind} to 0x${address} of 8 bytes by ${who} on cpu ${Math.max(0, a.cpu)}:`;
}

function report(m: Machine, st: KcsanState, obj: object, member: string, p: Protection, here: Access, other: Access): void {
  const unlocked = here.locked ? other : here;
  const key = `${p.struct}.${p.union ?? member}:${frameOf(unlocked)}`;
  if (st.reported.has(key)) return;
  st.reported.add(key);
  const [first, second] = [frameOf(here), frameOf(other)].sort();
  const title = `KCSAN: data-race in ${first} / ${second}`;
  const address = objectAddress(obj);
  const t = here.context;
  const bar = '='.repeat(66);
  const report = [
    bar,
    `BUG: KCSAN: data-race in ${first} / ${second}`,
    '',
    accessLine(here, address),
    ...callTraceLines(here.stack),
    '',
    accessLine(other, address),
    ...callTraceLines(other.stack),
    '',
    // What the model knows that KCSAN would not print: which member, and the rule it broke.
    `${p.globals !== undefined ? `global ${member} of ${p.struct}` : `struct ${p.struct} member ${p.union ?? member}`} is protected by ${p.lockName}${p.writeLockName === undefined ? '' : ` (write: with ${p.writeLockName})`}${p.readLockName === undefined ? '' : ` (read: or ${p.readLockName})`} (${p.because});`,
    `${here.locked ? 'the other' : 'this'} access was made without it.`,
    held_locks_text(t),
    '',
    'Reported by Kernel Concurrency Sanitizer on:',
    `CPU: ${Math.max(0, t.cpu)} PID: ${t.pid} Comm: ${t.comm} Not tainted ${kernelRelease(m.base)}`,
    bar,
  ].join('\n');
  m.report({
    kind: 'kcsan',
    title,
    report,
    backtraces: [
      { task: contextName(here.context), stack: here.stack },
      { task: contextName(other.context), stack: other.stack },
    ],
    raceKey: key,
    step: m.steps,
    fatal: false,
  });
}
