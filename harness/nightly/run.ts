// A nightly run: plan every job, skip the ones a previous attempt with the same run id already
// finished (their result files are the journal's truth), run the rest in child processes until
// done or past the deadline, and write the summary, digest and dashboard of what did run.
import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { HarnessError } from '../errors.ts';
import type { Job } from '../evaluate/jobs.ts';
import { runPool } from '../evaluate/pool.ts';
import { loadPatch, loadPostedFor, patchDirs } from '../patches/load.ts';
import { nightlyDigest } from '../../reports/nightly-digest.ts';
import { nightlyPage } from '../../reports/html/nightly-page.ts';
import { compareRuns, findingHistories, previousRun, readRuns } from './history.ts';
import { removeStaleTemporaries, writeFileAtomically } from '../results/atomic-write.ts';
import { summarizeJob } from './job-result.ts';
import { type NightlyJob, type Shard, planJobs, planPatches, shardJobs } from './plan.ts';
import { type NightlySummary, type PlanFile, readJobResults, summarize } from './summary.ts';
import { PlanFileSchema } from '../results/nightly.ts';
import { readValidated } from '../results/read.ts';

export interface NightlyOptions {
  /** Output root holding one folder per run id. */
  root: string;
  runId: string;
  budget: number;
  seed: number;
  jobs: number;
  shard: Shard | null;
  /** Stop scheduling new jobs at this time (milliseconds since the epoch). */
  deadline: number | null;
  patchesDir: string;
  /** Schedules per job. */
  perJob: number;
  /** Where the per-patch evaluate reports live, relative to the dashboard. */
  reportsBase?: string;
  log: (line: string) => void;
  /** One line per finished job (default: `log`); a terminal shows a bar instead. */
  jobDone?: (line: string, done: number, total: number) => void;
  now?: () => number;
}

export async function makePlan(opts: Pick<NightlyOptions, 'runId' | 'budget' | 'seed' | 'patchesDir' | 'perJob'>): Promise<PlanFile> {
  const modules = [];
  for (const dir of patchDirs(opts.patchesDir)) modules.push({ dir, patch: await loadPatch(dir), postedFor: (await loadPostedFor(dir))?.titles ?? [] });
  if (modules.length === 0) throw new HarnessError(`no patch modules under ${opts.patchesDir}`);
  const patches = planPatches(modules);
  return {
    schema: 'lkml-harness/nightly-plan/v1',
    runId: opts.runId,
    budget: opts.budget,
    seed: opts.seed,
    patches: patches.map((p) => ({ slug: p.slug, subject: p.patch.subject, author: p.patch.author, suites: p.suites, postedFor: p.postedFor })),
    jobs: planJobs(patches, opts.budget, opts.seed, opts.perJob),
  };
}

/** Writes plan.json, or checks that a resumed run has the same plan. */
function pinPlan(dir: string, plan: PlanFile): void {
  const file = join(dir, 'plan.json');
  const text = `${JSON.stringify(plan, null, 1)}\n`;
  if (existsSync(file)) {
    if (readFileSync(file, 'utf8') !== text) {
      throw new HarnessError(`${file}: run id '${plan.runId}' was started with another plan (patches, budget or seed differ); use a new --run-id`);
    }
    return;
  }
  writeFileAtomically(file, text);
}

export function toPoolJob(j: NightlyJob, id: number): Job {
  return { id, suite: j.suite, variant: j.variant, patchDir: j.patchDir, seed: j.seed, first: j.first, count: j.count, strategy: 'portfolio' };
}

/** Summary, digest and dashboard of a run folder, compared with the runs before it in `root`. */
export function finalizeRun(root: string, dir: string, reportsBase: string): NightlySummary {
  const plan = readValidated(join(dir, 'plan.json'), PlanFileSchema, 'a nightly plan');
  const summary = summarize(plan, readJobResults([join(dir, 'jobs')]));
  writeFileAtomically(join(dir, 'summary.json'), `${JSON.stringify(summary, null, 1)}\n`);
  const runs = readRuns(root).filter((r) => r.runId <= summary.runId);
  const previous = previousRun(runs, summary.runId);
  const changes = compareRuns(previous, summary);
  // The digest names the dashboard relative to itself, so it reads the same wherever the run lives.
  writeFileAtomically(join(dir, 'digest.txt'), nightlyDigest(summary, changes, previous?.runId ?? null, 'index.html (beside this digest)'));
  writeFileAtomically(join(dir, 'index.html'), nightlyPage(summary, changes, previous?.runId ?? null, findingHistories(runs), reportsBase).html);
  return summary;
}

export interface NightlyOutcome {
  dir: string;
  summary: NightlySummary;
  ran: number;
  skipped: number;
  /** Schedules run by this invocation and the wall time of its job phase (not written to the run). */
  schedulesRun: number;
  jobSeconds: number;
}

export async function runNightly(opts: NightlyOptions): Promise<NightlyOutcome> {
  const plan = await makePlan(opts);
  const dir = join(opts.root, opts.runId);
  const jobsDir = join(dir, 'jobs');
  mkdirSync(jobsDir, { recursive: true });
  // A run killed while it wrote a job's result leaves the temporary file; resuming clears it.
  removeStaleTemporaries(jobsDir);
  pinPlan(dir, plan);

  const mine = opts.shard === null ? plan.jobs : shardJobs(plan.jobs, opts.shard);
  const todo = mine.filter((j) => !existsSync(join(jobsDir, `${j.key}.json`)));
  opts.log(`nightly ${opts.runId}${opts.shard ? ` shard ${opts.shard.index}/${opts.shard.total}` : ''}: ${mine.length} jobs, ${mine.length - todo.length} already done, ${todo.length} to run`);
  const now = opts.now ?? Date.now;
  const journal = join(dir, 'journal.log');
  let ran = 0;
  let schedulesRun = 0;
  const started = now();
  await runPool(
    todo.map((j, i) => toPoolJob(j, i)),
    {
      jobs: opts.jobs,
      timeoutMs: 30 * 60_000,
      memoryMb: 2048,
      shouldStart: () => opts.deadline === null || now() < opts.deadline,
      onDone: (job, records, error) => {
        const nj = todo[job.id];
        const result = summarizeJob(nj, records, error);
        // The result file is written whole before the journal says so: a kill between the two
        // leaves a finished job that the next attempt skips, never a half-written one.
        writeFileAtomically(join(jobsDir, `${nj.key}.json`), `${JSON.stringify(result)}\n`);
        appendFileSync(journal, `done ${nj.key} ${result.status}\n`);
        ran++;
        schedulesRun += result.runs;
        const line = `  ${result.status.padEnd(5)} ${nj.key} (${result.runs} runs${result.findings.length ? `, ${result.findings.length} titles` : ''})`;
        (opts.jobDone ?? opts.log)(line, ran, todo.length);
      },
    },
  );
  const jobSeconds = (now() - started) / 1000;
  const reportsBase = opts.reportsBase ?? `${relative(dir, join(opts.root, '..')) || '.'}/`;
  const summary = finalizeRun(opts.root, dir, reportsBase);
  return { dir, summary, ran, skipped: mine.length - todo.length, schedulesRun, jobSeconds };
}
