// When a difference counts: Fisher's exact test, two-sided, at p < 0.01. A difference that is
// not significant at the first look is confirmed with more schedules (confirm.ts), and every
// further look spends part of a second 0.01: 0.01 / CONFIRMATION_ROUNDS each (Bonferroni), so
// over all looks the chance that a verdict rests on noise stays below 2%.
import type { Side } from '../results/finding.ts';
import { fisherExact } from './stats.ts';

export const TEST_NAME = "Fisher's exact test, two-sided";
export const ALPHA = 0.01;
/** Confirmation adds 1, 2, 4 and then 2 more budgets: 10x the default budget at most. */
export const CONFIRMATION_STEPS: readonly number[] = [1, 2, 4, 2];
export const CONFIRMATION_ROUNDS = CONFIRMATION_STEPS.length;
export const CONFIRMATION_CAP = 1 + CONFIRMATION_STEPS.reduce((a, b) => a + b, 0);

/** The level a comparison is held to, given how many looks its suite has had. */
export function alphaAt(looks: number): number {
  return looks <= 1 ? ALPHA : ALPHA / CONFIRMATION_ROUNDS;
}

export interface Comparison {
  pValue: number;
  /** Which way the rate moved from a to b ('none' for equal rates). */
  direction: 'up' | 'down' | 'none';
  significant: boolean;
}

function rate(s: Side): number {
  return s.runs === 0 ? 0 : s.hits / s.runs;
}

export function compare(a: Side, b: Side, alpha: number): Comparison {
  const pValue = fisherExact(a.hits, a.runs - a.hits, b.hits, b.runs - b.hits);
  const ra = rate(a);
  const rb = rate(b);
  const direction = rb > ra ? 'up' : rb < ra ? 'down' : 'none';
  return { pValue, direction, significant: direction !== 'none' && pValue < alpha };
}
