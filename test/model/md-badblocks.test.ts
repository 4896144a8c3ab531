// md's bad-block table in the v3.15 world: md_is_badblock, md_set_badblocks, md_clear_badblocks
// and md_ack_all_badblocks (drivers/md/md.c), ported by hand with the table's u64 entries in
// BigInt (v3.15/drivers/md/md-badblocks.ts), run on an rdev md_rdev_init() made, in a task of the
// simulated machine (the seqlock, the page's kmalloc and kfree are the model's).
//
// The reference knows nothing of the table: a map of blocks (sectors >> shift), each clean, bad
// and unacknowledged, or bad and acknowledged, updated as the operations promise (a set marks its
// blocks bad, rounding outward, and acknowledged if it says so; a clear marks its blocks clean,
// rounding inward; md_ack_all_badblocks() with `changed` clear acknowledges every bad block). A
// seeded sequence of sets and clears runs against it, and after every operation the table is
// read back (decoded here, in BigInt, with md.h's layout) and compared with it, and
// md_is_badblock() is asked about ranges around every entry and at random.
//
// The v3.15 C gets some operations wrong, and the port does what the C does (the last describe
// block reproduces each): a set that reaches over more entries than the one it merges with and
// the next (upstream's "only the first 2 ranges are merged"), or that inserts more than one entry
// (they go in in reverse order: upstream's "fix the bug of reverse order"), or that leaves two
// entries overlapping, or that acknowledges the tail of an entry it splits; a clear that ends
// before the first entry, or that covers no whole block with a shift. The sequence draws those
// too and leaves them out (setGoesWrong, clearGoesWrong), counting them; everything else it checks.
// What the reference cannot say exactly it checks one way: an entry's acknowledged flag may be
// clear over blocks the reference has acknowledged (a merge takes `ack && acknowledged`), never
// set over one it has not.
import { describe, expect, it } from 'vitest';
import { runSeed, type TestProgram } from '../helpers/sim.ts';
import { ref, type Ref } from '../../kernel-model/lib/c-pointers.ts';
import type { KGen } from '../../kernel-model/sim/task.ts';
import { BB_MAX_LEN, MD_MAX_BADBLOCKS, md_c, md_rdev_type, type badblocks } from '../../kernel-model/v3.15/drivers/md/md.ts';

/** One entry of the table as md.h lays it out (BB_MAKE), decoded here: start and length in blocks. */
interface Entry {
  start: number;
  len: number;
  ack: boolean;
  raw: bigint;
}

const U64 = (1n << 64n) - 1n;

/** The table's first bb->count entries, decoded from the page the C writes: bit 63 ack, 9..62 start, 0..8 length - 1. */
function decode(bb: badblocks): Entry[] {
  const page = bb.page as unknown as unknown[];
  const out: Entry[] = [];
  for (let i = 0; i < bb.count; i++) {
    const raw = page[i];
    if (typeof raw !== 'bigint') throw new Error(`entry ${i} is not a u64: ${String(raw)}`);
    out.push({ start: Number((raw >> 9n) & ((1n << 54n) - 1n)), len: Number(raw & 511n) + 1, ack: raw >> 63n === 1n, raw });
  }
  return out;
}

const end = (e: Entry): number => e.start + e.len;

/** A seeded generator (mulberry32): the same sequence on every run. */
function rng(seed: number): (n: number) => number {
  let a = seed >>> 0;
  return (n) => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * n);
  };
}

/** The blocks a set (or md_is_badblock) covers: the start rounded down, the end up. */
function outward(s: number, n: number, shift: number): [number, number] {
  return [Math.floor(s / 2 ** shift), Math.ceil((s + n) / 2 ** shift)];
}

/** The blocks a clear covers: the start rounded up, the end down. */
function inward(s: number, n: number, shift: number): [number, number] {
  return [Math.ceil(s / 2 ** shift), Math.floor((s + n) / 2 ** shift)];
}

const CLEAN = 0;
const UNACKED = 1;
const ACKED = 2;

/** The reference: each block's state. */
class Blocks {
  readonly state: Uint8Array;
  constructor(blocks: number) {
    this.state = new Uint8Array(blocks);
  }
  set(b0: number, b1: number, ack: boolean): void {
    for (let b = b0; b < b1; b++) this.state[b] = ack ? ACKED : this.state[b] === CLEAN ? UNACKED : this.state[b];
  }
  clear(b0: number, b1: number): void {
    for (let b = b0; b < b1; b++) this.state[b] = CLEAN;
  }
  ackAll(): void {
    for (let b = 0; b < this.state.length; b++) if (this.state[b] !== CLEAN) this.state[b] = ACKED;
  }
}

