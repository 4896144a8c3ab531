// How counts and p-values read in every report (text, HTML, digest, dashboard): one wording.
import { upperBound95 } from '../verdicts/stats.ts';
import type { EvaluationResult } from './evaluation.ts';
import type { Side } from './finding.ts';

/** A rate as the report prints it: "37/1000", plus "(<0.3% at 95%)" for a zero count. */
export function formatCount(hits: number, runs: number): string {
  if (hits > 0 || runs === 0) return `${hits}/${runs}`;
  return `0/${runs} (<${boundText(upperBound95(0, runs) * 100)}% at 95%)`;
}

/**
 * An upper bound in percent, rounded up (rounding it to the nearest would understate it:
 * 0.15% is not "<0.1%"), with two significant places below 1%.
 */
function boundText(percent: number): string {
  const digits = percent < 0.1 ? 2 : percent < 1 ? 1 : 0;
  const scale = 10 ** digits;
  return (Math.ceil(percent * scale - 1e-9) / scale).toFixed(digits);
}

export function formatSide(s: Side): string {
  return formatCount(s.hits, s.runs);
}

/** "p < 0.001", or the p-value to three places. */
export function formatP(p: number): string {
  return p < 0.001 ? 'p < 0.001' : `p = ${p.toFixed(3)}`;
}

/** "baseline 0/200 (<1% at 95%) -> patched 31/200". */
export function formatChange(baseline: Side, patched: Side): string {
  return `${formatSide(baseline)} -> ${formatSide(patched)}`;
}

/** " In the functions the patch touches, ..., they take 12 of the 20 branches (make_request 10 of 15, ...)." */
function touchedArms(reach: EvaluationResult['reach']): string {
  const rows = reach.touched.filter((t) => t.branches !== undefined);
  if (rows.length === 0) return '';
  const sum = (k: 'reached' | 'total') => rows.reduce((n, t) => n + (t.branches?.[k] ?? 0), 0);
  const each = rows.map((t) => `${t.name} ${t.branches?.reached} of ${t.branches?.total}`).join(', ');
  return ` In the functions the patch touches, as they were before it, they take ${sum('reached')} of the ${sum('total')} branches (${each}).`;
}

/** The review's sentences on what the suites reach, for text and HTML alike. */
export function reachSentences(r: EvaluationResult): { coverage: string; notExercised: string | null; unchanged: string } {
  const { reach } = r;
  const list = (names: readonly string[]) => names.join(', ');
  const called = reach.touched.filter((t) => t.suites.length > 0).map((t) => t.name);
  return {
    coverage:
      `The suites run call ${reach.functions.reached} of the ${reach.functions.total} functions the model ports of ${r.patch.base}` +
      (reach.branches === undefined ? '.' : ` and take ${reach.branches.reached} of the ${reach.branches.total} branches of its translated ones (both arms of each if, each case, each loop body).`) +
      touchedArms(reach),
    notExercised:
      reach.notExercised.length === 0 ? null : `Not exercised: ${list(reach.notExercised)}. No suite's runs call ${reach.notExercised.length === 1 ? 'it' : 'them'}, so this review says nothing about ${reach.notExercised.length === 1 ? 'that change' : 'those changes'}.`,
    unchanged:
      called.length === 0
        ? 'The patch did not change the modeled behaviour: every schedule ran exactly as it did without the patch, in every suite, and no suite calls what it changes.'
        : `The patch did not change the modeled behaviour: every schedule ran exactly as it did without the patch, in every suite. The suites do call ${list(called)}, but no schedule ran differently: the changed lines are on a path no workload or fault plan drives (an error branch, another configuration), or they change nothing the model observes.`,
  };
}

/**
 * For a finding that merges the KCSAN pair titles of one missing lock (verdicts/race-titles.ts):
 * "This line counts 2 KCSAN pair titles as one missing lock (throtl_data.x without its lock in
 * f(), ...): A; B", so a reader sees why the line counts more runs than its title alone would,
 * and why its report may name another partner. Null when it merged none.
 */
export function mergedTitlesNote(f: { raceKey?: string; mergedTitles?: readonly string[] }): string | null {
  if (f.raceKey === undefined || f.mergedTitles === undefined || f.mergedTitles.length < 2) return null;
  const at = f.raceKey.lastIndexOf(':');
  return `This line counts ${f.mergedTitles.length} KCSAN pair titles as one missing lock (${f.raceKey.slice(0, at)} without its lock in ${f.raceKey.slice(at + 1)}(), whichever access it met first): ${f.mergedTitles.join('; ')}`;
}
