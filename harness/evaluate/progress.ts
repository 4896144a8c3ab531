// Progress while an evaluation runs: a bar per variant on a terminal, a quiet line per finished
// job elsewhere (CI logs).
import type { RunRecord } from '../explore/runner.ts';
import type { Job } from './jobs.ts';

export interface Progress {
  start(totals: { baseline: number; patched: number }): void;
  /** A confirmation round starts: more schedules on the suites whose differences are open. */
  confirm(note: string, totals: { baseline: number; patched: number }): void;
  runs(job: Job, runsDone: number): void;
  done(job: Job, records: RunRecord[] | null): void;
  finish(): void;
}

/** `[#####-----]  12/40` */
export function bar(done: number, total: number, width = 30): string {
  const filled = total === 0 ? width : Math.round((done / total) * width);
  return `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${String(done).padStart(String(total).length)}/${total}`;
}

export function terminalProgress(out: NodeJS.WriteStream): Progress {
  const totals = { baseline: 0, patched: 0 };
  const perJob = new Map<number, number>();
  const sums = { baseline: 0, patched: 0 };
  const draw = (): void => {
    out.write(`\r  baseline ${bar(sums.baseline, totals.baseline)}   patched ${bar(sums.patched, totals.patched)}`);
  };
  return {
    start(t) {
      Object.assign(totals, t);
      draw();
    },
    confirm(note, t) {
      out.write(`\n  ${note}\n`);
      Object.assign(totals, t);
      sums.baseline = 0;
      sums.patched = 0;
      perJob.clear();
      draw();
    },
    runs(job, n) {
      sums[job.variant] += n - (perJob.get(job.id) ?? 0);
      perJob.set(job.id, n);
      draw();
    },
    done(job, records) {
      if (records === null) {
        out.write(`\n  harness error in job ${job.id} (${job.suite} ${job.variant})\n`);
      }
      this.runs(job, job.count);
    },
    finish() {
      out.write('\n');
    },
  };
}

export function quietProgress(out: NodeJS.WritableStream): Progress {
  return {
    start(t) {
      out.write(`  running ${t.baseline} baseline and ${t.patched} patched schedules\n`);
    },
    confirm(note) {
      out.write(`  ${note}\n`);
    },
    runs() {},
    done(job, records) {
      const found = records === null ? 'harness error' : `${records.filter((r) => r.findings.length > 0).length} with findings`;
      out.write(`  ${job.variant} ${job.suite} runs ${job.first}-${job.first + job.count - 1}: ${found}\n`);
    },
    finish() {},
  };
}