/** Runs `body` in a task on an rdev md_rdev_init() made (bad blocks disabled, shift -1, as it leaves them); what went wrong, in words. */
function withTable(body: (bb: badblocks, failures: string[]) => KGen): { failures: string[]; outcome: string; findings: string[] } {
  const failures: string[] = [];
  const p: TestProgram = {
    base: 'v3.15',
    cpus: 1,
    maxSteps: 2_000_000,
    tasks: {
      bbtest: function* () {
        const rdev = md_rdev_type.make();
        if ((yield* md_c.md_rdev_init(rdev)) !== 0) {
          failures.push('md_rdev_init failed');
          return;
        }
        yield* body(rdev.badblocks, failures);
        md_c.md_rdev_clear(rdev);
      },
    },
  };
  const r = runSeed(p, 1, { debug: true });
  return { failures, outcome: r.outcome, findings: r.findings.map((f) => f.title) };
}

/**
 * What the table says about md_is_badblock(bb, s, n): the entries overlapping the blocks, found
 * by walking all of them (not the C's binary search). Sentinels stay where nothing overlaps.
 */
function fromTable(entries: readonly Entry[], b0: number, b1: number): { rv: number; first: number; len: number } {
  let rv = 0;
  let first = -7;
  let len = -7;
  for (const e of entries) {
    if (e.start >= b1 || end(e) <= b0) continue;
    if (rv === 0) {
      first = e.start;
      len = e.len;
    }
    rv = rv === -1 || !e.ack ? -1 : 1;
  }
  return { rv, first, len };
}

/** Everything the table must be after an operation, against the reference; the first disagreement in words. */
function checkTable(bb: badblocks, refm: Blocks): string | null {
  if (bb.count < 0 || bb.count > MD_MAX_BADBLOCKS) return `count ${bb.count}`;
  const entries = decode(bb);
  const covered = new Uint8Array(refm.state.length);
  for (const [i, e] of entries.entries()) {
    if (e.raw < 0n || e.raw > U64) return `entry ${i} is no u64: ${e.raw}`;
    if (e.len < 1 || e.len > BB_MAX_LEN) return `entry ${i} has length ${e.len}`;
    if (i > 0 && end(entries[i - 1]) > e.start) return `entries ${i - 1} and ${i} are out of order or overlap: [${entries[i - 1].start}, ${end(entries[i - 1])}) [${e.start}, ${end(e)})`;
    if (end(e) > refm.state.length) return `entry ${i} ends at block ${end(e)}, past every block set`;
    for (let b = e.start; b < end(e); b++) {
      covered[b] = 1;
      // An acknowledged entry holds only blocks acknowledged (the C may keep acknowledged
      // blocks in an unacknowledged entry after a merge, never the other way round).
      if (e.ack && refm.state[b] !== ACKED) return `entry ${i} [${e.start}, ${end(e)}) is acknowledged, block ${b} is ${refm.state[b] === CLEAN ? 'clean' : 'unacknowledged'}`;
    }
  }
  for (let b = 0; b < refm.state.length; b++) {
    if ((covered[b] === 1) !== (refm.state[b] !== CLEAN)) return `block ${b}: the table ${covered[b] ? 'has it bad' : 'has it clean'}, the reference ${refm.state[b] === CLEAN ? 'clean' : 'bad'}`;
  }
  return null;
}

