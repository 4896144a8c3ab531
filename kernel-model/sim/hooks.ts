// The hook surface. Every ported function is registered here under its kernel name and called
// through its file's table, so a patch module can replace exactly the functions its diff
// touches, for the patched variant only. The wrapper also keeps each task's shadow stack: the
// kernel function names it is in, for backtraces in reports.

import { current } from './machine.ts';
import type { KGen } from './task.ts';

// Kernel functions take any argument list; `never[]` keeps the table generic without `any`.
type KernelFn = (...args: never[]) => unknown;

interface Entry {
  name: string;
  /** The base of a translated world's function; null for the hand-written runtime. */
  base: string | null;
  cfile: string;
  table: Record<string, KernelFn>;
  baseline: KernelFn;
  /** The ported body itself, without its frame. */
  body: KernelFn;
  generator: boolean;
  /** A locking or atomic primitive: registered for lookup, never overridden, no frame. */
  primitive: boolean;
  /** An inline function of the C: overridable, but without a frame (kernel traces omit it). */
  inline: boolean;
  /** A stand-in that only stops the run: what the model leaves out, not ported code. */
  stub?: boolean;
}

const registry = new Map<string, Entry>();
const overridden = new Set<string>();

/** Registry key: a world's functions are per base (both bases define generic_make_request). */
function key(base: string | null | undefined, name: string): string {
  return base ? `${base}:${name}` : name;
}

/** A registered function of a base, falling back to the runtime's. */
function entryOf(base: string | null | undefined, name: string): Entry | undefined {
  return (base ? registry.get(key(base, name)) : undefined) ?? registry.get(name);
}

function isGeneratorFunction(fn: KernelFn): boolean {
  return Object.getPrototypeOf(fn) === Object.getPrototypeOf(function* () {});
}

/**
 * Whether a parameter of `fn` is one Function.length does not count (a default value, a rest
 * parameter, and every one after them): the wrappers below pass exactly `length` arguments.
 * Read from the function's text once, as it is registered.
 */
function hasUncountedParameter(fn: (...args: unknown[]) => unknown): boolean {
  const text = fn.toString();
  const open = text.indexOf('(');
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const c = text[i];
    if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') {
      depth--;
      if (depth === 0) return false;
    } else if (depth === 1 && ((c === '=' && text[i + 1] !== '>') || text.startsWith('...', i))) return true;
  }
  return false;
}

/**
 * Wraps a kernel function so that calls push and pop its name on the task's shadow stack.
 * The wrappers are specialised by arity: a rest parameter would allocate an array per call, and
 * these calls are the simulator's hot path.
 */
function withFrame(name: string, fn: KernelFn, generator: boolean): KernelFn {
  type F = (...args: unknown[]) => unknown;
  const f = fn as unknown as F;
  // The wrappers specialised by arity pass exactly `length` arguments (the rest form passes all).
  const specialised = generator ? f.length <= 3 : f.length === 1 || f.length === 2;
  if (specialised && hasUncountedParameter(f)) {
    throw new Error(`${name}: a default or rest parameter is not counted in its length, and its frame would drop that argument; make it a plain parameter`);
  }
  let w: F;
  if (generator) {
    const g = f as (...args: unknown[]) => KGen<unknown>;
    switch (f.length) {
      case 0:
        w = function* () {
          const stack = current().stack;
          stack.push(name);
          const r: unknown = yield* g();
          stack.pop();
          return r;
        };
        break;
      case 1:
        w = function* (a: unknown) {
          const stack = current().stack;
          stack.push(name);
          const r: unknown = yield* g(a);
          stack.pop();
          return r;
        };
        break;
      case 2:
        w = function* (a: unknown, b: unknown) {
          const stack = current().stack;
          stack.push(name);
          const r: unknown = yield* g(a, b);
          stack.pop();
          return r;
        };
        break;
      case 3:
        w = function* (a: unknown, b: unknown, c: unknown) {
          const stack = current().stack;
          stack.push(name);
          const r: unknown = yield* g(a, b, c);
          stack.pop();
          return r;
        };
        break;
      default:
        w = function* (...args: unknown[]) {
          const stack = current().stack;
          stack.push(name);
          const r: unknown = yield* g(...args);
          stack.pop();
          return r;
        };
    }
  } else {
    switch (f.length) {
      case 1:
        w = function (a: unknown) {
          const stack = current().stack;
          stack.push(name);
          const r = f(a);
          stack.pop();
          return r;
        };
        break;
      case 2:
        w = function (a: unknown, b: unknown) {
          const stack = current().stack;
          stack.push(name);
          const r = f(a, b);
          stack.pop();
          return r;
        };
        break;
      default:
        w = function (...args: unknown[]) {
          const stack = current().stack;
          stack.push(name);
          const r = f(...args);
          stack.pop();
          return r;
        };
    }
  }
  return w as unknown as KernelFn;
}

