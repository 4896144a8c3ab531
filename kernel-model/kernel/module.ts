// Modules (kernel/module.c): everything in the model is built in, so a module reference always
// succeeds and there is nothing to load; a program may unload them at its end (delete_modules).

import { ENOENT } from '../include/uapi/asm-generic/errno-base.ts';
import { exitcallsOf } from '../sim/initcalls.ts';
import { isKGen } from '../sim/run.ts';
import type { KGen } from '../sim/task.ts';

/** try_module_get(module): a built-in module is always there. */
export function try_module_get(_module: unknown): boolean {
  return true;
}

/** module_put(module) */
export function module_put(_module: unknown): void {}

/** request_module(fmt, ...): there is no module to load. */
export function request_module(_fmt: string, ..._args: unknown[]): number {
  return -ENOENT;
}

/**
 * rmmod of every module of a base's world, as `rmmod dm_snapshot dm_mod raid1 md_mod` does at the
 * end of a program that tore down what used them: delete_module() runs each module's exit
 * function (module_exit), dependents first (the reverse of the link order the initcalls ran in).
 * A program unloads only once, from its teardown.
 * @port kernel/module.c v3.15 simplified - delete_module() without module refcounts (try_module_get() always succeeds, so the caller makes sure nothing uses the modules), states, notifiers or freeing the module's memory
 */
export function* delete_modules(base: string): KGen {
  for (const call of exitcallsOf(base)) {
    const r = call.fn();
    if (isKGen(r)) yield* r;
  }
}