/** md_is_badblock(bb, s, n) against the table and the reference; the first disagreement in words. */
function checkProbe(bb: badblocks, refm: Blocks, shift: number, s: number, n: number): string | null {
  const first: Ref<number> = ref(-7);
  const len: Ref<number> = ref(-7);
  const rv = md_c.md_is_badblock(bb, s, n, first, len);
  const [b0, b1] = outward(s, n, shift);
  const want = fromTable(decode(bb), b0, b1);
  const got = { rv, first: first.v, len: len.v };
  if (got.rv !== want.rv || got.first !== want.first || got.len !== want.len) return `md_is_badblock(${s}, ${n}) = ${JSON.stringify(got)}, the table says ${JSON.stringify(want)}`;
  let bad = -1;
  let unacked = false;
  for (let b = Math.min(b1, refm.state.length) - 1; b >= b0; b--) {
    if (refm.state[b] === CLEAN) continue;
    bad = b;
    if (refm.state[b] === UNACKED) unacked = true;
  }
  if ((rv === 0) !== (bad < 0)) return `md_is_badblock(${s}, ${n}) = ${rv}, the reference has ${bad < 0 ? 'no bad block' : `block ${bad} bad`} there`;
  if (unacked && rv !== -1) return `md_is_badblock(${s}, ${n}) = ${rv}, the reference has an unacknowledged block there`;
  if (rv !== 0) {
    // *first_bad and *bad_sectors are the first overlapping range (in blocks, with a shift): it
    // holds the first bad block of the range and only bad blocks.
    if (!(first.v <= bad && bad < first.v + len.v)) return `md_is_badblock(${s}, ${n}): the range [${first.v}, +${len.v}) misses the first bad block ${bad}`;
    for (let b = first.v; b < first.v + len.v; b++) if (refm.state[b] === CLEAN) return `md_is_badblock(${s}, ${n}): the range [${first.v}, +${len.v}) holds clean block ${b}`;
  }
  return null;
}

/**
 * The v3.15 C's wrong answers to a set (the describe block at the end reproduces them): the range
 * [b0, b1) meets (overlaps or touches) the entries `meet`. The C merges the range with the last
 * entry starting at or before b0 and then combines it with the next, so it is right when it meets
 * one entry, or two where the first starts at or before b0 and the second reaches to or past b1;
 * past that it drops the tail of the range or keeps an entry the range swallowed (upstream's
 * "only the first 2 ranges are merged"). When the two combined would exceed BB_MAX_LEN and the
 * range ends inside the second, it leaves them overlapping. And what it inserts after merging,
 * BB_MAX_LEN at a time, goes in in reverse order when it takes more than one entry (`hi` stays
 * where it is: upstream's "fix the bug of reverse order"), which happens when the range meets no
 * entry and is longer than BB_MAX_LEN, or when the range and what it meets span more than two.
 * When the range runs into an entry that starts after it and ends after it, and the two are
 * longer than BB_MAX_LEN together, the C rewrites that entry from the range's start, BB_MAX_LEN
 * long, and inserts the rest of it with the set's own `acknowledged`: an acknowledged set marks
 * that entry's unacknowledged tail acknowledged, outside the range it was asked to set.
 */
function setGoesWrong(entries: readonly Entry[], b0: number, b1: number, ack: boolean): string | null {
  const meet = entries.filter((e) => e.start <= b1 && end(e) >= b0);
  const span = Math.max(b1, ...meet.map(end)) - Math.min(b0, ...meet.map((e) => e.start));
  if (meet.length === 0 ? span > BB_MAX_LEN : span > 2 * BB_MAX_LEN) return 'inserts in reverse order';
  const [first] = meet;
  if (ack && first !== undefined && first.start > b0 && end(first) > b1 && !first.ack && end(first) - b0 > BB_MAX_LEN) return 'acknowledges the tail of the entry it splits';
  if (meet.length <= 1) return null;
  if (meet.length > 2) return 'reaches over several entries';
  const [lo, hi] = meet;
  if (lo.start > b0 || end(hi) < b1) return 'reaches over several entries';
  if (Math.max(end(lo), b1) - lo.start <= BB_MAX_LEN && hi.start < b1 && end(hi) - lo.start >= BB_MAX_LEN) return 'leaves two entries overlapping';
  return null;
}

/** How long the range and the entries it meets are together: past BB_MAX_LEN the set splits its range. */
function setSpan(entries: readonly Entry[], b0: number, b1: number): number {
  const meet = entries.filter((e) => e.start <= b1 && end(e) >= b0);
  return Math.max(b1, ...meet.map(end)) - Math.min(b0, ...meet.map((e) => e.start));
}

/**
 * The v3.15 C's wrong answers to a clear of [b0, b1): one that covers no whole block (b1 < b0
 * after rounding inward) splits an entry into two that overlap, and one that ends before the first
 * entry moves that entry's start down to its end (the C takes p[0] as the last range starting
 * before the end without checking it; block/badblocks.c's badblocks_clear() later checks it).
 */
