// One title per missing lock. KCSAN's title names the two functions of a race ("data-race in
// A / B"), but the model reports a missing lock once per run, titled by the first other access
// the unlocked one met: which partner that is depends on the schedule, so one missing lock
// shows under several pair titles, and a patch that only changes which partner comes first
// would move the race from one verdict line to another (a change of partner, not more racing).
// The race key (kernel-model/kernel/kcsan.ts: the struct member and the function that went
// without the lock) does not depend on the partner. So, over ALL runs of an evaluation or a
// nightly patch (baseline and patched, every suite), each race key gets one title: the pair
// title it showed in the most runs, ties to the first in sorted order. Every consumer that
// counts titles (evaluate, the nightly, `run`, `replay`) goes through here.
import type { RunDigest } from '../results/run-digest.ts';

/** A report as the grouping sees it: its own (pair) title, and a data race's race key. */
export interface RaceTitled {
  title: string;
  raceKey?: string;
}

export interface RaceTitles {
  /** The title a report is counted under: its race key's for a data race, else its own. */
  titleOf(report: RaceTitled): string;
  /** The pair titles seen under a title, sorted: more than one when it merged them. */
  pairTitlesOf(title: string): string[];
  /** A run's digest with its races retitled (each title once, in the run's order). */
  digest(d: RunDigest): RunDigest;
}

/** One of a digest's titles with its race key, if it is a race. */
function reportIn(d: RunDigest, title: string): RaceTitled {
  return { title, raceKey: d.raceKeys?.[title] };
}

/** A digest's reports with their race keys, in the order the run gave them. */
export function digestReports(d: RunDigest): RaceTitled[] {
  return d.titles.map((title) => reportIn(d, title));
}

/**
 * Whether `report` is the finding `target`: the same race (any partner) for a data race, the
 * same title for anything else. A replay or a shrink checks a reproducer with this.
 */
export function sameFinding(report: RaceTitled, target: RaceTitled): boolean {
  return target.raceKey === undefined ? report.title === target.title : report.raceKey === target.raceKey;
}

/** The title of each race key in `runs` (each run: its reports), and what each title merged. */
export function raceTitles(runs: Iterable<readonly RaceTitled[]>): RaceTitles {
  // Runs per pair title, per race key; a run counts once per race key.
  const runsByKey = new Map<string, Map<string, number>>();
  for (const reports of runs) {
    const counted = new Set<string>();
    for (const r of reports) {
      if (r.raceKey === undefined || counted.has(r.raceKey)) continue;
      counted.add(r.raceKey);
      const byTitle = runsByKey.get(r.raceKey) ?? new Map<string, number>();
      byTitle.set(r.title, (byTitle.get(r.title) ?? 0) + 1);
      runsByKey.set(r.raceKey, byTitle);
    }
  }
  const titleOfKey = new Map<string, string>();
  const pairTitles = new Map<string, Set<string>>();
  for (const [key, byTitle] of runsByKey) {
    // Sorted first, so the strict comparison leaves a tie to the first title in sorted order.
    let chosen = '';
    let most = 0;
    for (const title of [...byTitle.keys()].sort()) {
      const n = byTitle.get(title) as number;
      if (n > most) [chosen, most] = [title, n];
    }
    titleOfKey.set(key, chosen);
    const merged = pairTitles.get(chosen) ?? new Set<string>();
    for (const title of byTitle.keys()) merged.add(title);
    pairTitles.set(chosen, merged);
  }

  const titleOf = (r: RaceTitled): string => (r.raceKey === undefined ? r.title : (titleOfKey.get(r.raceKey) ?? r.title));
  return {
    titleOf,
    pairTitlesOf: (title) => [...(pairTitles.get(title) ?? [title])].sort(),
    digest(d) {
      if (d.raceKeys === undefined) return d;
      const titles: string[] = [];
      const raceKeys: Record<string, string> = {};
      for (const r of digestReports(d)) {
        const title = titleOf(r);
        if (titles.includes(title)) continue;
        titles.push(title);
        if (r.raceKey !== undefined) raceKeys[title] = r.raceKey;
      }
      return { ...d, titles, raceKeys, endedBy: d.endedBy === null ? null : titleOf(reportIn(d, d.endedBy)) };
    },
  };
}

/** Digests with every race under its race key's title, and the grouping that did it. */
export function unifyRaceTitles(digests: readonly RunDigest[]): { digests: RunDigest[]; titles: RaceTitles } {
  const titles = raceTitles(digests.map(digestReports));
  return { digests: digests.map((d) => titles.digest(d)), titles };
}
