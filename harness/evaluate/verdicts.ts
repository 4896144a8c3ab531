// Findings merged by title across all runs of an evaluation, each with its counts on both
// sides and a verdict. Accounting changes (statistics a patch lets drift on purpose) are kept
// apart from bugs.

import type { FindingKind } from '../../kernel-model/sim/findings.ts';
import type { Reproducer, RunRecord } from '../explore/runner.ts';
import { fisherExact, upperBound95 } from './stats.ts';

export type Verdict = 'fixed' | 'introduced' | 'persists' | 'behaviour-change';

export interface Side {
  hits: number;
  runs: number;
}

export interface MergedFinding {
  title: string;
  kind: FindingKind;
  verdict: Verdict;
  baseline: Side;
  patched: Side;
  /** Fisher's exact p-value for a different rate on the two sides. */
  pValue: number;
  significant: boolean;
  /** "upper bound at 95%" for a side with zero hits, as a fraction. */
  baselineUpper: number;
  patchedUpper: number;
  /** The kernel-format report from the first run that found it (the side that counts). */
  report: string;
  /** The first run that found it, to replay and shrink. */
  example: Reproducer & { seed: number; strategy: string };
  suites: string[];
  /** The counts suite by suite: a patch may fix one scenario and leave a variant broken. */
  bySuite: { suite: string; baseline: Side; patched: Side }[];
}

interface Acc {
  title: string;
  kind: FindingKind;
  baseline: number;
  patched: number;
  first: { baseline?: RunRecord; patched?: RunRecord };
  suites: Set<string>;
  hitsBySuite: Map<string, { baseline: number; patched: number }>;
}

/** Runs per variant, counted over the suites a finding was seen in. */
function runsIn(records: readonly RunRecord[], variant: 'baseline' | 'patched', suites: Set<string>): number {
  let n = 0;
  for (const r of records) if (r.variant === variant && suites.has(r.suite)) n++;
  return n;
}

/** The verdict and its statistics from the counts on both sides. */
export function judge(kind: FindingKind, baseline: Side, patched: Side): Pick<MergedFinding, 'verdict' | 'pValue' | 'significant' | 'baselineUpper' | 'patchedUpper'> {
  const pValue = fisherExact(baseline.hits, baseline.runs - baseline.hits, patched.hits, patched.runs - patched.hits);
  const verdict: Verdict =
    kind === 'accounting' ? 'behaviour-change' : baseline.hits === 0 ? 'introduced' : patched.hits === 0 ? 'fixed' : 'persists';
  return {
    verdict,
    pValue,
    significant: pValue < 0.05,
    baselineUpper: upperBound95(baseline.hits, baseline.runs),
    patchedUpper: upperBound95(patched.hits, patched.runs),
  };
}

export const VERDICT_ORDER: Record<Verdict, number> = { introduced: 0, persists: 1, fixed: 2, 'behaviour-change': 3 };

export function mergeFindings(records: readonly RunRecord[]): MergedFinding[] {
  const byTitle = new Map<string, Acc>();
  for (const r of records) {
    for (const f of r.findings) {
      let acc = byTitle.get(f.title);
      if (acc === undefined) {
        acc = { title: f.title, kind: f.kind, baseline: 0, patched: 0, first: {}, suites: new Set(), hitsBySuite: new Map() };
        byTitle.set(f.title, acc);
      }
      acc[r.variant]++;
      const perSuite = acc.hitsBySuite.get(r.suite) ?? { baseline: 0, patched: 0 };
      perSuite[r.variant]++;
      acc.hitsBySuite.set(r.suite, perSuite);
      acc.first[r.variant] ??= r;
      acc.suites.add(r.suite);
    }
  }
  const out: MergedFinding[] = [];
  for (const acc of byTitle.values()) {
    const baseline = { hits: acc.baseline, runs: runsIn(records, 'baseline', acc.suites) };
    const patched = { hits: acc.patched, runs: runsIn(records, 'patched', acc.suites) };
    // The example comes from the side that matters: where it still happens, else where it was.
    const example = (acc.first.patched ?? acc.first.baseline) as RunRecord;
    const report = example.findings.find((f) => f.title === acc.title)?.report ?? '';
    out.push({
      title: acc.title,
      kind: acc.kind,
      baseline,
      patched,
      ...judge(acc.kind, baseline, patched),
      report,
      example: { suite: example.suite, variant: example.variant, plan: example.plan, decisions: example.decisions, seed: example.seed, strategy: example.strategy },
      suites: [...acc.suites].sort(),
      bySuite: [...acc.suites].sort().map((suite) => {
        const h = acc.hitsBySuite.get(suite) ?? { baseline: 0, patched: 0 };
        const one = new Set([suite]);
        return { suite, baseline: { hits: h.baseline, runs: runsIn(records, 'baseline', one) }, patched: { hits: h.patched, runs: runsIn(records, 'patched', one) } };
      }),
    });
  }
  return out.sort((a, b) => VERDICT_ORDER[a.verdict] - VERDICT_ORDER[b.verdict] || a.title.localeCompare(b.title));
}
