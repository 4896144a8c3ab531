// The draws the grammars make: one of a list, and one of a weighted table of drawers.
import type { Prng } from '../../kernel-model/sim/prng.ts';

export const pick = <T>(rng: Prng, xs: readonly T[]): T => xs[rng.below(xs.length)];

/** A drawer that picks a row of `table` with probability weight / total, then draws from it. */
export function weighted<T>(table: readonly (readonly [number, (rng: Prng) => T])[]): (rng: Prng) => T {
  const total = table.reduce((n, [w]) => n + w, 0);
  return (rng) => {
    let r = rng.below(total);
    for (const [w, draw] of table) {
      if (r < w) return draw(rng);
      r -= w;
    }
    throw new Error('unreachable: the weights add up to the total');
  };
}
