// The kept corpus as suites: each program is a suite named gen-<world>-NN, run, reported and
// replayed as the fixed suites are. Their reach is measured into the reach table with the rest,
// which is how evaluate aims them at the functions a patch touches (suites/index.ts).
import type { Suite } from '../suites/suite.ts';
import type { CorpusEntry } from './build-corpus.ts';
import { CORPUS as CORPUS_V3_2 } from './corpus-v3.2.ts';
import { CORPUS as CORPUS_V3_15 } from './corpus-v3.15.ts';
import { GRAMMARS } from './grammars.ts';
import { parseProgram } from './program.ts';
import { programSuite } from './program-suite.ts';

const CORPORA: Readonly<Record<string, readonly CorpusEntry[]>> = { 'v3.2': CORPUS_V3_2, 'v3.15': CORPUS_V3_15 };

/** The name of a world's n-th corpus program: gen-v3.2-07. */
export function generatedName(world: string, n: number): string {
  return `gen-${world}-${String(n).padStart(2, '0')}`;
}

export function isGenerated(suite: Suite): boolean {
  return suite.generated === true;
}

/** Every corpus program of every world, as a suite, in corpus order. */
export function generatedSuites(): Suite[] {
  return Object.entries(CORPORA).flatMap(([world, entries]) => {
    const g = GRAMMARS[world];
    return entries.map((e, n) => programSuite(g, generatedName(world, n), parseProgram(g, e.program), e.steps));
  });
}
