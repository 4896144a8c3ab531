// Pages the kernel allocated and never gave back. kmemleak tracks slab objects, not pages (the
// kernel's does not either), so a page whose put was dropped (a resync buffer's page in
// r1buf_pool_free()) leaks unseen by it. page_owner (CONFIG_PAGE_OWNER, v3.19) records the stack
// that allocated every page, and /sys/kernel/debug/page_owner lists the pages still allocated:
// read after a teardown that removed every device and unloaded every module, a page there that
// nothing references any more is a leak. The check does that read: after a run's teardown, each
// page alloc_page() handed out that was neither freed nor is reachable from the kernel's globals
// (kmemleak's scan) is reported, one report per function that allocated such pages.

import { registerRunEndCheck } from '../sim/run.ts';
import { type Machine, current, machine, machineOrNull, perMachine } from '../sim/machine.ts';
import { formatCallTrace } from '../sim/findings.ts';
import { kmemleak_reachable, leaksBySite } from './kmemleak.ts';
import type { page } from './page.ts';

interface PageOwner {
  gfp_mask: number;
  task: string;
  stack: string[];
}

/** The pages allocated and not yet freed, in allocation order, with who allocated each. */
const owners = perMachine((): Map<page, PageOwner> => new Map());

/** set_page_owner(): the page allocator records who allocated a page. Debug runs only. */
export function set_page_owner(p: page, gfp_mask: number): void {
  const m = machine();
  if (!m.debug) return;
  const t = current();
  owners().set(p, { gfp_mask, task: t.comm, stack: [...t.stack] });
}

/** The page went back to the allocator (its last reference put, or __free_page()). */
export function reset_page_owner(p: page): void {
  if (machineOrNull()?.debug !== true) return;
  owners().delete(p);
}

registerRunEndCheck('teardown', (m: Machine) => {
  if (!m.debug) return;
  const live = owners();
  if (live.size === 0) return;
  const referenced = kmemleak_reachable(m);
  const leaked = [...live].filter(([p]) => !referenced.has(p));
  for (const [site, pages] of leaksBySite(leaked, ([, owner]) => owner.stack)) {
    // page_owner's own record of each page (mm/page_owner.c print_page_owner()), then the stack.
    const blocks = pages.map(([p, owner]) =>
      [`Page allocated via order 0, mask 0x${owner.gfp_mask.toString(16)}`, `PFN ${p.index} (comm "${owner.task}")`, formatCallTrace(owner.stack).replace('Call Trace:\n', '')].join('\n'),
    );
    m.report({
      kind: 'accounting',
      title: `page leak in ${site}`,
      report: `page_owner: ${pages.length} page(s) allocated in ${site} still allocated after teardown, referenced by nothing:\n${blocks.join('\n\n')}`,
      backtraces: pages.map(([, owner]) => ({ task: owner.task, stack: owner.stack })),
      step: m.steps,
      fatal: false,
    });
  }
});
