// Modules (kernel/module.c, kernel/kmod.c): the modules of a world (kernel-model/c/kbuild.ts)
// boot loaded with the machine, except those loaded on demand, which the first request_module()
// of them loads (modprobe); each counts its references as the kernel does; a program may unload
// them at its end (delete_modules), and rmmod of a module still referenced fails as the kernel's
// does.

import { ENOENT } from '../include/uapi/asm-generic/errno-base.ts';
import { lazyPerMachine } from '../lib/lazy-per-machine.ts';
import { exitcallsOf, initcallsOf } from '../sim/initcalls.ts';
import { machine } from '../sim/machine.ts';
import { isKGen } from '../sim/run.ts';
import type { KGen } from '../sim/task.ts';
import { DECLARE_COMPLETION, completions } from './sched/completion.ts';
import { DECLARE_WAIT_QUEUE_HEAD, wait_event, wake_up_all } from './sched/wait.ts';

/** struct module: what the model needs of one, its name. */
export interface module {
  readonly name: string;
}

// One struct module per name, as each module's __this_module is one static object.
const modulesByName = new Map<string, module>();

/** THIS_MODULE (&__this_module) in a file linked into the module `name`. */
export function THIS_MODULE(name: string): module {
  let mod = modulesByName.get(name);
  if (mod === undefined) modulesByName.set(name, (mod = { name }));
  return mod;
}

/**
 * enum module_state, as far as the model's modules go: loaded, its init running, being unloaded,
 * not loaded (never, or unloaded).
 */
type ModuleState = 'MODULE_STATE_LIVE' | 'MODULE_STATE_COMING' | 'MODULE_STATE_GOING' | 'MODULE_STATE_UNFORMED';

interface ModuleRuntime {
  state: ModuleState;
  /** incs - decs of the module's per-cpu refptr (module_refcount()). */
  refcount: number;
}

const runtimes = lazyPerMachine(() => new Map<module, ModuleRuntime>());

/** module_wq: where a load of a module another modprobe is loading waits for its init to end. */
const module_wq = lazyPerMachine(() => DECLARE_WAIT_QUEUE_HEAD('module_wq'));

function runtimeOf(mod: module): ModuleRuntime {
  let rt = runtimes().get(mod);
  if (rt === undefined) {
    const state = loadedOnDemand(mod.name) ? 'MODULE_STATE_UNFORMED' : 'MODULE_STATE_LIVE';
    runtimes().set(mod, (rt = { state, refcount: 0 }));
  }
  return rt;
}

/**
 * try_module_get(module): a reference to a live module; fails once its unloading has begun.
 * Built-in code's module is NULL, which always succeeds.
 * @port include/linux/module.h v3.15 simplified - one counter instead of per-cpu incs and decs
 */
export function try_module_get(mod: module | null): boolean {
  if (mod === null) return true;
  const rt = runtimeOf(mod);
  if (rt.state !== 'MODULE_STATE_LIVE') return false;
  rt.refcount++;
  return true;
}

/**
 * module_put(module): drops a reference. v3.15 checks nothing here (decs is counted apart from
 * incs); a put without its get shows when the module is unloaded.
 * @port kernel/module.c v3.15 simplified - one counter instead of per-cpu incs and decs
 */
export function module_put(mod: module | null): void {
  if (mod === null) return;
  runtimeOf(mod).refcount--;
}

/**
 * request_module(fmt, ...): runs modprobe for the module the name asks for and waits for it
 * (call_usermodehelper() with UMH_WAIT_PROC). modprobe reads '-' and '_' alike: a module of the
 * world not loaded yet is loaded by a process of its own, 'modprobe', which runs the module's
 * init (do_init_module()) while the caller sleeps; one loading already is waited for
 * (add_unformed_module() sleeps on module_wq until its init ends); one loaded is left as it is.
 * A name no module of the world answers to is modprobe's "not found".
 * @port kernel/kmod.c v3.15 simplified - no module aliases, kmod_concurrent limit or killable wait; modprobe of a loaded module is not run (its only effect is the caller's sleep); a failed init is not modeled (the world's inits do not fail there)
 */
export function* request_module(fmt: string, ...args: unknown[]): KGen<number> {
  const base = machine().base;
  const name = formatModuleName(fmt, args).replace(/-/g, '_');
  const wanted = initcallsOf(base ?? '').filter((c) => c.module === name);
  if (wanted.length === 0) return -ENOENT;
  const rt = runtimeOf(THIS_MODULE(name));
  if (rt.state === 'MODULE_STATE_LIVE') return 0;
  if (rt.state === 'MODULE_STATE_COMING') {
    yield* wait_event(module_wq(), () => rt.state !== 'MODULE_STATE_COMING');
    return 0;
  }
  const done = DECLARE_COMPLETION(`modprobe ${name}`);
  rt.state = 'MODULE_STATE_COMING';
  const helper = machine().spawn('modprobe', function* (): KGen {
    // do_init_module(): the module's init, then live, and its loaders woken.
    for (const call of wanted) {
      const r = call.fn();
      if (isKGen(r)) yield* r;
    }
    rt.state = 'MODULE_STATE_LIVE';
    wake_up_all(module_wq());
    yield* completions.complete(done);
  });
  done.waitsFor = helper;
  yield* completions.wait_for_completion(done);
  return 0;
}

