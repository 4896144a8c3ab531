// Every finding of an evaluation (or a nightly patch) judged from its suites' tallies: the
// per-suite verdicts, the verdict over all suites, what followed it, what masked it. The
// evaluation and the nightly both call judgeFindings(), so they use the same rules.
import type { FindingKind, Follower, Side } from '../results/finding.ts';
import type { SuiteVerdict, Verdict } from '../results/verdicts.ts';
import { VERDICT_ORDER } from '../results/verdicts.ts';
import { combine, judgeSuite } from './judge.ts';
import { alphaAt, compare } from './significance.ts';
import type { SuiteTally } from './tally.ts';

export interface SuiteOutcome {
  suite: string;
  baseline: Side;
  patched: Side;
  verdict: SuiteVerdict;
  pValue: number;
  significant: boolean;
  alpha: number;
  /** Pairs whose patched run got to its end (the runs a "fixed" rests on). */
  eligible: { runs: number; baselineHits: number; patchedHits: number };
  maskedBy: string | null;
  revealedBy: string | null;
  pending: boolean;
}

export interface JudgedFinding {
  title: string;
  kind: FindingKind;
  verdict: Verdict;
  baseline: Side;
  patched: Side;
  pValue: number;
  significant: boolean;
  alpha: number;
  maskedBy: string | null;
  revealedBy: string | null;
  postedFor: boolean;
  suites: string[];
  bySuite: SuiteOutcome[];
  followedBy: Follower[];
}

export interface JudgeInput {
  tallies: readonly SuiteTally[];
  /** Looks each suite has had (1 without confirmation). */
  looks: ReadonlyMap<string, number>;
  kinds: ReadonlyMap<string, FindingKind>;
  /** Titles of what the patch was posted to fix. */
  postedFor: ReadonlySet<string>;
  /** False while confirmation may still add schedules. */
  final: boolean;
}

function sum(sides: readonly Side[]): Side {
  return { hits: sides.reduce((n, s) => n + s.hits, 0), runs: sides.reduce((n, s) => n + s.runs, 0) };
}

function mergeFollowers(lists: readonly { title: string; baseline: number; patched: number }[][]): Follower[] {
  const byTitle = new Map<string, Follower>();
  for (const f of lists.flat()) {
    const c = byTitle.get(f.title) ?? { title: f.title, baseline: 0, patched: 0 };
    c.baseline += f.baseline;
    c.patched += f.patched;
    byTitle.set(f.title, c);
  }
  return [...byTitle.values()].sort((a, b) => b.baseline + b.patched - (a.baseline + a.patched) || a.title.localeCompare(b.title));
}

export function judgeFindings(input: JudgeInput): JudgedFinding[] {
  const titles = [...new Set(input.tallies.flatMap((t) => [...t.titles.keys()]))].sort();
  const out: JudgedFinding[] = [];
  for (const title of titles) {
    const kind = input.kinds.get(title) ?? 'bug';
    const bySuite: SuiteOutcome[] = [];
    const followers = [];
    for (const t of input.tallies) {
      const c = t.titles.get(title);
      if (c === undefined) continue;
      const alpha = alphaAt(input.looks.get(t.suite) ?? 1);
      const j = judgeSuite({ kind, baseline: c.baseline, patched: c.patched, eligible: c.eligible, cutters: c.cutters, eligibleUp: c.eligibleUp, uncovered: c.uncovered }, alpha, input.final);
      bySuite.push({ suite: t.suite, baseline: c.baseline, patched: c.patched, eligible: c.eligible, ...j });
      followers.push(c.followers);
    }
    const baseline = sum(bySuite.map((s) => s.baseline));
    const patched = sum(bySuite.map((s) => s.patched));
    const alpha = Math.min(...bySuite.map((s) => s.alpha));
    const total = compare(baseline, patched, alpha);
    const postedFor = input.postedFor.has(title);
    const c = combine(bySuite, total.pValue, baseline.hits, postedFor);
    out.push({
      title,
      kind,
      verdict: c.verdict,
      baseline,
      patched,
      pValue: c.pValue,
      significant: c.significant,
      alpha,
      maskedBy: c.maskedBy,
      revealedBy: c.revealedBy,
      postedFor,
      suites: bySuite.map((s) => s.suite),
      bySuite,
      followedBy: mergeFollowers(followers),
    });
  }
  return out.sort((a, b) => Number(b.postedFor) - Number(a.postedFor) || VERDICT_ORDER[a.verdict] - VERDICT_ORDER[b.verdict] || a.title.localeCompare(b.title));
}

/** Suites in which some finding's difference is not yet settled: confirmation runs these. */
export function pendingSuites(findings: readonly JudgedFinding[]): string[] {
  return [...new Set(findings.flatMap((f) => f.bySuite.filter((s) => s.pending).map((s) => s.suite)))].sort();
}

/** A judged finding as result files store it: the verdict, its counts and its scope. */
export function verdictFields(j: JudgedFinding) {
  return {
    title: j.title,
    kind: j.kind,
    verdict: j.verdict,
    baseline: j.baseline,
    patched: j.patched,
    pValue: j.pValue,
    significant: j.significant,
    alpha: j.alpha,
    bySuite: j.bySuite.map(({ pending: _pending, ...s }) => s),
    maskedBy: j.maskedBy,
    revealedBy: j.revealedBy,
    followedBy: j.followedBy,
  };
}
