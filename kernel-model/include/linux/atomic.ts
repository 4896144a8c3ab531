// atomic_t and the atomic operations. They are not overridable hooks (no patch replaces an
// atomic op) and carry no shadow-stack frame, to keep the hot path short.
// Each read-modify-write is a scheduling point placed before
// the operation, so other CPUs interleave around it but never inside it.

import type { KGen } from '../../sim/task.ts';
import type { Ref } from '../../lib/c-pointers.ts';

export interface atomic_t {
  counter: number;
}

/** ATOMIC_INIT */
export function ATOMIC_INIT(i: number): atomic_t {
  return { counter: i };
}

/**
 * A plain load; no scheduling point of its own.
 * @port include/asm-generic/atomic.h v3.2 ported
 */
export function atomic_read(v: atomic_t): number {
  return v.counter;
}

/** @port include/asm-generic/atomic.h v3.2 ported */
export function atomic_set(v: atomic_t, i: number): void {
  v.counter = i;
}

/** @port include/asm-generic/atomic.h v3.2 ported */
export function* atomic_add_return(i: number, v: atomic_t): KGen<number> {
  yield;
  v.counter += i;
  return v.counter;
}

/** @port include/asm-generic/atomic.h v3.2 ported */
export function* atomic_inc(v: atomic_t): KGen {
  yield;
  v.counter++;
}

/** @port include/asm-generic/atomic.h v3.2 ported */
export function* atomic_dec(v: atomic_t): KGen {
  yield;
  v.counter--;
}

/** @port include/asm-generic/atomic.h v3.2 ported */
export function* atomic_dec_and_test(v: atomic_t): KGen<boolean> {
  yield;
  return --v.counter === 0;
}

/** @port include/asm-generic/atomic.h v3.2 ported */
export function* atomic_inc_not_zero(v: atomic_t): KGen<boolean> {
  yield;
  if (v.counter === 0) return false;
  v.counter++;
  return true;
}

/**
 * cmpxchg(ptr, old, new): stores `next` where `ptr` points if it holds `old`; returns what it
 * held. Pointers compare by identity.
 * @port arch/x86/include/asm/cmpxchg.h v3.2 ported - the address is a Ref
 */
export function* cmpxchg<T>(ptr: Ref<T>, old: T, next: T): KGen<T> {
  yield;
  const cur = ptr.v;
  if (same_word(cur, old)) ptr.v = next;
  return cur;
}

/** Whether two values are the same machine word: a NULL pointer is the integer 0. */
function same_word(a: unknown, b: unknown): boolean {
  return a === b || ((a === null || a === 0) && (b === null || b === 0));
}

/**
 * xchg(ptr, v)
 * @port arch/x86/include/asm/cmpxchg.h v3.2 ported - the address is a Ref
 */
export function* xchg<T>(ptr: Ref<T>, next: T): KGen<T> {
  yield;
  const cur = ptr.v;
  ptr.v = next;
  return cur;
}

/** @port include/asm-generic/atomic.h v3.2 ported */
export function* atomic_add(i: number, v: atomic_t): KGen {
  yield;
  v.counter += i;
}

/** @port include/asm-generic/atomic.h v3.2 ported */
export function* atomic_sub(i: number, v: atomic_t): KGen {
  yield;
  v.counter -= i;
}

/** @port include/asm-generic/atomic.h v3.2 ported */
export function* atomic_sub_return(i: number, v: atomic_t): KGen<number> {
  yield;
  v.counter -= i;
  return v.counter;
}

/** @port include/asm-generic/atomic.h v3.2 ported */
export function* atomic_inc_return(v: atomic_t): KGen<number> {
  yield;
  return ++v.counter;
}

/** @port include/asm-generic/atomic.h v3.2 ported */
export function* atomic_dec_return(v: atomic_t): KGen<number> {
  yield;
  return --v.counter;
}

/** @port include/asm-generic/atomic.h v3.2 ported */
export function* atomic_sub_and_test(i: number, v: atomic_t): KGen<boolean> {
  yield;
  v.counter -= i;
  return v.counter === 0;
}
