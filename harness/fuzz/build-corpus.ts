// The fuzzing loop: draw a program or mutate one from the corpus, run it over a few schedules,
// keep it when it reaches a function the corpus did not, shrunk to what still reaches those.
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
  onProgress?: (iteration: number, entries: number, reached: number) => void;
}

export interface Corpus {
  entries: CorpusEntry[];
  reached: string[];
  titles: FuzzedTitle[];
}

export function buildCorpus<Op>(g: Grammar<Op>, o: BuildOptions): Corpus {
  const rng = new Prng(o.seed);
  const kept: GenProgram<Op>[] = [];
  const entries: CorpusEntry[] = [];
  const covered = new Set<string>();
  const titles: FuzzedTitle[] = [];
  for (let it = 0; it < o.iterations; it++) {
    const p = kept.length === 0 || rng.below(4) === 0 ? randomProgram(g, rng) : mutateProgram(g, rng, kept[rng.below(kept.length)], kept[rng.below(kept.length)]);
    const runSeed = deriveSeed(o.seed, it);
    const got = measureProgram(g, p, runSeed, o.schedules);
    for (const [title, run] of got.titles) if (!titles.some((t) => t.title === title)) titles.push({ title, program: formatProgram(g, p), seed: runSeed, run });
    const fresh = [...got.functions].filter((f) => !covered.has(f)).sort();
    if (fresh.length > 0) {
      const reachesFresh = (q: GenProgram<Op>): boolean => {
        const m = measureProgram(g, q, runSeed, o.schedules).functions;
        return fresh.every((f) => m.has(f));
      };
      const small = shrinkProgram(g, p, reachesFresh, o.shrinkAttempts).program;
      const final = small === p ? got : measureProgram(g, small, runSeed, o.schedules);
      kept.push(small);
      for (const f of final.functions) covered.add(f);
      entries.push({ program: formatProgram(g, small), adds: fresh, steps: final.meanSteps });
    }
    o.onProgress?.(it + 1, entries.length, covered.size);
  }
  return { entries, reached: [...covered].sort(), titles };
}
