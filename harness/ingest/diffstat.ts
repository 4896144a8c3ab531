// The diffstat that git format-patch and quilt put between "---" and the diff:
//    block/blk-throttle.c |  116 +++++++++++++++-------
//    4 files changed, 180 insertions(+), 95 deletions(-)
// Its per-file number is added + removed; the bar is scaled down when long, so only the
// summary line and the per-file totals are exact. Web archives may strip the leading space,
// and may lose every newline, so the same patterns are also matched inside running text.
import type { Diffstat, DiffstatEntry, Discrepancy, FileDiff } from './types.ts';

const ENTRY = /(?:^|\s)(\S+)\s+\|\s+(\d+)\s?([+-]*)(?=\s|$)/g;
const SUMMARY = /(\d+) files? changed(?:, (\d+) insertions?\(\+\))?(?:, (\d+) deletions?\(-\))?/;

function entriesIn(text: string): DiffstatEntry[] {
  const entries: DiffstatEntry[] = [];
  for (const match of text.matchAll(ENTRY)) {
    const bar = match[3] ?? '';
    entries.push({
      path: match[1] ?? '',
      changed: Number(match[2]),
      plusMarks: bar.split('').filter((c) => c === '+').length,
      minusMarks: bar.split('').filter((c) => c === '-').length,
    });
  }
  return entries;
}

/**
 * Finds the diffstat in the text between the patch break and the first diff header. Returns
 * null when there is none. Works on line-broken and run-on text alike.
 */
export function parseDiffstat(text: string): Diffstat | null {
  const summary = SUMMARY.exec(text);
  const entryText = summary === null ? text : text.slice(0, summary.index);
  const entries = entriesIn(entryText);
  if (entries.length === 0 && summary === null) return null;
  return {
    entries,
    totals:
      summary === null
        ? null
        : { files: Number(summary[1]), insertions: Number(summary[2] ?? 0), deletions: Number(summary[3] ?? 0) },
  };
}

/**
 * The diffstat entry for a path. git shortens long names to ".../tail", so a name that starts
 * with "..." matches any path ending in its tail.
 */
export function diffstatEntryFor(diffstat: Diffstat, path: string): DiffstatEntry | undefined {
  return diffstat.entries.find((entry) => {
    if (entry.path === path) return true;
    if (entry.path.startsWith('...')) return path.endsWith(entry.path.slice(3));
    return false;
  });
}

/** The diffstat part of a patch text: what precedes its first diff header. */
export function diffstatRegion(patchText: string): string {
  const lines = patchText.split('\n');
  const end = lines.findIndex(
    (line, i) => line.startsWith('diff ') || line.startsWith('Index: ') || (line.startsWith('--- ') && (lines[i + 1] ?? '').startsWith('+++ ')),
  );
  return (end < 0 ? lines : lines.slice(0, end)).join('\n');
}

/**
 * Holds counted lines against the diffstat the sender's tool printed. A disagreement means the
 * diff was damaged in a way the repairs did not undo, so it is reported, never smoothed over.
 */
export function compareWithDiffstat(files: readonly FileDiff[], diffstat: Diffstat): Discrepancy[] {
  const found: Discrepancy[] = [];
  for (const entry of diffstat.entries) {
    const file = files.find((f) => diffstatEntryFor({ entries: [entry], totals: null }, f.path) !== undefined);
    if (file === undefined) {
      found.push({ kind: 'diffstat-file-missing', file: entry.path, detail: `the diffstat lists ${entry.path} but the diff has no such file` });
      continue;
    }
    if (file.added === null || file.removed === null) continue;
    if (file.added + file.removed !== entry.changed) {
      found.push({
        kind: 'diffstat-mismatch',
        file: file.path,
        detail: `counted +${file.added}/-${file.removed} = ${file.added + file.removed} changed lines, the diffstat says ${entry.changed}`,
      });
    }
  }
  if (diffstat.totals !== null && files.every((f) => f.added !== null && f.removed !== null)) {
    const added = files.reduce((n, f) => n + (f.added ?? 0), 0);
    const removed = files.reduce((n, f) => n + (f.removed ?? 0), 0);
    if (added !== diffstat.totals.insertions || removed !== diffstat.totals.deletions) {
      found.push({
        kind: 'diffstat-mismatch',
        detail: `counted +${added}/-${removed}, the diffstat summary says ${diffstat.totals.insertions} insertions(+), ${diffstat.totals.deletions} deletions(-)`,
      });
    }
  }
  return found;
}
