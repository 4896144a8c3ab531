// Initcalls of the translated worlds: each base's files register theirs (module_init(fn) is
// level 6, subsys_initcall level 4 ...), and a machine booted for that base runs them in
// do_initcalls() order: by level, then in registration (link) order.

import type { KGen } from './task.ts';

export interface Initcall {
  level: number;
  name: string;
  fn: () => KGen<unknown> | unknown;
}

const byBase = new Map<string, Initcall[]>();

/** Registers an initcall of a base. */
export function world_initcall(base: string, level: number, name: string, fn: Initcall['fn']): void {
  let list = byBase.get(base);
  if (list === undefined) byBase.set(base, (list = []));
  list.push({ level, name, fn });
}

/** A base's initcalls in the order do_initcalls() runs them. */
export function initcallsOf(base: string): Initcall[] {
  const list = byBase.get(base) ?? [];
  return list.map((c, i) => ({ c, i })).sort((a, b) => a.c.level - b.c.level || a.i - b.i).map((x) => x.c);
}
