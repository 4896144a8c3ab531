// One title per missing lock: KCSAN findings with the same race key are counted as one line
// under the pair title seen in the most runs (ties: the first in sorted order), over every run
// of both sides and every suite; different race keys stay apart. On constructed runs.
import { describe, expect, it } from 'vitest';
import type { RunDigest } from '../../harness/results/run-digest.ts';
import { raceTitles, sameFinding, unifyRaceTitles } from '../../harness/verdicts/race-titles.ts';
import { judge, runs } from '../helpers/digests.ts';

const A = 'KCSAN: data-race in throtl_add_bio_tg / throtl_schedule_delayed_work';
const B = 'KCSAN: data-race in throtl_schedule_delayed_work / throtl_schedule_delayed_work';
const C = 'KCSAN: data-race in blkiocg_update_stats / blkiocg_reset_stats';
const KEY = 'throtl_data.work:throtl_schedule_delayed_work';
const OTHER = 'blkio_group.stats:blkiocg_reset_stats';

/** The first `count` runs show `title` under `key`; the rest show nothing. */
function race(title: string, key: string, count: number): (i: number) => { titles: string[]; raceKeys?: Record<string, string> } {
  return (i) => (i < count ? { titles: [title], raceKeys: { [title]: key } } : { titles: [] });
}

/**
 * Constructed digests with race keys (the helper's runs() knows titles only): `n` runs from
 * index `first`, the k-th of them described by `at(k)`.
 */
function raceRuns(suite: string, variant: RunDigest['variant'], n: number, at: (k: number) => { titles: string[]; raceKeys?: Record<string, string> }, first = 0): RunDigest[] {
  return runs(suite, variant, n, (i) => at(i - first), first).map((d) => {
    const keys = at(d.index - first).raceKeys;
    return keys === undefined ? d : { ...d, raceKeys: keys };
  });
}

/** Runs of `side` whose reports include race `key`, whatever title. */
function runsWith(digests: readonly RunDigest[], variant: RunDigest['variant'], key: string): number {
  return digests.filter((d) => d.variant === variant && Object.values(d.raceKeys ?? {}).includes(key)).length;
}

describe('KCSAN lines by race key', () => {
  // The missing lock as seed 000 showed it: a patch that changes which partner is met first.
  // Baseline: 40 runs under A, 12 under B; patched: 10 under A, 45 under B (other run indices).
  const digests = [
    ...raceRuns('s', 'baseline', 40, race(A, KEY, 40)),
    ...raceRuns('s', 'baseline', 160, race(B, KEY, 12), 40),
    ...raceRuns('s', 'patched', 100, race(A, KEY, 10)),
    ...raceRuns('s', 'patched', 100, race(B, KEY, 45), 100),
  ];

  it('by pair title alone the partner change reads as two lines that moved', () => {
    const byTitle = judge(digests.map(({ raceKeys: _k, ...d }) => d));
    expect(byTitle.map((f) => f.title).sort()).toEqual([A, B]);
    expect(byTitle.find((f) => f.title === B)?.verdict).toBe('worsened');
  });

  it('two pair titles of one race key in different runs are one line with the combined hits', () => {
    const fs = judge(digests);
    expect(fs).toHaveLength(1);
    // A and B in 50 and 57 runs: B is the title; every run with the key counts under it, and
    // 52/200 -> 55/200 is no change.
    expect(fs[0].title).toBe(B);
    expect(fs[0].baseline.hits).toBe(runsWith(digests, 'baseline', KEY));
    expect(fs[0].patched.hits).toBe(runsWith(digests, 'patched', KEY));
    expect(fs[0].verdict).toBe('pre-existing');
  });

  it('the title is chosen over all suites and both sides, and lists what it merged', () => {
    // Suite t alone would call it A; over both suites B is seen in more runs.
    const more = [...digests, ...raceRuns('t', 'baseline', 30, race(A, KEY, 30)), ...raceRuns('t', 'patched', 30, race(A, KEY, 20))];
    const { titles } = unifyRaceTitles(more);
    const counts = (title: string) => more.filter((d) => d.titles.includes(title)).length;
    expect(titles.titleOf({ title: A, raceKey: KEY })).toBe(counts(A) > counts(B) ? A : B);
    expect(titles.pairTitlesOf(titles.titleOf({ title: A, raceKey: KEY }))).toEqual([A, B].sort());
    const fs = judge(more);
    expect(fs).toHaveLength(1);
    expect(fs[0].suites).toEqual(['s', 't']);
  });

  it('two different race keys stay two lines', () => {
    const two = [...raceRuns('s', 'baseline', 50, race(A, KEY, 20)), ...raceRuns('s', 'patched', 50, race(C, OTHER, 20))];
    const fs = judge(two);
    expect(fs.map((f) => f.title).sort()).toEqual([A, C].sort());
    expect(fs.find((f) => f.title === A)?.patched.hits).toBe(0);
    expect(fs.find((f) => f.title === C)?.baseline.hits).toBe(0);
  });

  it('a tie goes to the first pair title in sorted order, in whatever order the runs come', () => {
    const tied = [...raceRuns('s', 'baseline', 10, race(B, KEY, 10)), ...raceRuns('s', 'patched', 10, race(A, KEY, 10))];
    const first = [A, B].sort()[0];
    expect(raceTitles(tied.map((d) => d.titles.map((title) => ({ title, raceKey: d.raceKeys?.[title] })))).titleOf({ title: B, raceKey: KEY })).toBe(first);
    expect(judge(tied).map((f) => f.title)).toEqual([first]);
    expect(judge([...tied].reverse()).map((f) => f.title)).toEqual([first]);
  });

  it('a run counts once per race key, and its reports keep their order with other titles', () => {
    const one: RunDigest = { suite: 's', variant: 'baseline', index: 0, titles: ['BUG: x', A, B], raceKeys: { [A]: KEY, [B]: KEY }, endedBy: null, hash: 0 };
    const other: RunDigest = { ...one, index: 1, titles: [B], raceKeys: { [B]: KEY } };
    // Run 0 counts once for the key, under the first title it showed it by (A): A and B then
    // tie at one run each, and A comes first in sorted order. Counted under each title it
    // showed, B would lead two runs to one.
    const { digests: out } = unifyRaceTitles([one, other]);
    expect([A, B].sort()[0]).toBe(A);
    expect(out[0].titles).toEqual(['BUG: x', A]);
    expect(out[0].raceKeys).toEqual({ [A]: KEY });
    expect(out[1].titles).toEqual([A]);
  });

  it('a replay reproduces a race by its key, whatever partner; anything else by its title', () => {
    expect(sameFinding({ title: A, raceKey: KEY }, { title: B, raceKey: KEY })).toBe(true);
    expect(sameFinding({ title: B, raceKey: OTHER }, { title: B, raceKey: KEY })).toBe(false);
    expect(sameFinding({ title: 'BUG: x' }, { title: 'BUG: x' })).toBe(true);
    expect(sameFinding({ title: 'BUG: y' }, { title: 'BUG: x' })).toBe(false);
  });
});
