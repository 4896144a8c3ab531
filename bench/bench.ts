// The benchmark: simulator speed against the bare generator step loop measured in the same
// process, as a ratio (so the figure does not depend on the machine). `--json` prints one JSON
// object for other tools.
import { lockScenario, mixedScenario } from '../harness/explore/reference-programs.ts';
import { RandomWalk } from '../harness/explore/strategies.ts';
import { Prng } from '../kernel-model/sim/prng.ts';
import { runProgram, type Program } from '../kernel-model/sim/run.ts';
import { hrtime } from 'node:process';

const json = process.argv.includes('--json');

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
      '',
    ].join('\n'),
  );
}
