// The nightly uses the evaluation's verdict rules: proven on constructed job results. A finding
// at 0/60 -> 1/60 is not "introduced" tonight, not "new" against last night, and the digest
// says so; a finding's rate per night is drawn inline on the dashboard.
import { describe, expect, it } from 'vitest';
import { classifyChange, compareRuns, findingHistories } from '../../harness/nightly/history.ts';
import { summarize } from '../../harness/nightly/summary.ts';
import type { JobResult, NightlyJob, PlanFile } from '../../harness/results/nightly.ts';
import { nightlyDigest } from '../../reports/nightly-digest.ts';
import { nightlyPage } from '../../reports/html/nightly-page.ts';
import { runs } from '../helpers/digests.ts';

const SLUG = 'p';

function job(variant: NightlyJob['variant'], suite: string): NightlyJob {
  return { key: `${suite}__${variant}`, variant, suite, slug: variant === 'patched' ? SLUG : null, patchDir: null, seed: 1, first: 0, count: 60 };
}

function result(variant: NightlyJob['variant'], suite: string, hitsAt: (i: number) => string[]): JobResult {
  const digests = runs(suite, variant, 60, (i) => ({ titles: hitsAt(i) }));
  const titles = [...new Set(digests.flatMap((d) => d.titles))];
  return {
    origin: 'lkml-harness',
    id: `lkml-harness:${suite}__${variant}`,
    job: job(variant, suite),
    status: titles.length > 0 ? 'FAIL' : 'PASS',
    runs: 60,
    findings: titles.map((t) => ({ title: t, kind: 'bug', hits: digests.filter((d) => d.titles.includes(t)).length, reproducer: { suite, variant, plan: 'p', decisions: 'd1:1', seed: 1, baseSeed: 1, index: 0 } })),
    digests,
    error: null,
  };
}

function night(runId: string, patchedHits: number): ReturnType<typeof summarize> {
  const plan: PlanFile = { schema: 'lkml-harness/nightly-plan/v1', runId, budget: 60, seed: 1, patches: [{ slug: SLUG, subject: 's', author: 'a', suites: ['s'] }], jobs: [job('baseline', 's'), job('patched', 's')] };
  return summarize(plan, [result('baseline', 's', () => []), result('patched', 's', (i) => (i < patchedHits ? ['kernel BUG in x'] : []))]);
}

describe('nightly verdicts', () => {
  it('0/60 -> 1/60 is inconclusive, not introduced', () => {
    const f = night('n1', 1).patches[0].findings[0];
    expect(f).toMatchObject({ title: 'kernel BUG in x', verdict: 'inconclusive', significant: false });
  });

  it('0/60 -> 30/60 is introduced', () => {
    expect(night('n1', 30).patches[0].findings[0].verdict).toBe('introduced');
  });

  it('counts the schedules the patch changed per suite', () => {
    expect(night('n1', 1).patches[0].changedSchedules).toEqual([{ suite: 's', changed: 0, runs: 60 }]);
  });

  it('night to night: a first hit is unconfirmed, not new; many hits are new', () => {
    expect(classifyChange(null, { hits: 1, runs: 60 }, { before: 60, now: 60 })?.change).toBe('unconfirmed');
    expect(classifyChange(null, { hits: 30, runs: 60 }, { before: 60, now: 60 })?.change).toBe('new');
    expect(classifyChange({ hits: 30, runs: 60 }, null, { before: 60, now: 60 })?.change).toBe('gone');
    expect(classifyChange({ hits: 10, runs: 60 }, { hits: 11, runs: 60 }, { before: 60, now: 60 })?.change).toBe('unconfirmed');
  });

  it('the digest does not list an unconfirmed change as new', () => {
    const before = night('2099-01-01', 0);
    const now = night('2099-01-02', 1);
    const changes = compareRuns(before, now);
    expect(changes.map((c) => c.change)).toEqual(['unconfirmed']);
    const digest = nightlyDigest(now, changes, before.runId, 'index.html');
    expect(digest.slice(digest.indexOf('NEW FINDINGS'), digest.indexOf('GONE'))).toContain('none');
    expect(digest).toContain('INCONCLUSIVE: kernel BUG in x');
  });

  it("the dashboard plots a finding's rate per night as an inline SVG, with no script", () => {
    const nights = [night('2099-01-01', 5), night('2099-01-02', 30), night('2099-01-03', 60)];
    const html = nightlyPage(nights[2], compareRuns(nights[1], nights[2]), '2099-01-02', findingHistories(nights), '../').html;
    const spark = /<svg class="spark"[^]*?<\/svg>/.exec(html)?.[0] ?? '';
    expect(spark).toContain('<polyline class="patched"');
    expect((spark.match(/<circle /g) ?? []).length).toBe(3);
    expect(html).not.toMatch(/<script/i);
  });
});
