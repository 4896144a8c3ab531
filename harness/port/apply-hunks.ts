// Applies a patch's hunks to the C of a base, in memory. Mails from web archives lose
// indentation (seed 000) or every newline (seed 001), and a patch may have been written against
// a tree a few lines off the base, so a hunk is matched by the C's tokens, not its bytes:
//
// - A hunk with lines: its old side (context and removed lines) must equal consecutive lines of
//   the file token for token, at the stated line or the nearest offset within SEARCH lines.
// - A run-on hunk (newlines lost): the body's tokens are aligned with the file's lines. Context
//   and removed lines must equal file lines token for token (a removed one follows a '-'); the
//   tokens between them, starting with '+', are added lines; the alignment must use exactly the
//   hunk's old and new line counts (where two alignments fit them, the one that removes a blank
//   line rather than a code line). Added lines come back with their tokens joined by spaces,
//   which C does not mind (a preprocessor line among them is refused: it needs its own line).
//
// The result is the patched text of every file, or one problem per hunk that could not be placed.

import type { FileDiff, Hunk } from '../ingest/types.ts';

/** How far from its stated line a hunk is looked for. */
const SEARCH = 400;

export interface AppliedHunk {
  file: string;
  /** 1-based number of the hunk within its file. */
  hunk: number;
  /** Where it applied: its stated line plus `offset`. */
  offset: number;
}

export interface HunkProblem {
  file: string;
  hunk: number;
  what: string;
}

export interface AppliedPatch {
  /** The patched text of each file the patch changes. */
  texts: Map<string, string>;
  applied: AppliedHunk[];
  problems: HunkProblem[];
}

const tokens = (s: string): string[] => s.split(/\s+/).filter((t) => t.length > 0);

function sameTokens(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((t, i) => t === b[i]);
}

/** A hunk as the lines to put in place of `oldCount` file lines. */
interface Placement {
  at: number;
  oldCount: number;
  newLines: string[];
}


/** Line hunk: old side matched at `start` (0-based) or null. */
function matchLines(file: readonly string[][], hunk: Hunk, start: number): Placement | null {
  const lines = hunk.lines ?? [];
  const old = lines.filter((l) => l.kind === 'context' || l.kind === 'removed');
  if (start < 0 || start + old.length > file.length) return null;
  for (let k = 0; k < old.length; k++) if (!sameTokens(file[start + k], tokens(old[k].text))) return null;
  return { at: start, oldCount: old.length, newLines: [] };
}

/**
 * Run-on hunk: aligns the body's tokens with file lines from `start`, returning the new side's
 * lines (context lines from the file, added lines rebuilt from tokens), or null.
 */
function alignRunOn(file: readonly string[][], fileText: readonly string[], hunk: Hunk, start: number): Placement | null {
  const body = tokens(hunk.runOnBody ?? '');
  const old = file.slice(start, start + hunk.oldCount);
  if (start < 0 || old.length < hunk.oldCount) return null;
  type Step = { kind: 'ctx' | 'rem'; line: number } | { kind: 'add'; text: string };
  const memo = new Map<string, Step[] | null>();
  const go = (i: number, p: number, ctx: number, add: number): Step[] | null => {
    const key = `${i},${p},${ctx},${add}`;
    if (memo.has(key)) return memo.get(key) as Step[] | null;
    memo.set(key, null);
    let out: Step[] | null = null;
    if (p === body.length && i === old.length) out = ctx + add === hunk.newCount ? [] : null;
    const line = (kind: 'ctx' | 'rem', at: number, glued: boolean): Step[] | null => {
      const t = old[i];
      if (t === undefined || (glued && t.length === 0)) return null;
      for (let k = 0; k < t.length; k++) {
        const b = glued && k === 0 ? body[at]?.slice(1) : body[at + k];
        if (b !== t[k]) return null;
      }
      const rest = go(i + 1, at + t.length, ctx + (kind === 'ctx' ? 1 : 0), add);
      return rest === null ? null : [{ kind, line: start + i }, ...rest];
    };
    // A blank file line before a "-": either the blank line is removed and the text after the
    // "-" is the next (context) line, or the blank line is context and the "-" removes the next
    // line; the counts cannot tell (seed 001's "- p = mempool_alloc(...)" in bio_alloc_bioset).
    // The lost newline is read as the smaller change: the blank line goes, the code line stays.
    if (i < old.length && old[i].length === 0 && body[p] === '-') out = line('rem', p + 1, false);
    if (out === null && i < old.length) out = line('ctx', p, false);
    // "-" apart from the text removes an indented or empty line; "-text" glued, one at column 0.
    const indented = i < old.length && /^(\s|$)/.test(fileText[start + i] as string);
    if (out === null && indented && body[p] === '-') out = line('rem', p + 1, false);
    if (out === null && i < old.length && !indented && body[p]?.startsWith('-') && (body[p] as string).length > 1) out = line('rem', p, true);
    if (out === null && body[p]?.startsWith('+')) {
      for (let e = p + 1; e <= body.length && out === null; e++) {
        // An added line ends where the next diff line starts: '+', '-', or a context line.
        if (e < body.length && !/^[+-]/.test(body[e] as string) && !(i < old.length && body[e] === old[i][0])) continue;
        const rest = go(i, e, ctx, add + 1);
        if (rest !== null) {
          const words = body.slice(p, e);
          const text = [(words[0] as string).slice(1), ...words.slice(1)].filter((w) => w !== '').join(' ');
          out = [{ kind: 'add', text }, ...rest];
        }
      }
    }
    memo.set(key, out);
    return out;
  };
  const steps = go(0, 0, 0, 0);
  if (steps === null) return null;
  const newLines: string[] = [];
  for (const s of steps) {
    if (s.kind === 'ctx') newLines.push(fileText[s.line] as string);
    else if (s.kind === 'add') newLines.push(s.text);
  }
  return { at: start, oldCount: hunk.oldCount, newLines };
}

