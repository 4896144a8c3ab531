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
//
// The disks have volatile write caches (REQ_FLUSH | REQ_FUA): a page a disk stored sits in its
// cache until the disk completes a cache flush, unless it came with REQ_FUA. A flush the
// submitter issued to a device (REQ_FLUSH: blkdev_issue_flush, a journal commit's preflush)
// promises that every write completed before the flush was submitted is durable when the flush
// completes without an error (Documentation/block/writeback_cache_control.txt). A flush that
// completes with status 0 while such a write's page is still only in the cache of a disk that
// was sent a cache flush meanwhile is a lost flush: a layer that ended the flush before that
// disk's flush completed, or without the error it failed with. A disk no flush reached since
// (one a dm table no longer maps) is not held to the promise: the stack never asked it.

import { formatCallTrace } from '../sim/findings.ts';
import { current, machine, perMachine } from '../sim/machine.ts';
import { registerRunEndCheck } from '../sim/run.ts';
import { type WaitTarget, contextName } from '../sim/task.ts';
import { BUG_ON } from '../include/asm-generic/bug.ts';
import { kcsan_nocheck } from '../kernel/kcsan.ts';

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
  /** Each accounted write until it completes: its top device, its pages and how many no disk has stored yet. */
  writes: Map<number, { device: string; pages: readonly object[]; unstored: number }>;
  /** Writes that completed without an error, per top device, with pages not known durable yet. */
  acknowledged: Map<string, Map<number, AcknowledgedWrite>>;
  /** Pages each disk stored in its volatile write cache and has not flushed since. */
  cached: Map<string, Set<object>>;
  /** Pages some disk holds durably (flushed from its cache, or written with REQ_FUA). */
  durable: WeakSet<object>;
  /** Cache flushes sent to each disk so far (a count: a flush's window is two readings of it). */
  flushesSent: Map<string, number>;
  /** Accounted flushes in flight: the writes each covers, and the disks' flush counts as it was submitted. */
  flushes: Map<number, PendingFlush>;
}

/** A write that completed without an error, described as it completed (its bio is freed after). */
interface AcknowledgedWrite {
  ioId: number;
  what: string;
  pages: readonly object[];
}

/** A flush in flight: its device, the writes it covers, and the disks' flush counts as it was submitted. */
interface PendingFlush {
  device: string;
  covers: readonly AcknowledgedWrite[];
  sentBefore: ReadonlyMap<string, number>;
}

const st = perMachine(
  (): IoAccountingState => ({
    inflight: new Map(),
    completed: new Set(),
    byBio: new WeakMap(),
    failed: new Map(),
    writeOfPage: new WeakMap(),
    writes: new Map(),
    acknowledged: new Map(),
    cached: new Map(),
    durable: new WeakSet(),
    flushesSent: new Map(),
    flushes: new Map(),
  }),
);

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

/**
 * `io` is a write of `pages` (distinct page objects, each this write's own) to `device`, the
 * device its submitter names: each must reach a disk.
 */
export function io_account_write(io: AccountedIo, pages: readonly object[], device: string): void {
  const s = st();
  for (const page of pages) s.writeOfPage.set(page, io.ioId);
  if (pages.length > 0) s.writes.set(io.ioId, { device, pages, unstored: pages.length });
}

/**
 * `io` asks `device`, the device its submitter names, for a cache flush (REQ_FLUSH): once it
 * completes without an error, every write to `device` acknowledged by now must be durable.
 */
export function io_account_flush(io: AccountedIo, device: string): void {
  const s = st();
  const covers = [...(s.acknowledged.get(device)?.values() ?? [])];
  s.flushes.set(io.ioId, { device, covers, sentBefore: new Map(s.flushesSent) });
}

/** Disk `disk` is sent a cache flush command (it may still fail). */
export function io_account_cache_flush_sent(disk: string): void {
  const s = st();
  s.flushesSent.set(disk, (s.flushesSent.get(disk) ?? 0) + 1);
}

/** The pages disk `disk` holds in its volatile cache. */
function cacheOf(s: IoAccountingState, disk: string): Set<object> {
  let cache = s.cached.get(disk);
  if (cache === undefined) s.cached.set(disk, (cache = new Set()));
  return cache;
}

/** Disk `disk` completed a cache flush without an error: what its cache held is durable. */
export function io_account_cache_flushed(disk: string): void {
  const s = st();
  const cache = s.cached.get(disk);
  if (cache === undefined) return;
  for (const page of cache) s.durable.add(page);
  cache.clear();
}

