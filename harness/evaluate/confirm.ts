// Confirmation, as the kernel test robot re-tests before it mails: a difference that is not yet
// significant gets more schedules, with fresh seeds, on the suites where it was seen. Each
// round adds 1, 2, 4, then 2 more default budgets (10x in all at most); the new runs continue
// the evaluation's own seed sequence (run i uses deriveSeed(seed, i)), so they are fresh and
// every one of them replays with `lkml-harness run <suite> --seed S --first i`.
import type { RunRecord } from '../explore/runner.ts';
import type { Suite } from '../suites/suite.ts';
import { CONFIRMATION_CAP, CONFIRMATION_STEPS } from '../verdicts/significance.ts';
import { pendingSuites } from '../verdicts/judge-findings.ts';
import { type Job, planJobs } from './jobs.ts';
import { type Judged, judgeRecords } from './judge-records.ts';
import type { PoolResult } from './pool.ts';
import type { Progress } from './progress.ts';

export interface ConfirmationContext {
  suites: readonly Suite[];
  patchDir: string;
  seed: number;
  /** Schedules per suite and variant at the first look (default: each suite's own). */
  schedules?: number;
  slices: number;
  postedFor: ReadonlySet<string>;
  progress: Progress;
  runJobs: (jobs: Job[]) => Promise<PoolResult>;
}

export interface Confirmed {
  records: RunRecord[];
  errors: PoolResult['errors'];
  /** Looks per suite (1 when it needed no confirmation). */
  looks: Map<string, number>;
  /** Schedules added per suite and variant. */
  added: Map<string, number>;
  judged: Judged;
}

export async function confirmDifferences(first: PoolResult, ctx: ConfirmationContext): Promise<Confirmed> {
  const names = ctx.suites.map((s) => s.name);
  const budget = (s: Suite): number => ctx.schedules ?? s.defaultSchedules;
  const records = [...first.records];
  const errors = [...first.errors];
  const looks = new Map(names.map((n) => [n, 1]));
  const made = new Map(ctx.suites.map((s) => [s.name, budget(s)]));
  let nextId = 1_000_000;
  for (const [round, step] of CONFIRMATION_STEPS.entries()) {
    const open = pendingSuites(judgeRecords(names, records, looks, ctx.postedFor, false).findings);
    if (open.length === 0) break;
    const jobs: Job[] = [];
    for (const suite of ctx.suites.filter((s) => open.includes(s.name))) {
      const count = step * budget(suite);
      const planned = planJobs([suite], ctx.patchDir, { seed: ctx.seed, schedules: count, first: made.get(suite.name), slices: ctx.slices, firstId: nextId });
      nextId += planned.length;
      jobs.push(...planned);
      made.set(suite.name, (made.get(suite.name) as number) + count);
      looks.set(suite.name, (looks.get(suite.name) as number) + 1);
    }
    const totals = { baseline: 0, patched: 0 };
    for (const j of jobs) totals[j.variant] += j.count;
    ctx.progress.confirm(`confirming (look ${round + 2} of up to ${CONFIRMATION_STEPS.length + 1}, cap ${CONFIRMATION_CAP}x): ${open.join(', ')}`, totals);
    const pool = await ctx.runJobs(jobs);
    records.push(...pool.records);
    errors.push(...pool.errors);
  }
  ctx.progress.finish();
  const added = new Map(ctx.suites.map((s) => [s.name, (made.get(s.name) as number) - budget(s)]));
  return { records, errors, looks, added, judged: judgeRecords(names, records, looks, ctx.postedFor, true) };
}
