// One finished nightly job, as stored in jobs/<key>.json: KCIDB-like (a test of a build, with
// a status), reduced to counts per finding title plus one reproducer each. Nothing in it depends
// on when or where it ran, so shards merge into exactly what one machine would write.
import { digest, type RunRecord } from '../explore/runner.ts';
import type { JobFinding, JobResult, NightlyJob } from '../results/nightly.ts';

export function summarizeJob(job: NightlyJob, records: RunRecord[] | null, error: string | null): JobResult {
  if (records === null) {
    return { origin: 'lkml-harness', id: `lkml-harness:${job.key}`, job, status: 'ERROR', runs: 0, findings: [], digests: [], error: error ?? 'job failed' };
  }
  // Two missing locks can meet under one pair title: a race is kept apart by its race key, so
  // the summary can give each its race key's title (verdicts/race-titles.ts).
  const byTitle = new Map<string, JobFinding>();
  for (const r of records) {
    for (const f of r.findings) {
      const id = `${f.title}\n${f.raceKey ?? ''}`;
      const seen = byTitle.get(id);
      if (seen !== undefined) seen.hits++;
      else byTitle.set(id, { title: f.title, kind: f.kind, hits: 1, raceKey: f.raceKey, reproducer: { suite: r.suite, variant: r.variant, plan: r.plan, decisions: r.decisions, seed: r.seed, baseSeed: r.baseSeed, index: r.index } });
    }
  }
  const findings = [...byTitle.values()].sort((a, b) => a.title.localeCompare(b.title) || (a.raceKey ?? '').localeCompare(b.raceKey ?? ''));
  return { origin: 'lkml-harness', id: `lkml-harness:${job.key}`, job, status: findings.length > 0 ? 'FAIL' : 'PASS', runs: records.length, findings, digests: records.map(digest), error: null };
}
