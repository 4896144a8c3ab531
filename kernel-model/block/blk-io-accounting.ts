// IO accounting, a model debug facility with no C counterpart: every bio submitted to a device
// must complete exactly once, and its waiter must be woken. At the end of a run's teardown, a
// bio still queued anywhere (another task's bio_list, a plug, a rescuer list) is lost IO. And a
// bio the device failed must complete with an error: a driver that fails the IO of a submitted
// bio says so (io_account_failed), and a completion with status 0 after that is a lost IO error,
// the mistake of a completion path that drops the status it was given. And a write may complete
// without an error only once its data is on a device: the submitter names the pages it wrote
// (io_account_write), a device says which pages it stored (io_account_stored), and a write that
// completes with status 0 while one of its pages reached no device is a lost write: a layer in
// the stack that ended it with success instead of the error it had (a bio past the end of a dm
// table, dropped on the floor). Clones share their parent's pages (a raid1 leg's clone copies
// the bio_vecs, dm's clones point at the parent's), so a page is the data wherever it goes.

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
  /** The accounted write each page of data belongs to. */
  writeOfPage: WeakMap<object, number>;
  /** Accounted writes with pages no device has stored yet: how many. */
  unstored: Map<number, number>;
}

const st = perMachine((): IoAccountingState => ({ inflight: new Map(), completed: new Set(), byBio: new WeakMap(), failed: new Map(), writeOfPage: new WeakMap(), unstored: new Map() }));

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

/** `io` is a write of `pages` (distinct page objects, each this write's own): each must reach a device. */
export function io_account_write(io: AccountedIo, pages: readonly object[]): void {
  const s = st();
  for (const page of pages) s.writeOfPage.set(page, io.ioId);
  if (pages.length > 0) s.unstored.set(io.ioId, pages.length);
}

/** A device stored `pages` (a write it completed without an error, or the segments of one it did). */
export function io_account_stored(pages: Iterable<object>): void {
  const s = st();
  for (const page of pages) {
    const id = s.writeOfPage.get(page);
    if (id === undefined) continue;
    s.writeOfPage.delete(page);
    const left = (s.unstored.get(id) ?? 1) - 1;
    if (left > 0) s.unstored.set(id, left);
    else s.unstored.delete(id);
  }
}

/** The bio's final completion (bio_endio of the bio its submitter waits on), with its status. */
export function io_account_complete(io: AccountedIo, error: number): void {
  const s = st();
  BUG_ON(s.completed.has(io.ioId), 'fs/bio.c');
  s.completed.add(io.ioId);
  s.inflight.delete(io.ioId);
  const unstored = s.unstored.get(io.ioId);
  s.unstored.delete(io.ioId);
  if (unstored !== undefined && error === 0) lostWrite(io, unstored);
  const failed = s.failed.get(io.ioId);
  if (failed === undefined) return;
  s.failed.delete(io.ioId);
  if (error === 0) lostError(io, failed);
}

/** A completion with status 0 that the accounting knows to be wrong: `title`, then `what` happened, with the completing context. */
function reportCompletion(title: string, what: string): void {
  const m = machine();
  const t = current();
  m.report({
    kind: 'lost-io',
    title,
    report: [what, `  completed by ${contextName(t)}:`, formatCallTrace(t.stack)].join('\n'),
    backtraces: [{ task: contextName(t), stack: [...t.stack] }],
    step: m.steps,
    fatal: false,
  });
}

function lostError(io: AccountedIo, failed: { error: number; device: string }): void {
  reportCompletion('lost IO error: bio failed on the device but completed without error', `lost IO error: ${io.describe()} failed on ${failed.device} (${failed.error}) but completed with status 0`);
}

function lostWrite(io: AccountedIo, unstored: number): void {
  reportCompletion('lost write: bio completed without error before its data reached a device', `lost write: ${io.describe()} completed with status 0, but no device stored ${unstored} of its pages`);
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
