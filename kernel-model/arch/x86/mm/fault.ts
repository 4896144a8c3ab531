// The page-fault oops for kernel accesses through a bad pointer (arch/x86/mm/fault.c,
// no_context()). Model code calls it where the C would dereference NULL: a JavaScript
// TypeError would end the whole exploration instead of one run.

import { formatCallTrace } from '../../../sim/findings.ts';
import { KernelPanic, current, machine } from '../../../sim/machine.ts';
import { contextName } from '../../../sim/task.ts';
import { held_locks_text } from '../../../kernel/locking/lockdep.ts';

/**
 * Reports "BUG: unable to handle kernel NULL pointer dereference" in `fn` and ends the run,
 * as an oops with panic_on_oops does.
 * @port arch/x86/mm/fault.c v3.2 model - the oops text of no_context() for a NULL access
 */
export function no_context(fn: string, what: string): never {
  const m = machine();
  const t = current();
  m.report({
    kind: 'bug',
    title: `BUG: unable to handle kernel NULL pointer dereference in ${fn}`,
    report: [
      `BUG: unable to handle kernel NULL pointer dereference at 0000000000000000 (${what})`,
      `IP: ${fn}`,
      'Oops: 0000 [#1] SMP',
      `Pid: ${t.pid}, comm: ${t.comm} Not tainted 3.2.0-lkml-harness`,
      formatCallTrace(t.stack),
      held_locks_text(t),
    ].join('\n'),
    backtraces: [{ task: contextName(t), stack: [...t.stack] }],
    step: m.steps,
    fatal: true,
  });
  throw new KernelPanic(`NULL pointer dereference in ${fn}`);
}
