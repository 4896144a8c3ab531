// Modules (kernel/module.c): everything in the model is built in, so a module reference always
// succeeds and there is nothing to load.

import { ENOENT } from '../include/uapi/asm-generic/errno-base.ts';

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
