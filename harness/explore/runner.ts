// Runs a suite over a range of seeds, baseline or patched, with a strategy, and reduces each run
// to what the evaluation needs: outcome, findings, the plan and decision string to replay it.

import '../../kernel-model/index.ts';
import { type PatchModule, withPatch } from '../../kernel-model/patch-api.ts';
import { deriveSeed, planSeedOf } from '../../kernel-model/sim/prng.ts';
import { type FaultPlan, formatPlan, parsePlan } from '../../kernel-model/sim/faults.ts';
import type { Finding, FindingKind as ModelFindingKind } from '../../kernel-model/sim/findings.ts';
import { runProgram, type RunOutcome } from '../../kernel-model/sim/run.ts';
import type { Backtrace, Cycle, FindingKind } from '../results/finding.ts';
import type { RunDigest } from '../results/run-digest.ts';
import type { Suite } from '../suites/suite.ts';
import { titleOf } from '../titles/table.ts';
import { describeSource, makeSource, replaySource, type StrategyName } from './strategies.ts';

// The result schema's kinds are the model's kinds: this fails to compile if they drift apart.
const sameKinds: [ModelFindingKind, FindingKind] extends [FindingKind, ModelFindingKind] ? true : never = true;
void sameKinds;

export interface RunFinding {
  /** The title by the report-title table (harness/titles), from the report text. */
  title: string;
  kind: FindingKind;
  report: string;
  backtraces: Backtrace[];
  /** The cycle a deadlock detector closed (lockdep's chain, the hang's waits); null for other reports. */
  cycle: Cycle | null;
  /** Whether it stopped the run. */
  fatal: boolean;
  /** A data race's member and unlocked function, whichever access it met (see harness/verdicts/race-titles.ts). */
  raceKey?: string;
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
  /** The run's reports in the order it gave them: the first is the run's finding. */
  findings: RunFinding[];
  /** The report that stopped the run, if one did. */
  endedBy: string | null;
  /** Hash of the schedule and the reports: equal on both sides means nothing changed. */
  hash: number;
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
  /** A fault plan held for every run (`run --plan`), instead of each run's drawn one. */
  plan?: FaultPlan;
}

/**
 * The run's reports, titled by the table (the model's own title where no rule matches), one
 * per title in the order they came: a title the run reported again is the same finding. Data
 * races come after every other report: a race does not end a run, and the run's leading
 * report (the one verdicts count it by) is what the schedule went on to break, when it broke
 * anything; a race leads only a run that reported nothing else.
 */
export function titledFindings(found: readonly Finding[]): RunFinding[] {
  const out: RunFinding[] = [];
  for (const f of [...found.filter((x) => x.kind !== 'kcsan'), ...found.filter((x) => x.kind === 'kcsan')]) {
    const title = titleOf(f.report)?.title ?? f.title;
    if (out.some((g) => g.title === title)) continue;
    out.push({ title, kind: f.kind, report: f.report, backtraces: f.backtraces.map((b) => ({ task: b.task, frames: [...b.stack].reverse() })), cycle: f.cycle ?? null, fatal: f.fatal, raceKey: f.raceKey });
  }
  return out;
}

const FNV_PRIME = 0x01000193;

/** The schedule hash folded with the titles, so a patch that changes only what is reported counts too. */
function runHash(scheduleHash: number, findings: readonly RunFinding[]): number {
  let h = scheduleHash >>> 0;
  for (const f of findings) for (let i = 0; i < f.title.length; i++) h = Math.imul(h ^ f.title.charCodeAt(i), FNV_PRIME) >>> 0;
  return h;
}

export function digest(r: RunRecord): RunDigest {
  const races = r.findings.filter((f) => f.raceKey !== undefined).map((f) => [f.title, f.raceKey as string] as const);
  const d: RunDigest = { suite: r.suite, variant: r.variant, index: r.index, titles: r.findings.map((f) => f.title), endedBy: r.endedBy, hash: r.hash };
  return races.length === 0 ? d : { ...d, raceKeys: Object.fromEntries(races) };
}

export function runSeeds(suite: Suite, opts: RunSeedsOptions): RunRecord[] {
  const variant = opts.patch === null ? 'baseline' : 'patched';
  const strategy = opts.strategy ?? 'portfolio';
  const out: RunRecord[] = [];
  withPatch(opts.patch, () => {
    for (let i = opts.first ?? 0; i < (opts.first ?? 0) + opts.count; i++) {
      const seed = deriveSeed(opts.seed, i);
      // The schedule draws from the run seed, the fault plan from its own sub-seed (or is held).
      const plan = opts.plan ?? suite.plan(planSeedOf(seed));
      const sopts = { expectedSteps: suite.expectedSteps };
      const r = runProgram(suite.program(), { source: makeSource(strategy, seed, sopts), plan });
      const findings = titledFindings(r.findings);
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
        findings,
        // A fatal report stops the machine at once: the run ended on it.
        endedBy: findings.find((f) => f.fatal)?.title ?? null,
        hash: runHash(r.hash, findings),
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
