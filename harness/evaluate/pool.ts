// Runs jobs in child processes (execa), a fixed number at a time. A job that crashes, runs out
// of memory or overruns its time becomes a harness error in the results; the others go on.
import { execa } from 'execa';
import type { RunRecord } from '../explore/runner.ts';
import type { Job } from './jobs.ts';

export interface HarnessErrorRecord {
  job: Job;
  message: string;
}

export interface PoolResult {
  records: RunRecord[];
  errors: HarnessErrorRecord[];
}

export interface PoolOptions {
  jobs: number;
  /** Per-job time limit in milliseconds. */
  timeoutMs: number;
  /** Per-job heap limit in megabytes. */
  memoryMb: number;
  onProgress?: (job: Job, runsDone: number) => void;
  onDone?: (job: Job, records: RunRecord[] | null, error: string | null) => void;
  /** Asked before each job starts; false stops scheduling (a nightly past its deadline). */
  shouldStart?: () => boolean;
}

const WORKER = new URL('./worker.ts', import.meta.url).pathname;

async function runJob(job: Job, opts: PoolOptions): Promise<RunRecord[]> {
  const child = execa('node', [`--max-old-space-size=${opts.memoryMb}`, '--import', 'tsx', WORKER, JSON.stringify(job)], {
    timeout: opts.timeoutMs,
    maxBuffer: 512 * 1024 * 1024,
    reject: false,
    stdin: 'ignore',
  });
  let tail = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    tail += chunk.toString();
    let nl: number;
    while ((nl = tail.indexOf('\n')) >= 0) {
      const line = tail.slice(0, nl);
      tail = tail.slice(nl + 1);
      const m = /^@progress (\d+)$/.exec(line);
      if (m !== null) opts.onProgress?.(job, Number(m[1]));
    }
  });
  const r = await child;
  if (r.timedOut) throw new Error(`timed out after ${opts.timeoutMs / 1000}s`);
  if (r.exitCode !== 0) {
    const why = r.signal ? `killed by ${r.signal}` : `exit code ${r.exitCode}`;
    const detail = String(r.stderr).split('\n').filter((l) => l !== '' && !l.startsWith('@progress')).slice(-3).join(' | ');
    throw new Error(`${why}${detail ? `: ${detail}` : ''}`);
  }
  const parsed = JSON.parse(String(r.stdout)) as { id: number; records: RunRecord[] };
  return parsed.records;
}

export async function runPool(jobs: readonly Job[], opts: PoolOptions): Promise<PoolResult> {
  const results: (RunRecord[] | null)[] = new Array<RunRecord[] | null>(jobs.length).fill(null);
  const errors: HarnessErrorRecord[] = [];
  let next = 0;
  async function lane(): Promise<void> {
    while (next < jobs.length) {
      if (opts.shouldStart !== undefined && !opts.shouldStart()) return;
      const i = next++;
      const job = jobs[i];
      try {
        results[i] = await runJob(job, opts);
      } catch (err) {
        errors.push({ job, message: err instanceof Error ? err.message : String(err) });
      }
      opts.onDone?.(job, results[i], errors.find((e) => e.job === job)?.message ?? null);
    }
  }
  await Promise.all(Array.from({ length: Math.max(1, opts.jobs) }, lane));
  // Records in job order, whatever order the jobs finished in.
  const records = results.flatMap((r) => r ?? []);
  errors.sort((a, b) => a.job.id - b.job.id);
  return { records, errors };
}
