// The page-fault oops for kernel accesses through a bad pointer (arch/x86/mm/fault.c,
// no_context()). Model code calls it where the C would dereference NULL: a JavaScript
// TypeError would end the whole exploration instead of one run.

import { oops } from '../../../include/asm-generic/bug.ts';
import { current } from '../../../sim/machine.ts';

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
