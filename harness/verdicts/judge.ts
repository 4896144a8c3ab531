// The verdict rules. judgeSuite() decides a finding's verdict in one suite from its counts;
// combine() decides its verdict over all suites. Both are pure: the evaluation, the nightly and
// the tests call the same functions on the same counts.
import type { FindingKind, Side } from '../results/finding.ts';
import type { SuiteVerdict, Verdict } from '../results/verdicts.ts';
import { compare } from './significance.ts';
import type { TitleTally } from './tally.ts';

export interface SuiteJudgement {
  verdict: SuiteVerdict;
  pValue: number;
  significant: boolean;
  alpha: number;
  /** A difference not yet significant: more schedules could settle it (confirm.ts). */
  pending: boolean;
  /** For masked: the report that ended the patched runs first. */
  maskedBy: string | null;
  /** More common with the patch only because baseline runs ended earlier on this report. */
  revealedBy: string | null;
}

export interface SuiteCounts {
  kind: FindingKind;
  baseline: Side;
  patched: Side;
  eligible: TitleTally['eligible'];
  cutters: TitleTally['cutters'];
  eligibleUp: TitleTally['eligibleUp'];
  uncovered: TitleTally['uncovered'];
}

/**
 * `final` is false while confirmation may still add schedules: a pending difference is then
 * reported as inconclusive for now; once final, it is inconclusive (absent on one side),
 * persists (present on both at rates not shown to differ), or masked.
 */
export function judgeSuite(c: SuiteCounts, alpha: number, final: boolean): SuiteJudgement {
  const all = compare(c.baseline, c.patched, alpha);
  const settled = (verdict: SuiteVerdict, pValue = all.pValue, significant = all.significant): SuiteJudgement => ({ verdict, pValue, significant, alpha, pending: false, maskedBy: null, revealedBy: null });
  const open = (verdict: SuiteVerdict, maskedBy: string | null = null, pValue = all.pValue): SuiteJudgement => ({ verdict, pValue, significant: false, alpha, pending: !final, maskedBy, revealedBy: null });

  if (c.kind === 'accounting') return all.significant ? settled('behaviour-change') : open('inconclusive');
  if (all.direction === 'none') return settled('persists', all.pValue, false);
  if (all.direction === 'up') {
    if (all.significant) {
      // More common with the patch: counted over the pairs whose baseline run got to its end,
      // so that baseline runs stopped earlier by another problem (which could not show it) do
      // not make a pre-existing problem look worse.
      const u = c.eligibleUp;
      const fairUp = compare({ hits: u.baselineHits, runs: u.runs }, { hits: u.patchedHits, runs: u.runs }, alpha);
      const hidden = c.uncovered.reduce((n, x) => n + x.runs, 0);
      if (c.baseline.hits > 0 && hidden > 0 && !(fairUp.significant && fairUp.direction === 'up')) {
        return { ...settled('persists', fairUp.pValue, false), revealedBy: (c.uncovered[0] as { title: string }).title };
      }
      return settled(c.baseline.hits === 0 ? 'introduced' : 'worsened');
    }
    return open(c.baseline.hits === 0 ? 'inconclusive' : 'persists');
  }
  // Rarer with the patch: count only the pairs whose patched run got to its end.
  const e = c.eligible;
  const fair = compare({ hits: e.baselineHits, runs: e.runs }, { hits: e.patchedHits, runs: e.runs }, alpha);
  if (fair.significant && fair.direction === 'down') return settled(c.patched.hits === 0 ? 'fixed' : 'reduced', fair.pValue, true);
  const cut = c.cutters.reduce((n, x) => n + x.runs, 0);
  // Masked: its p-value is the one over the pairs that ran to their end, the one that fell short.
  if (cut > 0 && (all.significant || c.patched.hits === 0)) return open('masked', c.cutters[0].title, fair.pValue);
  return open(c.patched.hits === 0 ? 'inconclusive' : 'persists');
}

export interface Combined {
  verdict: Verdict;
  /** The p-value the verdict rests on: the weakest of the suites that carry it. */
  pValue: number;
  significant: boolean;
  maskedBy: string | null;
  revealedBy: string | null;
}

/**
 * The verdict over all suites a finding was seen in. `postedFor` marks a finding the patch was
 * posted to fix: unchanged, it PERSISTS; any other unchanged finding is PRE-EXISTING.
 */
export function combine(suites: readonly (SuiteJudgement & { patched: Side })[], totalPValue: number, totalBaselineHits: number, postedFor: boolean): Combined {
  const withVerdict = (vs: SuiteVerdict[]): (SuiteJudgement & { patched: Side })[] => suites.filter((s) => vs.includes(s.verdict));
  const carried = (verdict: Verdict, by: SuiteJudgement[]): Combined => ({ verdict, pValue: Math.max(...by.map((s) => s.pValue)), significant: true, maskedBy: null, revealedBy: null });
  const open = (verdict: Verdict, maskedBy: string | null = null): Combined => ({ verdict, pValue: totalPValue, significant: false, maskedBy, revealedBy: null });

  const changes = withVerdict(['behaviour-change']);
  if (changes.length > 0) return carried('behaviour-change', changes);
  const worse = withVerdict(['introduced', 'worsened']);
  if (worse.length > 0) return carried(totalBaselineHits === 0 ? 'introduced' : 'worsened', worse);
  const better = withVerdict(['fixed', 'reduced']);
  if (better.length > 0) {
    const others = suites.filter((s) => s.verdict !== 'fixed' && s.verdict !== 'reduced');
    if (others.some((s) => s.patched.hits > 0)) return carried('partly-fixed', better);
    if (better.every((s) => s.verdict === 'reduced')) return carried('reduced', better);
    // Fixed somewhere and only reduced elsewhere: still present in that scenario.
    return carried(better.some((s) => s.verdict === 'reduced') ? 'partly-fixed' : 'fixed', better);
  }
  // Masked only where nothing else shows it on the patched side: a finding the patched runs of
  // another scenario still report is present with the patch, whatever one scenario's cut runs hid.
  const masked = withVerdict(['masked']);
  const seenPatched = suites.some((s) => s.verdict !== 'masked' && s.patched.hits > 0);
  if (masked.length > 0 && !seenPatched) return { verdict: 'masked', pValue: Math.max(...masked.map((s) => s.pValue)), significant: false, maskedBy: masked[0].maskedBy, revealedBy: null };
  // Present on both sides: in a scenario at rates not shown to differ, or in the base tree where
  // one scenario's cut runs hid it and with the patch in another's.
  const persisting = withVerdict(['persists']);
  if (persisting.length > 0 || masked.length > 0) return { ...open(postedFor ? 'persists' : 'pre-existing'), revealedBy: persisting.find((s) => s.revealedBy !== null)?.revealedBy ?? null };
  return open('inconclusive');
}
