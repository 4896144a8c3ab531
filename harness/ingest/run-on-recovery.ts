// Recovers what can be recovered from a patch whose newlines were all lost (a web archive page
// copied as running text, like seed 001). Markers that carry their own delimiters survive:
// header labels ("Subject:"), the diffstat, file markers ("Index:", "diff --git", "--- x +++ y")
// and hunk headers ("@@ -a,b +c,d @@"). What does not survive is where one diff line ends and
// the next begins: a '+', '-' or ' ' prefix cannot be told from the same character inside a
// line. So hunk bodies stay unsplit, per-file counts come from the diffstat's totals and the
// hunk headers' net change, and every such limit is written down as a repair record.
import { compareWithDiffstat, diffstatEntryFor, parseDiffstat } from './diffstat.ts';
import { treePath } from './diff-paths.ts';
import type { Diffstat, Discrepancy, FileDiff, Hunk, Repair } from './types.ts';
import { pseudoHeaderKey, type PseudoHeaders } from './web-archive.ts';

const HUNK_HEADER = /@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@ ?/g;
const INDEX_MARKER = /(?:^|\s)Index: (\S+)/g;
const GIT_MARKER = /(?:^|\s)diff --git (\S+) (\S+)/g;
const FILE_MARKERS = /(?:^|\s)--- (\S+)(?:[ \t]+\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(?:\.\d+)? [+-]\d{4})? \+\+\+ (\S+)/g;
const HEADER_LABEL = /(?:^|\s)(From|Date|Subject|To|Cc|Message-I[dD]|In-Reply-To|References):\s/g;

/** diff -p prints at most 40 characters of function context; git prints up to 80. */
const GNU_HEADER_WIDTH = 40;
const GIT_HEADER_WIDTH = 80;

export interface RunOnRecovery {
  headers: PseudoHeaders;
  commitMessage: string;
  diffstat: Diffstat | null;
  files: FileDiff[];
  /** How wide the hunk-header function text was taken to be. */
  headerWidth: number;
  baseCommit: string | null;
  repairs: Repair[];
  discrepancies: Discrepancy[];
}

/** A text holding hunk headers, none of which starts a line: its newlines were lost. */
export function isRunOnText(text: string): boolean {
  if (/^@@ -\d+(?:,\d+)? \+\d+(?:,\d+)? @@/m.test(text)) return false;
  return /\S @@ -\d+(?:,\d+)? \+\d+(?:,\d+)? @@/.test(text);
}

interface FileEvent {
  at: number;
  end: number;
  kind: 'index' | 'git' | 'markers';
  oldName: string;
  newName: string;
}

function fileEvents(text: string): FileEvent[] {
  const events: FileEvent[] = [];
  for (const m of text.matchAll(INDEX_MARKER)) {
    events.push({ at: m.index, end: m.index + m[0].length, kind: 'index', oldName: m[1] ?? '', newName: m[1] ?? '' });
  }
  for (const m of text.matchAll(GIT_MARKER)) {
    events.push({ at: m.index, end: m.index + m[0].length, kind: 'git', oldName: m[1] ?? '', newName: m[2] ?? '' });
  }
  for (const m of text.matchAll(FILE_MARKERS)) {
    events.push({ at: m.index, end: m.index + m[0].length, kind: 'markers', oldName: m[1] ?? '', newName: m[2] ?? '' });
  }
  return events.sort((a, b) => a.at - b.at);
}

/**
 * The end of a subject whose line break is gone: the first capitalised word after a word that
 * ends in a lowercase letter or digit, past the "[PATCH] area:" part. Subjects are lowercase
 * after their prefix by kernel convention; the commit message starts a sentence.
 */
function guessSubjectEnd(value: string): number {
  // Skip "[PATCH v2 1/3] block: ", where capitals are part of the subject.
  const prefix = /^\s*(?:\[[^\]]*\]\s*)*(?:[\w./-]+:\s+)?/.exec(value)?.[0].length ?? 0;
  const boundary = /[a-z0-9)'"]\s+(?=[A-Z][a-z]+\b)/g;
  boundary.lastIndex = prefix;
  const match = boundary.exec(value);
  return match === null ? Math.min(value.length, 150) : match.index + 1;
}

function valueEnd(label: string, value: string): number {
  if (label === 'subject') return guessSubjectEnd(value);
  if (label === 'from') {
    const close = value.indexOf('>');
    return close >= 0 ? close + 1 : guessSubjectEnd(value);
  }
  if (label === 'date') {
    const date = /^.*?\d{1,2}:\d{2}(?::\d{2})?(?:\s*[+-]\d{4})?(?:\s*\([A-Z]+\))?/.exec(value);
    return date === null ? value.length : date[0].length;
  }
  return guessSubjectEnd(value);
}

