// kmemleak: when a run's teardown has finished, every object still allocated (and not marked
// as living on purpose) is reported as unreferenced, in kmemleak's format.

import { registerRunEndCheck } from '../sim/run.ts';
import { formatCallTrace, guiltyFrame } from '../sim/findings.ts';
import { ALLOC_PRIMITIVES, kmemleak_not_leak, liveObjects, objectAddress } from './kasan.ts';

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
registerRunEndCheck('teardown', (m) => {
  if (!m.debug) return;
  const leaked = liveObjects().filter((x) => !x.info.notLeak);
  if (leaked.length === 0) return;
  const blocks = leaked.map(({ obj, info }) =>
    [
      `unreferenced object 0x${objectAddress(obj)} (size ${info.size}):`,
      `  comm "${info.allocTask}", jiffies ${m.jiffies}`,
      `  backtrace:`,
      formatCallTrace(info.allocStack).replace('Call Trace:\n', '').replace(/^ /gm, '    '),
    ].join('\n'),
  );
  m.report({
    kind: 'kmemleak',
    title: 'BUG: memory leak',
    report: `kmemleak: ${leaked.length} new suspected memory leaks\n${blocks.join('\n')}\n(first leaked object allocated in ${guiltyFrame(leaked[0].info.allocStack, ALLOC_PRIMITIVES)})`,
    backtraces: leaked.map(({ info }) => ({ task: info.allocTask, stack: info.allocStack })),
    step: m.steps,
    fatal: false,
  });
});
