// A fixed suite whose workload is one named program of the v3.15 grammar (its text is the whole
// workload) run under a plan shape of its own: what the suites that place IO on the grammar's
// device stack have in common.
import { v315Grammar } from '../fuzz/grammar-v3.15.ts';
import { parseProgram } from '../fuzz/program.ts';
import { type PlanShape, drawPlan } from './plan-shape.ts';
import type { Suite } from './suite.ts';

export interface NamedProgram {
  name: string;
  summary: string;
  scenario: string;
  defaultSchedules: number;
  expectedSteps: number;
  /** The program in the grammar's text form (harness/fuzz/grammar-v3.15.ts parses it). */
  text: string;
  /** How each run's plan is drawn from its seed. */
  plan: PlanShape;
}

export function namedProgramSuite(p: NamedProgram): Suite {
  const program = parseProgram(v315Grammar, p.text);
  return {
    name: p.name,
    summary: p.summary,
    scenario: p.scenario,
    kernel: '3.15',
    defaultSchedules: p.defaultSchedules,
    expectedSteps: p.expectedSteps,
    plan: (seed) => drawPlan(seed, p.plan),
    program: () => v315Grammar.workload(program),
  };
}