/**
 * The first cluster of header labels ("Date: ... From: ... Subject: ...") before the diff,
 * as a forwarded message or a pasted header block leaves it. Each value runs to the next label;
 * the last one's end is guessed.
 */
function readHeaderCluster(text: string, repairs: Repair[]): { headers: PseudoHeaders; end: number } {
  const labels = [...text.matchAll(HEADER_LABEL)].map((m) => ({
    key: (m[1] ?? '').toLowerCase(),
    at: m.index + m[0].length - (m[1] ?? '').length - 2,
    valueAt: m.index + m[0].length,
  }));
  const MAX_VALUE = 400;
  for (let first = 0; first < labels.length; first++) {
    let last = first;
    while (last + 1 < labels.length && (labels[last + 1]?.at ?? 0) - (labels[last]?.valueAt ?? 0) < MAX_VALUE) last++;
    const cluster = labels.slice(first, last + 1);
    if (cluster.length < 2 || !cluster.some((l) => l.key === 'subject' || l.key === 'from')) {
      first = last;
      continue;
    }
    const headers: PseudoHeaders = {};
    let end = 0;
    cluster.forEach((label, i) => {
      const next = cluster[i + 1];
      let value = text.slice(label.valueAt, next === undefined ? label.valueAt + MAX_VALUE : next.at);
      if (next === undefined) {
        const cut = valueEnd(label.key, value);
        if (label.key === 'subject') {
          repairs.push({
            kind: 'subject-end-guessed',
            detail: `the line break after the subject was lost; it was taken to end before "${value.slice(cut).trim().split(/\s+/).slice(0, 4).join(' ')} ..." where a sentence starts`,
          });
        }
        value = value.slice(0, cut);
      }
      end = label.valueAt + value.length;
      const key = pseudoHeaderKey(label.key);
      if (key !== undefined && headers[key] === undefined) headers[key] = value.trim();
    });
    return { headers, end };
  }
  return { headers: {}, end: 0 };
}

interface HunkSpan {
  hunk: Hunk;
  at: number;
}

/** A name from a file marker as a tree path; null for /dev/null. */
function markerPath(name: string): string | null {
  return name === '/dev/null' ? null : treePath(name);
}

/** Puts each hunk under the file whose markers come before it. */
function groupHunksUnderFiles(text: string, events: readonly FileEvent[], hunkMatches: readonly RegExpExecArray[], headerWidth: number): { file: FileDiff; spans: HunkSpan[] }[] {
  const files: { file: FileDiff; spans: HunkSpan[] }[] = [];
  let eventIndex = 0;
  for (const match of hunkMatches) {
    let opened = false;
    while (eventIndex < events.length && (events[eventIndex]?.at ?? Infinity) < match.index) {
      const event = events[eventIndex++];
      if (event === undefined) continue;
      const current = files[files.length - 1];
      const oldPath = markerPath(event.oldName);
      const newPath = markerPath(event.newName);
      // "--- +++" right after "Index:"/"diff --git" names the same file.
      if (event.kind === 'markers' && current !== undefined && current.spans.length === 0 && opened) {
        Object.assign(current.file, { oldPath, newPath, path: newPath ?? oldPath ?? current.file.path });
        continue;
      }
      files.push({
        file: { path: newPath ?? oldPath ?? 'unknown', oldPath, newPath, added: null, removed: null, countsFrom: 'unknown', binary: false, hunks: [] },
        spans: [],
      });
      opened = true;
    }
    const current = files[files.length - 1];
    if (current === undefined) continue;
    const afterHeader = match.index + match[0].length;
    const hunk: Hunk = {
      oldStart: Number(match[1]),
      oldCount: match[2] === undefined ? 1 : Number(match[2]),
      newStart: Number(match[3]),
      newCount: match[4] === undefined ? 1 : Number(match[4]),
      headerText: text.slice(afterHeader, afterHeader + headerWidth).trimEnd(),
      lines: null,
    };
    current.spans.push({ hunk, at: afterHeader + hunk.headerText.length });
    current.file.hunks.push(hunk);
  }
  return files;
}

