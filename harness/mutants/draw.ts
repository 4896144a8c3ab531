// Drawing the next mutant sample by rule, not by area: of the functions with mutants that the
// base's suites (fixed and generated) exercise and that no recorded sample has taken
// (samples.ts), in name order, every k-th from an offset, k chosen so that the sample has about
// the size asked. A sample drawn this way is not picked by someone who knows where the suites
// are strong.

export interface Draw {
  /** Functions left to draw from, in name order. */
  remaining: string[];
  /** The step between two picks. */
  every: number;
  functions: string[];
}

export function drawSample(candidates: readonly string[], taken: ReadonlySet<string>, size: number, offset: number): Draw {
  const remaining = [...new Set(candidates)].filter((f) => !taken.has(f)).sort();
  const every = Math.max(1, Math.floor(remaining.length / Math.max(1, size)));
  if (!Number.isInteger(offset) || offset < 0 || offset >= every) throw new Error(`the offset must be a whole number below the step (${every})`);
  const functions: string[] = [];
  for (let i = offset; i < remaining.length && functions.length < size; i += every) functions.push(remaining[i] as string);
  return { remaining, every, functions };
}
