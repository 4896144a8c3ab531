// The verdict words, defined once: their order in a report, their labels, and which of them a
// reply may put in its headline. The rules that choose them live in harness/verdicts/.
import { z } from 'zod';

/**
 * A finding's verdict in one suite:
 * - fixed / reduced: significantly fewer runs show it with the patch (none left / some left),
 *   counted over the patched runs that ran to their end;
 * - masked: it is gone only because the patched runs now end earlier on another problem;
 * - introduced / worsened: significantly more runs show it (absent / present before);
 * - persists: present on both sides at rates the patch does not change;
 * - inconclusive: a difference that stayed below significance after confirmation;
 * - behaviour-change: accounting a patch changes on purpose, not a bug.
 */
export const SuiteVerdictSchema = z.enum(['fixed', 'reduced', 'masked', 'introduced', 'worsened', 'persists', 'inconclusive', 'behaviour-change']);
export type SuiteVerdict = z.infer<typeof SuiteVerdictSchema>;

/**
 * A finding's verdict over all suites: the suite verdicts, plus partly-fixed (fixed in one
 * scenario, still present in another) and pre-existing (persists everywhere, and the patch was
 * not posted to fix it: a bug of the base tree).
 */
export const VerdictSchema = z.enum(['fixed', 'partly-fixed', 'reduced', 'masked', 'introduced', 'worsened', 'persists', 'pre-existing', 'inconclusive', 'behaviour-change']);
export type Verdict = z.infer<typeof VerdictSchema>;

export const VERDICT_LABEL: Record<Verdict, string> = {
  fixed: 'FIXED',
  'partly-fixed': 'PARTLY FIXED',
  reduced: 'REDUCED',
  masked: 'MASKED',
  introduced: 'INTRODUCED',
  worsened: 'WORSENED',
  persists: 'PERSISTS',
  'pre-existing': 'PRE-EXISTING',
  inconclusive: 'INCONCLUSIVE',
  'behaviour-change': 'CHANGED',
};

/** Report order: what the patch breaks first, then what it fixes, then what it leaves. */
export const VERDICT_ORDER: Record<Verdict, number> = {
  introduced: 0,
  worsened: 1,
  fixed: 2,
  'partly-fixed': 3,
  reduced: 4,
  masked: 5,
  persists: 6,
  'pre-existing': 7,
  inconclusive: 8,
  'behaviour-change': 9,
};

/** Verdicts that rest on a significant difference: only these may head a reply. */
export const SIGNIFICANT_VERDICTS: ReadonlySet<Verdict> = new Set(['fixed', 'partly-fixed', 'reduced', 'introduced', 'worsened']);

export function isBreakage(v: Verdict): boolean {
  return v === 'introduced' || v === 'worsened';
}

export function isFix(v: Verdict): boolean {
  return v === 'fixed' || v === 'partly-fixed' || v === 'reduced';
}
