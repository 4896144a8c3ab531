// The string functions kernel code calls (lib/vsprintf.c, lib/string.c), enough for what the
// ported files do with strings: format messages, parse "major:minor value" rules, compare names.

import type { Ref } from './c-pointers.ts';

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
        s = String(a);
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
export function snprintf(buf: Ref<string>, size: number, fmt: string, ...args: unknown[]): number {
  const s = format(fmt, args);
  buf.v = s.slice(0, Math.max(0, size - 1));
  return s.length;
}

/**
 * sscanf(str, fmt, ...): %u %d %lu %llu %s and literal characters; each converted value goes to
 * its Ref. Returns the number of conversions made.
 */
export function sscanf(str: string, fmt: string, ...out: Ref<number | string>[]): number {
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

/** strcmp(a, b) */
export function strcmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** strlen(s) */
export function strlen(s: string): number {
  return s.length;
}

/** sprintf(buf, fmt, ...): buf is the Ref of a char array. */
export function sprintf(buf: Ref<string>, fmt: string, ...args: unknown[]): number {
  buf.v = format(fmt, args);
  return buf.v.length;
}

/** strlcat(dst, src, size): appends as much of src as fits in size - 1 characters. */
export function strlcat(dst: Ref<string>, src: string, size: number): number {
  const len = dst.v.length + src.length;
  dst.v = (dst.v + src).slice(0, Math.max(0, size - 1));
  return len;
}

/** strsep(&s, delim): the token before the first delimiter; s moves past it (NULL at the end). */
export function strsep(s: Ref<string | null>, delim: string): string | null {
  const str = s.v;
  if (str === null) return null;
  let i = 0;
  while (i < str.length && !delim.includes(str[i])) i++;
  const tok = str.slice(0, i);
  s.v = i < str.length ? str.slice(i + 1) : null;
  return tok;
}

/** strict_strtoul(s, base, &res): 0, or -EINVAL when s is not entirely a number. */
export function strict_strtoul(s: string, base: number, res: Ref<number>): number {
  const t = s.trim();
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
