// The page-fault oops for kernel accesses through a bad pointer (arch/x86/mm/fault.c,
// no_context()). Model code calls it where the C would dereference NULL: a JavaScript
// TypeError would end the whole exploration instead of one run. Translated code that
// dereferences NULL itself (a member of a NULL pointer read or written) throws that TypeError;
// the machine hands it here, and when the task was in kernel code it is the same oops.

import { oops } from '../../../include/asm-generic/bug.ts';
import { kernelFunctionFile } from '../../../sim/hooks.ts';
import { KernelPanic, current, machine, registerKernelFaultHandler } from '../../../sim/machine.ts';

/**
 * Reports "BUG: unable to handle kernel NULL pointer dereference" in `fn` and ends the run,
 * as an oops with panic_on_oops does.
 * @port arch/x86/mm/fault.c v3.2 model - the oops text of no_context() for a NULL access
 */
export function no_context(fn: string, what: string): never {
  return oops(`BUG: unable to handle kernel NULL pointer dereference in ${fn}`, [
    `BUG: unable to handle kernel NULL pointer dereference at 0000000000000000 (${what})`,
    `IP: ${fn}`,
    'Oops: 0000 [#1] SMP',
  ], fn);
}

/**
 * Reports "BUG: unable to handle kernel paging request at <address>" (a poisoned pointer such
 * as LIST_POISON1) in the current function and ends the run.
 * @port arch/x86/mm/fault.c v3.2 model - the oops text of no_context() for a bad address
 */
export function paging_request_fault(address: string, what: string): never {
  const stack = current().stack;
  const fn = stack.length > 0 ? stack[stack.length - 1] : '(unknown)';
  return oops(`BUG: unable to handle kernel paging request in ${fn}`, [
    `BUG: unable to handle kernel paging request at ${address} (${what})`,
    `IP: ${fn}`,
    'Oops: 0002 [#1] SMP',
  ], fn);
}

/** The message V8 gives a member access through null or undefined: "Cannot read properties of null (reading 'blkg')". */
const NULL_ACCESS = /^Cannot (read|set) properties of (null|undefined) \((reading|setting) '([^']*)'\)/;

// Deep enough for the call trace of a translated path (each C function is a generator frame,
// its .next() and a hook's wrapper: three JavaScript frames); V8 keeps 10 by default. Errors
// are rare in a run (one oops ends it), so the deeper capture costs nothing measurable.
Error.stackTraceLimit = Math.max(Error.stackTraceLimit, 100);

/**
 * A frame of a JavaScript stack trace, as V8 prints a translated function called directly, through
 * a hook table or an ops member, or resumed as a generator: "at cfq_bio_merged (...)",
 * "at Object.cfq_bio_merged [as elevator_bio_merged_fn] (...)", "at cfq_bio_merged.next (...)".
 */
const JS_FRAME = /^\s+at (?:Object\.)?([A-Za-z_$][\w$]*)(?:\.next)?(?: \[as [\w$]+\])? \(/;

/**
 * The kernel functions on the stack where the error was thrown, outermost first, read from its
 * JavaScript stack: the task's own frame stack has been unwound by then (each translated
 * function pops its frame on the way out).
 */
function kernelFramesAtThrow(err: Error): string[] {
  const base = machine().base;
  const frames: string[] = [];
  for (const line of (err.stack ?? '').split('\n')) {
    const name = JS_FRAME.exec(line)?.[1];
    if (name !== undefined && kernelFunctionFile(name, base) !== undefined && frames[frames.length - 1] !== name) frames.push(name);
  }
  return frames.reverse();
}

/**
 * A TypeError from a NULL member access in a task's kernel code: the oops of no_context() in the
 * innermost kernel function. (Taking a member's address, &NULL->member, is arithmetic in C and
 * faults where that address is used; the model has no addresses, so it faults one step early,
 * in the function that took it.) Anything else, or an access with no kernel function on the
 * stack, is the model's or the harness's own error, and stays one.
 */
registerKernelFaultHandler((t, err) => {
  const access = err instanceof TypeError ? NULL_ACCESS.exec(err.message) : null;
  if (access === null) return false;
  const frames = kernelFramesAtThrow(err as TypeError);
  if (frames.length === 0) return false;
  t.stack.splice(0, t.stack.length, ...frames);
  try {
    no_context(frames[frames.length - 1] as string, `${access[1]} of member ${access[4]} through ${access[2]}`);
  } catch (panic) {
    if (panic instanceof KernelPanic) return true;
    throw panic;
  }
});
