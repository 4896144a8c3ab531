// Night to night: what changed since the previous run in the same output root, and each
// finding's history over every run there (first seen, last seen, rate per night). A change is
// new, gone or moved only when it is significant by the verdicts' own test; otherwise it is
// listed as unconfirmed, with its counts.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Side } from '../results/finding.ts';
import { type ChangeEntry, type FindingHistory, type NightlySummary, NightlySummarySchema } from '../results/nightly.ts';
import { readValidated } from '../results/read.ts';
import { ALPHA, compare } from '../verdicts/significance.ts';

export type { ChangeEntry, FindingHistory, HistoryPoint } from '../results/nightly.ts';

/** The summaries of every run under `root`, oldest first (run ids sort by date). */
export function readRuns(root: string): NightlySummary[] {
  if (!existsSync(root)) return [];
  return readdirSync(root)
    .sort()
    .flatMap((id) => {
      const file = join(root, id, 'summary.json');
      return existsSync(file) ? [readValidated(file, NightlySummarySchema, 'a nightly summary')] : [];
    });
}

export function previousRun(runs: readonly NightlySummary[], runId: string): NightlySummary | null {
  const earlier = runs.filter((r) => r.runId < runId);
  return earlier.length === 0 ? null : earlier[earlier.length - 1];
}

function sides(s: NightlySummary): Map<string, { slug: string; title: string; baseline: Side; patched: Side }> {
  const out = new Map<string, { slug: string; title: string; baseline: Side; patched: Side }>();
  for (const p of s.patches) for (const f of p.findings) out.set(`${p.slug}\0${f.title}`, { slug: p.slug, title: f.title, baseline: f.baseline, patched: f.patched });
  return out;
}

/** What tonight's counts say against the night before: the verdicts' test, both nights' runs. */
export function classifyChange(was: Side | null, is: Side | null, runs: { before: number; now: number }): Pick<ChangeEntry, 'change' | 'pValue'> | null {
  const before = was ?? { hits: 0, runs: runs.before };
  const now = is ?? { hits: 0, runs: runs.now };
  if (before.hits === 0 && now.hits === 0) return null;
  const c = compare(before, now, ALPHA);
  if (c.direction === 'none') return null;
  if (!c.significant) return { change: 'unconfirmed', pValue: c.pValue };
  if (before.hits === 0) return { change: 'new', pValue: c.pValue };
  if (now.hits === 0) return { change: 'gone', pValue: c.pValue };
  return { change: 'rate-moved', pValue: c.pValue };
}

/** The runs a patch's suites made that night, per side (baseline and patched pair up by seed). */
function runsOf(s: NightlySummary, slug: string): number {
  return s.patches.find((p) => p.slug === slug)?.changedSchedules.reduce((n, c) => n + c.runs, 0) ?? 0;
}

export function compareRuns(before: NightlySummary | null, now: NightlySummary): ChangeEntry[] {
  if (before === null) return [];
  const a = sides(before);
  const b = sides(now);
  const out: ChangeEntry[] = [];
  for (const key of [...new Set([...a.keys(), ...b.keys()])].sort()) {
    const x = a.get(key);
    const y = b.get(key);
    const { slug, title } = (y ?? x) as { slug: string; title: string };
    for (const side of ['patched', 'baseline'] as const) {
      const was = x?.[side] ?? null;
      const is = y?.[side] ?? null;
      const runs = { before: was?.runs ?? runsOf(before, slug), now: is?.runs ?? runsOf(now, slug) };
      const c = classifyChange(was, is, runs);
      if (c !== null) out.push({ ...c, slug, title, side, before: was, now: is });
    }
  }
  return out;
}

export function findingHistories(runs: readonly NightlySummary[]): FindingHistory[] {
  const byKey = new Map<string, FindingHistory>();
  for (const run of runs) {
    for (const p of run.patches) {
      for (const f of p.findings) {
        const key = `${p.slug}\0${f.title}`;
        let h = byKey.get(key);
        if (h === undefined) {
          h = { slug: p.slug, title: f.title, firstSeen: run.runId, lastSeen: run.runId, nights: [] };
          byKey.set(key, h);
        }
        h.lastSeen = run.runId;
        h.nights.push({ runId: run.runId, baseline: f.baseline, patched: f.patched });
      }
    }
  }
  return [...byKey.values()].sort((a, b) => a.slug.localeCompare(b.slug) || a.title.localeCompare(b.title));
}
