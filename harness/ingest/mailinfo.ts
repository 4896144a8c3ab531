// Splits a mail body into commit message and patch the way `git mailinfo --scissors` does:
// a scissors line discards what precedes it; From/Subject/Date lines at the very top of the
// (remaining) body override the mail's own headers; the message ends at the first line that
// starts a patch ("---", "diff -", "Index: ", "--- <file>"). Lines quoted with '>' never start a
// patch, so a reply that quotes a diff yields no patch here.

export interface InBodyHeaders {
  from?: string;
  subject?: string;
  date?: string;
}

export interface MailInfo {
  inBodyHeaders: InBodyHeaders;
  commitMessage: string;
  /** From the patch break on: diffstat, diff, signature. Empty when the body has no patch break. */
  patchText: string;
  /** The `base-commit:` line git format-patch --base writes after the diff. */
  baseCommit: string | null;
  scissors: boolean;
}

/** Port of git's is_scissors_line(): "-- >8 --", "--8<--", "------ >8 ------ cut here". */
export function isScissorsLine(line: string): boolean {
  let scissors = 0;
  let gap = 0;
  let perforation = 0;
  let inPerforation = false;
  let firstNonblank = -1;
  let lastNonblank = -1;
  for (let i = 0; i < line.length; i++) {
    const c = line[i] ?? '';
    if (/\s/.test(c)) {
      if (inPerforation) {
        perforation++;
        gap++;
      }
      continue;
    }
    lastNonblank = i;
    if (firstNonblank < 0) firstNonblank = i;
    if (c === '-') {
      inPerforation = true;
      perforation++;
      continue;
    }
    const pair = line.slice(i, i + 2);
    if (pair === '>8' || pair === '8<' || pair === '>%' || pair === '%<') {
      inPerforation = true;
      perforation += 2;
      scissors += 2;
      i++;
      continue;
    }
    inPerforation = false;
  }
  const visible = firstNonblank < 0 ? 0 : lastNonblank - firstNonblank + 1;
  // As in git: the mark is at least 8 wide, the perforation fills more than a third of the
  // visible line, and dashes and scissors fill more than half of the perforation.
  return scissors > 0 && visible >= 8 && visible < perforation * 3 && gap * 2 < perforation;
}

/** Port of git's patchbreak(): the first line of the patch part of a body. */
export function isPatchBreak(line: string): boolean {
  if (line.startsWith('diff -')) return true;
  if (line.startsWith('Index: ')) return true;
  if (line.length < 4 && line !== '---') return false;
  if (line.startsWith('---')) {
    // "--- <filename>" starts a patch without a diff header; "---" plus blanks is the separator.
    if (line[3] === ' ' && line.length > 4 && !/\s/.test(line[4] ?? '')) return true;
    return /^---\s*$/.test(line);
  }
  return false;
}

const IN_BODY_HEADER = /^(From|Subject|Date):\s*(.*)$/i;

function readInBodyHeaders(lines: string[], start: number): { headers: InBodyHeaders; next: number } {
  const headers: InBodyHeaders = {};
  let i = start;
  while (i < lines.length && (lines[i] ?? '').trim() === '') i++;
  let found = false;
  let lastKey: keyof InBodyHeaders | null = null;
  for (; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const match = IN_BODY_HEADER.exec(line);
    if (match !== null) {
      lastKey = (match[1] ?? '').toLowerCase() as keyof InBodyHeaders;
      headers[lastKey] = (match[2] ?? '').trim();
      found = true;
      continue;
    }
    // RFC 5322 folding: a continuation line starts with whitespace.
    if (found && lastKey !== null && /^[ \t]+\S/.test(line)) {
      headers[lastKey] = `${headers[lastKey] ?? ''} ${line.trim()}`;
      continue;
    }
    break;
  }
  return { headers, next: found ? i : start };
}

export function mailinfo(body: string): MailInfo {
  let lines = body.split('\n');
  // The scissors line must come before the patch: one inside the diff is diff content.
  const firstBreak = lines.findIndex(isPatchBreak);
  const searchEnd = firstBreak < 0 ? lines.length : firstBreak;
  const scissorsAt = lines.slice(0, searchEnd).findIndex(isScissorsLine);
  if (scissorsAt >= 0) lines = lines.slice(scissorsAt + 1);

  const { headers, next } = readInBodyHeaders(lines, 0);
  const rest = lines.slice(next);
  const breakAt = rest.findIndex(isPatchBreak);
  const messageLines = breakAt < 0 ? rest : rest.slice(0, breakAt);
  const patchLines = breakAt < 0 ? [] : rest.slice(breakAt);
  const baseLine = patchLines.find((line) => /^base-commit: [0-9a-f]{7,64}\s*$/.test(line));
  return {
    inBodyHeaders: headers,
    commitMessage: messageLines.join('\n').trim(),
    patchText: patchLines.join('\n'),
    baseCommit: baseLine === undefined ? null : baseLine.slice('base-commit: '.length).trim(),
    scissors: scissorsAt >= 0,
  };
}
