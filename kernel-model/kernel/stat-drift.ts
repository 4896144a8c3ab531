// Accounting drift: statistics a patch lets fall behind on purpose (blkio stats skipped while
// a group's per-cpu area is not yet allocated) are a behaviour change to state with numbers,
// not a bug. Ported code calls stat_drift() where it compares what it counted to what happened.

import { machine } from '../sim/machine.ts';

export function stat_drift(subject: string, expected: number, counted: number): void {
  if (expected === counted) return;
  accounting_drift(subject, `${subject}: ${expected} expected, ${counted} counted (${expected - counted} not accounted)`);
}

/** Reports a count that does not add up, titled "accounting drift in `subject`"; `text` says how. */
export function accounting_drift(subject: string, text: string): void {
  const m = machine();
  m.report({ kind: 'accounting', title: `accounting drift in ${subject}`, report: text, backtraces: [], step: m.steps, fatal: false });
}
