// A generated program as a stress suite: its runs are drawn like any suite's (a seed fixes the
// fault plan and the schedule), so it is evaluated, replayed and reported like the fixed ones.
import type { Suite } from '../suites/suite.ts';
import { type GenProgram, type Grammar, formatProgram } from './program.ts';

/** Schedules per variant a generated program gets at the default evaluate budget. */
export const GENERATED_SCHEDULES = 40;

export function programSuite<Op>(g: Grammar<Op>, name: string, p: GenProgram<Op>, expectedSteps: number): Suite {
  return {
    name,
    summary: `generated program: ${formatProgram(g, p).split('\n').join(' | ')}`,
    scenario: `for the generated program ${name}`,
    kernel: g.world.replace(/^v/, ''),
    defaultSchedules: GENERATED_SCHEDULES,
    expectedSteps,
    plan: (seed) => g.plan(p, seed),
    program: () => g.workload(p),
    generated: true,
  };
}
