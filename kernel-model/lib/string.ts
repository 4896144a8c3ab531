// The string functions kernel code calls (lib/vsprintf.c, lib/string.c), enough for what the
// ported files do with strings: format messages, parse "major:minor value" rules, compare names.

import type { Ref } from './c-pointers.ts';
import type { KGen } from '../sim/task.ts';
import { slab } from '../mm/slab.ts';
import { struct_type } from './kstruct.ts';

/** vsprintf's conversions the ported code uses: %d %i %u %ld %lu %lld %llu %x %s %p %c %%. */
export function format(fmt: string, args: readonly unknown[]): string {
  let i = 0;
  return fmt.replace(/%([-0 #+]*)(\d*)(?:\.(\d+))?(hh|h|ll|l|z)?([diuxXscp%])/g, (_m, _flags: string, width: string, _prec: string, _len: string, conv: string) => {
    if (conv === '%') return '%';
    const a = args[i++];
    let s: string;
    switch (conv) {
      case 'x':
        s = Number(a).toString(16);
        break;
      case 'X':
        s = Number(a).toString(16).toUpperCase();
        break;
      case 'c':
        s = String.fromCharCode(Number(a));
        break;
      case 's':
        // A char array is a Ref to its string.
        s = String(typeof a === 'object' && a !== null && 'v' in a ? (a as Ref<unknown>).v : a);
        break;
      case 'p':
        s = '(ptr)';
        break;
      default:
        s = String(Math.trunc(Number(a)));
    }
    return width ? s.padStart(Number(width)) : s;
  });
}

/** snprintf(buf, size, fmt, ...): the model's strings are values, so buf is a Ref to one. */
export function snprintf(buf: Ref<string>, size: number, fmt: str, ...args: unknown[]): number {
  const s = format(value(fmt), args);
  buf.v = s.slice(0, Math.max(0, size - 1));
  return s.length;
}

/**
 * sscanf(str, fmt, ...): %u %d %lu %llu %s and literal characters; each converted value goes to
 * its Ref. Returns the number of conversions made.
 */
export function sscanf(str_: str, fmt: string, ...out: Ref<number | string>[]): number {
  const str = value(str_);
  let si = 0;
  let n = 0;
  for (let fi = 0; fi < fmt.length; fi++) {
    const c = fmt[fi];
    if (c === '%') {
      const m = /^(l|ll|h)?([duis])/.exec(fmt.slice(fi + 1));
      if (m === null) break;
      fi += m[0].length;
      while (str[si] === ' ') si++;
      if (m[2] === 's') {
        const w = /^\S+/.exec(str.slice(si));
        if (w === null) break;
        out[n++].v = w[0];
        si += w[0].length;
        continue;
      }
      const num = (m[2] === 'u' ? /^\+?\d+/ : /^[-+]?\d+/).exec(str.slice(si));
      if (num === null) break;
      out[n++].v = Number(num[0]);
      si += num[0].length;
    } else if (c === ' ') {
      while (str[si] === ' ') si++;
    } else {
      if (str[si] !== c) break;
      si++;
    }
  }
  return n;
}

/** A string argument: a string, or a char buffer's Ref. */
type str = string | Ref<string>;

function value(s: str): string {
  return typeof s === 'string' ? s : s.v;
}

/** strcmp(a, b) */
export function strcmp(a: str, b: str): number {
  const x = value(a);
  const y = value(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** strlen(s) */
export function strlen(s: str): number {
  return value(s).length;
}

/** sprintf(buf, fmt, ...): buf is the Ref of a char array. */
export function sprintf(buf: Ref<string>, fmt: str, ...args: unknown[]): number {
  buf.v = format(value(fmt), args);
  return buf.v.length;
}

/** strlcat(dst, src, size): appends as much of src as fits in size - 1 characters. */
export function strlcat(dst: Ref<string>, src: str, size: number): number {
  const s = value(src);
  const len = dst.v.length + s.length;
  dst.v = (dst.v + s).slice(0, Math.max(0, size - 1));
  return len;
}

/**
 * strsep(&s, delim): the token before the first delimiter, as a buffer of its own; s moves past
 * it, to NULL at the end. `s` is the address of a char pointer (a buffer).
 */
export function strsep(s: Ref<Ref<string>>, delim: string): Ref<string> {
  const buf = s.v;
  if (buf === null) return null as never;
  const str = buf.v;
  let i = 0;
  while (i < str.length && !delim.includes(str[i])) i++;
  s.v = i < str.length ? { v: str.slice(i + 1) } : (null as never);
  return { v: str.slice(0, i) };
}

/**
 * kstrdup(s, gfp): a copy of s in a kmalloc()ed buffer (tracked like any allocation, freed
 * with kfree), or NULL.
 */
export function* kstrdup(s: str, gfp: number): KGen<Ref<string>> {
  const v = value(s);
  const buf = yield* slab.kmalloc(struct_type('kstrdup', v.length + 1, () => ({ v })), gfp);
  return (buf ?? null) as Ref<string>;
}

/** strict_strtoul(s, base, &res): 0, or -EINVAL when s is not entirely a number. */
export function strict_strtoul(s: str, base: number, res: Ref<number>): number {
  const t = value(s).trim();
  const re = base === 16 ? /^(0x)?[0-9a-f]+$/i : /^\d+$/;
  if (!re.test(t)) return -22;
  res.v = Number.parseInt(t, base || 10);
  return 0;
}

/** strict_strtoull: as strict_strtoul. */
export const strict_strtoull = strict_strtoul;

/** A seq_file: what a cgroup file read prints. */
export interface seq_file {
  buf: string;
}

/** seq_printf(m, fmt, ...) */
export function seq_printf(m: seq_file, fmt: string, ...args: unknown[]): number {
  m.buf += format(fmt, args);
  return 0;
}

/** strncpy(dst, src, n) into a char buffer. */
export function strncpy(dst: Ref<string>, src: string | Ref<string>, n: number): Ref<string> {
  dst.v = (typeof src === 'string' ? src : src.v).slice(0, n);
  return dst;
}

/** strlcpy(dst, src, size) into a char buffer. */
export function strlcpy(dst: Ref<string>, src: string | Ref<string>, size: number): number {
  const s = typeof src === 'string' ? src : src.v;
  dst.v = s.slice(0, Math.max(0, size - 1));
  return s.length;
}

/** strstrip(s): the buffer without leading and trailing white space. */
export function strstrip(s: Ref<string>): string {
  s.v = s.v.trim();
  return s.v;
}

/** The digits of each base simple_strtoul() reads. */
const DIGITS: Readonly<Record<number, RegExp>> = { 8: /^[0-7]*/, 10: /^[0-9]*/, 16: /^[0-9a-fA-F]*/ };

/**
 * simple_strtoul(cp, endp, base): the number at the start of cp, and in *endp (when given) a
 * cell over the text after it: `buf == e` (nothing parsed) and `*e` (the character after) then
 * read as in C; `p = simple_strtoul(p, &p, 10)` advances p.
 * @port lib/vsprintf.c v3.15 simplified - bases 8, 10, 16 and 0 (a 0x or 0 prefix), no sign
 */
export function simple_strtoul(cp: string | Ref<string>, endp: Ref<Ref<string> | null> | null, base: number): number {
  const text = typeof cp === 'string' ? cp : cp.v;
  const hex = (base === 0 || base === 16) && /^0[xX][0-9a-fA-F]/.test(text);
  const radix = hex ? 16 : base === 0 ? (text.startsWith('0') ? 8 : 10) : base;
  const at = hex ? 2 : 0;
  const digits = DIGITS[radix]?.exec(text.slice(at))?.[0] ?? '';
  const end = at + digits.length;
  if (endp) endp.v = typeof cp === 'string' ? { v: text.slice(end) } : char_ref_at(cp, end);
  return digits === '' ? 0 : Number.parseInt(digits, radix);
}

/**
 * simple_strtol(cp, endp, base): simple_strtoul() after an optional minus sign, negated.
 * @port lib/vsprintf.c v3.15 simplified - as simple_strtoul, with the sign
 */
export function simple_strtol(cp: string | Ref<string>, endp: Ref<Ref<string> | null> | null, base: number): number {
  const text = typeof cp === 'string' ? cp : cp.v;
  if (!text.startsWith('-')) return simple_strtoul(cp, endp, base);
  return -simple_strtoul(typeof cp === 'string' ? text.slice(1) : char_ref_at(cp, 1), endp, base);
}

/**
 * `buf + off` over a char buffer: a cell whose string is the buffer from `off` on; writing it
 * replaces the buffer's tail there (DMEMIT's `result + sz`, where scnprintf writes).
 */
export function char_ref_at(buf: Ref<string>, off: number): Ref<string> {
  return {
    get v(): string {
      return buf.v.slice(off);
    },
    set v(s: string) {
      buf.v = buf.v.slice(0, off).padEnd(off) + s;
    },
  };
}

/** scnprintf(buf, size, fmt, ...): as snprintf, returning what was written. @port lib/vsprintf.c v3.15 simplified */
export function scnprintf(buf: Ref<string>, size: number, fmt: str, ...args: unknown[]): number {
  if (size <= 0) return 0;
  const s = format(value(fmt), args);
  buf.v = s.slice(0, size - 1);
  return buf.v.length;
}

/** strncmp(a, b, n) @port lib/string.c v3.15 ported */
export function strncmp(a: str, b: str, n: number): number {
  const x = value(a).slice(0, n);
  const y = value(b).slice(0, n);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** isspace(c) @port include/linux/ctype.h v3.15 ported */
export function isspace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13);
}

/** toupper(c) @port include/linux/ctype.h v3.15 ported */
export function toupper(c: number): number {
  return c >= 97 && c <= 122 ? c - 32 : c;
}

/** kstrtouint(s, base, &res): 0, or -EINVAL. @port lib/kstrtox.c v3.15 simplified */
export function kstrtouint(s: str, base: number, res: Ref<number>): number {
  return strict_strtoul(s, base, res);
}

/** kstrtoul(s, base, &res) @port include/linux/kernel.h v3.15 simplified - as kstrtouint */
export const kstrtoul = kstrtouint;

/** kstrtoull(s, base, &res) @port lib/kstrtox.c v3.15 simplified */
export const kstrtoull = kstrtouint;

/** simple_strtoull(cp, endp, base) @port lib/vsprintf.c v3.15 simplified - as simple_strtoul */
export const simple_strtoull = simple_strtoul;

/** strrchr(s, c): the buffer from the last c on, or NULL. @port lib/string.c v3.15 simplified - a cell over the buffer's tail */
export function strrchr(s: Ref<string>, c: number): Ref<string> {
  const i = s.v.lastIndexOf(String.fromCharCode(c));
  return i < 0 ? (null as never) : char_ref_at(s, i);
}

/** strcpy(dst, src) @port lib/string.c v3.15 ported */
export function strcpy(dst: Ref<string>, src: str): Ref<string> {
  dst.v = value(src);
  return dst;
}

/** strchr(s, c): the buffer from the first c on, or NULL. @port lib/string.c v3.15 simplified - a cell over the buffer's tail */
export function strchr(s: Ref<string>, c: number): Ref<string> {
  const i = s.v.indexOf(String.fromCharCode(c));
  return i < 0 ? (null as never) : char_ref_at(s, i);
}

/** memcmp over model memory: pages and buffers carry no bytes, so equal. @port lib/string.c v3.15 model - data is not modeled */
export function memcmp(_a: unknown, _b: unknown, _n: number): number {
  return 0;
}

/** memcpy of data (page contents): the model's pages carry no bytes. @port lib/string.c v3.15 model - data is not modeled */
export function memcpy_data(_dst: unknown, _src: unknown, _n: number): void {}

/**
 * `buf[i] = c` on a char buffer: the buffer's string with that character replaced; a NUL ends the
 * string there. Returns c.
 */
export function char_store(buf: Ref<string>, i: number, c: number): number {
  const s = buf.v;
  buf.v = c === 0 ? s.slice(0, i) : s.slice(0, i).padEnd(i) + String.fromCharCode(c) + s.slice(i + 1);
  return c;
}
