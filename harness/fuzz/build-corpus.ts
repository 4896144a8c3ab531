// The fuzzing loop: draw a program or mutate one from the corpus, run it over a few schedules,
// keep it when it reaches a function the corpus did not, or takes MIN_FRESH_BRANCHES arms of
// conditions it did not, shrunk to what still reaches those.
// Titles the runs report are kept with the first program that showed each, for a reviewer to
// check against the C. The fuzzing seed decides everything: the same seed, the same corpus.
import { Prng, deriveSeed } from '../../kernel-model/sim/prng.ts';
import { measureProgram } from './coverage.ts';
import { mutateProgram, randomProgram } from './generate.ts';
import { type GenProgram, type Grammar, formatProgram } from './program.ts';
import { shrinkProgram } from './shrink-program.ts';

export interface CorpusEntry {
  /** The program, in its text form. */
  program: string;
  /** The functions it was the first to reach, sorted. */
  adds: string[];
  /** How many branch probes it was the first to hit (sim/branches.ts). */
  branches: number;
  /** Mean steps of its runs (what PCT spreads its change points over). */
  steps: number;
}

export interface FuzzedTitle {
  title: string;
  /** The first program that reported it, as generated (not shrunk), and the seed of its runs. */
  program: string;
  seed: number;
  run: number;
}

export interface BuildOptions {
  seed: number;
  iterations: number;
  /** Schedules each candidate runs. */
  schedules: number;
  /** Runs of the program to shrink a new entry with, at most (each attempt is `schedules` runs). */
  shrinkAttempts: number;
  onProgress?: (iteration: number, entries: number, reached: number, branches: number) => void;
}

/**
 * Arms of conditions a program must be the first to take to be kept when it reaches no new
 * function: one would keep a program for every loop that once ran zero times, and the corpus is
 * a set of suites each evaluation chooses among.
 */
export const MIN_FRESH_BRANCHES = 3;

export interface Corpus {
  entries: CorpusEntry[];
  reached: string[];
  /** Branch probes the corpus hit. */
  branches: number;
  titles: FuzzedTitle[];
}

export function buildCorpus<Op>(g: Grammar<Op>, o: BuildOptions): Corpus {
  const rng = new Prng(o.seed);
  const kept: GenProgram<Op>[] = [];
  const entries: CorpusEntry[] = [];
  const covered = new Set<string>();
  const coveredBranches = new Set<string>();
  const titles: FuzzedTitle[] = [];
  for (let it = 0; it < o.iterations; it++) {
    const p = kept.length === 0 || rng.below(4) === 0 ? randomProgram(g, rng) : mutateProgram(g, rng, kept[rng.below(kept.length)], kept[rng.below(kept.length)]);
    const runSeed = deriveSeed(o.seed, it);
    const got = measureProgram(g, p, runSeed, o.schedules);
    for (const [title, run] of got.titles) if (!titles.some((t) => t.title === title)) titles.push({ title, program: formatProgram(g, p), seed: runSeed, run });
    const fresh = [...got.functions].filter((f) => !covered.has(f)).sort();
    const freshBranches = [...got.branches].filter((b) => !coveredBranches.has(b));
    if (fresh.length > 0 || freshBranches.length >= MIN_FRESH_BRANCHES) {
      const reachesFresh = (q: GenProgram<Op>): boolean => {
        const m = measureProgram(g, q, runSeed, o.schedules);
        return fresh.every((f) => m.functions.has(f)) && freshBranches.every((b) => m.branches.has(b));
      };
      const small = shrinkProgram(g, p, reachesFresh, o.shrinkAttempts).program;
      const final = small === p ? got : measureProgram(g, small, runSeed, o.schedules);
      kept.push(small);
      for (const f of final.functions) covered.add(f);
      const before = coveredBranches.size;
      for (const b of final.branches) coveredBranches.add(b);
      entries.push({ program: formatProgram(g, small), adds: fresh, branches: coveredBranches.size - before, steps: final.meanSteps });
    }
    o.onProgress?.(it + 1, entries.length, covered.size, coveredBranches.size);
  }
  return { entries, reached: [...covered].sort(), branches: coveredBranches.size, titles };
}
