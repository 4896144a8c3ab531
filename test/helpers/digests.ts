// Constructed runs for the verdict-rule tests: digests with the titles, the report that ended
// the run and a schedule hash, built from short descriptions instead of real runs.
import type { RunDigest } from '../../harness/results/run-digest.ts';
import { judgeFindings, type JudgedFinding } from '../../harness/verdicts/judge-findings.ts';
import { tallySuites } from '../../harness/verdicts/tally.ts';
import type { FindingKind } from '../../harness/results/finding.ts';

export interface RunSpec {
  titles?: string[];
  endedBy?: string | null;
  hash?: number;
}

/** `n` runs of a suite and side, run i described by `at(i)`; indices start at `first`. */
export function runs(suite: string, variant: RunDigest['variant'], n: number, at: (i: number) => RunSpec, first = 0): RunDigest[] {
  return Array.from({ length: n }, (_, k) => {
    const i = first + k;
    const s = at(i);
    return { suite, variant, index: i, titles: s.titles ?? [], endedBy: s.endedBy ?? null, hash: s.hash ?? i };
  });
}

/** Runs i < hits show `title`: hits out of n. */
export function hits(title: string, count: number): (i: number) => RunSpec {
  return (i) => ({ titles: i < count ? [title] : [] });
}

export function judge(digests: readonly RunDigest[], opts: { kinds?: Record<string, FindingKind>; postedFor?: string[]; final?: boolean; looks?: Record<string, number> } = {}): JudgedFinding[] {
  const suites = [...new Set(digests.map((d) => d.suite))].sort();
  const { tallies } = tallySuites(suites, digests);
  return judgeFindings({
    tallies,
    looks: new Map(Object.entries(opts.looks ?? {})),
    kinds: new Map(Object.entries(opts.kinds ?? {})),
    postedFor: new Set(opts.postedFor ?? []),
    final: opts.final ?? true,
  });
}
