// kmemleak: when a run's teardown has finished, every object still allocated (and not marked
// as living on purpose) is reported as unreferenced, in kmemleak's format.

import { registerRunEndCheck } from '../sim/run.ts';
import type { Machine } from '../sim/machine.ts';
import { formatCallTrace, guiltyFrame } from '../sim/findings.ts';
import { ALLOC_PRIMITIVES, kmemleak_not_leak, liveObjects, objectAddress } from './kasan.ts';
import { dataSection } from '../lib/lazy-per-machine.ts';
import { module_unloaded } from '../kernel/module.ts';
import { containerOf } from '../lib/c-pointers.ts';

/**
 * What the initcalls allocated is the kernel's own (fs_bio_set, kblockd, the elevators' caches):
 * referenced from its globals for good, as kmemleak's scan of the data section would find.
 */
registerRunEndCheck('booted', () => {
  for (const { obj } of liveObjects()) kmemleak_not_leak(obj);
});

/**
 * @port mm/kmemleak.c v3.2 model - no reachability scan: after teardown, anything still
 * allocated is a leak (the scenario's teardown frees everything it owns)
 */
type RootSource = (m: Machine) => Iterable<object>;
/**
 * The data section: what the translated C's global variables point to is referenced, except a
 * module's once it is unloaded (free_module() frees its data, and kmemleak_free() takes it off
 * the scanned areas): what only the module's statics still pointed to is unreferenced then.
 */
const rootSources: RootSource[] = [(m) => dataSection(m).filter((set) => set.module === null || !module_unloaded(set.module)).map((set) => set.value)];

/**
 * Lets a subsystem name memory that stays referenced after teardown on purpose: a kernel
 * thread's IO context lives as long as the thread, which never exits.
 */
export function registerKmemleakRoots(source: RootSource): void {
  rootSources.push(source);
}

/**
 * Every object reachable from the roots, as kmemleak's scan would find pointers to them. A pointer
 * into the middle of a block references the block (kmemleak looks pointers up by address range):
 * an object whose only reference is its embedded list node, on a list a global heads (a
 * blkio_policy_node on the root cgroup's policy_list), is not a leak.
 */
export function kmemleak_reachable(m: Machine): Set<object> {
  const seen = new Set<object>();
  const stack: unknown[] = [];
  for (const source of rootSources) for (const r of source(m)) stack.push(r);
  while (stack.length > 0) {
    const v = stack.pop();
    if (typeof v !== 'object' || v === null || seen.has(v)) continue;
    seen.add(v);
    const whole = containerOf(v);
    if (whole !== null) stack.push(whole);
    if (v instanceof Map) for (const x of v.values()) stack.push(x);
    else for (const x of Object.values(v)) stack.push(x);
  }
  return seen;
}

/** Allocator frames a leak is not named after: the slab's, the per-cpu allocator's and mempool's. */
const LEAK_ALLOCATOR = /^(?:alloc_percpu|__alloc_percpu|pcpu_|mempool_)/;

/** The function that allocated a leaked object: the first frame below every allocator frame. */
function leakSite(stack: readonly string[]): string {
  for (let i = stack.length - 1; i >= 0; i--) if (!ALLOC_PRIMITIVES.has(stack[i]) && !LEAK_ALLOCATOR.test(stack[i])) return stack[i];
  return guiltyFrame(stack, ALLOC_PRIMITIVES);
}

/**
 * Leaked things grouped by the function that allocated them (leakSite of each one's allocation
 * stack), sites and members in allocation order: a tester files one bug per site, so each is its
 * own report and one leak never hides another behind its title.
 */
export function leaksBySite<T>(leaked: readonly T[], allocStack: (x: T) => readonly string[]): Map<string, T[]> {
  const bySite = new Map<string, T[]>();
  for (const x of leaked) {
    const site = leakSite(allocStack(x));
    const group = bySite.get(site);
    if (group === undefined) bySite.set(site, [x]);
    else group.push(x);
  }
  return bySite;
}

registerRunEndCheck('teardown', (m) => {
  if (!m.debug) return;
  // The scan reads every member of every object (KCSAN is off in end-of-run checks, run.ts).
  const referenced = kmemleak_reachable(m);
  const leaked = liveObjects().filter((x) => !x.info.notLeak && !referenced.has(x.obj));
  if (leaked.length === 0) return;
  // kmemleak lists every unreferenced object; each allocation site is its own report ("memory
  // leak in X").
  for (const [site, objects] of leaksBySite(leaked, (x) => x.info.allocStack)) {
    const blocks = objects.map(({ obj, info }) =>
      [
        `unreferenced object 0x${objectAddress(obj)} (size ${info.size}):`,
        `  comm "${info.allocTask}", jiffies ${m.jiffies}`,
        `  backtrace:`,
        formatCallTrace(info.allocStack).replace('Call Trace:\n', '').replace(/^ /gm, '    '),
      ].join('\n'),
    );
    m.report({
      kind: 'kmemleak',
      // The machine keeps one report per title: the site in it keeps each site's own.
      title: `memory leak in ${site}`,
      report: `kmemleak: ${leaked.length} new suspected memory leaks\n${blocks.join('\n')}\n(${objects.length} of them allocated in ${site})`,
      backtraces: objects.map(({ info }) => ({ task: info.allocTask, stack: info.allocStack })),
      step: m.steps,
      fatal: false,
    });
  }
});
