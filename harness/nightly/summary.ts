// A nightly run's summary: per patch, every finding with its counts on both sides and a
// verdict, computed from the job results alone (so a merged set of shards gives the same).
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { FindingKind } from '../../kernel-model/sim/findings.ts';
import { type MergedFinding, VERDICT_ORDER, judge } from '../evaluate/verdicts.ts';
import type { JobFinding, JobResult } from './job-result.ts';
import type { NightlyJob } from './plan.ts';

export interface PlanFile {
  schema: 'lkml-harness/nightly-plan/v1';
  runId: string;
  budget: number;
  seed: number;
  patches: { slug: string; subject: string; author: string; suites: string[] }[];
  /** Every job of the whole plan (all shards). */
  jobs: NightlyJob[];
}

export interface NightlyFinding extends Pick<MergedFinding, 'title' | 'kind' | 'verdict' | 'baseline' | 'patched' | 'pValue' | 'significant'> {
  reproducer: JobFinding['reproducer'];
}

export interface NightlySummary {
  schema: 'lkml-harness/nightly-summary/v1';
  runId: string;
  budget: number;
  seed: number;
  planned: number;
  done: number;
  complete: boolean;
  schedules: number;
  errors: { key: string; error: string }[];
  patches: { slug: string; subject: string; author: string; suites: string[]; findings: NightlyFinding[] }[];
}

/** Every job result in the given jobs folders, one per key, ordered by key. */
export function readJobResults(jobDirs: readonly string[]): JobResult[] {
  const byKey = new Map<string, JobResult>();
  for (const dir of jobDirs) {
    if (!existsSync(dir)) continue;
    for (const name of readdirSync(dir).sort()) {
      if (!name.endsWith('.json')) continue;
      const r = JSON.parse(readFileSync(join(dir, name), 'utf8')) as JobResult;
      byKey.set(r.job.key, r);
    }
  }
  return [...byKey.values()].sort((a, b) => a.job.key.localeCompare(b.job.key));
}

interface Tally {
  kind: FindingKind;
  hits: number;
  reproducer: JobFinding['reproducer'];
}

function tally(results: readonly JobResult[]): { runs: number; byTitle: Map<string, Tally> } {
  let runs = 0;
  const byTitle = new Map<string, Tally>();
  for (const r of results) {
    runs += r.runs;
    for (const f of r.findings) {
      const t = byTitle.get(f.title);
      if (t === undefined) byTitle.set(f.title, { kind: f.kind, hits: f.hits, reproducer: f.reproducer });
      else t.hits += f.hits;
    }
  }
  return { runs, byTitle };
}

export function summarize(plan: PlanFile, results: readonly JobResult[]): NightlySummary {
  const ok = results.filter((r) => r.status !== 'ERROR');
  const patches = plan.patches.map((p) => {
    const base = tally(ok.filter((r) => r.job.variant === 'baseline' && p.suites.includes(r.job.suite)));
    const mine = tally(ok.filter((r) => r.job.variant === 'patched' && r.job.slug === p.slug));
    const titles = [...new Set([...base.byTitle.keys(), ...mine.byTitle.keys()])].sort();
    const findings: NightlyFinding[] = titles.map((title) => {
      const b = base.byTitle.get(title);
      const q = mine.byTitle.get(title);
      const kind = (q ?? b) as Tally;
      const baseline = { hits: b?.hits ?? 0, runs: base.runs };
      const patched = { hits: q?.hits ?? 0, runs: mine.runs };
      const j = judge(kind.kind, baseline, patched);
      return { title, kind: kind.kind, verdict: j.verdict, baseline, patched, pValue: j.pValue, significant: j.significant, reproducer: (q ?? b as Tally).reproducer };
    });
    findings.sort((a, b) => VERDICT_ORDER[a.verdict] - VERDICT_ORDER[b.verdict] || a.title.localeCompare(b.title));
    return { ...p, findings };
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
