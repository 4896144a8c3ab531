// kmemleak: when a run's teardown has finished, every object still allocated (and not marked
// as living on purpose) is reported as unreferenced, in kmemleak's format.

import { registerRunEndCheck } from '../sim/run.ts';
import { formatCallTrace, guiltyFrame } from '../sim/findings.ts';
import { ALLOC_PRIMITIVES, liveObjects, objectAddress } from './kasan.ts';

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
