// The one findings sink every detector reports through. A finding's title, in syzbot's style,
// is its de-duplication key; the report is the full text in the kernel's own format.

export type FindingKind =
  | 'lockdep'
  | 'hang'
  | 'kasan'
  | 'kmemleak'
  | 'kcsan'
  | 'bug'
  | 'warning'
  | 'sleep-in-atomic'
  | 'lost-io'
  | 'lost-wakeup'
  | 'livelock'
  | 'accounting';

export interface Backtrace {
  task: string;
  stack: readonly string[];
}

/**
 * The cycle a deadlock detector closed, handed over as data so nothing parses the report back:
 * lock classes in lockdep's dependency order, or tasks each waiting on the next. The edge marked
 * `closesCycle` is the one whose arrival made it a cycle.
 */
export interface FindingCycle {
  kind: 'lock' | 'wait';
  edges: { from: string; to: string; label: string; closesCycle: boolean }[];
}

export interface Finding {
  kind: FindingKind;
  title: string;
  report: string;
  backtraces: Backtrace[];
  cycle?: FindingCycle;
  /**
   * For a data race (KCSAN): the struct member and the function that accessed it without its
   * lock ("counter_box.count:account_io"). The title names the pair of functions, and which
   * other access the unlocked one met first depends on the schedule; this does not, so the
   * harness counts one missing lock as one finding by it.
   */
  raceKey?: string;
  /** Machine step at which it was found. */
  step: number;
  /** Whether the run cannot go on after it (a hang, an oops). */
  fatal: boolean;
}

/** A shadow stack's frames as the kernel prints them under a trace's header, innermost first. */
export function callTraceLines(stack: readonly string[]): string[] {
  const lines: string[] = [];
  for (let i = stack.length - 1; i >= 0; i--) lines.push(` ${stack[i]}`);
  return lines;
}

/** Formats a shadow stack as the kernel prints a call trace, innermost first. */
export function formatCallTrace(stack: readonly string[]): string {
  return ['Call Trace:', ...callTraceLines(stack)].join('\n');
}

/** The function a syzbot-style title names: the innermost frame that is not a primitive. */
export function guiltyFrame(stack: readonly string[], skip: ReadonlySet<string>): string {
  for (let i = stack.length - 1; i >= 0; i--) if (!skip.has(stack[i])) return stack[i];
  return stack.length > 0 ? stack[stack.length - 1] : '(unknown)';
}

/** The kernel release a report names: the base the machine runs (v3.2 when it runs none). */
export function kernelRelease(base: string | null): string {
  return `${base === 'v3.15' ? '3.15.0-rc5' : '3.2.0'}-lkml-harness`;
}

/**
 * dump_stack()'s line naming the task, as the base prints it: v3.2's "Pid: 1, comm: kblockd Not
 * tainted 3.2.0" (show_regs and dump_stack of that era), v3.15's "CPU: 0 PID: 1 Comm: kblockd
 * Not tainted 3.15.0-rc5" (dump_stack_print_info, since v3.10).
 */
export function dumpStackHeader(base: string | null, t: { pid: number; comm: string; cpu: number }): string {
  return base === 'v3.15'
    ? `CPU: ${Math.max(t.cpu, 0)} PID: ${t.pid} Comm: ${t.comm} Not tainted ${kernelRelease(base)}`
    : `Pid: ${t.pid}, comm: ${t.comm} Not tainted ${kernelRelease(base)}`;
}
