// Bit operations on a word (include/asm-generic/bitops), the word given by its address as a
// Ref. The atomic ones are a scheduling point before the operation, like every atomic in the
// model; the __ ones and test_bit are plain.

import type { Ref } from '../../lib/c-pointers.ts';
import type { KGen } from '../../sim/task.ts';

/** test_bit(nr, addr) */
export function test_bit(nr: number, addr: Ref<number>): boolean {
  return (addr.v & (1 << nr)) !== 0;
}

/** __set_bit(nr, addr): non-atomic */
export function __set_bit(nr: number, addr: Ref<number>): void {
  addr.v |= 1 << nr;
}

/** __clear_bit(nr, addr): non-atomic */
export function __clear_bit(nr: number, addr: Ref<number>): void {
  addr.v &= ~(1 << nr);
}

/** set_bit(nr, addr) */
export function* set_bit(nr: number, addr: Ref<number>): KGen {
  yield;
  addr.v |= 1 << nr;
}

/** clear_bit(nr, addr) */
export function* clear_bit(nr: number, addr: Ref<number>): KGen {
  yield;
  addr.v &= ~(1 << nr);
}

/** test_and_set_bit(nr, addr) */
export function* test_and_set_bit(nr: number, addr: Ref<number>): KGen<boolean> {
  yield;
  const old = (addr.v & (1 << nr)) !== 0;
  addr.v |= 1 << nr;
  return old;
}

/** test_and_clear_bit(nr, addr) */
export function* test_and_clear_bit(nr: number, addr: Ref<number>): KGen<boolean> {
  yield;
  const old = (addr.v & (1 << nr)) !== 0;
  addr.v &= ~(1 << nr);
  return old;
}

/** hweight32(w): the number of bits set. */
export function hweight32(w: number): number {
  let n = 0;
  for (let x = w >>> 0; x !== 0; x &= x - 1) n++;
  return n;
}

/** ffz(word): the index of the first zero bit (undefined if there is none, as in the kernel). */
export function ffz(word: number): number {
  let i = 0;
  while (i < 32 && (word >>> i) & 1) i++;
  return i;
}

/** ffs(x): the lowest set bit, counted from 1; 0 for none. @port arch/x86/include/asm/bitops.h v3.15 ported */
export function ffs(x: number): number {
  if (x === 0) return 0;
  let n = 1;
  while (((x >>> (n - 1)) & 1) === 0) n++;
  return n;
}

/** fls(x): the highest set bit, counted from 1; 0 for none. @port arch/x86/include/asm/bitops.h v3.15 ported */
export function fls(x: number): number {
  return x === 0 ? 0 : 32 - Math.clz32(x);
}
