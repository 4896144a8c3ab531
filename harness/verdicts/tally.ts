// Counting a suite's runs for the verdict rules. A title that leads a run (the run's first
// report) is a finding; reports after it in the same run are its followers, shown under it.
// A finding's count on a side is the runs in which it was reported at all, so a finding that
// now comes second (after a new report) still counts as present.
//
// Baseline and patched run i share a seed, so the two sides pair up by index. For a finding
// that became rarer, the fair comparison is over the pairs whose patched run got to the end:
// a patched run stopped early by another problem (a hang, an oops, KASAN) could not have shown
// it. `eligible` counts those pairs; `cutters` names what stopped the others. The mirror holds
// for a title that became more common: over the pairs whose baseline run got to its end
// (`eligibleUp`); `uncovered` names what stopped the others on the baseline side.
import type { RunDigest } from '../results/run-digest.ts';
import type { Side } from '../results/finding.ts';
import { type RaceTitles, unifyRaceTitles } from './race-titles.ts';

export interface EligiblePairs {
  runs: number;
  baselineHits: number;
  patchedHits: number;
}

export interface TitleTally {
  title: string;
  baseline: Side;
  patched: Side;
  /** Runs this title led (was the first report of), per side. */
  led: { baseline: number; patched: number };
  eligible: EligiblePairs;
  /** What ended the patched runs that could not show it, by title, most frequent first. */
  cutters: { title: string; runs: number }[];
  /** Pairs whose baseline run got to its end (the runs a "worsened" rests on). */
  eligibleUp: EligiblePairs;
  /** What ended the baseline runs that could not show it. */
  uncovered: { title: string; runs: number }[];
  /** Reports that followed it in the runs it led, with their counts per side. */
  followers: { title: string; baseline: number; patched: number }[];
}

export interface SuiteTally {
  suite: string;
  runs: { baseline: number; patched: number };
  /** Paired runs whose patched run did something different (schedule or reports). */
  changedSchedules: number;
  pairedRuns: number;
  titles: Map<string, TitleTally>;
}

function byIndex(runs: readonly RunDigest[]): Map<number, RunDigest> {
  return new Map(runs.map((r) => [r.index, r]));
}

function bump(m: Map<string, number>, key: string): void {
  m.set(key, (m.get(key) ?? 0) + 1);
}

function sortedCounts(m: Map<string, number>): { title: string; runs: number }[] {
  return [...m].map(([title, runs]) => ({ title, runs })).sort((a, b) => b.runs - a.runs || a.title.localeCompare(b.title));
}

/** The titles that lead some run: the findings. Only these get counts of their own. */
export function leadingTitles(runs: readonly RunDigest[]): Set<string> {
  const leaders = new Set<string>();
  for (const r of runs) if (r.titles.length > 0) leaders.add(r.titles[0]);
  return leaders;
}

/**
 * Counts every finding in `leaders` (the titles that lead a run in any suite) that this suite's
 * runs reported, so a finding that leads elsewhere is counted here even where it only follows.
 */
export function tallySuite(suite: string, baseline: readonly RunDigest[], patched: readonly RunDigest[], leaders: ReadonlySet<string>): SuiteTally {
  const b = byIndex(baseline);
  const p = byIndex(patched);
  const pairs = [...b.keys()].filter((i) => p.has(i)).sort((x, y) => x - y);
  const reported = new Set([...baseline, ...patched].flatMap((r) => r.titles));

  const titles = new Map<string, TitleTally>();
  for (const title of [...leaders].filter((t) => reported.has(t)).sort()) {
    const seen = (runs: readonly RunDigest[]): number => runs.filter((r) => r.titles.includes(title)).length;
    const led = (runs: readonly RunDigest[]): number => runs.filter((r) => r.titles[0] === title).length;
    const followers = new Map<string, { baseline: number; patched: number }>();
    for (const [side, runs] of [['baseline', baseline], ['patched', patched]] as const) {
      for (const r of runs) {
        if (r.titles[0] !== title) continue;
        for (const f of new Set(r.titles.slice(1))) {
          const c = followers.get(f) ?? { baseline: 0, patched: 0 };
          c[side]++;
          followers.set(f, c);
        }
      }
    }
    const eligible: EligiblePairs = { runs: 0, baselineHits: 0, patchedHits: 0 };
    const eligibleUp: EligiblePairs = { runs: 0, baselineHits: 0, patchedHits: 0 };
    const cutters = new Map<string, number>();
    const uncovered = new Map<string, number>();
    for (const i of pairs) {
      const pr = p.get(i) as RunDigest;
      const br = b.get(i) as RunDigest;
      const has = pr.titles.includes(title);
      const had = br.titles.includes(title);
      if (!had && br.endedBy !== null && br.endedBy !== title) bump(uncovered, br.endedBy);
      else {
        eligibleUp.runs++;
        if (had) eligibleUp.baselineHits++;
        if (has) eligibleUp.patchedHits++;
      }
      if (!has && pr.endedBy !== null && pr.endedBy !== title) {
        bump(cutters, pr.endedBy);
        continue;
      }
      eligible.runs++;
      if (had) eligible.baselineHits++;
      if (has) eligible.patchedHits++;
    }
    titles.set(title, {
      title,
      baseline: { hits: seen(baseline), runs: baseline.length },
      patched: { hits: seen(patched), runs: patched.length },
      led: { baseline: led(baseline), patched: led(patched) },
      eligible,
      cutters: sortedCounts(cutters),
      eligibleUp,
      uncovered: sortedCounts(uncovered),
      followers: [...followers].map(([t, c]) => ({ title: t, ...c })).sort((x, y) => y.baseline + y.patched - (x.baseline + x.patched) || x.title.localeCompare(y.title)),
    });
  }
  const changedSchedules = pairs.filter((i) => (b.get(i) as RunDigest).hash !== (p.get(i) as RunDigest).hash).length;
  return { suite, runs: { baseline: baseline.length, patched: patched.length }, changedSchedules, pairedRuns: pairs.length, titles };
}

/**
 * Every suite of an evaluation or a nightly patch tallied from all its runs (both sides): data
 * races first retitled, one title per race key over all of them (race-titles.ts), then each
 * suite counted with the findings that lead a run anywhere. The grouping comes back too, for
 * whatever maps a run's own reports to the lines they were counted under.
 */
export function tallySuites(suites: readonly string[], digests: readonly RunDigest[]): { tallies: SuiteTally[]; raceTitles: RaceTitles } {
  const unified = unifyRaceTitles(digests);
  const leaders = leadingTitles(unified.digests);
  const of = (suite: string, variant: RunDigest['variant']): RunDigest[] => unified.digests.filter((d) => d.suite === suite && d.variant === variant);
  return { tallies: suites.map((s) => tallySuite(s, of(s, 'baseline'), of(s, 'patched'), leaders)), raceTitles: unified.titles };
}
