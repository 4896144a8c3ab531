// include/linux/hashtable.h (v3.7 on): a fixed-size hash table of hlist buckets, as
// DECLARE_HASHTABLE(name, bits) declares it (an array of 1 << bits hlist_heads; the translator
// makes the member an array, harness/translate/idioms.ts DECLARATION_MACROS). Runtime: the
// macros are the idiom table's hash_init/hash_add/hash_del and hash_for_each_possible_safe.

import { INIT_HLIST_HEAD, hlist_add_head, hlist_del_init, type hlist_head, type hlist_node } from './list.ts';

/**
 * hash_64(val, bits) of include/linux/hash.h: the top `bits` bits of val times
 * GOLDEN_RATIO_PRIME_64, computed with the C's shifts and adds, modulo 2^64 (in BigInt: a double
 * cannot hold the wrapping arithmetic).
 * @port include/linux/hash.h v3.15 ported - the 64-bit wrapping arithmetic in BigInt
 */
export function hash_64(val: number, bits: number): number {
  const mask = (1n << 64n) - 1n;
  let hash = BigInt(val) & mask;
  let n = hash;
  n = (n << 18n) & mask;
  hash = (hash - n) & mask;
  n = (n << 33n) & mask;
  hash = (hash - n) & mask;
  n = (n << 3n) & mask;
  hash = (hash + n) & mask;
  n = (n << 3n) & mask;
  hash = (hash - n) & mask;
  n = (n << 4n) & mask;
  hash = (hash + n) & mask;
  n = (n << 2n) & mask;
  hash = (hash + n) & mask;
  return Number(hash >> BigInt(64 - bits));
}

/** HASH_BITS(name): ilog2 of the table's size. */
function hash_bits(table: hlist_head[]): number {
  return Math.log2(table.length);
}

/**
 * The bucket of `key`: &name[hash_min(key, HASH_BITS(name))]. hash_min() hashes a key of more
 * than 4 bytes with hash_long(), i.e. hash_64() on 64-bit; the model's only table (the elevator's
 * request hash, keyed by a sector_t) has 64-bit keys.
 * @port include/linux/hashtable.h v3.15 simplified - keys are 64-bit (hash_min's sizeof test taken for a sector_t)
 */
export function hash_bucket(table: hlist_head[], key: number): hlist_head {
  return table[hash_64(key, hash_bits(table))];
}

/** @port include/linux/hashtable.h v3.15 ported - __hash_init over the array */
export function hash_init(table: hlist_head[]): void {
  for (const h of table) INIT_HLIST_HEAD(h);
}

/** @port include/linux/hashtable.h v3.15 ported */
export function hash_add(table: hlist_head[], node: hlist_node, key: number): void {
  hlist_add_head(node, hash_bucket(table, key));
}

/** @port include/linux/hashtable.h v3.15 ported */
export function hash_del(node: hlist_node): void {
  hlist_del_init(node);
}
