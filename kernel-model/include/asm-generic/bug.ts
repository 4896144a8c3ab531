// BUG_ON and WARN_ON for ported code: findings with the file and function, as the kernel prints
// them. BUG ends the run (an oops kills the task; with panic_on_oops the machine).

import { formatCallTrace } from '../../sim/findings.ts';
import { KernelPanic, current, machine } from '../../sim/machine.ts';
import { contextName } from '../../sim/task.ts';
import { held_locks_text } from '../../kernel/locking/lockdep.ts';

function where(): string {
  const stack = current().stack;
  return stack.length > 0 ? stack[stack.length - 1] : '(unknown)';
}

/**
 * An oops: reports `title` with the kernel's oops lines (`head`), the task line, the RIP line,
 * the current task's trace and held locks, and ends the run, as panic_on_oops does.
 */
export function oops(title: string, head: string[], rip: string): never {
  const m = machine();
  const t = current();
  m.report({
    kind: 'bug',
    title,
    report: [...head, `Pid: ${t.pid}, comm: ${t.comm} Not tainted 3.2.0-lkml-harness`, `RIP: ${rip}`, formatCallTrace(t.stack), held_locks_text(t)].join('\n'),
    backtraces: [{ task: contextName(t), stack: [...t.stack] }],
    step: m.steps,
    fatal: true,
  });
  throw new KernelPanic(title);
}

/** BUG_ON(condition) in `file` (the C file of the ported function). */
export function BUG_ON(condition: boolean, file: string): void {
  if (!condition) return;
  oops(`kernel BUG at ${file}`, ['------------[ cut here ]------------', `kernel BUG at ${file}!`, 'invalid opcode: 0000 [#1] SMP'], where());
}

/** WARN_ON(condition): a finding, and the run goes on. Returns the condition, as WARN_ON does. */
export function WARN_ON(condition: boolean, file: string): boolean {
  if (!condition) return false;
  const m = machine();
  const t = current();
  const fn = where();
  m.report({
    kind: 'warning',
    title: `WARNING in ${fn}`,
    report: [
      '------------[ cut here ]------------',
      `WARNING: at ${file} ${fn}()`,
      `Pid: ${t.pid}, comm: ${t.comm} Not tainted 3.2.0-lkml-harness`,
      formatCallTrace(t.stack),
      '---[ end trace ]---',
    ].join('\n'),
    backtraces: [{ task: contextName(t), stack: [...t.stack] }],
    step: m.steps,
    fatal: false,
  });
  return true;
}
