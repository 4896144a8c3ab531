// A run's fault plan and its schedule draw from separate streams: one seed fed to both made the
// plan's first draws and the first scheduling choices the same numbers.
import { describe, expect, it } from 'vitest';
import { deriveSeed, planSeedOf, Prng } from '../../kernel-model/sim/prng.ts';

describe('sub-seeds', () => {
  it('the plan stream of a run is not its schedule stream', () => {
    let sameFirstDraw = 0;
    const planSeeds = new Set<number>();
    for (let i = 0; i < 1000; i++) {
      const run = deriveSeed(1, i);
      const plan = planSeedOf(run);
      planSeeds.add(plan);
      if (new Prng(plan).next() === new Prng(run).next()) sameFirstDraw++;
    }
    expect(sameFirstDraw).toBe(0);
    // Distinct runs get distinct plan seeds (no collapse of the derivation).
    expect(planSeeds.size).toBe(1000);
  });

  it('a plan seed is a function of the run seed alone', () => {
    expect(planSeedOf(deriveSeed(7, 3))).toBe(planSeedOf(deriveSeed(7, 3)));
  });
});