const SELF_FRAMED = Symbol('self-framed');

/**
 * Runs a workload's wait inside a frame named for the kernel function it stands for (a
 * workload's submit-then-wait of one bio is submit_bio_wait()'s), so that a hang titled after
 * the waiter names that function, as the kernel's backtrace would, rather than __schedule. The
 * task is marked meanwhile: khungtaskd still titles a hang after a task blocked in the kernel
 * proper when there is one.
 */
export function* stand_in_wait<T>(name: string, wait: KGen<T>): KGen<T> {
  const t = current();
  const outer = t.standIn;
  t.stack.push(name);
  t.standIn = name;
  try {
    return yield* wait;
  } finally {
    t.stack.pop();
    t.standIn = outer;
  }
}

/**
 * The frame of a translated generator, pushed by its own body (`const s = frame_enter('f');
 * try { ... } finally { s.pop(); }`): one generator per call instead of a wrapper around it.
 */
export function frame_enter(name: string): string[] {
  const stack = current().stack;
  stack.push(name);
  return stack;
}

/** Marks functions (all of `fns`, or the named ones) as pushing their own frame. */
export function self_framed<T extends Record<string, KernelFn>>(fns: T, names?: readonly string[]): T {
  for (const [name, fn] of Object.entries(fns)) if (names === undefined || names.includes(name)) (fn as unknown as Record<symbol, boolean>)[SELF_FRAMED] = true;
  return fns;
}

function isSelfFramed(fn: KernelFn): boolean {
  return (fn as unknown as Record<symbol, boolean | undefined>)[SELF_FRAMED] === true;
}

/**
 * Registers the ported functions of one C file and returns the table to call them through.
 * A function whose body is too small to matter for backtraces can still be registered: the
 * frame costs one push and one pop.
 */
export function kernel_functions<T extends Record<string, KernelFn>>(cfile: string, fns: T, base: string | null = null, inlined: readonly string[] = [], selfFramed: readonly string[] = []): T {
  const table = {} as Record<string, KernelFn>;
  const inline = new Set(inlined);
  self_framed(fns, selfFramed);
  for (const [name, fn] of Object.entries(fns)) {
    const k = key(base, name);
    if (registry.has(k)) throw new Error(`kernel function ${k} registered twice`);
    const generator = isGeneratorFunction(fn);
    // An inline function of the C has no frame of its own: it is called directly (faster, and
    // backtraces show what the kernel's would). A translated function pushes its own frame.
    table[name] = inline.has(name) || isSelfFramed(fn) ? fn : withFrame(name, fn, generator);
    registry.set(k, { name, base, cfile, table, baseline: table[name], body: fn, generator, primitive: false, inline: inline.has(name) });
  }
  return table as T;
}

/**
 * Registers locking primitives: they can be looked up by name like any ported function, but no
 * patch overrides them and they are called directly, without a shadow-stack wrapper (they are
 * the hottest code in the model). A primitive pushes its own frame only while it sleeps or
 * spins, which is when a backtrace shows it.
 */
export function kernel_primitives<T extends Record<string, KernelFn>>(cfile: string, fns: T): T {
  for (const [name, fn] of Object.entries(fns)) {
    if (registry.has(name)) throw new Error(`kernel function ${name} registered twice`);
    registry.set(name, { name, base: null, cfile, table: fns, baseline: fn, body: fn, generator: isGeneratorFunction(fn), primitive: true, inline: false });
  }
  return fns;
}

/**
 * The model's own body of a kernel function, for an override that wraps it (a check in front of
 * the unchanged code): called from inside the override, it runs under the override's frame
 * instead of pushing the same name twice.
 */
export function baseline<T extends Record<string, KernelFn>, K extends keyof T & string>(table: T, name: K): T[K] {
  for (const entry of registry.values()) if (entry.table === table && entry.name === name) return entry.body as T[K];
  throw new Error(`baseline(${name}): not a kernel function of that table`);
}

/**
 * Gives functions a patch adds (a work item's handler, a new helper) shadow-stack frames, so
 * backtraces through them name them as they would name the kernel's. They are not registered:
 * nothing overrides a patch's own functions.
 */
