// Shared argument checks for the CLI: one clear line for a bad value.
import { HarnessError } from '../errors.ts';

/** A whole number option at least `min`. */
export function parseCount(flag: string, text: string, min: number): number {
  if (!/^\d+$/.test(text)) throw new HarnessError(`${flag} takes a whole number, not '${text}'`);
  const n = Number(text);
  if (n < min || !Number.isSafeInteger(n)) throw new HarnessError(`${flag} must be at least ${min}`);
  return n;
}