/** The new side of a line hunk: context lines as the file has them, added lines as mailed. */
function newSideOfLines(fileText: readonly string[], hunk: Hunk, at: number): string[] {
  const out: string[] = [];
  let k = at;
  for (const l of hunk.lines ?? []) {
    if (l.kind === 'context') out.push(fileText[k++] as string);
    else if (l.kind === 'removed') k++;
    else if (l.kind === 'added') out.push(l.text);
  }
  return out;
}

/**
 * Run-on added lines with the preprocessor directives that can be told apart put back on their
 * own lines: #if/#ifdef/#ifndef NAME, #else, #endif and #include <x> or "x", each with an
 * optional trailing comment. Returns the directive text that cannot be delimited (a #define,
 * whose end is the lost newline) instead.
 */
function splitDirectives(lines: readonly string[]): string[] | string {
  const out: string[] = [];
  const directive = /#\s*(?:(?:ifdef|ifndef|if|elif|undef)\s+[A-Za-z_]\w*|else|endif|include\s*(?:<[^>]*>|"[^"]*"))(?:\s*\/\*.*?\*\/)?/g;
  for (const line of lines) {
    if (!line.includes('#')) {
      out.push(line);
      continue;
    }
    let rest = line;
    for (;;) {
      const at = rest.search(/#\s*[a-z]/);
      if (at < 0) break;
      directive.lastIndex = at;
      const m = directive.exec(rest);
      if (m === null || m.index !== at) return rest.slice(at);
      if (rest.slice(0, at).trim() !== '') out.push(rest.slice(0, at).trimEnd());
      out.push(m[0]);
      rest = rest.slice(at + m[0].length);
    }
    if (rest.trim() !== '') out.push(rest.trim());
  }
  return out;
}

/** Offsets to try, nearest first: 0, -1, +1, -2, +2 ... */
function* nearest(limit: number): Generator<number> {
  yield 0;
  for (let d = 1; d <= limit; d++) {
    yield -d;
    yield d;
  }
}

function place(file: readonly string[][], fileText: readonly string[], hunk: Hunk): Placement | null {
  for (const d of nearest(SEARCH)) {
    const start = hunk.oldStart - 1 + d;
    if (hunk.lines !== null) {
      const m = matchLines(file, hunk, start);
      if (m !== null) return { ...m, newLines: newSideOfLines(fileText, hunk, start) };
    } else {
      const m = alignRunOn(file, fileText, hunk, start);
      if (m !== null) return m;
    }
  }
  return null;
}

/** Applies every file diff to `read(path)` (the base's text, or null when the base lacks it). */
export function applyFileDiffs(files: readonly FileDiff[], read: (path: string) => string | null): AppliedPatch {
  const texts = new Map<string, string>();
  const applied: AppliedHunk[] = [];
  const problems: HunkProblem[] = [];
  for (const f of files) {
    const path = f.oldPath ?? f.path;
    const base = read(path);
    if (base === null) {
      problems.push({ file: f.path, hunk: 0, what: f.oldPath === null ? 'a new file: the model has no place for it' : 'not in the C of this base' });
      continue;
    }
    const fileText = base.split('\n');
    const fileTokens = fileText.map(tokens);
    const placements: Placement[] = [];
    f.hunks.forEach((h, idx) => {
      const p = place(fileTokens, fileText, h);
      const n = idx + 1;
      if (p === null) {
        problems.push({ file: f.path, hunk: n, what: `@@ -${h.oldStart},${h.oldCount} +${h.newStart},${h.newCount} @@ ${h.headerText}`.trimEnd() + `: its old lines are not in the C within ${SEARCH} lines of line ${h.oldStart}` });
        return;
      }
      if (h.lines === null) {
        const split = splitDirectives(p.newLines);
        if (typeof split === 'string') {
          problems.push({ file: f.path, hunk: n, what: `a preprocessor line among run-on added lines cannot be put back on its own line: ${split.slice(0, 60)}` });
          return;
        }
        p.newLines = split;
      }
      placements.push(p);
      applied.push({ file: f.path, hunk: n, offset: p.at - (h.oldStart - 1) });
    });
    // Bottom up, so that earlier placements keep their line numbers.
    const out = [...fileText];
    for (const p of [...placements].sort((a, b) => b.at - a.at)) out.splice(p.at, p.oldCount, ...p.newLines);
    texts.set(path, out.join('\n'));
  }
  return { texts, applied, problems };
}
