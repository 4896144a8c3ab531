// IO accounting, a model debug facility with no C counterpart: every bio submitted to a device
// must complete exactly once, and its waiter must be woken. At the end of a run's teardown, a
// bio still queued anywhere (another task's bio_list, a plug, a rescuer list) is lost IO. And a
// bio the device failed must complete with an error: a driver that fails the IO of a submitted
// bio says so (io_account_failed), and a completion with status 0 after that is a lost IO error,
// the mistake of a completion path that drops the status it was given.

import { formatCallTrace } from '../sim/findings.ts';
import { current, machine, perMachine } from '../sim/machine.ts';
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
  /** The accounted IO each submitted bio object carries (a device sees the bio, not the IO). */
  byBio: WeakMap<object, number>;
  /** Accounted IOs whose device IO failed, with the device's error and the failing context. */
  failed: Map<number, { error: number; device: string }>;
}

const st = perMachine((): IoAccountingState => ({ inflight: new Map(), completed: new Set(), byBio: new WeakMap(), failed: new Map() }));

/**
 * A bio enters the block layer (submit_bio / generic_make_request from a filesystem or reclaim).
 * `bio` is the object the submitter hands down, when a device may see that very object.
 */
export function io_account_submit(io: AccountedIo, bio?: object): void {
  const t = current();
  const s = st();
  s.inflight.set(io.ioId, { io, task: contextName(t), stack: [...t.stack] });
  if (bio !== undefined) s.byBio.set(bio, io.ioId);
}

/**
 * A device completes the IO of `bio` with `error` (a driver's own fault, or an injected -EIO).
 * Bios the device made itself, or clones of submitted ones, are not accounted: nothing to check.
 */
export function io_account_failed(bio: object, error: number, device: string): void {
  const s = st();
  const id = s.byBio.get(bio);
  if (id !== undefined && error !== 0) s.failed.set(id, { error, device });
}

/** The bio's final completion (bio_endio of the bio its submitter waits on), with its status. */
export function io_account_complete(io: AccountedIo, error: number): void {
  const s = st();
  BUG_ON(s.completed.has(io.ioId), 'fs/bio.c');
  s.completed.add(io.ioId);
  s.inflight.delete(io.ioId);
  const failed = s.failed.get(io.ioId);
  if (failed === undefined) return;
  s.failed.delete(io.ioId);
  if (error === 0) lostError(io, failed);
}

function lostError(io: AccountedIo, failed: { error: number; device: string }): void {
  const m = machine();
  const t = current();
  m.report({
    kind: 'lost-io',
    title: 'lost IO error: bio failed on the device but completed without error',
    report: [
      `lost IO error: ${io.describe()} failed on ${failed.device} (${failed.error}) but completed with status 0`,
      `  completed by ${contextName(t)}:`,
      formatCallTrace(t.stack),
    ].join('\n'),
    backtraces: [{ task: contextName(t), stack: [...t.stack] }],
    step: m.steps,
    fatal: false,
  });
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
