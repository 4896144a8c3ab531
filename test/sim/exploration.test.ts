import { describe, expect, it } from 'vitest';
import { Pct, RandomWalk, replaySource } from '../../harness/explore/strategies.ts';
import { cond_resched } from '../../kernel-model/kernel/sched/core.ts';
import { decodeDecisions, encodeDecisions } from '../../kernel-model/sim/decisions.ts';
import { formatPlan, parsePlan } from '../../kernel-model/sim/faults.ts';
import type { KGen } from '../../kernel-model/sim/task.ts';
import { mixedScenario } from '../../harness/explore/reference-programs.ts';
import { runProgram } from '../../kernel-model/sim/run.ts';
import { defaultPlan } from '../../kernel-model/sim/faults.ts';
import { runSeed } from '../helpers/sim.ts';

/**
 * A depth-2 ordering bug: the checker's ten checks must all fall inside the one step during
 * which the writer has its window open. Random walk needs ten lucky picks in a row; PCT needs
 * one change point at the right step.
 */
function windowBug() {
  const state = { window: false, hit: false };
  return {
    state,
    program: {
      cpus: 1,
      tasks: {
        writer: function* (): KGen {
          for (let i = 0; i < 20; i++) {
            state.window = i === 10;
            yield* cond_resched();
          }
          state.window = false;
        },
        checker: function* (): KGen {
          let inside = 0;
          for (let j = 0; j < 10; j++) {
            if (state.window) inside++;
            yield* cond_resched();
          }
          state.hit = inside === 10;
        },
      },
    },
  };
}

describe('exploration strategies', () => {
  it('PCT finds a depth-2 ordering bug that random walk rarely finds', () => {
    const seeds = 600;
    let pctHits = 0;
    let randomHits = 0;
    for (let seed = 1; seed <= seeds; seed++) {
      const a = windowBug();
      runSeed(a.program, seed, { source: new Pct(seed, 2, 40) });
      if (a.state.hit) pctHits++;
      const b = windowBug();
      runSeed(b.program, seed, { source: new RandomWalk(seed) });
      if (b.state.hit) randomHits++;
    }
    expect(pctHits).toBeGreaterThanOrEqual(3);
    expect(pctHits).toBeGreaterThan(randomHits * 5);
  });

  it('decision strings round-trip, with runs compressed', () => {
    const values = [0, 0, 0, 0, 1, 2, 2, 35, 36, 0];
    const text = encodeDecisions(values);
    expect(text).toBe('d1:0*4.1.2.2.z.10.0');
    expect(decodeDecisions(text)).toEqual(values);
    expect(() => decodeDecisions('x:1')).toThrow(/must start/);
  });

  it('a fault plan prints as one line that parses back', () => {
    const plan = { ...defaultPlan(), memory: 'high' as const, ioDelay: 3, failslab: { probability: 10, interval: 2, times: 5, space: 0, sites: ['pcpu_alloc', 'kmalloc'], failNth: 0 } };
    expect(parsePlan(formatPlan(plan))).toEqual(plan);
    // Lost commands print only when the plan has some, so a line written before they existed parses too.
    const lossy = { ...plan, ioLostPercent: 20 };
    expect(formatPlan(lossy)).toMatch(/ iolost=20$/);
    expect(parsePlan(formatPlan(lossy))).toEqual(lossy);
    expect(formatPlan(plan)).not.toContain('iolost');
  });

  it('replaying a recorded decision string gives the identical event log', () => {
    const first = runProgram(mixedScenario(), { source: new RandomWalk(42), trace: true, plan: { ...defaultPlan(), memory: 'low' } });
    const again = runProgram(mixedScenario(), { source: replaySource(first.decisions), trace: true, plan: { ...defaultPlan(), memory: 'low' } });
    expect(first.outcome).toBe('completed');
    expect(first.log?.length).toBeGreaterThan(100);
    expect(again.log).toEqual(first.log);
    expect(again.hash).toBe(first.hash);
  });
});
