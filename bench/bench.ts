// The benchmark: simulator speed against the bare generator step loop measured in the same
// process, as a ratio (so the figure does not depend on the machine). `--json` prints one JSON
// object for other tools.
import { lockScenario, mixedScenario } from '../harness/explore/reference-programs.ts';
import { RandomWalk } from '../harness/explore/strategies.ts';
import { runProgram, type Program } from '../kernel-model/sim/run.ts';
import { kcsan_set_watching } from '../kernel-model/kernel/kcsan.ts';
import { Prng, planSeedOf } from '../kernel-model/sim/prng.ts';
import { findSuite } from '../harness/suites/index.ts';
import { hrtime } from 'node:process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';

const json = process.argv.includes('--json');
// --quick skips the end-to-end measures (evaluate, nightly), which take most of its 14 minutes.
const quick = process.argv.includes('--quick');
const CLI = new URL('../bin/lkml-harness.js', import.meta.url).pathname;
const SEED_PATCH = new URL('../patches/2011-12-15-blkio-alloc-per-cpu-data-from-worker-thread', import.meta.url).pathname;

function seconds(start: bigint): number {
  return Number(hrtime.bigint() - start) / 1e9;
}

/** Runs `fn` repeatedly for about `budget` seconds; returns iterations and elapsed time. */
function timed(budget: number, fn: () => number): { iterations: number; units: number; elapsed: number } {
  const start = hrtime.bigint();
  let iterations = 0;
  let units = 0;
  while (seconds(start) < budget) {
    units += fn();
    iterations++;
  }
  return { iterations, units, elapsed: seconds(start) };
}

/** The bare limit: `tasks` generators yielding `yields` times each, picked at random. */
function bareLoop(tasks: number, yields: number, seed: number): number {
  function* body(): Generator<void, void, void> {
    for (let i = 0; i < yields; i++) yield;
  }
  const gens = Array.from({ length: tasks }, body);
  const live = gens.slice();
  const rng = new Prng(seed);
  let steps = 0;
  while (live.length > 0) {
    const k = rng.below(live.length);
    steps++;
    if (live[k].next().done) live.splice(k, 1);
  }
  return steps;
}

function simulate(make: () => Program, debug: boolean): { steps: number; runs: number; elapsed: number } {
  let seed = 1;
  const r = timed(1.5, () => runProgram(make(), { source: new RandomWalk(seed++), debug }).steps);
  return { steps: r.units, runs: r.iterations, elapsed: r.elapsed };
}

// Warm up the JIT on both sides before measuring.
simulate(lockScenario, true);
timed(0.3, () => bareLoop(3, 70, 1));

const lock = simulate(lockScenario, true);
const stepsPerRun = lock.steps / lock.runs;
const bare = timed(1.5, () => bareLoop(3, Math.round(stepsPerRun / 3), 7));
const lockNoDebug = simulate(lockScenario, false);
const mixed = simulate(mixedScenario, true);

/**
 * A suite of the translated v3.2 model (throttled IO to a CFQ disk in blkio cgroups), where
 * KCSAN watches the members the C says q->queue_lock and blkg->stats_lock protect: schedules
 * per second with every detector, with every detector but KCSAN, and with none.
 */
function suiteRate(debug: boolean, kcsan: boolean): { stepsPerSecond: number; schedulesPerSecond: number } {
  const suite = findSuite('throttle-limits');
  if (suite === undefined) throw new Error('bench: no throttle-limits suite');
  kcsan_set_watching(kcsan);
  let seed = 1;
  const r = timed(1.5, () => {
    const s = seed++;
    return runProgram(suite.program(), { source: new RandomWalk(s), plan: suite.plan(planSeedOf(s)), debug }).steps;
  });
  kcsan_set_watching(true);
  return { stepsPerSecond: Math.round(r.units / r.elapsed), schedulesPerSecond: Math.round(r.iterations / r.elapsed) };
}
suiteRate(true, true);
const suiteAll = suiteRate(true, true);
const suiteNoKcsan = suiteRate(true, false);
const suiteNone = suiteRate(false, false);

/** Wall time of one `evaluate` of a seed patch at the default budget, with every core. */
async function evaluateSeconds(): Promise<number> {
  const out = mkdtempSync(join(tmpdir(), 'lkml-bench-eval-'));
  const start = hrtime.bigint();
  await execa('node', [CLI, 'evaluate', SEED_PATCH, '--out', out]);
  const s = seconds(start);
  rmSync(out, { recursive: true, force: true });
  return s;
}

/**
 * Nightly throughput over the same fixed plan with `workers` child processes at a time, as the
 * nightly reports it: jobs and schedules per second of its job phase (planning and writing the
 * dashboard are left out; they do not grow with the budget).
 */
