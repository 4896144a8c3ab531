import { describe, expect, it } from 'vitest';
import { drawSample } from '../../harness/mutants/draw.ts';
import { MUTANT_SAMPLES, takenFunctions } from '../../harness/mutants/samples.ts';

describe('recorded mutant samples', () => {
  it('no function is in two samples of one base, and names are unique', () => {
    for (const base of ['v3.2', 'v3.15']) {
      const all = MUTANT_SAMPLES.filter((s) => s.base === base).flatMap((s) => s.functions);
      expect(new Set(all).size, base).toBe(all.length);
      expect(takenFunctions(base).size).toBe(all.length);
    }
    const names = MUTANT_SAMPLES.map((s) => s.name);
    expect(new Set(names).size).toBe(names.length);
  });
});

describe('drawSample', () => {
  const candidates = ['f', 'a', 'c', 'b', 'e', 'd', 'g', 'h', 'a'];

  it('takes one in every k of the untaken candidates, in name order, from the offset', () => {
    const d = drawSample(candidates, new Set(['c']), 3, 1);
    expect(d.remaining).toEqual(['a', 'b', 'd', 'e', 'f', 'g', 'h']);
    expect(d.every).toBe(2);
    expect(d.functions).toEqual(['b', 'e', 'g']);
  });

  it('refuses an offset that would skip past the first step', () => {
    expect(() => drawSample(candidates, new Set(), 4, 2)).toThrow(/below the step \(2\)/);
  });
});
