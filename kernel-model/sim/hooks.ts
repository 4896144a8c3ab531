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
  cfile: string;
  table: Record<string, KernelFn>;
  baseline: KernelFn;
  generator: boolean;
}

const registry = new Map<string, Entry>();
const overridden = new Set<string>();

function isGeneratorFunction(fn: KernelFn): boolean {
  return Object.getPrototypeOf(fn) === Object.getPrototypeOf(function* () {});
}

/** Wraps a kernel function so that calls push and pop its name on the task's shadow stack. */
function withFrame(name: string, fn: KernelFn, generator: boolean): KernelFn {
  const f = fn as unknown as (...args: unknown[]) => unknown;
  if (generator) {
    return function* (...args: unknown[]): KGen<unknown> {
      const stack = current().stack;
      stack.push(name);
      const result: unknown = yield* f(...args) as KGen<unknown>;
      stack.pop();
      return result;
    } as unknown as KernelFn;
  }
  return function (...args: unknown[]): unknown {
    const stack = current().stack;
    stack.push(name);
    const result = f(...args);
    stack.pop();
    return result;
  } as unknown as KernelFn;
}

/**
 * Registers the ported functions of one C file and returns the table to call them through.
 * A function whose body is too small to matter for backtraces can still be registered: the
 * frame costs one push and one pop.
 */
export function kernel_functions<T extends Record<string, KernelFn>>(cfile: string, fns: T): T {
  const table = {} as Record<string, KernelFn>;
  for (const [name, fn] of Object.entries(fns)) {
    if (registry.has(name)) throw new Error(`kernel function ${name} registered twice`);
    const generator = isGeneratorFunction(fn);
    table[name] = withFrame(name, fn, generator);
    registry.set(name, { name, cfile, table, baseline: table[name], generator });
  }
  return table as T;
}

/** Installs a patch's overrides (the patched variant). Names must be registered functions. */
export function installOverrides(overrides: Readonly<Record<string, KernelFn>>): void {
  for (const [name, fn] of Object.entries(overrides)) {
    const entry = registry.get(name);
    if (entry === undefined) throw new Error(`override of ${name}: no such kernel function in the model`);
    if (isGeneratorFunction(fn) !== entry.generator) {
      throw new Error(`override of ${name}: it must ${entry.generator ? '' : 'not '}be a generator function, as the model's is`);
    }
    entry.table[name] = withFrame(name, fn, entry.generator);
    overridden.add(name);
  }
}

/** Back to the baseline model: no overrides. */
export function resetOverrides(): void {
  for (const name of overridden) {
    const entry = registry.get(name) as Entry;
    entry.table[name] = entry.baseline;
  }
  overridden.clear();
}

export function isOverridden(name: string): boolean {
  return overridden.has(name);
}

/** The C file a registered kernel function comes from, or undefined if it is not modeled. */
export function kernelFunctionFile(name: string): string | undefined {
  return registry.get(name)?.cfile;
}

export function registeredKernelFunctions(): string[] {
  return [...registry.keys()].sort();
}