async function nightlyThroughput(workers: number): Promise<{ jobsPerSecond: number; schedulesPerSecond: number }> {
  const out = mkdtempSync(join(tmpdir(), 'lkml-bench-nightly-'));
  const r = await execa('node', [CLI, 'nightly', '--budget', '300', '--per-job', '100', '--jobs', String(workers), '--run-id', 'bench', '--out', out]);
  rmSync(out, { recursive: true, force: true });
  const m = /: ([\d.]+) jobs\/s, (\d+) schedules\/s/.exec(r.stdout);
  if (m === null) throw new Error(`bench: cannot read the nightly's throughput from: ${r.stdout}`);
  return { jobsPerSecond: Number(m[1]), schedulesPerSecond: Number(m[2]) };
}

const endToEnd = quick
  ? null
  : await (async () => {
      const evaluate = await evaluateSeconds();
      const one = await nightlyThroughput(1);
      const two = await nightlyThroughput(2);
      return {
        evaluateSecondsDefaultBudget: Number(evaluate.toFixed(1)),
        nightly: {
          oneWorker: { jobsPerSecond: Number(one.jobsPerSecond.toFixed(2)), schedulesPerSecond: Math.round(one.schedulesPerSecond) },
          twoWorkers: { jobsPerSecond: Number(two.jobsPerSecond.toFixed(2)), schedulesPerSecond: Math.round(two.schedulesPerSecond) },
          speedup: Number((two.schedulesPerSecond / one.schedulesPerSecond).toFixed(2)),
        },
      };
    })();

const result = {
  stepsPerSecond: Math.round(lock.steps / lock.elapsed),
  schedulesPerSecond: Math.round(lock.runs / lock.elapsed),
  stepsPerSchedule: Math.round(stepsPerRun),
  limitStepsPerSecond: Math.round(bare.units / bare.elapsed),
  ratio: Number((lock.steps / lock.elapsed / (bare.units / bare.elapsed)).toFixed(3)),
  withoutDetectors: {
    stepsPerSecond: Math.round(lockNoDebug.steps / lockNoDebug.elapsed),
    schedulesPerSecond: Math.round(lockNoDebug.runs / lockNoDebug.elapsed),
  },
  detectorOverhead: Number((lockNoDebug.steps / lockNoDebug.elapsed / (lock.steps / lock.elapsed)).toFixed(3)),
  mixed: {
    stepsPerSecond: Math.round(mixed.steps / mixed.elapsed),
    schedulesPerSecond: Math.round(mixed.runs / mixed.elapsed),
  },
  suite: {
    name: 'throttle-limits',
    detectors: suiteAll,
    detectorsButKcsan: suiteNoKcsan,
    noDetectors: suiteNone,
    kcsanOverhead: Number((suiteNoKcsan.stepsPerSecond / suiteAll.stepsPerSecond).toFixed(3)),
    detectorOverhead: Number((suiteNone.stepsPerSecond / suiteAll.stepsPerSecond).toFixed(3)),
  },
  ...(endToEnd ?? {}),
};

if (json) {
  process.stdout.write(`${JSON.stringify(result)}\n`);
} else {
  process.stdout.write(
    [
      `lock scenario (3 tasks, ~${result.stepsPerSchedule} steps/run):`,
      `  simulator      ${result.stepsPerSecond.toLocaleString('en')} steps/s, ${result.schedulesPerSecond.toLocaleString('en')} schedules/s`,
      `  bare loop      ${result.limitStepsPerSecond.toLocaleString('en')} steps/s (same tasks and yields, no model work)`,
      `  ratio          ${result.ratio} of the bare limit`,
      `  no detectors   ${result.withoutDetectors.stepsPerSecond.toLocaleString('en')} steps/s (detectors cost ${result.detectorOverhead}x)`,
      `mixed scenario:  ${result.mixed.stepsPerSecond.toLocaleString('en')} steps/s, ${result.mixed.schedulesPerSecond.toLocaleString('en')} schedules/s`,
      `suite ${result.suite.name} (translated v3.2 model):`,
      `  detectors      ${result.suite.detectors.stepsPerSecond.toLocaleString('en')} steps/s, ${result.suite.detectors.schedulesPerSecond} schedules/s`,
      `  but KCSAN      ${result.suite.detectorsButKcsan.stepsPerSecond.toLocaleString('en')} steps/s (KCSAN costs ${result.suite.kcsanOverhead}x)`,
      `  no detectors   ${result.suite.noDetectors.stepsPerSecond.toLocaleString('en')} steps/s (detectors cost ${result.suite.detectorOverhead}x)`,
      ...(endToEnd === null
        ? []
        : [
            `evaluate, one seed patch at the default budget: ${endToEnd.evaluateSecondsDefaultBudget} s`,
            `nightly, 1 worker:  ${endToEnd.nightly.oneWorker.jobsPerSecond} jobs/s, ${endToEnd.nightly.oneWorker.schedulesPerSecond} schedules/s`,
            `nightly, 2 workers: ${endToEnd.nightly.twoWorkers.jobsPerSecond} jobs/s, ${endToEnd.nightly.twoWorkers.schedulesPerSecond} schedules/s (${endToEnd.nightly.speedup}x)`,
          ]),
      '',
    ].join('\n'),
  );
}
