import { describe, expect, it } from 'vitest';
import { formatCount } from '../../harness/results/format.ts';
import { fisherExact, upperBound95 } from '../../harness/verdicts/stats.ts';

describe('statistics', () => {
  it('gives the exact 95% upper bound of a zero count (about 3/n)', () => {
    expect(upperBound95(0, 1000)).toBeCloseTo(1 - Math.pow(0.05, 1 / 1000), 12);
    expect(upperBound95(0, 1000)).toBeGreaterThan(0.0029);
    expect(upperBound95(0, 1000)).toBeLessThan(0.0031);
    expect(formatCount(0, 1000)).toBe('0/1000 (<0.3% at 95%)');
  });

  it('prints a zero count\'s bound rounded up, never below the bound itself', () => {
    for (const runs of [10, 150, 400, 1500, 2000, 6500, 50_000]) {
      const printed = Number(/<([\d.]+)%/.exec(formatCount(0, runs))?.[1]);
      expect(printed, `${runs} runs`).toBeGreaterThanOrEqual(upperBound95(0, runs) * 100);
      expect(printed, `${runs} runs`).toBeGreaterThan(0);
    }
    // 0/2000 bounds the rate at 0.1497%: "<0.1%" would understate it.
    expect(formatCount(0, 2000)).toBe('0/2000 (<0.2% at 95%)');
    expect(formatCount(0, 6500)).toBe('0/6500 (<0.05% at 95%)');
  });

  it('bounds a non-zero count above its rate and below 1', () => {
    const ub = upperBound95(5, 100);
    expect(ub).toBeGreaterThan(0.05);
    expect(ub).toBeLessThan(0.12);
  });

  it("Fisher's exact test matches textbook values", () => {
    // The tea-tasting table: 3 right of 4 each way, two-sided p = 34/70.
    expect(fisherExact(3, 1, 1, 3)).toBeCloseTo(34 / 70, 10);
    expect(fisherExact(812, 188, 0, 1000)).toBeLessThan(1e-10);
    expect(fisherExact(5, 95, 5, 95)).toBeCloseTo(1, 10);
  });
});
