// Confirmation on constructed runs: a difference that is not significant at the first look gets
// more schedules on its suite (fresh seeds: the indices continue), until it is significant or
// the cap is reached. The runs come from a rule of the index, not from the model.
import { describe, expect, it } from 'vitest';
import { confirmDifferences } from '../../harness/evaluate/confirm.ts';
import type { Job } from '../../harness/evaluate/jobs.ts';
import type { PoolResult } from '../../harness/evaluate/pool.ts';
import type { Progress } from '../../harness/evaluate/progress.ts';
import type { RunRecord } from '../../harness/explore/runner.ts';
import type { Suite } from '../../harness/suites/suite.ts';
import { CONFIRMATION_CAP } from '../../harness/verdicts/significance.ts';

const silent: Progress = { start() {}, confirm() {}, runs() {}, done() {}, finish() {} };

function suite(name: string): Suite {
  return { name, summary: name, scenario: `for ${name}`, kernel: '3.2', defaultSchedules: 100, expectedSteps: 1, plan: () => { throw new Error('not run'); }, program: () => { throw new Error('not run'); } };
}

/** A run of `job` at index i: the patched side shows `title` in every `every`-th run. */
function record(job: Job, i: number, title: string, every: number): RunRecord {
  const found = job.variant === 'patched' && i % every === 0;
  const findings = found ? [{ title, kind: 'kasan' as const, report: `BUG: ${title}`, backtraces: [], cycle: null, fatal: false }] : [];
  return { suite: job.suite, variant: job.variant, seed: i, baseSeed: job.seed, index: i, strategy: 'random', plan: 'p', outcome: found ? 'found' : 'completed', steps: 1, faultsInjected: 0, findings, endedBy: null, hash: i, decisions: '' };
}

function fakePool(every: Record<string, number>, asked: Job[][]): (jobs: Job[]) => Promise<PoolResult> {
  return async (jobs) => {
    asked.push(jobs);
    const records = jobs.flatMap((j) => Array.from({ length: j.count }, (_, k) => record(j, j.first + k, `bug in ${j.suite}`, every[j.suite])));
    return { records, errors: [] };
  };
}

async function confirm(every: Record<string, number>) {
  const suites = Object.keys(every).map(suite);
  const asked: Job[][] = [];
  const runJobs = fakePool(every, asked);
  const first = await runJobs(suites.flatMap((s) => (['baseline', 'patched'] as const).map((variant, k) => ({ id: k, suite: s.name, variant, patchDir: null, seed: 7, first: 0, count: 100, strategy: 'random' as const }))));
  asked.length = 0;
  const c = await confirmDifferences(first, { suites, patchDir: 'p', seed: 7, slices: 2, postedFor: new Set(), progress: silent, runJobs });
  return { c, asked };
}

describe('confirmation', () => {
  it('a difference significant only after confirmation is reported INTRODUCED, with the looks it took', async () => {
    // Every 30th patched run: 0/100 -> 4/100 at the first look (p = 0.12).
    const { c, asked } = await confirm({ s: 30 });
    const f = c.judged.findings.find((x) => x.title === 'bug in s');
    expect(f?.verdict).toBe('introduced');
    expect(c.looks.get('s')).toBeGreaterThan(1);
    expect(c.added.get('s')).toBeGreaterThan(0);
    // Fresh seeds: the new runs continue after the first look's indices, on both sides alike.
    const firstNew = Math.min(...asked.flat().map((j) => j.first));
    expect(firstNew).toBe(100);
    expect(asked.flat().filter((j) => j.variant === 'baseline').map((j) => j.first)).toEqual(asked.flat().filter((j) => j.variant === 'patched').map((j) => j.first));
  });

  it('a difference that stays below significance stops at the cap and is INCONCLUSIVE', async () => {
    // Every 700th patched run (indices 0 and 700): 2 hits in 1000, against none.
    const { c } = await confirm({ s: 700 });
    expect(c.judged.findings.find((x) => x.title === 'bug in s')?.verdict).toBe('inconclusive');
    expect((c.added.get('s') ?? 0) + 100).toBe(CONFIRMATION_CAP * 100);
  });

  it('only the suites with an open difference get more schedules', async () => {
    // Suite a settles at once (every run); suite b needs confirming.
    const { c, asked } = await confirm({ a: 1, b: 30 });
    expect(c.added.get('a')).toBe(0);
    expect(asked.flat().every((j) => j.suite === 'b')).toBe(true);
  });

  it('a settled evaluation runs nothing more', async () => {
    const { c, asked } = await confirm({ s: 1 });
    expect(asked).toEqual([]);
    expect(c.looks.get('s')).toBe(1);
  });
});
