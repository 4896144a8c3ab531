// A fixed suite whose workload is one named program of a world's grammar (its text is the whole
// workload) run under a plan shape of its own: what the suites written as programs of the
// generated grammars have in common (v3.15: IO placed on the grammar's device stack; v3.2:
// tasks on the throttled CFQ disk and its cgroups).
import type { Grammar } from '../fuzz/program.ts';
import { parseProgram } from '../fuzz/program.ts';
import { type PlanShape, drawPlan } from './plan-shape.ts';
import type { Suite } from './suite.ts';

export interface NamedProgram {
  name: string;
  summary: string;
  scenario: string;
  defaultSchedules: number;
  expectedSteps: number;
  /** The program in the grammar's text form (the grammar's parseOp reads each operation). */
  text: string;
  /** How each run's plan is drawn from its seed. */
  plan: PlanShape;
}

export function namedProgramSuite<Op>(grammar: Grammar<Op>, p: NamedProgram): Suite {
  const program = parseProgram(grammar, p.text);
  return {
    name: p.name,
    summary: p.summary,
    scenario: p.scenario,
    kernel: grammar.world.replace(/^v/, ''),
    defaultSchedules: p.defaultSchedules,
    expectedSteps: p.expectedSteps,
    plan: (seed) => drawPlan(seed, p.plan),
    program: () => grammar.workload(program),
  };
}
