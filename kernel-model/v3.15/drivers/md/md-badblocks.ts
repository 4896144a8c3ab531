// md's bad-block table (drivers/md/md.h and md.c, v3.15) as the C keeps it: a page of u64
// entries, each a bad range (BB_MAKE: the acknowledged flag in bit 63, the start in bits 9..62,
// the length less one in bits 0..8). Written by hand beside the generated md.ts, whose functions
// that read and write the entries (md_is_badblock, md_set_badblocks, md_clear_badblocks,
// md_ack_all_badblocks) are kept by hand in BigInt: a double cannot hold a u64, and JavaScript's
// bitwise operators are 32-bit (annotations.ts says so for each).
//
// The page is made as what it is to the C: md_rdev_init()'s kmalloc(PAGE_SIZE, GFP_KERNEL) makes
// (bb_table_memory(), through a rewrite in annotations.ts) an array of PAGE_SIZE / 8 u64 entries as
// BigInts, and that array is the slab object itself, so KASAN and kmemleak track it as they
// track any kmalloc: md_rdev_clear()'s kfree() frees it, and an entry read after the free is a
// use-after-free report (a freed array's elements are deleted and its prototype poisoned). A
// BigUint64Array would wrap at 2^64 by itself, but KASAN cannot poison one (its elements cannot
// be deleted), so BB_MAKE() wraps instead, as the C's u64 does. The generated struct badblocks
// types the page `number[]` (the translator's u64 *), so md_rdev_init() stores it through a cast
// and the ports read it through bb_entries(), its real type.
//
// Sectors stay numbers at the functions' boundaries (the model's disks are far below 2^53
// sectors): the ports convert them to BigInt where the C computes in sector_t.

import type { kstruct } from '../../../lib/kstruct.ts';
import { BB_ACK_MASK, BB_LEN_MASK, BB_OFFSET_MASK, type badblocks } from './md.ts';

/**
 * What md_rdev_init()'s kmalloc(size) of the bad-block page makes: size / 8 u64 entries
 * (MD_MAX_BADBLOCKS for a page), zero until the table writes them; the C reads only the first
 * bb->count.
 */
export function bb_table_memory(size: number): kstruct<bigint[]> {
  const entries = Math.floor(size / 8);
  return { name: `u64[${entries}]`, size, make: (): bigint[] => new Array<bigint>(entries).fill(0n) };
}

/** `u64 *p = bb->page`: the table's entries, the page bb_table_memory() made. */
export function bb_entries(bb: badblocks): bigint[] {
  const p: unknown = bb.page;
  if (!Array.isArray(p)) throw new Error('bb_entries: the bad-block page was not made by md_rdev_init() as u64 entries (md-badblocks.ts)');
  return p as bigint[];
}

/** BB_OFFSET(x): (((x) & BB_OFFSET_MASK) >> 9), a sector_t. */
export function BB_OFFSET(x: bigint): bigint {
  return (x & BB_OFFSET_MASK) >> 9n;
}

/** BB_LEN(x): (((x) & BB_LEN_MASK) + 1), an unsigned long long (1..512). */
export function BB_LEN(x: bigint): bigint {
  return (x & BigInt(BB_LEN_MASK)) + 1n;
}

/** BB_ACK(x): (!!((x) & BB_ACK_MASK)), an int. */
export function BB_ACK(x: bigint): number {
  return (x & BB_ACK_MASK) !== 0n ? 1 : 0;
}

/**
 * BB_MAKE(a, l, ack): (((a)<<9) | ((l)-1) | ((u64)(!!(ack)) << 63)), a u64: wraps at 2^64 as the
 * C's does (a length of 0 makes every bit set, as (l)-1 of 0 converted to u64 does).
 */
export function BB_MAKE(a: bigint, l: bigint, ack: number): bigint {
  return BigInt.asUintN(64, (a << 9n) | (l - 1n) | (BigInt(ack ? 1 : 0) << 63n));
}

/** (int)x of a 64-bit value: its low 32 bits, signed, as C converts it (`sectors = e - s`). */
export function to_int(x: bigint): number {
  return Number(BigInt.asIntN(32, x));
}
