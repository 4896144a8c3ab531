// Night to night: what changed since the previous run in the same output root, and each
// finding's history over every run there (first seen, last seen, rate per night).
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fisherExact } from '../evaluate/stats.ts';
import type { Side } from '../evaluate/verdicts.ts';
import type { NightlySummary } from './summary.ts';

export type Change = 'new' | 'gone' | 'rate-moved';

export interface ChangeEntry {
  change: Change;
  slug: string;
  title: string;
  side: 'baseline' | 'patched';
  before: Side | null;
  now: Side | null;
  pValue: number | null;
}

export interface HistoryPoint {
  runId: string;
  baseline: Side;
  patched: Side;
}

export interface FindingHistory {
  slug: string;
  title: string;
  firstSeen: string;
  lastSeen: string;
  nights: HistoryPoint[];
}

/** The summaries of every run under `root`, oldest first (run ids sort by date). */
export function readRuns(root: string): NightlySummary[] {
  if (!existsSync(root)) return [];
  return readdirSync(root)
    .sort()
    .flatMap((id) => {
      const file = join(root, id, 'summary.json');
      return existsSync(file) ? [JSON.parse(readFileSync(file, 'utf8')) as NightlySummary] : [];
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
      const hadIt = was !== null && was.hits > 0;
      const hasIt = is !== null && is.hits > 0;
      if (!hadIt && hasIt) out.push({ change: 'new', slug, title, side, before: was, now: is, pValue: null });
      else if (hadIt && !hasIt) out.push({ change: 'gone', slug, title, side, before: was, now: is, pValue: null });
      else if (hadIt && hasIt && was !== null && is !== null) {
        const p = fisherExact(was.hits, was.runs - was.hits, is.hits, is.runs - is.hits);
        if (p < 0.05) out.push({ change: 'rate-moved', slug, title, side, before: was, now: is, pValue: p });
      }
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
