// Every verdict rule proven on constructed runs, where it applies and where it must not.
import { describe, expect, it } from 'vitest';
import { leadingTitles, tallySuite } from '../../harness/verdicts/tally.ts';
import { hits, judge, runs } from '../helpers/digests.ts';

/** A report the patch brings in, and a run that stops on it before anything else shows. */
const NEW_UAF = 'KASAN: use-after-free Read in y';
const cutBy = (title: string) => () => ({ titles: [title], endedBy: title });

const find = (fs: ReturnType<typeof judge>, title: string) => {
  const f = fs.find((x) => x.title === title);
  if (f === undefined) throw new Error(`no finding ${title}`);
  return f;
};

describe('significance before a verdict', () => {
  it('0/150 -> 5/150 (p = 0.06) is not INTRODUCED: inconclusive once final, pending before', () => {
    const d = [...runs('s', 'baseline', 150, () => ({})), ...runs('s', 'patched', 150, hits('KASAN: double-free or invalid-free in x', 5))];
    expect(find(judge(d), 'KASAN: double-free or invalid-free in x')).toMatchObject({ verdict: 'inconclusive', significant: false });
    expect(find(judge(d, { final: false }), 'KASAN: double-free or invalid-free in x').bySuite[0].pending).toBe(true);
  });

  it('0/200 -> 20/200 is INTRODUCED, with the p-value it rests on', () => {
    const d = [...runs('s', 'baseline', 200, () => ({})), ...runs('s', 'patched', 200, hits('bug', 20))];
    const f = find(judge(d), 'bug');
    expect(f).toMatchObject({ verdict: 'introduced', significant: true });
    expect(f.pValue).toBeLessThan(0.01);
  });

  it('1/200 -> 0/200 is not FIXED: inconclusive', () => {
    const d = [...runs('s', 'baseline', 200, hits('rare', 1)), ...runs('s', 'patched', 200, () => ({}))];
    expect(find(judge(d), 'rare').verdict).toBe('inconclusive');
  });

  it('a confirmation look is held to a stricter level', () => {
    // 0/400 -> 9/400: p = 0.0037, below 0.01 but above 0.01 / 4.
    const d = [...runs('s', 'baseline', 400, () => ({})), ...runs('s', 'patched', 400, hits('bug', 9))];
    expect(find(judge(d, { looks: { s: 1 } }), 'bug').verdict).toBe('introduced');
    expect(find(judge(d, { looks: { s: 3 } }), 'bug').verdict).toBe('inconclusive');
  });
});

