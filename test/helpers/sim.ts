// Test helpers: run a small program on the simulated machine under a seeded random walk.
import '../../kernel-model/index.ts';
import { RandomWalk } from '../../harness/explore/strategies.ts';
import type { DecisionSource } from '../../kernel-model/sim/decisions.ts';
import { type FaultPlan, defaultPlan } from '../../kernel-model/sim/faults.ts';
import type { Machine } from '../../kernel-model/sim/machine.ts';
import { type Program, type RunResult, runProgram } from '../../kernel-model/sim/run.ts';
import type { KGen } from '../../kernel-model/sim/task.ts';

export interface TestProgram {
  cpus?: number;
  /** The translated kernel to boot ("v3.2", "v3.15"). */
  base?: string;
  maxSteps?: number;
  tasks: Record<string, () => KGen>;
  /** Runs on the booted machine before the tasks start (devices, pools...). */
  before?: (m: Machine) => void;
  teardown?: () => KGen;
}

export function program(p: TestProgram): Program {
  return {
    cpus: p.cpus ?? 2,
    base: p.base,
    maxSteps: p.maxSteps,
    setup(m) {
      p.before?.(m);
      for (const [comm, body] of Object.entries(p.tasks)) m.spawn(comm, body);
    },
    teardown: p.teardown,
  };
}

export function runSeed(p: TestProgram, seed: number, opts: { plan?: Partial<FaultPlan>; trace?: boolean; source?: DecisionSource; debug?: boolean } = {}): RunResult {
  return runProgram(program(p), {
    source: opts.source ?? new RandomWalk(seed),
    plan: { ...defaultPlan(), ...opts.plan },
    trace: opts.trace,
    debug: opts.debug,
  });
}

/** Runs seeds 1..n and returns every result. */
export function runSeeds(p: () => TestProgram, n: number, opts: Parameters<typeof runSeed>[2] = {}): RunResult[] {
  const out: RunResult[] = [];
  for (let seed = 1; seed <= n; seed++) out.push(runSeed(p(), seed, opts));
  return out;
}

export function titles(r: RunResult): string[] {
  return r.findings.map((f) => f.title);
}
