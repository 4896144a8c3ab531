// The arguments operations share in their text form: numbers in a range and sector extents.
// Each refusal names the operation it came from.

/** An integer argument in [lo, hi], or an Error naming the operation. */
export function intArg(text: string, lo: number, hi: number, what: string, op: string): number {
  if (!/^\d+$/.test(text)) throw new Error(`"${op}": ${what} must be a number, not "${text}"`);
  const n = Number(text);
  if (n < lo || n > hi) throw new Error(`"${op}": ${what} ${n} is outside ${lo}..${hi}`);
  return n;
}

/** SECTOR+SECTORS[xCOUNT] within a device of `deviceSectors`. */
export function sectorExtent(text: string, op: string, deviceSectors: number): { sector: number; sectors: number; count: number } {
  const m = /^(\d+)\+(\d+)(?:x(\d+))?$/.exec(text);
  if (m === null) throw new Error(`"${op}": expected SECTOR+SECTORS, got "${text}"`);
  const sectors = intArg(m[2], 1, 256, 'the size in sectors', op);
  const count = m[3] === undefined ? 1 : intArg(m[3], 1, 16, 'the count', op);
  return { sector: intArg(m[1], 0, Math.max(0, deviceSectors - sectors * count), 'the sector', op), sectors, count };
}
