// How counts and p-values read in every report (text, HTML, digest, dashboard): one wording.
import { upperBound95 } from '../verdicts/stats.ts';
import type { Side } from './finding.ts';

/** A rate as the report prints it: "37/1000", plus "(<0.3% at 95%)" for a zero count. */
export function formatCount(hits: number, runs: number): string {
  if (hits > 0 || runs === 0) return `${hits}/${runs}`;
  const ub = upperBound95(0, runs) * 100;
  return `0/${runs} (<${ub < 1 ? ub.toFixed(1) : ub.toFixed(0)}% at 95%)`;
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
