// Splits an mbox into its messages. Lore serves threads as mboxrd (body lines that start with
// "From " are quoted as ">From ", and ">From " as ">>From "), git format-patch writes one
// message per file behind a "From <sha> Mon Sep 17 00:00:00 2001" line. Work is done on a
// latin1 view of the bytes so every byte survives unchanged for the MIME parser, which knows the
// charset.

/**
 * The separator line: "From " then an address or sha, then an asctime-style date. Requiring
 * the date keeps a body line like "From the logs:" in a hand-made mbox from splitting a mail.
 */
const SEPARATOR = /^From \S+ +(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) +(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) +\d{1,2} +\d{1,2}:\d{2}/;

/** mboxrd quoting: one '>' is removed from any line of '>'s followed by "From ". */
const QUOTED_FROM = /^>(>*From )/;

export function isMboxSeparator(line: string): boolean {
  return SEPARATOR.test(line);
}

export function looksLikeMbox(bytes: Buffer): boolean {
  const firstLine = bytes.subarray(0, 200).toString('latin1').split(/\r?\n/, 1)[0] ?? '';
  return isMboxSeparator(firstLine);
}

/** The raw messages of an mbox, separator lines removed and mboxrd quoting undone. */
export function splitMbox(bytes: Buffer): Buffer[] {
  const lines = bytes.toString('latin1').split('\n');
  const messages: string[][] = [];
  let current: string[] | null = null;
  for (const line of lines) {
    if (isMboxSeparator(line.replace(/\r$/, ''))) {
      current = [];
      messages.push(current);
      continue;
    }
    // Text before the first separator is not part of any message.
    if (current === null) continue;
    current.push(line.replace(QUOTED_FROM, '$1'));
  }
  return messages.map((messageLines) => Buffer.from(messageLines.join('\n'), 'latin1'));
}
