// Exploration strategies behind the simulator's DecisionSource interface.
//
// - random walk: every choice uniform;
// - PCT (Burckhardt et al., "A Randomized Scheduler with Probabilistic Guarantees of Finding
//   Bugs"): random distinct task priorities, always run the highest-priority candidate, and at
//   d-1 change points drawn over the expected run length drop the running task to the lowest
//   priorities. Finds a bug of depth d with probability >= 1/(n * k^(d-1));
// - portfolio: picks random or PCT (with a depth) by seed, so a batch of seeds mixes them;
// - replay: the recorded decisions of an earlier run (ReplaySource in the simulator).

import { type DecisionKind, type DecisionSource, ReplaySource, decodeDecisions } from '../../kernel-model/sim/decisions.ts';
import { Prng } from '../../kernel-model/sim/prng.ts';

export class RandomWalk implements DecisionSource {
  private readonly rng: Prng;
  constructor(seed: number) {
    this.rng = new Prng(seed);
  }
  pickTask(_candidates: readonly number[], count: number): number {
    return this.rng.below(count);
  }
  choose(_kind: DecisionKind, n: number): number {
    return this.rng.below(n);
  }
}

export class Pct implements DecisionSource {
  private readonly rng: Prng;
  private readonly priority = new Map<number, number>();
  private readonly changePoints: Set<number>;
  private nextLow: number;
  private nextHigh = 1_000_000;

  /** `depth` is PCT's d; `expectedSteps` is k, the run length the change points spread over. */
  constructor(seed: number, depth: number, expectedSteps: number) {
    this.rng = new Prng(seed);
    this.changePoints = new Set();
    while (this.changePoints.size < Math.max(0, depth - 1)) this.changePoints.add(this.rng.below(Math.max(1, expectedSteps)));
    this.nextLow = depth;
  }

  private prio(id: number): number {
    let p = this.priority.get(id);
    if (p === undefined) {
      // New entities get a random priority above every lowered one.
      p = this.nextHigh + this.rng.below(1_000_000);
      this.priority.set(id, p);
    }
    return p;
  }

  pickTask(candidates: readonly number[], count: number, step: number): number {
    let best = 0;
    for (let i = 1; i < count; i++) if (this.prio(candidates[i]) > this.prio(candidates[best])) best = i;
    if (this.changePoints.has(step)) {
      this.changePoints.delete(step);
      this.priority.set(candidates[best], --this.nextLow);
      best = 0;
      for (let i = 1; i < count; i++) if (this.prio(candidates[i]) > this.prio(candidates[best])) best = i;
    }
    return best;
  }

  choose(_kind: DecisionKind, n: number): number {
    return this.rng.below(n);
  }
}

export type StrategyName = 'random' | 'pct' | 'portfolio' | 'replay';

export interface StrategyOptions {
  /** Expected run length in steps (PCT's k), learned from earlier runs of the same scenario. */
  expectedSteps: number;
  /** PCT depth; the portfolio draws 1..3. */
  depth?: number;
}

/** A decision source for one run. The portfolio alternates strategies by seed. */
export function makeSource(name: Exclude<StrategyName, 'replay'>, seed: number, opts: StrategyOptions): DecisionSource {
  if (name === 'random') return new RandomWalk(seed);
  if (name === 'pct') return new Pct(seed, opts.depth ?? 2, opts.expectedSteps);
  const pick = new Prng(seed ^ 0x5bd1e995).below(4);
  return pick === 0 ? new RandomWalk(seed) : new Pct(seed, pick, opts.expectedSteps);
}

/** The portfolio's choice for a seed, as printed at the head of a run. */
export function describeSource(name: Exclude<StrategyName, 'replay'>, seed: number, opts: StrategyOptions): string {
  if (name !== 'portfolio') return name === 'pct' ? `pct(d=${opts.depth ?? 2},k=${opts.expectedSteps})` : 'random';
  const pick = new Prng(seed ^ 0x5bd1e995).below(4);
  return pick === 0 ? 'random' : `pct(d=${pick},k=${opts.expectedSteps})`;
}

export function replaySource(decisions: string): ReplaySource {
  return new ReplaySource(decodeDecisions(decisions));
}