/** Whether the module `name` of the machine's base is one do_initcalls() leaves to request_module(). */
function loadedOnDemand(name: string): boolean {
  return initcallsOf(machine().base ?? '').some((c) => c.module === name && c.onDemand);
}

/** The module name request_module()'s format makes ("%s-iosched" of "deadline"). */
function formatModuleName(fmt: string, args: unknown[]): string {
  let i = 0;
  return fmt.replace(/%[sd]/g, () => String(args[i++]));
}

/**
 * rmmod of every module of a base's world, as `rmmod dm_snapshot dm_mod raid1 md_mod` does at the
 * end of a program that tore down what used them: delete_module() of each, dependents first
 * (the reverse of the link order the initcalls ran in). A module another loaded module uses, or
 * one whose reference count is not zero, is refused (-EWOULDBLOCK: rmmod says "Module raid1 is
 * in use") and stays; the others run their exit function (module_exit) and are gone. Once the
 * program has torn down every array, table and device, a module left in use holds a reference
 * nothing will drop (or lost one it never took): reported. A program unloads only once.
 * @port kernel/module.c v3.15 simplified - delete_module() without O_NONBLOCK waits, forced unload, notifiers or freeing the module's memory; try_stop_module() checks the count directly (the C's stop_machine makes that atomic)
 */
export function* delete_modules(base: string): KGen {
  const exits = exitcallsOf(base);
  const loaded = (name: string): boolean => runtimeOf(THIS_MODULE(name)).state !== 'MODULE_STATE_UNFORMED';
  for (const call of exits) {
    const mod = THIS_MODULE(call.module);
    const rt = runtimeOf(mod);
    // A module not loaded (one loaded on demand nobody asked for): rmmod says it is not loaded.
    if (!loaded(call.module)) continue;
    // mod->source_list: a loaded module that uses this one.
    if (exits.some((other) => other.uses.includes(call.module) && loaded(other.module))) continue;
    if (rt.refcount !== 0) {
      report_module_in_use(mod, rt.refcount);
      continue;
    }
    rt.state = 'MODULE_STATE_GOING';
    const r = call.fn();
    if (isKGen(r)) yield* r;
    rt.state = 'MODULE_STATE_UNFORMED';
    check_registries(base, mod);
  }
}

/** Whether the module `name` is not loaded: delete_modules() ran its exit, or it is loaded on demand and nothing asked for it yet. */
export function module_unloaded(name: string): boolean {
  return runtimeOf(THIS_MODULE(name)).state === 'MODULE_STATE_UNFORMED';
}

/**
 * A list of the kernel on which modules register their objects (a dm target type, an md
 * personality): each entry with the module that owns it. A module's exit must take its entries
 * off; once it is gone its memory is freed, and the next walk of the list reads it.
 */
export interface ModuleRegistry {
  /** The list as the C names it, with its file: "_targets (drivers/md/dm-target.c)". */
  name: string;
  entries: () => { owner: module | null; what: string }[];
}

const registries = new Map<string, ModuleRegistry[]>();

/** Declares one of a world's registration lists (at load time, in a fixed order). */
export function registerModuleRegistry(base: string, registry: ModuleRegistry): void {
  let list = registries.get(base);
  if (list === undefined) registries.set(base, (list = []));
  list.push(registry);
}

/** After `mod`'s exit: what it left registered, reported. */
function check_registries(base: string, mod: module): void {
  const m = machine();
  if (!m.debug) return;
  for (const registry of registries.get(base) ?? []) {
    for (const e of registry.entries()) {
      if (e.owner !== mod) continue;
      m.report({
        kind: 'accounting',
        title: `module ${mod.name} unloaded while still registered`,
        report: `${mod.name}: unloaded with ${e.what} still on ${registry.name}: the module's memory is freed, and the next walk of the list reads it`,
        backtraces: [],
        step: m.steps,
        fatal: false,
      });
    }
  }
}

function report_module_in_use(mod: module, refcount: number): void {
  const m = machine();
  // module_refcount() is unsigned long: more puts than gets read as a huge count.
  const shown = refcount > 0 ? `${refcount}` : `${2n ** 64n + BigInt(refcount)} (${refcount}: module_put() without its try_module_get())`;
  m.report({
    kind: 'accounting',
    title: `module ${mod.name} still in use after teardown`,
    report: `rmmod: ERROR: Module ${mod.name} is in use\n${mod.name}: reference count ${shown} with every array, table and device that used it torn down`,
    backtraces: [],
    step: m.steps,
    fatal: false,
  });
}