/**
 * Disk `disk` stored `pages` (a write it completed without an error, or the segments of one it
 * did): durably when the write carried REQ_FUA, else in its volatile cache.
 */
export function io_account_stored(pages: Iterable<object>, disk: string, fua: boolean): void {
  const s = st();
  for (const page of pages) {
    if (fua) s.durable.add(page);
    else cacheOf(s, disk).add(page);
    const id = s.writeOfPage.get(page);
    if (id === undefined) continue;
    s.writeOfPage.delete(page);
    const write = s.writes.get(id);
    if (write !== undefined) write.unstored--;
  }
}

/** The bio's final completion (bio_endio of the bio its submitter waits on), with its status. */
export function io_account_complete(io: AccountedIo, error: number): void {
  const s = st();
  BUG_ON(s.completed.has(io.ioId), 'fs/bio.c');
  s.completed.add(io.ioId);
  s.inflight.delete(io.ioId);
  const write = s.writes.get(io.ioId);
  s.writes.delete(io.ioId);
  if (write !== undefined && error === 0) {
    if (write.unstored > 0) lostWrite(io, write.unstored);
    acknowledge(s, io, write.device, write.pages);
  }
  const flush = s.flushes.get(io.ioId);
  s.flushes.delete(io.ioId);
  if (flush !== undefined && error === 0) checkFlush(s, io, flush);
  const failed = s.failed.get(io.ioId);
  if (failed === undefined) return;
  s.failed.delete(io.ioId);
  if (error === 0) lostError(io, failed);
}

/** A write to `device` completed without an error: a later flush of `device` must make its pages durable. */
function acknowledge(s: IoAccountingState, io: AccountedIo, device: string, pages: readonly object[]): void {
  if (pages.every((page) => s.durable.has(page))) return;
  let acked = s.acknowledged.get(device);
  if (acked === undefined) s.acknowledged.set(device, (acked = new Map()));
  // Its description is taken now: a report comes after the submitter has freed the bio. The
  // accounting's own read is no access of the kernel's.
  acked.set(io.ioId, { ioId: io.ioId, what: kcsan_nocheck(() => io.describe()), pages });
}

/**
 * Flush `io` completed without an error: each write it covers must be durable, unless the page
 * sits only in caches of disks that were sent no flush while `io` was in flight. Writes found
 * durable are no longer followed.
 */
function checkFlush(s: IoAccountingState, io: AccountedIo, flush: PendingFlush): void {
  const flushed = [...s.flushesSent].filter(([disk, n]) => n > (flush.sentBefore.get(disk) ?? 0)).map(([disk]) => disk);
  for (const w of flush.covers) {
    const volatile = w.pages.filter((page) => !s.durable.has(page));
    if (volatile.length === 0) {
      s.acknowledged.get(flush.device)?.delete(w.ioId);
      continue;
    }
    const on = flushed.filter((disk) => volatile.some((page) => s.cached.get(disk)?.has(page)));
    if (on.length > 0) {
      lostFlush(io, w, volatile.length, on);
      return;
    }
  }
}

/**
 * A completion with status 0 that the accounting knows to be wrong: `title`, then what happened
 * (`what()`: describing a bio reads the lists it may sit on, the accounting's reads and not the
 * kernel's), with the completing context.
 */
function reportCompletion(title: string, what: () => string): void {
  const m = machine();
  const t = current();
  m.report({
    kind: 'lost-io',
    title,
    report: [kcsan_nocheck(what), `  completed by ${contextName(t)}:`, formatCallTrace(t.stack)].join('\n'),
    backtraces: [{ task: contextName(t), stack: [...t.stack] }],
    step: m.steps,
    fatal: false,
  });
}

function lostError(io: AccountedIo, failed: { error: number; device: string }): void {
  reportCompletion('lost IO error: bio failed on the device but completed without error', () => `lost IO error: ${io.describe()} failed on ${failed.device} (${failed.error}) but completed with status 0`);
}

function lostWrite(io: AccountedIo, unstored: number): void {
  reportCompletion('lost write: bio completed without error before its data reached a device', () => `lost write: ${io.describe()} completed with status 0, but no device stored ${unstored} of its pages`);
}

function lostFlush(flush: AccountedIo, write: AcknowledgedWrite, pages: number, disks: readonly string[]): void {
  reportCompletion(
    'lost flush: flush completed without error before earlier writes were durable',
    () => `lost flush: ${flush.describe()} completed with status 0, but ${pages} page(s) of ${write.what}, completed before the flush was submitted, are still only in the write cache of ${disks.join(', ')}, which was sent a cache flush meanwhile`,
  );
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