function clearGoesWrong(entries: readonly Entry[], b0: number, b1: number): string | null {
  if (b1 < b0) return 'covers no whole block';
  if (entries.length > 0 && entries[0].start > b1) return 'ends before the first entry';
  return null;
}

/** The sequence's ranges, in blocks: starts up to BLOCKS, lengths up to MAX_LEN (past BB_MAX_LEN, so sets split). */
const BLOCKS = 4000;
const MAX_LEN = 700;

interface Tally {
  sets: number;
  clears: number;
  acks: number;
  skipped: Record<string, number>;
  fullLength: number;
  merged: number;
  splitAtMax: number;
  splitOnClear: number;
}

/** The seeded sequence with a shift: every operation checked as it happens. */
function* sequence(bb: badblocks, failures: string[], shift: number, seed: number, ops: number, tally: Tally): KGen {
  const draw = rng(seed);
  // Sectors: the same ranges in blocks whatever the shift, at any sector within a block.
  const SECTORS = BLOCKS * 2 ** shift;
  const LEN = MAX_LEN * 2 ** shift;
  const refm = new Blocks(BLOCKS + MAX_LEN + 2);
  bb.shift = shift;
  const fail = (what: string, op: string): void => {
    failures.push(`shift ${shift}, after ${tally.sets + tally.clears} operations, ${op}: ${what}`);
  };
  let attempts = 0;
  while (tally.sets + tally.clears < ops && failures.length === 0 && attempts++ < ops * 20) {
    const s = draw(SECTORS + 1);
    const n = 1 + draw(LEN);
    const before = decode(bb);
    let op: string;
    if (draw(10) < 6) {
      const ack = draw(2) === 1;
      const [b0, b1] = outward(s, n, shift);
      const wrong = setGoesWrong(before, b0, b1, ack);
      if (wrong !== null) {
        tally.skipped[`set ${wrong}`] = (tally.skipped[`set ${wrong}`] ?? 0) + 1;
        continue;
      }
      op = `md_set_badblocks(${s}, ${n}, ${Number(ack)})`;
      bb.changed = 0;
      const rv = yield* md_c.md_set_badblocks(bb, s, n, Number(ack));
      refm.set(b0, b1, ack);
      tally.sets++;
      if (rv !== 1) fail(`returned ${rv} with ${before.length} entries`, op);
      if (bb.changed !== 1) fail('left changed clear', op);
      if (!ack && bb.unacked_exist !== 1) fail('left unacked_exist clear', op);
      if (bb.count < before.length) tally.merged++;
      if (setSpan(before, b0, b1) > BB_MAX_LEN) tally.splitAtMax++;
    } else {
      const [b0, b1] = inward(s, n, shift);
      const wrong = clearGoesWrong(before, b0, b1);
      if (wrong !== null) {
        tally.skipped[`clear ${wrong}`] = (tally.skipped[`clear ${wrong}`] ?? 0) + 1;
        continue;
      }
      op = `md_clear_badblocks(${s}, ${n})`;
      bb.changed = 0;
      const rv = yield* md_c.md_clear_badblocks(bb, s, n);
      refm.clear(b0, b1);
      tally.clears++;
      if (rv !== 0) fail(`returned ${rv}`, op);
      if (bb.changed !== 1) fail('left changed clear', op);
      if (bb.count > before.length) tally.splitOnClear++;
    }
    const bad = checkTable(bb, refm);
    if (bad !== null) fail(bad, op);
    const entries = decode(bb);
    if (entries.some((e) => e.len === BB_MAX_LEN)) tally.fullLength++;
    // Probes: the operation's own range, around every entry's ends, and at random.
    const probes: [number, number][] = [[s, n], [Math.max(0, s - 1), n + 2]];
    for (const e of entries) {
      for (const edge of [e.start * 2 ** shift, end(e) * 2 ** shift]) {
        probes.push([Math.max(0, edge - 1), 1], [edge, 1], [Math.max(0, edge - 2 ** shift - 1), 2 ** shift + 2]);
      }
    }
    for (let i = 0; i < 16; i++) probes.push([draw(SECTORS + LEN), 1 + draw(2 * LEN)]);
    for (const [ps, pn] of probes) {
      const wrong = checkProbe(bb, refm, shift, ps, pn);
      if (wrong !== null) {
        fail(wrong, op);
        break;
      }
    }
    // Now and then md_update_sb()'s acknowledgement: with `changed` still set (it does nothing) or
    // cleared, as super_1_sync() clears it once it has written the log (it acknowledges all).
    if (draw(8) === 0) {
      const write = draw(2) === 1;
      if (write) bb.changed = 0;
      else bb.changed = 1;
      const unacked = bb.unacked_exist;
      yield* md_c.md_ack_all_badblocks(bb);
      tally.acks++;
      const after = decode(bb);
      if (!write) {
        if (after.some((e, i) => e.raw !== entries[i].raw) || after.length !== entries.length || bb.unacked_exist !== unacked) fail('md_ack_all_badblocks() with changed set changed the table', op);
      } else {
        refm.ackAll();
        if (after.length !== entries.length || after.some((e, i) => !e.ack || e.start !== entries[i].start || e.len !== entries[i].len)) fail('md_ack_all_badblocks() did not acknowledge every entry and keep its range', op);
        if (bb.unacked_exist !== 0) fail('md_ack_all_badblocks() left unacked_exist set', op);
      }
      const wrong = checkTable(bb, refm) ?? checkProbe(bb, refm, shift, 0, SECTORS + LEN);
      if (wrong !== null) fail(`after md_ack_all_badblocks(): ${wrong}`, op);
    }
  }
}

