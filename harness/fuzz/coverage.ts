// Cheap coverage feedback, as the fuzzer uses it: the functions of the program's world its runs
// call (every call between modeled functions goes through the tables traceCalls wraps) and the
// arms of the translated functions' conditions they take (sim/branches.ts), with the titles the
// runs reported and the steps they took.
import { branchHits, clearBranchHits, probesOf } from '../../kernel-model/sim/branches.ts';
import { traceCalls } from '../../kernel-model/sim/hooks.ts';
import { runSeeds } from '../explore/runner.ts';
import { type GenProgram, type Grammar } from './program.ts';
import { programSuite } from './program-suite.ts';

export interface ProgramRuns {
  functions: Set<string>;
  /** Branch probes hit, as "function#probe". */
  branches: Set<string>;
  /** Each title the runs reported, with the index of the first run that did. */
  titles: Map<string, number>;
  meanSteps: number;
}

/** Runs `p` over `count` schedules from `seed` (baseline) and collects what they reached. */
export function measureProgram<Op>(g: Grammar<Op>, p: GenProgram<Op>, seed: number, count: number): ProgramRuns {
  const functions = new Set<string>();
  clearBranchHits(g.world);
  const restore = traceCalls(g.world, (name) => functions.add(name));
  let runs;
  try {
    runs = runSeeds(programSuite(g, 'fuzz', p, 2000), { seed, count, patch: null });
  } finally {
    restore();
  }
  const titles = new Map<string, number>();
  for (const r of runs) for (const f of r.findings) if (!titles.has(f.title)) titles.set(f.title, r.index);
  const branches = new Set<string>();
  for (const [fn, mask] of branchHits(g.world)) for (const k of probesOf(mask)) branches.add(`${fn}#${k}`);
  return { functions, branches, titles, meanSteps: Math.round(runs.reduce((n, r) => n + r.steps, 0) / Math.max(1, runs.length)) };
}
