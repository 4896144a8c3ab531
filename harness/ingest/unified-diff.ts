// Parses the diff part of a patch into files and hunks. Accepts git diffs ("diff --git", rename
// and binary headers), quilt/CVS diffs ("Index:" and "===="), and bare "---"/"+++" pairs. Lines
// between files and after the last hunk (diffstat, signature, list footer) are not diff content:
// hunks are read by their counts (hunk-reader.ts), so nothing else is ever taken for a diff line.
import { nameFromMarkerLine, namesFromGitDiffLine, treePath } from './diff-paths.ts';
import { HUNK_HEADER, readHunk } from './hunk-reader.ts';
import type { Discrepancy, FileDiff, Repair } from './types.ts';

export interface ParsedDiff {
  files: FileDiff[];
  repairs: Repair[];
  discrepancies: Discrepancy[];
}

interface FileUnderConstruction {
  file: FileDiff;
  /** Whether "---"/"+++" lines have named the file yet (they refine Index:/diff headers). */
  hasMarkerNames: boolean;
}

function newFile(oldName: string | null, newName: string | null, fallback: string): FileUnderConstruction {
  const oldPath = oldName === null ? null : treePath(oldName);
  const newPath = newName === null ? null : treePath(newName);
  return {
    file: {
      path: newPath ?? oldPath ?? treePath(fallback),
      oldPath,
      newPath,
      added: 0,
      removed: 0,
      countsFrom: 'hunk-lines',
      binary: false,
      hunks: [],
    },
    hasMarkerNames: false,
  };
}

function setNames(entry: FileUnderConstruction, oldName: string | null, newName: string | null): void {
  const { file } = entry;
  file.oldPath = oldName === null ? null : treePath(oldName);
  file.newPath = newName === null ? null : treePath(newName);
  file.path = file.newPath ?? file.oldPath ?? file.path;
  entry.hasMarkerNames = true;
}

export function parseUnifiedDiff(text: string): ParsedDiff {
  const lines = text.split('\n').map((line) => line.replace(/\r$/, ''));
  const files: FileDiff[] = [];
  const repairs: Repair[] = [];
  const discrepancies: Discrepancy[] = [];
  let current: FileUnderConstruction | null = null;
  const start = (entry: FileUnderConstruction): FileUnderConstruction => {
    files.push(entry.file);
    return entry;
  };

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const entry: FileUnderConstruction | null = current;
    if (line.startsWith('diff --git ')) {
      const names = namesFromGitDiffLine(line.slice('diff --git '.length));
      current = start(newFile(names?.oldName ?? null, names?.newName ?? null, names?.newName ?? 'unknown'));
    } else if (line.startsWith('Index: ')) {
      const name = line.slice('Index: '.length).trim();
      current = start(newFile(name, name, name));
    } else if (/^diff (?:-\S+ )*\S+ \S+$/.test(line) && !line.startsWith('diff --git')) {
      // A plain "diff -urN old new" command line.
      const words = line.split(' ');
      current = start(newFile(words[words.length - 2] ?? null, words[words.length - 1] ?? null, words[words.length - 1] ?? 'unknown'));
    } else if (line.startsWith('--- ') && (lines[i + 1] ?? '').startsWith('+++ ')) {
      const oldName = nameFromMarkerLine(line.slice(4));
      const newName = nameFromMarkerLine((lines[i + 1] ?? '').slice(4));
      if (entry !== null && entry.file.hunks.length === 0 && !entry.hasMarkerNames) setNames(entry, oldName, newName);
      else {
        const fresh = newFile(oldName, newName, newName ?? oldName ?? 'unknown');
        fresh.hasMarkerNames = true;
        current = start(fresh);
      }
      i++;
    } else if (HUNK_HEADER.test(line)) {
      if (entry === null) {
        discrepancies.push({ kind: 'hunk-without-file', detail: `a hunk header with no file header before it was skipped: "${line}"` });
        continue;
      }
      const read = readHunk(lines, i);
      if (read === null) continue;
      const hunkNumber = entry.file.hunks.length + 1;
      entry.file.hunks.push(read.hunk);
      for (const hunkLine of read.hunk.lines ?? []) {
        if (hunkLine.kind === 'added') entry.file.added = (entry.file.added ?? 0) + 1;
        else if (hunkLine.kind === 'removed') entry.file.removed = (entry.file.removed ?? 0) + 1;
      }
      for (const repair of read.repairs) repairs.push({ ...repair, file: entry.file.path, hunk: hunkNumber });
      for (const d of read.discrepancies) discrepancies.push({ ...d, file: entry.file.path, hunk: hunkNumber });
      i = read.next - 1;
    } else if (entry !== null && (line.startsWith('Binary files ') || line === 'GIT binary patch')) {
      entry.file.binary = true;
    } else if (entry !== null && line.startsWith('rename from ')) {
      entry.file.oldPath = line.slice('rename from '.length).trim();
    } else if (entry !== null && line.startsWith('rename to ')) {
      entry.file.newPath = line.slice('rename to '.length).trim();
      entry.file.path = entry.file.newPath;
    } else if (entry !== null && line.startsWith('new file mode')) {
      entry.file.oldPath = null;
    } else if (entry !== null && line.startsWith('deleted file mode')) {
      entry.file.newPath = null;
    }
  }
  return { files: files.filter((f) => f.hunks.length > 0 || f.binary || f.oldPath !== f.newPath), repairs, discrepancies };
}

/** Whether the text holds a diff that starts at a line start (quoted '>' lines never do). */
export function containsDiff(text: string): boolean {
  return parseUnifiedDiff(text).files.length > 0;
}
