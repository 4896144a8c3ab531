// A suite's plan shape: the seed alone decides each run's plan, and a dimension drawn last (here
// failslab at given sites) leaves the other conditions of every seed as they were without it.
import { describe, expect, it } from 'vitest';
import { type PlanShape, drawPlan } from '../../harness/suites/plan-shape.ts';

const shape: PlanShape = { memory: ['none', 'low', 'high'], ioDelay: { chance: 2, max: 3 }, wqDelay: { chance: 3, max: 2 } };
const withFailslab: PlanShape = { ...shape, failslab: { chance: 2, probability: 50, sites: ['alloc_completed_exception'] } };
const seeds = Array.from({ length: 200 }, (_, i) => i + 1);

describe('plan shapes', () => {
  it('arm failslab at the given sites in about one run in `chance`, with the given probability', () => {
    const armed = seeds.map((s) => drawPlan(s, withFailslab).failslab).filter((f) => f.probability > 0);
    expect(armed.length).toBeGreaterThan(60);
    expect(armed.length).toBeLessThan(140);
    for (const f of armed) expect(f).toMatchObject({ probability: 50, sites: ['alloc_completed_exception'], failNth: 0 });
    expect(seeds.map((s) => drawPlan(s, shape).failslab.probability)).toEqual(seeds.map(() => 0));
  });

  it('keep every other condition of a seed when failslab is added to the shape', () => {
    for (const s of seeds) {
      const { failslab: _a, ...before } = drawPlan(s, shape);
      const { failslab: _b, ...after } = drawPlan(s, withFailslab);
      expect(after).toEqual(before);
    }
    expect(drawPlan(7, withFailslab)).toEqual(drawPlan(7, withFailslab));
  });
});
