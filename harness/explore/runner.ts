// Runs a suite over a range of seeds, baseline or patched, with a strategy, and reduces each run
// to what the evaluation needs: outcome, findings, the plan and decision string to replay it.

import '../../kernel-model/index.ts';
import { type PatchModule, withPatch } from '../../kernel-model/patch-api.ts';
import { deriveSeed } from '../../kernel-model/sim/prng.ts';
import { formatPlan, parsePlan } from '../../kernel-model/sim/faults.ts';
import type { FindingKind } from '../../kernel-model/sim/findings.ts';
import { runProgram, type RunOutcome } from '../../kernel-model/sim/run.ts';
import type { Suite } from '../suites/suite.ts';
import { describeSource, makeSource, replaySource, type StrategyName } from './strategies.ts';

export interface RunFinding {
  title: string;
  kind: FindingKind;
  report: string;
}

export interface RunRecord {
  suite: string;
  variant: 'baseline' | 'patched';
  /** The run's own seed, derived from the base seed and its index. */
  seed: number;
  /** Base seed and index: `lkml-harness run <suite> --seed <base> --first <index> --schedules 1`. */
  baseSeed: number;
  index: number;
  strategy: string;
  plan: string;
  outcome: RunOutcome;
  steps: number;
  faultsInjected: number;
  findings: RunFinding[];
  decisions: string;
}

/** What reproduces one run exactly. */
export interface Reproducer {
  suite: string;
  variant: 'baseline' | 'patched';
  plan: string;
  decisions: string;
}

export interface RunSeedsOptions {
  /** Base seed; run i uses deriveSeed(seed, i). */
  seed: number;
  count: number;
  /** Index of the first run (for jobs that take a slice of the seeds). */
  first?: number;
  strategy?: Exclude<StrategyName, 'replay'>;
  patch: PatchModule | null;
}

export function runSeeds(suite: Suite, opts: RunSeedsOptions): RunRecord[] {
  const variant = opts.patch === null ? 'baseline' : 'patched';
  const strategy = opts.strategy ?? 'portfolio';
  const out: RunRecord[] = [];
  withPatch(opts.patch, () => {
    for (let i = opts.first ?? 0; i < (opts.first ?? 0) + opts.count; i++) {
      const seed = deriveSeed(opts.seed, i);
      const plan = suite.plan(seed);
      const sopts = { expectedSteps: suite.expectedSteps };
      const r = runProgram(suite.program(), { source: makeSource(strategy, seed, sopts), plan });
      out.push({
        suite: suite.name,
        variant,
        seed,
        baseSeed: opts.seed,
        index: i,
        strategy: describeSource(strategy, seed, sopts),
        plan: formatPlan(plan),
        outcome: r.outcome,
        steps: r.steps,
        faultsInjected: r.faultsInjected,
        findings: r.findings.map((f) => ({ title: f.title, kind: f.kind, report: f.report })),
        // Only runs that found something (or did not finish) are ever replayed or shrunk.
        decisions: r.outcome === 'completed' && r.findings.length === 0 ? '' : r.decisions,
      });
    }
  });
  return out;
}

/** Replays a reproducer; with `trace` the step-by-step event log comes back too. */
export function replay(suite: Suite, repro: Reproducer, patch: PatchModule | null, trace: boolean) {
  return withPatch(patch, () =>
    runProgram(suite.program(), { source: replaySource(repro.decisions), plan: parsePlan(repro.plan), trace }),
  );
}
