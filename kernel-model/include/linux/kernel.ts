// The arithmetic helpers of include/linux/kernel.h and asm-generic/div64.h, and error pointers
// (include/linux/err.h), as translated code calls them. Integers are JavaScript numbers: exact up
// to 2^53, which every count, sector and byte total of the model stays below; unsigned
// wrap-around is not modeled (a limit of -1 is "unlimited" in the C and compares as such here).

/** min(x, y) */
export function min(x: number, y: number): number {
  return x < y ? x : y;
}

/** max(x, y) */
export function max(x: number, y: number): number {
  return x > y ? x : y;
}

/** An unsigned value as C holds it: a negative one is a difference that wrapped, 2^64 + x. */
const asUnsigned = (x: number): number => (x < 0 ? x + 2 ** 64 : x);

/** min(x, y) of unsigned values (the translator's choice when either is unsigned). */
export function umin(x: number, y: number): number {
  return asUnsigned(x) < asUnsigned(y) ? x : y;
}

/** max(x, y) of unsigned values. */
export function umax(x: number, y: number): number {
  return asUnsigned(x) > asUnsigned(y) ? x : y;
}

/** roundup(x, y): x rounded up to a multiple of y. */
export function roundup(x: number, y: number): number {
  return Math.ceil(x / y) * y;
}

/** DIV_ROUND_UP(n, d) */
export function DIV_ROUND_UP(n: number, d: number): number {
  return Math.floor((n + d - 1) / d);
}

/** C's integer division: truncates toward zero. */
export function idiv(a: number, b: number): number {
  return Math.trunc(a / b);
}

/** do_div(n, base) as a value: the quotient (the macro's side effect on n). */
export function do_div_quotient(n: number, base: number): number {
  return Math.floor(n / base);
}

/** do_div(n, base) as a value: the remainder (what the macro returns). */
export function do_div_remainder(n: number, base: number): number {
  return n % base;
}

/** div64_u64(dividend, divisor) */
export function div64_u64(dividend: number, divisor: number): number {
  return Math.floor(dividend / divisor);
}

/** div_u64(dividend, divisor) */
export function div_u64(dividend: number, divisor: number): number {
  return Math.floor(dividend / divisor);
}

/** ilog2(n) for n > 0 */
export function ilog2(n: number): number {
  return Math.floor(Math.log2(n));
}

/** is_power_of_2(n) */
export function is_power_of_2(n: number): boolean {
  return n !== 0 && (n & (n - 1)) === 0;
}

const MAX_ERRNO = 4095;

/** An error pointer: ERR_PTR(-ENOMEM) is a pointer value that IS_ERR() recognises. */
class ErrPtr {
  constructor(readonly error: number) {}
}

/** ERR_PTR(error): typed as any pointer, as in C. */
export function ERR_PTR(error: number): never {
  return new ErrPtr(error) as never;
}

/** IS_ERR(ptr) */
export function IS_ERR(ptr: unknown): boolean {
  return ptr instanceof ErrPtr && -ptr.error <= MAX_ERRNO;
}

/** IS_ERR_OR_NULL(ptr) */
export function IS_ERR_OR_NULL(ptr: unknown): boolean {
  return ptr === null || ptr === undefined || IS_ERR(ptr);
}

/** PTR_ERR(ptr): the negative errno an error pointer carries. */
export function PTR_ERR(ptr: unknown): number {
  return ptr instanceof ErrPtr ? ptr.error : 0;
}

/** ERR_CAST(ptr): an error pointer, as another pointer type. */
export function ERR_CAST(ptr: unknown): never {
  return ptr as never;
}

/**
 * U64_MAX (~0ULL): 2^64 - 1, which a double rounds to 2^64. A u64 limit of -1 ("unlimited")
 * becomes this, so that it compares and multiplies as the largest value, as in the C.
 */
export const U64_MAX = 2 ** 64;

/** clamp(val, lo, hi) */
export function clamp(val: number, lo: number, hi: number): number {
  return val < lo ? lo : val > hi ? hi : val;
}

/** min_not_zero(x, y): the smaller of the non-zero ones. @port include/linux/kernel.h v3.15 ported */
export function min_not_zero(x: number, y: number): number {
  return x === 0 ? y : y === 0 ? x : Math.min(x, y);
}

/** @port lib/gcd.c v3.15 ported */
export function gcd(a: number, b: number): number {
  if (a < b) [a, b] = [b, a];
  if (!b) return a;
  while (b) [a, b] = [b, a % b];
  return a;
}

/** @port lib/lcm.c v3.15 ported */
export function lcm(a: number, b: number): number {
  if (a && b) return (a * b) / gcd(a, b);
  if (b) return b;
  return a;
}

/** @port include/linux/log2.h v3.15 ported */
export function rounddown_pow_of_two(n: number): number {
  return 2 ** Math.floor(Math.log2(n));
}