describe('worse and masked', () => {
  it('a finding present in the baseline whose rate rises significantly is WORSENED, not PERSISTS', () => {
    const t = 'BUG: sleeping function called from invalid context in blkio_alloc_blkg_stats';
    const d = [...runs('s', 'baseline', 500, hits(t, 1)), ...runs('s', 'patched', 500, hits(t, 493))];
    expect(find(judge(d), t).verdict).toBe('worsened');
  });

  it('the same rate on both sides PERSISTS (pre-existing when not what the patch was posted for)', () => {
    const d = [...runs('s', 'baseline', 200, hits('old', 31)), ...runs('s', 'patched', 200, hits('old', 31))];
    expect(find(judge(d), 'old').verdict).toBe('pre-existing');
    expect(find(judge(d, { postedFor: ['old'] }), 'old').verdict).toBe('persists');
  });

  it('gone only because the patched runs end earlier on a new problem: MASKED, by it', () => {
    const d = [
      ...runs('s', 'baseline', 200, hits('leak', 60)),
      // Every patched run stops on a new KASAN report before the leak check could run.
      ...runs('s', 'patched', 200, cutBy(NEW_UAF)),
    ];
    const f = find(judge(d), 'leak');
    expect(f).toMatchObject({ verdict: 'masked', maskedBy: 'KASAN: use-after-free Read in y', significant: false });
    expect(find(judge(d), 'KASAN: use-after-free Read in y').verdict).toBe('introduced');
  });

  it('the same counts with patched runs that reach their end: FIXED', () => {
    const d = [...runs('s', 'baseline', 200, hits('leak', 60)), ...runs('s', 'patched', 200, () => ({ titles: ['KASAN: use-after-free Read in y'] }))];
    expect(find(judge(d), 'leak').verdict).toBe('fixed');
  });

  it('more common with the patch only because baseline runs ended earlier on another problem: PRE-EXISTING, revealed', () => {
    // Baseline: half the runs hang before the leak check; the others leak at 40%. Patched: no
    // hang, and the leak at the same 40% of every run.
    const d = [
      ...runs('s', 'baseline', 300, (i) => (i % 2 === 0 ? { titles: ['INFO: task hung in x'], endedBy: 'INFO: task hung in x' } : i % 5 < 2 ? { titles: ['leak'] } : {})),
      ...runs('s', 'patched', 300, (i) => (i % 5 < 2 ? { titles: ['leak'] } : {})),
    ];
    const f = find(judge(d), 'leak');
    expect(f).toMatchObject({ verdict: 'pre-existing', revealedBy: 'INFO: task hung in x', significant: false });
    expect(f.patched.hits).toBeGreaterThan(f.baseline.hits * 1.5);
  });

  it('the same rise with baseline runs that reach their end: WORSENED', () => {
    const d = [
      ...runs('s', 'baseline', 300, (i) => (i % 2 === 0 ? { titles: ['INFO: task hung in x'] } : i % 5 < 2 ? { titles: ['leak'] } : {})),
      ...runs('s', 'patched', 300, (i) => (i % 5 < 4 ? { titles: ['leak'] } : {})),
    ];
    expect(find(judge(d), 'leak')).toMatchObject({ verdict: 'worsened', revealedBy: null });
  });

  it('some patched runs cut short, enough of them reach the end: FIXED over those', () => {
    const d = [
      ...runs('s', 'baseline', 200, hits('deadlock', 100)),
      ...runs('s', 'patched', 200, (i) => (i % 4 === 0 ? { titles: ['new'], endedBy: 'new' } : {})),
    ];
    const f = find(judge(d), 'deadlock');
    expect(f.verdict).toBe('fixed');
    expect(f.bySuite[0].eligible.runs).toBe(150);
  });
});

describe('scope', () => {
  it('fixed in one scenario and present in others is PARTLY FIXED, with per-suite verdicts', () => {
    const t = 'INFO: task hung in snapshot_map';
    const d = [
      ...runs('split', 'baseline', 200, hits(t, 33)),
      ...runs('split', 'patched', 200, () => ({})),
      ...runs('split-kmalloc', 'baseline', 200, hits(t, 31)),
      ...runs('split-kmalloc', 'patched', 200, hits(t, 31)),
    ];
    const f = find(judge(d, { postedFor: [t] }), t);
    expect(f.verdict).toBe('partly-fixed');
    expect(f.bySuite.map((s) => [s.suite, s.verdict])).toEqual([
      ['split', 'fixed'],
      ['split-kmalloc', 'persists'],
    ]);
  });

  it('masked in one scenario and present on both sides in another is PRE-EXISTING, the masked scenario named per suite', () => {
    const t = 'BUG: unable to handle kernel NULL pointer dereference in x';
    const d = [
      ...runs('switch', 'baseline', 400, hits(t, 200)),
      ...runs('switch', 'patched', 400, hits(t, 210)),
      ...runs('gen', 'baseline', 200, hits(t, 30)),
      // Every patched run of the generated program stops on a new report first.
      ...runs('gen', 'patched', 200, cutBy(NEW_UAF)),
    ];
    const f = find(judge(d), t);
    expect(f.verdict).toBe('pre-existing');
    expect(Object.fromEntries(f.bySuite.map((s) => [s.suite, s.verdict]))).toEqual({ switch: 'persists', gen: 'masked' });
  });

  it('masked in one scenario and seen with the patch only in a scenario whose baseline lacked it is PRE-EXISTING too', () => {
    const t = 'INFO: task hung in x';
    const d = [
      ...runs('a', 'baseline', 200, hits(t, 60)),
      ...runs('a', 'patched', 200, cutBy(NEW_UAF)),
      ...runs('b', 'baseline', 200, () => ({})),
      ...runs('b', 'patched', 200, hits(t, 2)),
    ];
    const f = find(judge(d), t);
    expect(f.verdict).toBe('pre-existing');
    expect(Object.fromEntries(f.bySuite.map((s) => [s.suite, s.verdict]))).toEqual({ a: 'masked', b: 'inconclusive' });
  });

  it('masked in one scenario and seen in no other patched run is MASKED', () => {
    const t = 'leak';
    const d = [
      ...runs('a', 'baseline', 200, hits(t, 60)),
      ...runs('a', 'patched', 200, cutBy(NEW_UAF)),
      ...runs('b', 'baseline', 200, hits(t, 1)),
      ...runs('b', 'patched', 200, () => ({})),
    ];
    expect(find(judge(d), t).verdict).toBe('masked');
  });

  it('fixed in every scenario it was seen in is FIXED', () => {
    const d = [...runs('a', 'baseline', 200, hits('x', 40)), ...runs('a', 'patched', 200, () => ({})), ...runs('b', 'baseline', 200, hits('x', 40)), ...runs('b', 'patched', 200, () => ({}))];
    expect(find(judge(d), 'x').verdict).toBe('fixed');
  });
});

