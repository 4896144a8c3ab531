// IO accounting, a model debug facility with no C counterpart: every bio submitted to a device
// must complete exactly once, and its waiter must be woken. At the end of a run's teardown, a
// bio still queued anywhere (another task's bio_list, a plug, a rescuer list) is lost IO.

import { formatCallTrace } from '../sim/findings.ts';
import { current, perMachine } from '../sim/machine.ts';
import { registerRunEndCheck } from '../sim/run.ts';
import { type WaitTarget, contextName } from '../sim/task.ts';
import { BUG_ON } from '../include/asm-generic/bug.ts';

/** What the accounting needs of a bio: a name for reports and where it sits now. */
export interface AccountedIo extends WaitTarget {
  readonly ioId: number;
}

interface Submitted {
  io: AccountedIo;
  task: string;
  stack: string[];
}

interface IoAccountingState {
  inflight: Map<number, Submitted>;
  completed: Set<number>;
}

const st = perMachine((): IoAccountingState => ({ inflight: new Map(), completed: new Set() }));

/** A bio enters the block layer (submit_bio / generic_make_request from a filesystem or reclaim). */
export function io_account_submit(io: AccountedIo): void {
  const t = current();
  st().inflight.set(io.ioId, { io, task: contextName(t), stack: [...t.stack] });
}

/** The bio's final completion (bio_endio of the bio its submitter waits on). */
export function io_account_complete(io: AccountedIo): void {
  const s = st();
  BUG_ON(s.completed.has(io.ioId), 'fs/bio.c');
  s.completed.add(io.ioId);
  s.inflight.delete(io.ioId);
}

/** How many accounted bios have not completed yet. */
export function io_inflight(): number {
  return st().inflight.size;
}

registerRunEndCheck('teardown', (m) => {
  if (!m.debug) return;
  const lost = [...st().inflight.values()];
  if (lost.length === 0) return;
  m.report({
    kind: 'lost-io',
    title: 'lost IO: bio never completed',
    report: lost
      .map((l) => [`lost IO: ${l.io.describe()} never completed`, `  submitted by ${l.task}:`, formatCallTrace(l.stack)].join('\n'))
      .join('\n\n'),
    backtraces: lost.map((l) => ({ task: l.task, stack: l.stack })),
    step: m.steps,
    fatal: false,
  });
});