export function framed<T extends Record<string, KernelFn>>(fns: T): T {
  const out = {} as Record<string, KernelFn>;
  for (const [name, fn] of Object.entries(fns)) out[name] = isSelfFramed(fn) ? fn : withFrame(name, fn, isGeneratorFunction(fn));
  return out as T;
}

/**
 * Installs a patch's overrides (the patched variant). Names must be registered functions: of
 * the patch's base for a translated world, else of the hand-written model.
 */
export function installOverrides(overrides: Readonly<Record<string, KernelFn>>, base: string | null = null, madeSleeping: ReadonlySet<string> = new Set()): void {
  for (const [name, fn] of Object.entries(overrides)) {
    const entry = entryOf(base, name);
    if (entry === undefined) throw new Error(`override of ${name}: no such kernel function in the model`);
    if (entry.primitive) throw new Error(`override of ${name}: locking primitives are not overridable`);
    // A patch may make a function sleep; its module then re-translates every caller as well.
    const generator = madeSleeping.has(name) || entry.generator;
    if (isGeneratorFunction(fn) !== generator) {
      throw new Error(`override of ${name}: it must ${generator ? '' : 'not '}be a generator function, as the model's is`);
    }
    entry.table[name] = entry.inline || isSelfFramed(fn) ? fn : withFrame(name, fn, generator);
    overridden.add(key(entry.base, name));
  }
}

/** Back to the baseline model: no overrides. */
export function resetOverrides(): void {
  for (const k of overridden) {
    const entry = registry.get(k) as Entry;
    entry.table[entry.name] = entry.baseline;
  }
  overridden.clear();
}

/**
 * Calls `onCall` with the name of every overridable function of `base`'s world and of the
 * runtime each time it is called, until the returned function puts the tables back. For
 * measuring what a workload reaches: every call between translated functions goes through these
 * tables (that is what makes them overridable), inline functions included.
 */
export function traceCalls(base: string, onCall: (name: string) => void): () => void {
  const saved: [Entry, KernelFn][] = [];
  for (const entry of registry.values()) {
    if (entry.primitive || (entry.base !== base && entry.base !== null)) continue;
    type F = (...args: unknown[]) => unknown;
    const name = entry.name;
    saved.push([entry, entry.table[name] as KernelFn]);
    const inner = entry.table[name] as unknown as F;
    entry.table[name] = (entry.generator
      ? function* (...args: unknown[]) {
          onCall(name);
          return yield* inner(...args) as KGen<unknown>;
        }
      : (...args: unknown[]) => {
          onCall(name);
          return inner(...args);
        }) as unknown as KernelFn;
  }
  return () => {
    for (const [entry, fn] of saved) entry.table[entry.name] = fn;
  };
}

/**
 * Marks registered functions of `base` as stand-ins that only stop the run ("not modeled"): they
 * stay callable and overridable, but they are not ported code, so what a workload reaches is
 * measured without them.
 */
export function mark_not_modeled(base: string, names: readonly string[]): void {
  for (const name of names) {
    const entry = registry.get(key(base, name));
    if (entry === undefined) throw new Error(`mark_not_modeled(${name}): not a registered function of ${base}`);
    entry.stub = true;
  }
}

/**
 * Every registered kernel function: its name, base (null: the runtime), whether a patch may
 * override it, and whether it is a stand-in that only stops the run.
 */
export function registeredFunctions(): { name: string; base: string | null; cfile: string; overridable: boolean; stub: boolean }[] {
  return [...registry.values()].map((e) => ({ name: e.name, base: e.base, cfile: e.cfile, overridable: !e.primitive, stub: e.stub === true }));
}

export function isOverridden(name: string, base: string | null = null): boolean {
  return overridden.has(key(base, name));
}

/** The C file a registered kernel function comes from, or undefined if it is not modeled. */
export function kernelFunctionFile(name: string, base: string | null = null): string | undefined {
  return entryOf(base, name)?.cfile;
}

/**
 * A function of a base's translated world as its table holds it now (overrides included), for
 * calls from the runtime up into the world (schedule() calling the base's sched_submit_work):
 * the runtime names it without importing the world. Null when the base has none.
 */
export function world_function<F extends KernelFn>(base: string | null, name: string): F | null {
  if (base === null) return null;
  const entry = registry.get(key(base, name));
  return entry === undefined ? null : (entry.table[entry.name] as F);
}
