// Reads one hunk by its @@ counts, the way patch(1) and git apply do: the hunk ends when its
// old and new line counts are used up, so a signature, a footer or the next file's header after
// it is never taken for diff content. Counting is also what makes web-archive damage repairable:
// inside a hunk, a line that starts with none of ' ', '+', '-', '\' can only be a context line
// that lost its leading space, and an empty line an empty context line.
import type { Discrepancy, Hunk, HunkLine, Repair } from './types.ts';

export const HUNK_HEADER = /^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@ ?(.*)$/;

/** A repair or discrepancy found in a hunk, before the file and hunk number are known. */
export type HunkRepair = Omit<Repair, 'file' | 'hunk'>;
export type HunkDiscrepancy = Omit<Discrepancy, 'file' | 'hunk'>;

export interface HunkRead {
  hunk: Hunk;
  /** Index of the first line after the hunk. */
  next: number;
  repairs: HunkRepair[];
  discrepancies: HunkDiscrepancy[];
}

/** A line that cannot be hunk content because it starts the next hunk or file. */
export function startsDiffSection(lines: readonly string[], index: number): boolean {
  const line = lines[index] ?? '';
  if (HUNK_HEADER.test(line)) return true;
  if (line.startsWith('diff --git ') || line.startsWith('Index: ')) return true;
  return line.startsWith('--- ') && (lines[index + 1] ?? '').startsWith('+++ ');
}

export function readHunk(lines: readonly string[], at: number): HunkRead | null {
  const header = HUNK_HEADER.exec(lines[at] ?? '');
  if (header === null) return null;
  const oldCount = header[2] === undefined ? 1 : Number(header[2]);
  const newCount = header[4] === undefined ? 1 : Number(header[4]);
  let oldLeft = oldCount;
  let newLeft = newCount;
  const hunkLines: HunkLine[] = [];
  const discrepancies: HunkDiscrepancy[] = [];
  let missingSpace = 0;
  let emptyContext = 0;
  let i = at + 1;
  for (; i < lines.length && (oldLeft > 0 || newLeft > 0); i++) {
    if (startsDiffSection(lines, i)) break;
    const raw = lines[i] ?? '';
    const prefix = raw[0];
    let line: HunkLine;
    if (prefix === '\\') {
      hunkLines.push({ kind: 'no-newline-marker', text: raw.slice(1) });
      continue;
    } else if (prefix === '+') {
      line = { kind: 'added', text: raw.slice(1) };
    } else if (prefix === '-') {
      line = { kind: 'removed', text: raw.slice(1) };
    } else if (prefix === ' ') {
      line = { kind: 'context', text: raw.slice(1) };
    } else if (raw === '') {
      line = { kind: 'context', text: '', repaired: true };
    } else {
      line = { kind: 'context', text: raw, repaired: true };
    }
    const usesOld = line.kind !== 'added';
    const usesNew = line.kind !== 'removed';
    if ((usesOld && oldLeft === 0) || (usesNew && newLeft === 0)) {
      discrepancies.push({
        kind: 'hunk-count-mismatch',
        detail: `a ${line.kind} line arrived after the ${usesOld && oldLeft === 0 ? 'old' : 'new'} count was used up; the hunk was closed there`,
      });
      break;
    }
    if (usesOld) oldLeft--;
    if (usesNew) newLeft--;
    if (line.repaired === true) {
      if (line.text === '') emptyContext++;
      else missingSpace++;
    }
    hunkLines.push(line);
  }
  // A "\ No newline" marker may follow the hunk's last counted line.
  if ((lines[i] ?? '').startsWith('\\')) {
    hunkLines.push({ kind: 'no-newline-marker', text: (lines[i] ?? '').slice(1) });
    i++;
  }
  const repairs: HunkRepair[] = [];
  if (missingSpace > 0) {
    repairs.push({
      kind: 'context-missing-space',
      count: missingSpace,
      detail:
        `${missingSpace} context line(s) had lost their leading space and were restored from the hunk counts; ` +
        'their own indentation was lost too and cannot be restored, so the hunk text is not byte-exact',
    });
  }
  if (emptyContext > 0) {
    repairs.push({
      kind: 'empty-context-line',
      count: emptyContext,
      detail: `${emptyContext} empty line(s) inside the hunk read as empty context lines whose single space was stripped`,
    });
  }
  if (oldLeft > 0 || newLeft > 0) {
    repairs.push({
      kind: 'hunk-ended-early',
      count: Math.max(oldLeft, newLeft),
      detail: `the hunk ended with ${oldLeft} old and ${newLeft} new line(s) of its @@ counts not found; the lines present were kept`,
    });
  }
  return {
    hunk: {
      oldStart: Number(header[1]),
      oldCount,
      newStart: Number(header[3]),
      newCount,
      headerText: header[5] ?? '',
      lines: hunkLines,
    },
    next: i,
    repairs,
    discrepancies,
  };
}