export function recoverRunOn(text: string): RunOnRecovery {
  const repairs: Repair[] = [];
  const discrepancies: Discrepancy[] = [];
  repairs.push({
    kind: 'newlines-lost',
    count: text.length,
    detail: `the text has no line breaks (${text.length} characters run together): it was copied from an archive page as running text`,
  });
  const events = fileEvents(text);
  const hunkMatches = [...text.matchAll(HUNK_HEADER)];
  const diffStart = Math.min(events[0]?.at ?? text.length, hunkMatches[0]?.index ?? text.length);

  const { headers, end: headersEnd } = readHeaderCluster(text.slice(0, diffStart), repairs);
  // The patch break: the last " --- " before the diff, followed by the diffstat.
  const preDiff = text.slice(0, diffStart);
  const breakAt = preDiff.lastIndexOf(' --- ');
  const diffstat = breakAt >= 0 ? parseDiffstat(preDiff.slice(breakAt + 5)) : null;
  const commitMessage = text.slice(headersEnd, breakAt >= 0 ? breakAt : diffStart).trim();
  const baseCommit = /base-commit: ([0-9a-f]{7,64})\b/.exec(text.slice(diffStart))?.[1] ?? null;

  const usesGit = events.some((e) => e.kind === 'git');
  const headerWidth = usesGit ? GIT_HEADER_WIDTH : GNU_HEADER_WIDTH;
  const files = groupHunksUnderFiles(text, events, hunkMatches, headerWidth);

  // Each body runs to the next hunk or file marker; the last stops at the signature ("-- ").
  const boundaries = [...hunkMatches.map((m) => m.index), ...events.map((e) => e.at)].sort((a, b) => a - b);
  const allSpans = files.flatMap((f) => f.spans);
  for (const span of allSpans) {
    let end = boundaries.find((b) => b > span.at) ?? text.length;
    if (end === text.length) {
      const signature = text.slice(span.at).search(/\s--\s(?!.*@@)/s);
      if (signature >= 0) end = span.at + signature;
    }
    span.hunk.runOnBody = text.slice(span.at, end).trim();
  }

  for (const { file } of files) {
    repairs.push({
      kind: 'hunk-lines-unrecoverable',
      file: file.path,
      count: file.hunks.length,
      detail:
        `${file.hunks.length} hunk bod${file.hunks.length === 1 ? 'y' : 'ies'} cannot be split back into lines (a '+', '-' or ' ' line prefix looks like the same character inside a line); ` +
        'functions come from the hunk headers and from added/removed definitions, so whether a header\'s function itself changed cannot be told',
    });
    recoverCounts(file, diffstat, repairs, discrepancies);
  }
  const hunkCount = files.reduce((n, f) => n + f.file.hunks.length, 0);
  if (hunkCount > 0) {
    repairs.push({
      kind: 'hunk-header-text-guessed',
      count: hunkCount,
      detail: `the function text after each @@ was taken as the next ${headerWidth} characters (${usesGit ? "git's" : "diff -p's"} limit); a shorter original header runs into body text, which only the name before '(' is read from`,
    });
  }
  if (diffstat !== null) discrepancies.push(...compareWithDiffstat(files.map((f) => f.file), diffstat));
  return { headers, commitMessage, diffstat, files: files.map((f) => f.file), headerWidth, baseCommit, repairs, discrepancies };
}

/** added + removed is the diffstat's total; added - removed is the hunk headers' net change. */
function recoverCounts(file: FileDiff, diffstat: Diffstat | null, repairs: Repair[], discrepancies: Discrepancy[]): void {
  const entry = diffstat === null ? undefined : diffstatEntryFor(diffstat, file.path);
  if (entry === undefined) {
    repairs.push({
      kind: 'counts-unrecoverable',
      file: file.path,
      detail: 'no diffstat entry names this file, and lines cannot be counted without line breaks: added/removed are unknown',
    });
    return;
  }
  const net = file.hunks.reduce((sum, h) => sum + (h.newCount - h.oldCount), 0);
  const added = (entry.changed + net) / 2;
  const removed = (entry.changed - net) / 2;
  if (!Number.isInteger(added) || added < 0 || removed < 0) {
    discrepancies.push({
      kind: 'diffstat-mismatch',
      file: file.path,
      detail: `the diffstat total ${entry.changed} and the hunk headers' net change ${net} do not fit together`,
    });
    repairs.push({ kind: 'counts-unrecoverable', file: file.path, detail: 'the diffstat and the hunk headers disagree: added/removed are unknown' });
    return;
  }
  file.added = added;
  file.removed = removed;
  file.countsFrom = 'diffstat-and-hunk-headers';
  repairs.push({
    kind: 'counts-from-diffstat',
    file: file.path,
    detail: `diffstat total ${entry.changed} and the hunk headers' net change ${net >= 0 ? '+' : ''}${net} give +${added}/-${removed}`,
  });
}