describe('md\'s bad-block table (v3.15 md.c, ported in BigInt)', () => {
  it.each([0, 3])('a seeded sequence of sets and clears, shift %i, agrees with a map of blocks after every operation', (shift) => {
    const tally: Tally = { sets: 0, clears: 0, acks: 0, skipped: {}, fullLength: 0, merged: 0, splitAtMax: 0, splitOnClear: 0 };
    const r = withTable((bb, failures) => sequence(bb, failures, shift, 0x5eed + shift, 1200, tally));
    expect(r.failures).toEqual([]);
    expect(r.outcome).toBe('completed');
    expect(r.findings).toEqual([]);
    // The sequence did what it is for: every operation ran, ranges were split at BB_MAX_LEN and
    // merged, clears split entries, and the table was acknowledged both ways.
    expect(tally.sets + tally.clears).toBe(1200);
    expect(tally.sets).toBeGreaterThan(300);
    expect(tally.clears).toBeGreaterThan(300);
    expect(tally.fullLength).toBeGreaterThan(0);
    expect(tally.splitAtMax).toBeGreaterThan(0);
    expect(tally.merged).toBeGreaterThan(0);
    expect(tally.splitOnClear).toBeGreaterThan(0);
    expect(tally.acks).toBeGreaterThan(20);
  });

  it('with the table full (MD_MAX_BADBLOCKS entries) a set that needs a new entry records nothing and returns 0, and a clear that needs a split is dropped', () => {
    let full = -1;
    let setRv = -1;
    let clearRv = -1;
    let before: bigint[] = [];
    let afterSet: bigint[] = [];
    let afterClear: bigint[] = [];
    let changedAfterClear = -1;
    let merged = -1;
    const refm = new Blocks(4 * MD_MAX_BADBLOCKS + 16);
    const r = withTable(function* (bb, failures) {
      bb.shift = 0;
      // Entries of 3 sectors, one sector apart: none merges with the next.
      for (let i = 0; i < MD_MAX_BADBLOCKS; i++) {
        if ((yield* md_c.md_set_badblocks(bb, 4 * i, 3, 1)) !== 1) failures.push(`set ${i} failed`);
        refm.set(4 * i, 4 * i + 3, true);
      }
      full = bb.count;
      const wrong = checkTable(bb, refm);
      if (wrong !== null) failures.push(wrong);
      before = decode(bb).map((e) => e.raw);
      // Far from every entry: it needs a slot of its own.
      setRv = yield* md_c.md_set_badblocks(bb, 4 * MD_MAX_BADBLOCKS + 8, 2, 1);
      afterSet = decode(bb).map((e) => e.raw);
      // Inside one entry: it needs a split, so a slot.
      bb.changed = 0;
      clearRv = yield* md_c.md_clear_badblocks(bb, 4 * 100 + 1, 1);
      changedAfterClear = bb.changed;
      afterClear = decode(bb).map((e) => e.raw);
      // A set that fills the gap between two entries needs no slot: the two become one.
      if ((yield* md_c.md_set_badblocks(bb, 4 * 200 + 3, 1, 1)) !== 1) failures.push('the merging set failed');
      refm.set(4 * 200 + 3, 4 * 200 + 4, true);
      merged = bb.count;
      const wrong2 = checkTable(bb, refm);
      if (wrong2 !== null) failures.push(wrong2);
    });
    expect(r.failures).toEqual([]);
    expect(r.outcome).toBe('completed');
    expect(full).toBe(MD_MAX_BADBLOCKS);
    expect(setRv).toBe(0);
    expect(afterSet).toEqual(before);
    expect(clearRv).toBe(0);
    expect(afterClear).toEqual(before);
    // The dropped clear leaves by `goto out`, past `bb->changed = 1`.
    expect(changedAfterClear).toBe(0);
    expect(merged).toBe(MD_MAX_BADBLOCKS - 1);
  });

  it('with a negative shift (md_rdev_init()\'s "disabled until explicitly enabled") a set returns 0 and records nothing', () => {
    let shift = 0;
    let rv = -1;
    let count = -1;
    let changed = -1;
    let found = -1;
    const r = withTable(function* (bb) {
      shift = bb.shift;
      rv = yield* md_c.md_set_badblocks(bb, 100, 8, 0);
      count = bb.count;
      changed = bb.changed;
      found = md_c.md_is_badblock(bb, 100, 8, ref(0), ref(0));
    });
    expect(r.outcome).toBe('completed');
    expect(shift).toBeLessThan(0);
    expect(rv).toBe(0);
    expect(count).toBe(0);
    expect(changed).toBe(0);
    expect(found).toBe(0);
  });

  it('the page is the slab object: read after md_rdev_clear() freed it, KASAN reports a use-after-free', () => {
    const p: TestProgram = {
      base: 'v3.15',
      cpus: 1,
      tasks: {
        bbtest: function* () {
          const rdev = md_rdev_type.make();
          yield* md_c.md_rdev_init(rdev);
          const bb = rdev.badblocks;
          bb.shift = 0;
          yield* md_c.md_set_badblocks(bb, 8, 8, 0);
          const page = bb.page;
          md_c.md_rdev_clear(rdev);
          bb.page = page; // a stale pointer to the freed page
          md_c.md_is_badblock(bb, 8, 1, ref(0), ref(0));
        },
      },
    };
    const r = runSeed(p, 1, { debug: true });
    expect(r.findings.map((f) => f.title)).toEqual([expect.stringMatching(/^KASAN: use-after-free Read in md_is_badblock/)]);
  });
});

