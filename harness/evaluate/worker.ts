// A job worker: a child process that runs jobs (a suite's slice of seeds, baseline or patched)
// sent over IPC and sends back the run records. It serves one job after another, so the cost
// of starting Node and loading the model is paid once per worker, not once per job. Progress
// goes to the parent as messages too. A crash, a hang or runaway memory here is the parent's to
// report: nothing here catches it.
import { runSeeds } from '../explore/runner.ts';
import { findSuite } from '../suites/index.ts';
import { loadPatch } from '../patches/load.ts';
import type { PatchModule } from '../../kernel-model/patch-api.ts';
import type { Job } from './jobs.ts';

export type WorkerRequest = { type: 'job'; job: Job };
export type WorkerReply =
  | { type: 'progress'; id: number; runs: number }
  | { type: 'done'; id: number; records: ReturnType<typeof runSeeds> }
  | { type: 'failed'; id: number; message: string };

const patches = new Map<string, PatchModule>();

async function runJob(job: Job): Promise<WorkerReply> {
  const suite = findSuite(job.suite);
  if (suite === undefined) return { type: 'failed', id: job.id, message: `no suite '${job.suite}'` };
  let patch: PatchModule | null = null;
  if (job.patchDir !== null) {
    patch = patches.get(job.patchDir) ?? (await loadPatch(job.patchDir));
    patches.set(job.patchDir, patch);
  }
  const records = [];
  const step = Math.max(1, Math.floor(job.count / 20));
  for (let i = 0; i < job.count; i += step) {
    const n = Math.min(step, job.count - i);
    records.push(...runSeeds(suite, { seed: job.seed, first: job.first + i, count: n, strategy: job.strategy, patch }));
    send({ type: 'progress', id: job.id, runs: i + n });
  }
  return { type: 'done', id: job.id, records: compact(records) };
}

/**
 * Keeps a finding's report text, stacks and the run's decision string only where a title first
 * shows up in the job: the verdicts count titles, and only the first run of each is replayed or
 * shrunk. Sending every copy would make the parent the bottleneck of a busy suite.
 */
function compact(records: ReturnType<typeof runSeeds>): ReturnType<typeof runSeeds> {
  const seen = new Set<string>();
  for (const r of records) {
    let first = false;
    for (const f of r.findings) {
      if (seen.has(f.title)) {
        f.report = '';
        f.backtraces = [];
      } else {
        seen.add(f.title);
        first = true;
      }
    }
    if (!first) r.decisions = '';
  }
  return records;
}

function send(reply: WorkerReply): void {
  process.send?.(reply);
}

process.on('message', (msg: WorkerRequest) => {
  if (msg.type !== 'job') return;
  runJob(msg.job).then(send, (err: unknown) => send({ type: 'failed', id: msg.job.id, message: err instanceof Error ? err.message : String(err) }));
});
// Stay alive for the next job until the parent closes the channel.
process.on('disconnect', () => process.exit(0));
