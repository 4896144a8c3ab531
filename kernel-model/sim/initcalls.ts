// Initcalls of the translated worlds: each base's files register theirs (module_init(fn) is
// level 6, subsys_initcall level 4 ...), and a machine booted for that base runs them in
// do_initcalls() order: by level, then in registration (link) order.

import type { KGen } from './task.ts';

export interface Initcall {
  level: number;
  name: string;
  fn: () => KGen<unknown> | unknown;
  /** The module the file is linked into (KBUILD_MODNAME), or null when it is built in. */
  module: string | null;
  /** The module is not loaded at boot: request_module() runs this when it loads it. */
  onDemand: boolean;
}

const byBase = new Map<string, Initcall[]>();

/** Registers an initcall of a base; `module` is the module its file is linked into (kernel-model/c/kbuild.ts). */
export function world_initcall(base: string, level: number, name: string, fn: Initcall['fn'], module: { name: string; onDemand?: boolean } | null = null): void {
  let list = byBase.get(base);
  if (list === undefined) byBase.set(base, (list = []));
  list.push({ level, name, fn, module: module?.name ?? null, onDemand: module?.onDemand === true });
}

/** A base's initcalls in the order do_initcalls() runs them. */
export function initcallsOf(base: string): Initcall[] {
  const list = byBase.get(base) ?? [];
  return list.map((c, i) => ({ c, i })).sort((a, b) => a.c.level - b.c.level || a.i - b.i).map((x) => x.c);
}

/**
 * A module's exit function (module_exit(fn)), registered by its file as its initcall is: the
 * model's code is built in and boots with the machine, and a program may unload the modules at
 * its end (rmmod), which runs them in the reverse of their registration (link) order: a module
 * that uses another (dm-snapshot uses dm-mod) is linked after it, and goes first. Each names
 * its module (KBUILD_MODNAME) and the modules it uses, which cannot go while it is loaded.
 */
export interface Exitcall {
  module: string;
  uses: readonly string[];
  name: string;
  fn: () => KGen<unknown> | unknown;
}

const exitsByBase = new Map<string, Exitcall[]>();

/** Registers a module_exit() of a base: `module` is the name of the module the file is linked into. */
export function world_exitcall(base: string, module: { name: string; uses: readonly string[] }, name: string, fn: Exitcall['fn']): void {
  let list = exitsByBase.get(base);
  if (list === undefined) exitsByBase.set(base, (list = []));
  list.push({ module: module.name, uses: module.uses, name, fn });
}

/** A base's module exits in the order rmmod of all its modules runs them (dependents first). */
export function exitcallsOf(base: string): Exitcall[] {
  return [...(exitsByBase.get(base) ?? [])].reverse();
}
