// A stress suite: a workload on the modeled kernel plus the fault plans its runs are drawn with.
// Every run of a suite is a fresh machine; a seed fixes the plan and the schedule.

import type { FaultPlan } from '../../kernel-model/sim/faults.ts';
import type { Program } from '../../kernel-model/sim/run.ts';

export interface Suite {
  name: string;
  summary: string;
  /** The scenario in a reviewer's words, to finish "still hanging ..." ("for bio_kmalloc clones"). */
  scenario: string;
  /** The kernel version of the paths it drives (what the kernel could report there). */
  kernel: string;
  /** Schedules per variant at the default budget. */
  defaultSchedules: number;
  /** Rough steps of one run: PCT spreads its change points over this. */
  expectedSteps: number;
  /** The fault plan for a seed; must depend on the seed only. */
  plan(seed: number): FaultPlan;
  /** A fresh workload for one run. */
  program(): Program;
  /** A program of the generated corpus (harness/fuzz), not a hand-written scenario. */
  generated?: boolean;
}
