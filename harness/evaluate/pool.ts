// Runs jobs in child processes (execa), one long-lived worker per lane, a fixed number of lanes
// at a time. A job that crashes its worker, runs out of memory or overruns its time becomes a
// harness error in the results and the lane starts a fresh worker; the other jobs go on.
import { execa, type ResultPromise } from 'execa';
import type { RunRecord } from '../explore/runner.ts';
import type { Job } from './jobs.ts';
import type { WorkerReply } from './worker.ts';

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
  /** Per-worker heap limit in megabytes. */
  memoryMb: number;
  onProgress?: (job: Job, runsDone: number) => void;
  onDone?: (job: Job, records: RunRecord[] | null, error: string | null) => void;
  /** Asked before each job starts; false stops scheduling (a nightly past its deadline). */
  shouldStart?: () => boolean;
}

const WORKER = new URL('./worker.ts', import.meta.url).pathname;

type Child = ResultPromise<{ ipc: true; reject: false; stdin: 'ignore'; stdout: 'ignore'; stderr: 'pipe'; serialization: 'advanced' }>;

/** One worker process and the job it is running. */
class Worker {
  private readonly child: Child;
  private pending: { job: Job; resolve: (r: RunRecord[]) => void; reject: (e: Error) => void; timer: NodeJS.Timeout } | null = null;
  private stderrTail = '';
  exited = false;

  constructor(opts: PoolOptions) {
    // One thread per worker: V8's helper threads (parallel GC, background compiling) would
    // otherwise take the cores the other workers run on, and the pool already has one worker
    // per core. Measured: two such workers run 2.0x one; with helper threads, 1.3x.
    this.child = execa('node', ['--single-threaded', `--max-old-space-size=${opts.memoryMb}`, '--import', 'tsx', WORKER], {
      ipc: true,
      reject: false,
      stdin: 'ignore',
      stdout: 'ignore',
      stderr: 'pipe',
      serialization: 'advanced',
    });
    this.child.stderr?.on('data', (chunk: Buffer) => {
      this.stderrTail = (this.stderrTail + chunk.toString()).slice(-2000);
    });
    this.child.on('message', (msg: WorkerReply) => {
      const p = this.pending;
      if (p === null || msg.id !== p.job.id) return;
      if (msg.type === 'progress') opts.onProgress?.(p.job, msg.runs);
      else this.settle(msg.type === 'done' ? msg.records : new Error(msg.message));
    });
    void this.child.then((r) => {
      this.exited = true;
      const why = r.signal ? `killed by ${r.signal}` : `exit code ${r.exitCode}`;
      const detail = this.stderrTail.split('\n').filter((l) => l.trim() !== '').slice(-3).join(' | ');
      this.settle(new Error(`worker ${why}${detail ? `: ${detail}` : ''}`));
    });
  }

  private settle(result: RunRecord[] | Error): void {
    const p = this.pending;
    if (p === null) return;
    this.pending = null;
    clearTimeout(p.timer);
    if (result instanceof Error) p.reject(result);
    else p.resolve(result);
  }

  run(job: Job, timeoutMs: number): Promise<RunRecord[]> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.settle(new Error(`timed out after ${timeoutMs / 1000}s`));
        this.child.kill('SIGKILL');
      }, timeoutMs);
      this.pending = { job, resolve, reject, timer };
      this.child.send({ type: 'job', job });
    });
  }

  stop(): Promise<unknown> {
    if (!this.exited) this.child.disconnect();
    return this.child;
  }
}

export async function runPool(jobs: readonly Job[], opts: PoolOptions): Promise<PoolResult> {
  const results: (RunRecord[] | null)[] = new Array<RunRecord[] | null>(jobs.length).fill(null);
  const errors: HarnessErrorRecord[] = [];
  let next = 0;
  async function lane(): Promise<void> {
    let worker: Worker | null = null;
    while (next < jobs.length) {
      if (opts.shouldStart !== undefined && !opts.shouldStart()) break;
      const i = next++;
      const job = jobs[i];
      if (worker === null || worker.exited) worker = new Worker(opts);
      let error: string | null = null;
      try {
        results[i] = await worker.run(job, opts.timeoutMs);
      } catch (err) {
        error = err instanceof Error ? err.message : String(err);
        errors.push({ job, message: error });
        // A failed job may have left its worker in any state: the next job gets a fresh one.
        await worker.stop();
        worker = null;
      }
      opts.onDone?.(job, results[i], error);
    }
    await worker?.stop();
  }
  await Promise.all(Array.from({ length: Math.max(1, Math.min(opts.jobs, jobs.length)) }, lane));
  // Records in job order, whatever order the jobs finished in.
  const records = results.flatMap((r) => r ?? []);
  errors.sort((a, b) => a.job.id - b.job.id);
  return { records, errors };
}
