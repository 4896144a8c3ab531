import { describe, expect, it } from 'vitest';
import type { RunRecord } from '../../harness/explore/runner.ts';
import { mergeFindings } from '../../harness/evaluate/verdicts.ts';

function rec(variant: 'baseline' | 'patched', seed: number, titles: string[], suite = 's'): RunRecord {
  return {
    suite,
    variant,
    seed,
    baseSeed: 1,
    index: seed,
    strategy: 'random',
    plan: 'p',
    outcome: titles.length ? 'found' : 'completed',
    steps: 10,
    faultsInjected: 0,
    findings: titles.map((t) => ({ title: t, kind: t.startsWith('accounting') ? 'accounting' : 'lockdep', report: `report of ${t}` })),
    decisions: titles.length ? 'd1:1' : '',
  };
}

describe('verdicts', () => {
  const records: RunRecord[] = [];
  for (let i = 0; i < 100; i++) {
    records.push(rec('baseline', i, i % 2 === 0 ? ['A fixed bug'] : i % 10 === 1 ? ['A persisting bug'] : []));
    records.push(rec('patched', i, i % 20 === 0 ? ['A new bug', 'accounting drift in stats'] : i % 10 === 1 ? ['A persisting bug'] : []));
  }
  const merged = mergeFindings(records);
  const by = (t: string) => merged.find((m) => m.title === t);

  it('counts hits per side over the runs of the suites that saw the title', () => {
    expect(by('A fixed bug')).toMatchObject({ verdict: 'fixed', baseline: { hits: 50, runs: 100 }, patched: { hits: 0, runs: 100 }, significant: true });
    expect(by('A new bug')).toMatchObject({ verdict: 'introduced', baseline: { hits: 0, runs: 100 }, patched: { hits: 5, runs: 100 } });
    expect(by('A persisting bug')).toMatchObject({ verdict: 'persists', baseline: { hits: 10, runs: 100 }, patched: { hits: 10, runs: 100 }, significant: false });
  });

  it('keeps accounting changes apart from bugs', () => {
    expect(by('accounting drift in stats')?.verdict).toBe('behaviour-change');
  });

  it('orders introduced first and takes the example from the side where it still happens', () => {
    expect(merged[0].verdict).toBe('introduced');
    expect(by('A new bug')?.example.variant).toBe('patched');
    expect(by('A fixed bug')?.example.variant).toBe('baseline');
    expect(by('A fixed bug')?.baselineUpper).toBeGreaterThan(0.5);
    expect(by('A fixed bug')?.patchedUpper).toBeLessThan(0.03);
  });
});
