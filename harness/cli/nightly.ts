// lkml-harness nightly [--budget N] [--out DIR] [--shard i/n] [--run-id ID] [--deadline T]
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { HarnessError } from '../errors.ts';
import { bar } from '../evaluate/progress.ts';
import { PATCHES_DIR } from '../patches/load.ts';
import { parseShard } from '../nightly/plan.ts';
import { runNightly } from '../nightly/run.ts';
import { parseCount } from './args.ts';

/** --deadline: minutes from now ("90m"), or an ISO time. */
function parseDeadline(text: string, now: number): number {
  const m = /^(\d+)m$/.exec(text);
  if (m !== null) return now + Number(m[1]) * 60_000;
  const t = Date.parse(text);
  if (Number.isNaN(t)) throw new HarnessError(`--deadline takes minutes from now (like 90m) or an ISO time, not '${text}'`);
  return t;
}

export async function run(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      budget: { type: 'string', default: '1000' },
      out: { type: 'string', default: 'out' },
      shard: { type: 'string' },
      'run-id': { type: 'string' },
      deadline: { type: 'string' },
      seed: { type: 'string', default: '1' },
      jobs: { type: 'string' },
      'per-job': { type: 'string', default: '100' },
      patches: { type: 'string' },
    },
  });
  const now = Date.now();
  const runId = values['run-id'] ?? new Date(now).toISOString().slice(0, 10);
  if (!/^[\w.-]+$/.test(runId)) throw new HarnessError(`--run-id may hold letters, digits, '.', '_' and '-' only`);
  const out = resolve(values.out);
  const tty = process.stderr.isTTY === true;
  const { dir, summary, ran, skipped, schedulesRun, jobSeconds } = await runNightly({
    root: join(out, 'nightly'),
    runId,
    budget: parseCount('--budget', values.budget, 1),
    seed: parseCount('--seed', values.seed, 0),
    jobs: values.jobs === undefined ? availableParallelism() : parseCount('--jobs', values.jobs, 1),
    shard: values.shard === undefined ? null : parseShard(values.shard),
    deadline: values.deadline === undefined ? null : parseDeadline(values.deadline, now),
    patchesDir: values.patches === undefined ? PATCHES_DIR : resolve(values.patches),
    perJob: parseCount('--per-job', values['per-job'], 1),
    log: (line) => process.stdout.write(`${line}\n`),
    // On a terminal a bar on stderr; in a CI log a plain line per finished job.
    jobDone: tty ? (_line, done, total) => process.stderr.write(`\r  jobs ${bar(done, total)}${done === total ? '\n' : ''}`) : undefined,
  });
  process.stdout.write(
    `ran ${ran} jobs (${skipped} already done) in ${jobSeconds.toFixed(1)} s: ${(ran / Math.max(jobSeconds, 1e-9)).toFixed(2)} jobs/s, ${Math.round(schedulesRun / Math.max(jobSeconds, 1e-9))} schedules/s\n` +
      `${summary.done}/${summary.planned} of the plan finished${summary.complete ? '' : ' (incomplete)'}\ndashboard: ${join(dir, 'index.html')}\ndigest:    ${join(dir, 'digest.txt')}\n`,
  );
  return summary.errors.length > 0 ? 1 : 0;
}
