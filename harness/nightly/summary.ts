// A nightly run's summary: per patch, every finding with its counts on both sides and a
// verdict by the same rules as an evaluation (harness/verdicts), computed from the job results
// alone (so a merged set of shards gives the same). A nightly has one look and no confirmation:
// a difference that is not significant tonight is inconclusive.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { FindingKind } from '../results/finding.ts';
import { type JobResult, JobResultSchema, type NightlyFinding, type NightlySummary, type PlanFile } from '../results/nightly.ts';
import { readValidated } from '../results/read.ts';
import { judgeFindings, verdictFields } from '../verdicts/judge-findings.ts';
import { tallySuites } from '../verdicts/tally.ts';

export type { NightlyFinding, NightlySummary, PlanFile } from '../results/nightly.ts';

/** Every job result in the given jobs folders, one per key, ordered by key. */
export function readJobResults(jobDirs: readonly string[]): JobResult[] {
  const byKey = new Map<string, JobResult>();
  for (const dir of jobDirs) {
    if (!existsSync(dir)) continue;
    for (const name of readdirSync(dir).sort()) {
      if (!name.endsWith('.json')) continue;
      const r = readValidated(join(dir, name), JobResultSchema, 'a nightly job result');
      byKey.set(r.job.key, r);
    }
  }
  return [...byKey.values()].sort((a, b) => a.job.key.localeCompare(b.job.key));
}

function patchFindings(plan: PlanFile['patches'][number], ok: readonly JobResult[]): { findings: NightlyFinding[]; changed: NightlySummary['patches'][number]['changedSchedules'] } {
  const base = ok.filter((r) => r.job.variant === 'baseline' && plan.suites.includes(r.job.suite));
  const mine = ok.filter((r) => r.job.variant === 'patched' && r.job.slug === plan.slug);
  const { tallies, raceTitles } = tallySuites(plan.suites, [...base, ...mine].flatMap((r) => r.digests));
  const kinds = new Map<string, FindingKind>();
  const reproducers = new Map<string, NightlyFinding['reproducer']>();
  // The patched side's reproducer where it has one: that is where the finding still happens.
  for (const r of [...mine, ...base]) {
    for (const f of r.findings) {
      const title = raceTitles.titleOf(f);
      if (!kinds.has(title)) kinds.set(title, f.kind);
      if (!reproducers.has(title)) reproducers.set(title, f.reproducer);
    }
  }
  const judged = judgeFindings({ tallies, looks: new Map(), kinds, postedFor: new Set(plan.postedFor ?? []), final: true });
  return {
    findings: judged.map((j) => ({
      ...verdictFields(j),
      reproducer: reproducers.get(j.title) as NightlyFinding['reproducer'],
    })),
    changed: tallies.map((t) => ({ suite: t.suite, changed: t.changedSchedules, runs: t.pairedRuns })),
  };
}

export function summarize(plan: PlanFile, results: readonly JobResult[]): NightlySummary {
  const ok = results.filter((r) => r.status !== 'ERROR');
  const patches = plan.patches.map((p) => {
    const { findings, changed } = patchFindings(p, ok);
    return { slug: p.slug, subject: p.subject, author: p.author, suites: p.suites, changedSchedules: changed, findings };
  });
  const planned = new Set(plan.jobs.map((j) => j.key));
  const done = results.filter((r) => planned.has(r.job.key)).length;
  return {
    schema: 'lkml-harness/nightly-summary/v1',
    runId: plan.runId,
    budget: plan.budget,
    seed: plan.seed,
    planned: planned.size,
    done,
    complete: done === planned.size,
    schedules: results.reduce((n, r) => n + r.runs, 0),
    errors: results.filter((r) => r.status === 'ERROR').map((r) => ({ key: r.job.key, error: r.error ?? '' })),
    patches,
  };
}
