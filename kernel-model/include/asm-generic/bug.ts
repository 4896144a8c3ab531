// BUG_ON and WARN_ON for ported code: findings with the file and function, as the kernel prints
// them. BUG ends the run (an oops kills the task; with panic_on_oops the machine).

import { dumpStackHeader, formatCallTrace } from '../../sim/findings.ts';
import { KernelPanic, current, machine } from '../../sim/machine.ts';
import { contextName } from '../../sim/task.ts';
import { held_locks_text } from '../../kernel/locking/lockdep.ts';

function whereFn(): string {
  return where();
}

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
    report: [...head, dumpStackHeader(m.base, t), `RIP: ${rip}`, formatCallTrace(t.stack), held_locks_text(t)].join('\n'),
    backtraces: [{ task: contextName(t), stack: [...t.stack] }],
    step: m.steps,
    fatal: true,
  });
  throw new KernelPanic(title);
}

/**
 * BUG_ON(condition) in `file` (the C file of the ported function, with `:line` when the
 * translator knows it). The title leaves the line out, as syzbot's do, so it stays one key.
 */
export function BUG_ON(condition: boolean, file: string): void {
  if (!condition) return;
  oops(`kernel BUG at ${file.replace(/:\d+$/, '')}`, ['------------[ cut here ]------------', `kernel BUG at ${file}!`, 'invalid opcode: 0000 [#1] SMP'], where());
}

/** BUG() at `where` (file:line): an oops. */
export function BUG(at: string): never {
  return oops(`kernel BUG at ${at.replace(/:\d+$/, '')}`, ['------------[ cut here ]------------', `kernel BUG at ${at}!`, 'invalid opcode: 0000 [#1] SMP'], whereFn());
}

/** panic(fmt): the machine stops. */
export function panic(message: string, at: string): never {
  return oops(`kernel panic: ${message.trim()}`, [`Kernel panic - not syncing: ${message.trim()}`, `at ${at}`], whereFn());
}

const warnedOnce = new WeakMap<object, Set<string>>();

/** WARN_ON_ONCE(condition): WARN_ON the first time this site fires in a run. */
export function WARN_ON_ONCE(condition: boolean, file: string): boolean {
  if (!condition) return false;
  const m = machine();
  let seen = warnedOnce.get(m);
  if (seen === undefined) warnedOnce.set(m, (seen = new Set()));
  if (!seen.has(file)) {
    seen.add(file);
    warn(file, where(), []);
  }
  return true;
}

/** WARN_ON(condition): a finding, and the run goes on. Returns the condition, as WARN_ON does. */
export function WARN_ON(condition: boolean, file: string): boolean {
  if (!condition) return false;
  warn(file, where(), []);
  return true;
}

/**
 * WARN(condition, format, ...): WARN_ON with a message, from the function `fn` (a helper that
 * has no frame of its own, such as lib/list_debug.c's). Returns the condition.
 */
export function WARN(condition: boolean, file: string, fn: string, message: string): boolean {
  if (!condition) return false;
  warn(file, fn, [message]);
  return true;
}

function warn(file: string, fn: string, message: string[]): void {
  const m = machine();
  const t = current();
  m.report({
    kind: 'warning',
    title: `WARNING in ${fn}`,
    report: [
      '------------[ cut here ]------------',
      `WARNING: at ${file} ${fn}()`,
      ...message,
      dumpStackHeader(m.base, t),
      formatCallTrace(t.stack),
      '---[ end trace ]---',
    ].join('\n'),
    backtraces: [{ task: contextName(t), stack: [...t.stack] }],
    step: m.steps,
    fatal: false,
  });
}