describe('what the v3.15 C gets wrong, reproduced (the sequence above leaves these out)', () => {
  /** The table after `ops` on a fresh one with `shift`, decoded. */
  function after(shift: number, ops: (bb: badblocks) => KGen): Entry[] {
    let out: Entry[] = [];
    const r = withTable(function* (bb) {
      bb.shift = shift;
      yield* ops(bb);
      out = decode(bb);
    });
    expect(r.outcome).toBe('completed');
    return out;
  }

  it('a set over several entries merges the first two and drops the rest of its range (upstream\'s report: 32 3, 36 1 where 32 12 was set)', () => {
    // Coly Li, "badblocks: improve badblocks_set() for multiple ranges handling": after
    // badblocks_set(bb, 32, 1), (34, 1), (36, 1) and (32, 12), badblocks_show() reports "32 3"
    // and "36 1". v3.15's md_set_badblocks() is that code.
    const sets: [number, number][] = [[32, 1], [34, 1], [36, 1]];
    let before: Entry[] = [];
    const table = after(0, function* (bb) {
      for (const [s, n] of sets) yield* md_c.md_set_badblocks(bb, s, n, 1);
      before = decode(bb);
      yield* md_c.md_set_badblocks(bb, 32, 12, 1);
    });
    expect(table.map((e) => `${e.start} ${e.len}`)).toEqual(['32 3', '36 1']);
    // The sequence draws this set and leaves it out.
    expect(setGoesWrong(before, 32, 32 + 12, true)).not.toBeNull();
  });

  it('a set longer than BB_MAX_LEN that meets no entry goes in in reverse order (upstream\'s "echo 0 2048 > bad_blocks": 1536 512, 1024 512, 512 512, 0 512)', () => {
    // Li Nan, "block/badblocks: fix the bug of reverse order" (2023): the insert loop keeps `hi`
    // where it is, so each BB_MAX_LEN piece goes in before the one inserted before it. The mail
    // shows the table after "echo 0 2048 > bad_blocks".
    const table = after(0, function* (bb) {
      yield* md_c.md_set_badblocks(bb, 0, 2048, 1);
    });
    expect(table.map((e) => `${e.start} ${e.len}`)).toEqual(['1536 512', '1024 512', '512 512', '0 512']);
    expect(setGoesWrong([], 0, 2048, true)).not.toBeNull();
  });

  it('an acknowledged set that runs into a longer unacknowledged entry acknowledges the entry\'s tail', () => {
    const h = { s: 600, n: 511 };
    const set = { s: 166, n: 578 };
    let before: Entry[] = [];
    const table = after(0, function* (bb) {
      yield* md_c.md_set_badblocks(bb, h.s, h.n, 0);
      before = decode(bb);
      yield* md_c.md_set_badblocks(bb, set.s, set.n, 1);
    });
    // p[hi] = BB_MAKE(s, BB_MAX_LEN, ack && acknowledged), then the rest of the entry, past the
    // set's end, goes in as BB_MAKE(s, this_sectors, acknowledged).
    expect(set.s + set.n).toBeLessThan(h.s + h.n);
    expect(table.map((e) => [e.start, end(e), e.ack])).toEqual([[set.s, set.s + BB_MAX_LEN, false], [set.s + BB_MAX_LEN, h.s + h.n, true]]);
    expect(setGoesWrong(before, set.s, set.s + set.n, true)).not.toBeNull();
  });

  it('a clear that ends before the first entry moves that entry\'s start down to the clear\'s end', () => {
    const [s, n, first, len] = [10, 10, 100, 10];
    let before: Entry[] = [];
    const table = after(0, function* (bb) {
      yield* md_c.md_set_badblocks(bb, first, len, 1);
      before = decode(bb);
      yield* md_c.md_clear_badblocks(bb, s, n);
    });
    // p[lo] = BB_MAKE(target, end - target, ack) with p[0] taken for the last range before target:
    // the sectors from the clear's end to the entry's start are bad now.
    expect(table.map((e) => [e.start, end(e), e.ack])).toEqual([[s + n, first + len, true]]);
    expect(clearGoesWrong(before, s, s + n)).not.toBeNull();
  });

  it('a set that ends inside the next entry, the two too long to combine, leaves them overlapping', () => {
    const lo = { s: 0, n: 10 };
    const hi = { s: 300, n: 300 };
    const set = { s: 5, n: 395 };
    let before: Entry[] = [];
    const table = after(0, function* (bb) {
      yield* md_c.md_set_badblocks(bb, lo.s, lo.n, 1);
      yield* md_c.md_set_badblocks(bb, hi.s, hi.n, 1);
      before = decode(bb);
      yield* md_c.md_set_badblocks(bb, set.s, set.n, 1);
    });
    // p[lo] grows to the set's end; combined with p[hi] it would run from p[lo]'s start to p[hi]'s
    // end, not below BB_MAX_LEN, so p[hi] stays as it was, over the set's tail.
    expect(hi.s + hi.n - lo.s).toBeGreaterThanOrEqual(BB_MAX_LEN);
    expect(table.map((e) => [e.start, end(e)])).toEqual([[lo.s, set.s + set.n], [hi.s, hi.s + hi.n]]);
    expect(setGoesWrong(before, set.s, set.s + set.n, true)).not.toBeNull();
  });

  it('with a shift, a clear that covers no whole block splits the entry into two that overlap', () => {
    const shift = 3;
    const blocks = 5;
    const clear = { s: 3, n: 2 };
    let before: Entry[] = [];
    const table = after(shift, function* (bb) {
      yield* md_c.md_set_badblocks(bb, 0, blocks * 2 ** shift, 1);
      before = decode(bb);
      yield* md_c.md_clear_badblocks(bb, clear.s, clear.n);
    });
    // s rounds up to block 1, target down to block 0: p[0] is split at s, and its tail rewritten
    // from target, before s.
    const [b0, b1] = inward(clear.s, clear.n, shift);
    expect(b1).toBeLessThan(b0);
    expect(table.map((e) => [e.start, end(e)])).toEqual([[0, b0], [b1, blocks]]);
    expect(clearGoesWrong(before, b0, b1)).not.toBeNull();
  });
});
