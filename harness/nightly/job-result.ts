// One finished nightly job, as stored in jobs/<key>.json: KCIDB-like (a test of a build, with
// a status), reduced to counts per finding title plus one reproducer each. Nothing in it depends
// on when or where it ran, so shards merge into exactly what one machine would write.
import { renameSync, writeFileSync } from 'node:fs';
import type { FindingKind } from '../../kernel-model/sim/findings.ts';
import type { Reproducer, RunRecord } from '../explore/runner.ts';
import type { NightlyJob } from './plan.ts';

export interface JobFinding {
  title: string;
  kind: FindingKind;
  hits: number;
  /** The first run that found it: replayable from its decisions, or re-run by base seed and index. */
  reproducer: Reproducer & { seed: number; baseSeed: number; index: number };
}

export interface JobResult {
  /** KCIDB-style identity: origin and id of the test. */
  origin: 'lkml-harness';
  id: string;
  job: NightlyJob;
  /** PASS: ran, nothing found; FAIL: findings; ERROR: the harness failed to run it. */
  status: 'PASS' | 'FAIL' | 'ERROR';
  runs: number;
  findings: JobFinding[];
  error: string | null;
}

export function summarizeJob(job: NightlyJob, records: RunRecord[] | null, error: string | null): JobResult {
  if (records === null) {
    return { origin: 'lkml-harness', id: `lkml-harness:${job.key}`, job, status: 'ERROR', runs: 0, findings: [], error: error ?? 'job failed' };
  }
  const byTitle = new Map<string, JobFinding>();
  for (const r of records) {
    for (const f of r.findings) {
      const seen = byTitle.get(f.title);
      if (seen !== undefined) seen.hits++;
      else byTitle.set(f.title, { title: f.title, kind: f.kind, hits: 1, reproducer: { suite: r.suite, variant: r.variant, plan: r.plan, decisions: r.decisions, seed: r.seed, baseSeed: r.baseSeed, index: r.index } });
    }
  }
  const findings = [...byTitle.values()].sort((a, b) => a.title.localeCompare(b.title));
  return { origin: 'lkml-harness', id: `lkml-harness:${job.key}`, job, status: findings.length > 0 ? 'FAIL' : 'PASS', runs: records.length, findings, error: null };
}

/** Writes a file so that it is either absent or complete (temp file, then rename). */
export function writeAtomically(file: string, text: string): void {
  const tmp = `${file}.tmp-${process.pid}`;
  writeFileSync(tmp, text);
  renameSync(tmp, file);
}
