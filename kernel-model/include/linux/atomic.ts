// atomic_t and the atomic operations. They are not overridable hooks (no patch replaces an
// atomic op) and carry no shadow-stack frame, to keep the hot path short.
// Each read-modify-write is a scheduling point placed before
// the operation, so other CPUs interleave around it but never inside it.

import type { KGen } from '../../sim/task.ts';

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
 * cmpxchg on a field of a model object: stores `next` if the field holds `old`; returns what it
 * held. Pointers compare by identity.
 * @port arch/x86/include/asm/cmpxchg.h v3.2 simplified - on an object field instead of an address
 */
export function* cmpxchg<O extends object, K extends keyof O>(obj: O, key: K, old: O[K], next: O[K]): KGen<O[K]> {
  yield;
  const cur = obj[key];
  if (cur === old) obj[key] = next;
  return cur;
}

/**
 * xchg on a field of a model object.
 * @port arch/x86/include/asm/cmpxchg.h v3.2 simplified - on an object field instead of an address
 */
export function* xchg<O extends object, K extends keyof O>(obj: O, key: K, next: O[K]): KGen<O[K]> {
  yield;
  const cur = obj[key];
  obj[key] = next;
  return cur;
}