describe('one root cause, one finding', () => {
  const t0 = 'BUG: sleeping function called from invalid context in blk_alloc_request';
  const later = ['BUG: sleeping function called from invalid context in cfq_set_request', 'BUG: sleeping function called from invalid context in kmalloc'];
  const d = [...runs('s', 'baseline', 200, (i) => ({ titles: i === 0 ? [t0, ...later] : [] })), ...runs('s', 'patched', 200, () => ({}))];

  it('reports after the first in a run are not findings of their own', () => {
    expect(judge(d).map((f) => f.title)).toEqual([t0]);
  });

  it('they are shown under it, with their counts', () => {
    expect(find(judge(d), t0).followedBy.map((f) => [f.title, f.baseline, f.patched])).toEqual(later.sort().map((t) => [t, 1, 0]));
  });

  it('a title that leads one run and follows in another counts in both', () => {
    const e = [...runs('s', 'baseline', 10, (i) => ({ titles: i < 2 ? ['A', 'B'] : i < 4 ? ['B'] : [] })), ...runs('s', 'patched', 10, () => ({}))];
    expect(find(judge(e), 'B').baseline.hits).toBe(4);
    expect(find(judge(e), 'A').followedBy).toEqual([{ title: 'B', baseline: 2, patched: 0 }]);
  });
});

describe('did the patch change anything', () => {
  it('counts the paired schedules whose hash differs', () => {
    const base = runs('s', 'baseline', 10, () => ({}));
    const same = runs('s', 'patched', 10, () => ({}));
    const some = runs('s', 'patched', 10, (i) => ({ hash: i < 3 ? 1000 + i : i }));
    expect(tallySuite('s', base, same, leadingTitles([])).changedSchedules).toBe(0);
    expect(tallySuite('s', base, some, leadingTitles([])).changedSchedules).toBe(3);
  });
});

describe('the p-value a masked verdict shows', () => {
  it('is the one over the pairs that got to their end, not the one over all runs', () => {
    const d = [
      ...runs('s', 'baseline', 200, hits('deadlock', 100)),
      // 197 of the 200 patched runs stop early on a new problem; 3 get to their end (3/3 -> 0/3, p = 0.1).
      ...runs('s', 'patched', 200, (i) => (i >= 3 ? { titles: ['new'], endedBy: 'new' } : {})),
    ];
    const f = judge(d).find((x) => x.title === 'deadlock');
    expect(f?.verdict).toBe('masked');
    expect(f?.pValue).toBeGreaterThan(0.01);
  });
});
